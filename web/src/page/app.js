// page/app.js: the page's controller. One state object (mirrored in the URL
// hash), one render(); the controls only change the state and call render.
//
// Data flows one way: state -> traces (C core, via core.js) -> views.
import {select} from 'd3-selection';
import {stateFromHash, hashFromState, resolveStep} from '../model/state.js';
import {wireCopyLink} from '../model/share.js';
import {parseNumber, exactText, formatNumber} from '../model/number.js';
import {layer} from '../core/core.js';
import {matchStep} from '../model/timeline.js';
import {nodeName, stepSentence} from '../words/figure.js';
import {pageTranslator, applyPageText, browserLang} from '../words/page.js';
import {graphView} from '../views/graph.js';
import {stepPanelHTML} from '../views/steps.js';
import {plotView, samplePoints, plotDomain} from '../views/plot.js';
import {checkHTML, notesHTML} from '../views/check.js';
import {createExprPanel} from './expr-panel.js';
import {exprStepPanelHTML, exprStepSentence} from '../views/expr-steps.js';
import {exprCheckHTML} from '../views/expr-check.js';

// Each pane's graph, and its title's key (i18n.js's graphName, or the page's).
const PANES = {
  relu: [{id: 'relu'}],
  sigmoid: [{id: 'sigmoid'}],
  'sigmoid-steps': [{id: 'sigmoid-steps'}],
  both: [{id: 'sigmoid-steps'}, {id: 'sigmoid', titleKey: 'paneFused'}],
};
const TRAVEL_MS = 650; // one number along one edge, at speed 1
const DWELL_MS = 450; // a pause on each step while playing

export function createApp({core, root, win = window}) {
  const doc = root.ownerDocument;
  const $ = (id) => doc.getElementById(id);
  const els = {
    status: $('status'), controls: $('controls'), graphs: $('graphs'),
    x: $('x'), xSlider: $('x-slider'), xError: $('x-error'),
    dout: $('dout'), doutSlider: $('dout-slider'), doutError: $('dout-error'),
    play: $('play'), back: $('step-back'), forward: $('step-forward'), reset: $('reset'),
    timeline: $('timeline'), speed: $('speed'), precise: $('precise'),
    stepBody: $('step-body'), checkBody: $('check-body'), notes: $('notes'), notesBody: $('notes-body'),
    plot: $('plot'), plotTitle: $('plot-title'),
    plotKeyValue: $('plot-key-value'), plotKeyGrad: $('plot-key-grad'), plotHint: $('plot-hint'),
    langButtons: [...doc.querySelectorAll('.lang-switch button[data-lang]')],
  };
  const motionQuery = win.matchMedia('(prefers-reduced-motion: reduce)');

  const state = stateFromHash(win.location.hash).state;
  const run = {playing: false, generation: 0, graphs: new Map(), plot: plotView(), curves: null, lastHash: '', writtenHash: '', widths: {},
    t: null}; // the page's words in its language (page-text.js), set by render
  const handles = new Map(); // graph id -> core.Graph, built once and reused
  // The reader's own expression (graph=expr): its controls and its graph.
  const expr = createExprPanel({core, doc, state, render: () => render(), stop: () => stop(), words: () => run.t});

  function traceOf(id) {
    if (!handles.has(id)) handles.set(id, new core.Graph({graph: id}));
    return handles.get(id).trace({x: state.x}, state.dout);
  }

  // ---------------------------------------------------------------- render

  function panes() {
    if (state.graph === 'expr') return [expr.pane()];
    const t = run.t;
    const names = (node, known, fmt) => nodeName(t, node, known, fmt);
    return PANES[state.graph].map((p) => ({id: p.id, title: p.titleKey ? t(p.titleKey) : t.graphName(p.id), names, trace: traceOf(p.id)}));
  }

  // The page's language: the state's (the hash's, the reader's choice), else
  // the browser's. Rewrites the page's fixed words when it changes.
  function language() {
    const lang = state.lang ?? browserLang(win.navigator);
    if (run.t && run.t.lang === lang) return run.t;
    run.t = pageTranslator(lang);
    applyPageText(doc, run.t);
    for (const b of els.langButtons) b.setAttribute('aria-pressed', String(b.dataset.lang === run.t.lang));
    // Messages under fields that hold no number (or no expression): read
    // them again to say it in the new language. (Nothing renders for those.)
    for (const f of els.controls.querySelectorAll('input[aria-invalid="true"]')) f.dispatchEvent(new win.Event('input'));
    return run.t;
  }

  // Draw everything for the current state. With travel, the active step's
  // number moves along its edge first; resolves when that is done.
  function render({travel = false} = {}) {
    const t = language();
    const ps = panes();
    const main = ps[0].trace;
    const count = main.steps.length;
    state.step = resolveStep(state.step, count);
    const precise = state.precise;
    const motion = !motionQuery.matches;
    // Widths come from the ResizeObserver: reading them here would force a
    // layout in the middle of the DOM writes.
    const width = Math.max(280, Math.floor(run.widths.graphs || 640));

    select(els.graphs).selectAll('section.pane')
      .data(ps, (p) => p.id)
      .join((enter) => {
        const s = enter.append('section').attr('class', 'pane');
        s.append('h2').attr('class', 'pane-title');
        s.append('div').attr('class', 'pane-body');
        return s;
      })
      .classed('single', ps.length === 1)
      .each(function (p, i) {
        const pane = select(this);
        pane.select('h2').text(p.title);
        if (!run.graphs.has(p.id)) run.graphs.set(p.id, p.layout ? graphView().layout(p.layout) : graphView());
        if (p.names) run.graphs.get(p.id).names(p.names);
        pane.select('.pane-body').classed('scroll', !!p.layout);
        const step = i === 0 ? state.step : matchStep(main, p.trace, state.step);
        run.graphs.get(p.id).trace(p.trace).step(step).width(width).precise(precise).motion(motion)
          .duration(TRAVEL_MS / state.speed).title(t('figure', {name: p.title}));
        pane.select('.pane-body').call(run.graphs.get(p.id));
      });

    const isExpr = state.graph === 'expr';
    els.stepBody.innerHTML = isExpr ? exprStepPanelHTML(main, state.step, {precise, t}) : stepPanelHTML(main, state.step, {precise, t});
    els.checkBody.innerHTML = isExpr ? exprCheckHTML(main, {precise, t}) : checkHTML(ps, {precise, t});
    expr.renderControls(isExpr, main);
    const warned = ps.some((p) => p.trace.warnings.length);
    const fused = warned && state.graph === 'sigmoid-steps' ? traceOf('sigmoid') : null;
    els.notes.hidden = !warned;
    els.notesBody.innerHTML = warned ? notesHTML(ps, {fused, precise, t}) : '';
    renderPlot(main);
    renderControls(count);
    // "Ready." until the reader changes something.
    const hash = hashFromState(state);
    run.firstHash ??= hash;
    const fmt = (v) => fmtStatus(v, precise, t);
    const sentence = isExpr ? exprStepSentence(main, state.step, fmt, t) : stepSentence(t, main, state.step, fmt);
    els.status.textContent = (hash === run.firstHash ? `${t('ready')} ` : '') + sentence;

    if (hash !== run.lastHash) {
      // Once a frame at most: replaceState is slow, and edits come faster.
      if (run.lastHash === run.writtenHash) {
        win.requestAnimationFrame(() => {
          run.writtenHash = run.lastHash;
          win.history.replaceState(null, '', run.lastHash);
        });
      }
      run.lastHash = hash;
    }
    if (!travel || !motion) return Promise.resolve();
    return Promise.all(ps.map((p) => {
      const view = run.graphs.get(p.id);
      return view.travel(select(els.graphs).selectAll('section.pane').filter((d) => d.id === p.id).select('.pane-body'));
    }));
  }

  function renderPlot(main) {
    const t = run.t;
    if (state.graph === 'expr') {
      const data = expr.curve(main);
      els.plotKeyValue.textContent = t('plotLegendValue');
      els.plotKeyGrad.textContent = t('plotLegendGrad');
      els.plotHint.textContent = t('plotHintVar', {v: data ? data.variable : 'x'});
      els.plot.hidden = !data;
      els.plotTitle.textContent = data ? data.title : '';
      if (!data) return;
      const width = Math.max(260, Math.floor(run.widths.plot || 480));
      run.plot.data(data).width(width).height(Math.round(Math.min(300, Math.max(200, width * 0.5))));
      select(els.plot).call(run.plot);
      run.curves = null;
      return;
    }
    els.plot.hidden = false;
    els.plotKeyValue.textContent = t('plotFunction');
    els.plotKeyGrad.textContent = t('plotDerivative');
    els.plotHint.textContent = t('plotHint');
    const name = state.graph === 'relu' ? 'relu' : 'sigmoid';
    const domain = plotDomain(state.x);
    const key = `${name}|${domain}|${exactText(state.dout)}`;
    if (!run.curves || run.curves.key !== key) {
      const xs = samplePoints(domain[0], domain[1]);
      const {out, dx} = layer(core, name, xs, new Float64Array(xs.length).fill(state.dout));
      run.curves = {key, xs, out, dx};
    }
    const width = Math.max(260, Math.floor(run.widths.plot || 480));
    const title = name === 'relu' ? 'ReLU' : 'σ';
    els.plotTitle.textContent = t('plotTitle', {f: title, lo: formatNumber(domain[0]), hi: formatNumber(domain[1])});
    run.plot.data({...run.curves, x: state.x, y: main.output, dxAt: main.grads.x, name: title, label: t('plotLabel', {f: title, v: 'x'})})
      .width(width).height(Math.round(Math.min(300, Math.max(200, width * 0.5))));
    select(els.plot).call(run.plot);
  }

  function renderControls(count) {
    const t = els.timeline;
    t.max = String(count);
    t.value = String(state.step);
    t.setAttribute('aria-valuetext', run.t('stepOf', {step: state.step, n: count}));
    els.back.disabled = state.step === 0;
    els.forward.disabled = state.step >= count;
    els.play.textContent = '';
    els.play.append(icon(run.playing ? '❚❚' : '▶'), run.t(run.playing ? 'pause' : 'play'));
    els.play.setAttribute('aria-pressed', String(run.playing));
    els.speed.value = String(state.speed);
    els.precise.checked = state.precise;
    for (const r of els.controls.querySelectorAll('input[name="graph"]')) r.checked = r.value === state.graph;
  }

  function icon(text) {
    const s = doc.createElement('span');
    s.className = 'icon';
    s.setAttribute('aria-hidden', 'true');
    s.textContent = text;
    return s;
  }

  // ------------------------------------------------------------- playback

  async function play() {
    if (run.playing) return;
    const count = panes()[0].trace.steps.length;
    if (state.step >= count) state.step = 0;
    run.playing = true;
    const generation = ++run.generation;
    while (run.generation === generation && state.step < count) {
      state.step += 1;
      await render({travel: true});
      if (run.generation !== generation) return;
      if (state.step < count) await dwell();
    }
    if (run.generation === generation) {
      run.playing = false;
      renderControls(count);
    }
  }

  // A pause between steps, paced by an animation with no effect rather than
  // a timer, so that pausing cancels it.
  async function dwell() {
    const ms = (motionQuery.matches ? TRAVEL_MS + DWELL_MS : DWELL_MS) / state.speed;
    run.dwell = els.graphs.animate([], {duration: ms});
    try {
      await run.dwell.finished;
    } catch {
      // cancelled by pause
    }
  }

  function stop() {
    run.generation++;
    if (run.dwell) run.dwell.cancel();
    if (run.playing) run.playing = false;
  }

  function goTo(step, {travel = false} = {}) {
    stop();
    state.step = step;
    render({travel});
  }

  // --------------------------------------------------------------- inputs

  function numberField(key, field, slider, error, name) {
    field.addEventListener('input', () => {
      const n = parseNumber(field.value);
      if (n.ok) {
        error.hidden = true;
        error.textContent = '';
        field.removeAttribute('aria-invalid');
        state[key] = n.value;
        if (Number.isFinite(n.value)) slider.value = String(n.value);
        render();
      } else {
        error.hidden = false;
        error.textContent = run.t('numberError', {name, reason: run.t.reason(n.reason), value: exactText(state[key])});
        field.setAttribute('aria-invalid', 'true');
      }
    });
    slider.addEventListener('input', () => {
      state[key] = Number(slider.value);
      field.value = slider.value;
      error.hidden = true;
      field.removeAttribute('aria-invalid');
      render();
    });
  }

  function syncFields() {
    expr.sync();
    for (const [key, field, slider, error] of [['x', els.x, els.xSlider, els.xError], ['dout', els.dout, els.doutSlider, els.doutError]]) {
      field.value = exactText(state[key]);
      if (Number.isFinite(state[key])) slider.value = String(state[key]);
      error.hidden = true;
      field.removeAttribute('aria-invalid');
    }
  }

  numberField('x', els.x, els.xSlider, els.xError, 'x');
  numberField('dout', els.dout, els.doutSlider, els.doutError, 'dL/dy');
  run.plot.on('pick', (x) => {
    if (state.graph === 'expr') return expr.pick(x);
    state.x = x;
    syncFields();
    render();
  });
  for (const r of els.controls.querySelectorAll('input[name="graph"]')) {
    r.addEventListener('change', () => {
      stop();
      state.graph = r.value;
      state.step = null;
      render();
    });
  }
  els.play.addEventListener('click', () => {
    if (run.playing) {
      stop();
      renderControls(panes()[0].trace.steps.length);
    } else {
      play();
    }
  });
  els.forward.addEventListener('click', () => goTo(state.step + 1, {travel: true}));
  els.back.addEventListener('click', () => goTo(Math.max(0, state.step - 1)));
  els.reset.addEventListener('click', () => goTo(0));
  els.timeline.addEventListener('input', () => goTo(Number(els.timeline.value)));
  els.speed.addEventListener('change', () => {
    state.speed = Number(els.speed.value);
    render();
  });
  els.precise.addEventListener('change', () => {
    state.precise = els.precise.checked;
    render();
  });
  for (const b of els.langButtons) {
    b.addEventListener('click', () => {
      state.lang = b.dataset.lang;
      render();
    });
  }
  win.addEventListener('hashchange', () => {
    if (win.location.hash === run.lastHash) return;
    stop();
    Object.assign(state, stateFromHash(win.location.hash).state);
    syncFields();
    render();
  });
  // Redraw at a new width; a frame's worth of resizes coalesce. Widths are
  // kept in whole pixels, as they are drawn: the first observation reports
  // the fractional width of a box whose clientWidth (an integer) seeded
  // them, and redrawing for that would cancel a number on its way.
  let pendingResize = false;
  const observer = new win.ResizeObserver((entries) => {
    let changed = false;
    for (const e of entries) {
      const key = e.target === els.plot ? 'plot' : 'graphs';
      const width = Math.floor(e.contentRect.width);
      if (run.widths[key] !== width) {
        run.widths[key] = width;
        changed = true;
      }
    }
    if (!changed || pendingResize) return;
    pendingResize = true;
    win.requestAnimationFrame(() => {
      pendingResize = false;
      if (!run.playing) render();
    });
  });
  observer.observe(els.graphs);
  observer.observe(els.plot);

  // The hash holds the whole state, the step included: the link is the page's.
  wireCopyLink({button: $('copy-link'), field: $('share-link'), status: els.status, win, copied: () => run.t('linkCopied'),
    link: () => new URL(hashFromState(state), win.location.href).href});

  syncFields();
  els.graphs.textContent = ''; // the loading placeholder
  run.widths = {graphs: contentWidth(els.graphs), plot: contentWidth(els.plot)};
  els.controls.disabled = false;
  render();
  root.dataset.ready = 'true';
  win.performance.mark('backprop:first-render');
  return {state, render};
}

// A box's content width in whole pixels, floored as the ResizeObserver's
// contentRect width is above (clientWidth rounds, and counts the padding).
function contentWidth(el) {
  const cs = el.ownerDocument.defaultView.getComputedStyle(el);
  const px = (k) => parseFloat(cs[k]) || 0;
  return Math.floor(el.getBoundingClientRect().width - px('paddingLeft') - px('paddingRight') - px('borderLeftWidth') - px('borderRightWidth'));
}

// Status numbers: as on screen, but words for the non-finite ones, which a
// screen reader would otherwise skip.
function fmtStatus(v, precise, t) {
  if (v === Infinity) return t('infinity');
  if (v === -Infinity) return t('minusInfinity');
  return formatNumber(v, {precise});
}
