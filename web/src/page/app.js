// page/app.js: the page's controller. One state object (mirrored in the URL
// hash), one render(); the controls only change the state and call render.
//
// Data flows one way: state -> traces (C core, via core.js) -> views.
import {readState, writeState, hashPairs, resolveStep, GRAPHS, VIEWS} from '../model/state.js';
import {exactText, formatNumber} from '../model/number.js';
import {nodeNames} from '../figure/source.js';
import {pageTranslator, applyPageText, browserLang, hasPageWords} from '../words/page.js';
import {pageWords} from './page-words.js';
import {createExprPanel} from './expr-panel.js';
import {createLayerPanel} from './layer-panel.js';
import {createNetworkPanel} from './network-panel.js';
import {createSidePanels} from './side-panels.js';
import {createCodePanel} from './code-panel.js';
import {wireShareTools} from './share-tools.js';
import {exportName, exportLatex} from '../figure/exporting.js';
import {narrate} from '../figure/narration.js';
import {createPlayer} from '../figure/player.js';
import {createFigure} from '../figure/figure.js';
import {wireNumberField, showFieldMessage} from '../figure/fields.js';
import {askedLine} from '../views/formula.js';
import {beside} from './beside.js';
import {quote} from '../element/config.js';

// Predict mode's file, beside app.js (the element fetches the same one).
const loadPredict = beside('backprop-graph-predict.js');

// Each pane's graph, and its title's key (i18n.js's graphName, or the page's).
const PANES = {
  relu: [{id: 'relu'}],
  sigmoid: [{id: 'sigmoid'}],
  'sigmoid-steps': [{id: 'sigmoid-steps'}],
  both: [{id: 'sigmoid-steps'}, {id: 'sigmoid', titleKey: 'paneFused'}],
};

// One closure, as long as the page's controls are many: the state, render()
// and the handlers that change the state share it; every part with a job of
// its own is a module (figure/, side-panels.js, share-tools.js, expr-panel.js).
export function createApp({core, root, win = window, dag = null}) {
  const doc = root.ownerDocument;
  const $ = (id) => doc.getElementById(id);
  const els = {
    status: $('status'), controls: $('controls'), graphs: $('graphs'),
    x: $('x'), xSlider: $('x-slider'), xError: $('x-error'),
    dout: $('dout'), doutSlider: $('dout-slider'), doutError: $('dout-error'),
    play: $('play'), back: $('step-back'), forward: $('step-forward'), reset: $('reset'),
    timeline: $('timeline'), speed: $('speed'), precise: $('precise'), predict: $('predict'), askAll: $('ask-all'),
    code: $('code'), fig7: $('fig7'), codeBox: $('code-view'), linkNote: $('link-note'),
    chainLine: $('chain-line'), stepBody: $('step-body'), checkBody: $('check-body'), notes: $('notes'), notesBody: $('notes-body'),
    plot: $('plot'), plotTitle: $('plot-title'),
    plotKeyValue: $('plot-key-value'), plotKeyGrad: $('plot-key-grad'), plotHint: $('plot-hint'),
    langButtons: [...doc.querySelectorAll('.lang-switch button[data-lang]')],
  };
  const motionQuery = win.matchMedia('(prefers-reduced-motion: reduce)');

  // The matrices of a layer link are read once the layer file, which
  // brings their grammar, is here (layer-panel.js calls reread).
  const read = readState(hashPairs(win.location.hash));
  const state = read.state;
  const side = createSidePanels({els, core});
  const run = {lastHash: '', writtenHash: '', widths: {}, predict: null, predictLoading: null,
    t: null, // the page's words in its language (page-text.js), set by render
    link: {errors: read.errors, hash: null}}; // what the link asked for that did not read; the hash it was said at
  const handles = new Map(); // graph id -> core.Graph, built once and reused
  // The reader's own expression (graph=expr): its controls and its graph.
  const player = createPlayer({
    host: els.graphs,
    step: () => state.step,
    setStep: (s) => { state.step = s; },
    count: () => run.count ?? 0, // as last drawn: counting again would trace again
    render,
    speed: () => state.speed,
    reducedMotion: () => motionQuery.matches,
    changed: () => (state.graph === 'layer' ? drawLayerButtons(run.t) : run.panes && figure.drawButtons(scene(run.panes, 0, state.precise, false, run.t))),
    limit: (s) => (run.predict ? run.predict.limit(s) : s), // predict mode: not past a question
  });
  const figure = createFigure({graphs: els.graphs, formula: els.chainLine, timeline: els.timeline,
    buttons: {play: els.play, back: els.back, forward: els.forward}});
  const expr = createExprPanel({core, doc, state, render: () => render(), stop: () => player.stop(), words: () => run.t, dag});
  const layer = createLayerPanel({core, doc, state, render: () => render(), stop: () => player.stop(), words: () => run.t,
    mount: els.graphs, reread: (matrices) => {
      const again = readState(hashPairs(win.location.hash), undefined, {matrices});
      if (again.state.graph !== 'layer') return;
      Object.assign(state, again.state);
      run.link.errors = again.errors; // (now with the matrices read)
    }});

  const code = createCodePanel({core, doc, state, box: els.codeBox, stepBody: els.stepBody, graphs: els.graphs,
    render: () => render(), say: (text) => { els.status.textContent = text; }});

  const network = createNetworkPanel({win, host: $('network'), say: (text) => { els.status.textContent = text; }});

  function traceOf(id) {
    if (!handles.has(id)) handles.set(id, new core.Graph({graph: id}));
    return handles.get(id).trace({x: state.x}, state.dout);
  }

  // ---------------------------------------------------------------- render

  function panes() {
    if (state.graph === 'expr') return [expr.pane()];
    const t = run.t;
    return PANES[state.graph].map((p) => {
      const trace = traceOf(p.id);
      return {id: p.id, title: p.titleKey ? t(p.titleKey) : t.graphName(p.id), names: nodeNames(t, trace), trace};
    });
  }

  // The page's language: the state's (the hash's, the reader's choice), else
  // the browser's. Rewrites the page's fixed words when it changes.
  function language() {
    let lang = state.lang ?? browserLang(win.navigator);
    if (!hasPageWords(lang)) {
      waitForWords(lang);
      if (run.t) return run.t; // the words shown until the new ones are here
      lang = 'en';
    }
    if (run.t && run.t.lang === lang) return run.t;
    const served = !run.t && lang === 'en'; // index.html is in English (tests/js/i18n.test.mjs)
    run.t = pageTranslator(lang);
    if (!served) applyPageText(doc, run.t);
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
    const isLayer = state.graph === 'layer';
    layer.renderControls(isLayer);
    root.dataset.mode = isLayer || state.graph === 'network' ? state.graph : ''; // (app.css: what each mode shows)
    network.show(state.graph === 'network', t);
    if (state.graph === 'network') {
      code.draw(null);
      els.linkNote.hidden = true; // (the network figure says what of its link did not read)
      return void renderControls(); // the figure writes the link
    }
    if (state.mode === 'predict' && !run.predict) return waitForPredict(t);
    if (state.mode !== 'predict' && run.predict) run.predict = void run.predict.remove();
    const precise = state.precise;
    const motion = !motionQuery.matches;
    let travelled, sentence, sayRefused = null;
    const layerFigure = isLayer && layer.figure();
    if (isLayer && !layerFigure) return waitForFile(t, layer.failed, layer.file);
    if (state.graph === 'expr' && !expr.ready()) return waitForFile(t, expr.failed, expr.file);
    holdPlayer(false);
    if (isLayer) {
      [travelled, sentence, sayRefused] = renderLayer(layerFigure, t, {travel, precise, motion});
    } else {
      [travelled, sentence] = renderGraph(t, {travel, precise, motion});
    }
    renderControls();
    // "Ready." until the reader changes something.
    const hash = writeState(state, layer.matrices);
    run.firstHash ??= hash;
    sayRefused?.(hash);
    els.status.textContent = (hash === run.firstHash ? `${t('ready')} ` : '') + sentence;
    renderLinkNote(t, hash);

    if (hash !== run.lastHash) {
      run.share?.changed();
      // Once a frame at most: replaceState is slow, and edits come faster.
      if (run.lastHash === run.writtenHash) {
        win.requestAnimationFrame(() => {
          run.writtenHash = run.lastHash;
          win.history.replaceState(null, '', run.lastHash);
        });
      }
      run.lastHash = hash;
    }
    return travelled;
  }

  // What the link asked for that did not read, each value left at its
  // default, said until the reader changes something.
  function renderLinkNote(t, hash) {
    const {link} = run;
    link.hash ??= hash;
    // (A key the page does not know is another mode's, Network's for one, or no one's: left alone;
    // Network mode's figure says what of its own did not read.)
    const said = link.errors.filter((e) => e.code !== 'unknownKey').map((e) => linkError(t, e)); // (a layer's shapes: its figure says them)
    const note = said.length && hash === link.hash ? said.join(' ') : '';
    els.linkNote.hidden = !note;
    els.linkNote.textContent = note && t('linkNote', {list: note});
  }
  function linkError(t, {code, params}) {
    if (code === 'badGraph') return t('badChoice', {...params, choices: [...GRAPHS, ...VIEWS].join(', ')}); // (the element's has fewer)
    const words = (state.graph === 'layer' && layer.words(t)) || t; // a matrix's words are the layer file's
    return words(code, {...params, text: quote(params.text ?? ''), reason: words.reason(params.reason)});
  }

  // The graphs (built-in, both, or an expression) and their panels.
  // Returns [travelled, the status sentence].
  function renderGraph(t, {travel, precise, motion}) {
    const ps = (run.panes = panes());
    const main = (run.main = ps[0].trace);
    const count = main.steps.length;
    if (run.predict) state.step = run.predict.use({trace: main, line: askedLine}, state.step, state.ask);
    state.step = resolveStep(state.step, count);
    run.count = count;
    // Widths come from the ResizeObserver: reading them here would force a
    // layout in the middle of the DOM writes.
    const width = Math.max(280, Math.floor(run.widths.graphs || 640));

    const travelled = figure.draw(scene(ps, width, precise, motion, t), {travel});
    const isExpr = state.graph === 'expr';
    expr.renderControls(isExpr, main);
    const fused = state.graph === 'sigmoid-steps' && main.warnings.length ? traceOf('sigmoid') : null;
    side.render({panes: ps, step: state.step, precise, t, fused, curve: expr.curve, plotWidth: run.widths.plot});
    run.predict?.draw({lang: t.lang, precise, step: state.step});
    if (run.predict && !run.predict.finished) { // the check and the notes would give the answers away
      els.checkBody.closest('section').hidden = true;
      els.notes.hidden = true;
      els.checkBody.textContent = els.notesBody.textContent = '';
    }
    code.draw({trace: main, step: state.step, t, precise, fmt: (v) => formatNumber(v, {precise})});
    return [travelled, narrate(t, main, state.step, (v) => fmtStatus(v, precise, t))];
  }

  // A layer over matrices (layer-panel.js's figure): its grids, its step
  // in the step panel; the graphs' other panels have nothing to say.
  function renderLayer(figure, t, {travel, precise, motion}) {
    const errors = figure.set(state, t);
    Object.assign(state, figure.fields); // every matrix explicit: the link holds what is shown
    const count = figure.count;
    if (run.predict) state.step = run.predict.use({figure}, state.step, state.ask);
    state.step = resolveStep(state.step, count);
    run.count = count;
    run.main = null;
    const travelled = figure.draw({step: state.step, t, precise, motion, duration: player.travelMs(), editable: true}, {travel});
    // Why matrices were refused, in the figure (once render has the state's
    // hash): an edit's until the next render, a link's until the reader
    // changes something (as renderLinkNote).
    if (run.link.hash == null && layer.matrices != null) run.link.layer = errors;
    const sayRefused = (hash) => {
      const linkShown = run.link.hash == null || run.link.hash === hash;
      figure.say((errors.length ? errors : linkShown ? run.link.layer ?? [] : []).join(' '));
    };
    expr.renderControls(false, null);
    side.renderLayer(figure.stepPanel(state.step, t, (v) => formatNumber(v, {precise})));
    run.predict?.draw({lang: t.lang, precise, step: state.step});
    code.draw({layer: {spec: figure.spec, result: figure.result, steps: figure.steps}, step: state.step, t, precise});
    drawLayerButtons(t);
    return [travelled, figure.sentence(state.step, t, (v) => fmtStatus(v, precise, t)), sayRefused];
  }

  // Until a file the mode needs is here (the layer figure's, the
  // expressions' layout): a loading line, or why it did not come.
  // The player waits too: the figure shown is the last mode's (or none yet).
  function waitForFile(t, failed, file) {
    player.stop();
    holdPlayer(true);
    els.status.textContent = failed ? t('fileFailed', {file, detail: String(failed.message || failed)}) : t('loading');
    renderControls();
    return Promise.resolve();
  }
  // Play, Reset and the timeline off while a mode's file is on its way, on
  // again at the next drawing (which sets Step back and forward itself).
  function holdPlayer(held) {
    for (const b of [els.play, els.reset, els.timeline]) b.disabled = held;
    if (held) for (const b of [els.back, els.forward]) b.disabled = true;
  }

  // A language's words, fetched once; the page speaks it when they are here.
  // A failure is said, and the page keeps the language it spoke.
  function waitForWords(lang) {
    run.wordsLoading ??= pageWords(lang).catch((error) => {
      state.lang = run.t?.lang ?? 'en';
      run.wordsFailed = (run.t ?? pageTranslator('en'))('fileFailed', {file: pageWords.file, detail: String(error.message || error)});
    }).finally(() => {
      run.wordsLoading = null;
      render();
      if (run.wordsFailed) els.status.textContent = run.wordsFailed;
      run.wordsFailed = null;
    });
  }

  // Predict mode's file, fetched once (a failure is said, and the page
  // leaves predict mode).
  function waitForPredict(t) {
    run.predictLoading ??= loadPredict().then(({createPredict}) => {
      run.predict = createPredict({after: els.graphs, mount: els.graphs, goTo: (k, o) => player.goTo(k, o), play: () => player.play()});
    }, (error) => {
      state.mode = 'watch';
      run.predictFailed = t('fileFailed', {file: loadPredict.file, detail: String(error.message || error)});
    }).finally(() => {
      run.predictLoading = null;
      render();
      if (run.predictFailed) els.status.textContent = run.predictFailed;
      run.predictFailed = null;
    });
    els.status.textContent = t('loading');
    renderControls();
    return Promise.resolve();
  }

  function drawLayerButtons(t) {
    figure.drawButtons({step: state.step, count: run.count, t, playing: player.playing});
  }

  // What the figure shows now (figure/figure.js draws it).
  function scene(panes, width, precise, motion, t) {
    return {panes, step: state.step, width, precise, motion, t, duration: player.travelMs(), playing: player.playing,
      chainText: code.chainText};
  }

  function renderControls() {
    els.speed.value = String(state.speed);
    els.precise.checked = state.precise;
    els.predict.checked = state.mode === 'predict';
    els.askAll.checked = state.ask === 'all';
    els.askAll.disabled = state.mode !== 'predict';
    els.code.value = state.code ?? '';
    els.fig7.checked = state.fig7;
    // Fig. 7 rewrites a fused sigmoid's backward step: off where none is shown
    // (ReLU, the step graph, Both's first pane, an expression without sigmoid()).
    els.fig7.disabled = !run.main?.nodes.some((n) => n.op === 'sigmoid');
    for (const r of els.controls.querySelectorAll('input[name="graph"]')) r.checked = r.value === state.graph;
  }

  // --------------------------------------------------------------- inputs

  function numberField(key, field, slider, error, name) {
    wireNumberField({
      field, slider,
      onValue: (v) => {
        state[key] = v;
        render();
      },
      onInvalid: (reason) => showFieldMessage(error, run.t('numberError', {name, reason: run.t.reason(reason), value: exactText(state[key])})),
      onValid: () => showFieldMessage(error, ''),
    });
  }

  function syncFields() {
    expr.sync();
    for (const [key, field, slider, error] of [['x', els.x, els.xSlider, els.xError], ['dout', els.dout, els.doutSlider, els.doutError]]) {
      field.value = exactText(state[key]);
      if (Number.isFinite(state[key])) slider.value = String(state[key]);
      showFieldMessage(error, '');
      field.removeAttribute('aria-invalid');
    }
  }

  numberField('x', els.x, els.xSlider, els.xError, 'x');
  numberField('dout', els.dout, els.doutSlider, els.doutError, 'dL/dy');
  side.onPick((x) => {
    if (state.graph === 'expr') return expr.pick(x);
    state.x = x;
    syncFields();
    render();
  });
  for (const r of els.controls.querySelectorAll('input[name="graph"]')) {
    r.addEventListener('change', () => {
      player.stop();
      state.graph = r.value;
      state.step = null;
      render();
    });
    // The mode shown, chosen again after its file failed to come (a link
    // opened in it): fetched again. (An option already chosen fires no change.)
    r.addEventListener('click', () => {
      const panel = {expr, layer}[r.value];
      if (r.value === state.graph && panel?.failed) render();
    });
  }
  els.play.addEventListener('click', () => player.toggle());
  els.forward.addEventListener('click', () => player.goTo(state.step + 1, {travel: true}));
  els.back.addEventListener('click', () => player.goTo(state.step - 1));
  els.reset.addEventListener('click', () => player.goTo(0));
  els.timeline.addEventListener('input', () => player.goTo(Number(els.timeline.value)));
  els.speed.addEventListener('change', () => {
    state.speed = Number(els.speed.value);
    render();
  });
  els.precise.addEventListener('change', () => {
    state.precise = els.precise.checked;
    render();
  });
  // Predict mode on starts before the first question; off keeps the step.
  els.predict.addEventListener('change', () => {
    player.stop();
    state.mode = els.predict.checked ? 'predict' : 'watch';
    if (els.predict.checked) state.step = null;
    render();
  });
  els.askAll.addEventListener('change', () => {
    player.stop();
    state.ask = els.askAll.checked ? 'all' : 'backward';
    state.step = null;
    render();
  });
  els.code.addEventListener('change', () => {
    state.code = els.code.value || null;
    render();
  });
  els.fig7.addEventListener('change', () => {
    state.fig7 = els.fig7.checked;
    render();
  });
  for (const b of els.langButtons) {
    b.addEventListener('click', () => {
      state.lang = b.dataset.lang;
      render();
    });
  }
  win.addEventListener('hashchange', () => {
    // (Not the state's own link: the page wrote it. While a mode's file is
    // on its way the state is ahead of the last drawn link, which Back may
    // go to.)
    if (win.location.hash === writeState(state, layer.matrices)) return;
    player.stop();
    const again = readState(hashPairs(win.location.hash), undefined, {matrices: layer.matrices});
    Object.assign(state, again.state);
    run.link = {errors: again.errors, hash: null};
    syncFields();
    render();
    if (state.graph === 'network') network.follow();
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
      if (!player.playing) render();
    });
  });
  observer.observe(els.graphs);
  observer.observe(els.plot);

  // The hash holds the whole state, the step included: the link is the page's.
  run.share = wireShareTools({doc, win, t: () => run.t, say: (text) => { els.status.textContent = text; },
    now: () => {
      if ((state.graph === 'layer' && !layer.matrices) || (state.graph === 'expr' && !expr.loaded)) return {link: win.location.href, latex: () => '', file: () => '', picture: () => ({})}; // still loading
      const link = new URL(writeState(state, layer.matrices), win.location.href).href;
      const frame = els.graphs.closest('figure');
      if (state.graph === 'layer') return layer.shareable({link, frame, step: state.step});
      // Both: both graphs, stacked under their titles, in one file named for both.
      const both = state.graph === 'both';
      return {link, latex: () => code.latex(run.main, state.step) ?? exportLatex(run.main, state.step),
        file: (kind) => exportName(both ? {graph: 'both'} : run.main, state.step, kind),
        picture: () => (both ? {svg: [...els.graphs.querySelectorAll('svg.graph')], titles: [...els.graphs.querySelectorAll('.pane-title')], frame}
          : {svg: els.graphs.querySelector('svg.graph'), frame})};
    }});

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
