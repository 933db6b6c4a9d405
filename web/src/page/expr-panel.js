// page/expr-panel.js: the page's expression mode. Owns the expression field (its
// parse errors with a caret), the presets, the σ expand toggle, one number
// field and slider per variable, the plot's variable, and the core graph
// the expression builds; app.js asks it for the pane to draw and the curve.
//
// Like app.js, it only changes the shared state and calls render(); its
// words come from words(), the page's translator (page-text.js). The
// last expression that parsed stays in the state (and the URL, and on
// screen) while the field holds one that does not. The graph's layered
// layout (layout/dag.js) is a file of its own beside app.js, page-dag.js,
// fetched the first time an expression is shown (`dag`: the file's module,
// when main.js fetched it for an expression's link).
import {select} from 'd3-selection';
import {parseNumber, exactText} from '../model/number.js';
import {PRESETS, DEFAULT_EXPR, valuesFor, caretLine} from '../model/expr.js';
import {figureTrace, nodeNames} from '../figure/source.js';
import {wireNumberField, showFieldMessage} from '../figure/fields.js';
import {awaitedFile} from './beside.js';

// One closure over the mode's elements and its core graph, long for its
// handlers (the field, the presets, the toggle, one field per variable).
export function createExprPanel({core, doc, state, render, stop, words, dag = null}) {
  const $ = (id) => doc.getElementById(id);
  const els = {
    box: $('expr-controls'), field: $('expr'), error: $('expr-error'), caret: $('expr-caret'), message: $('expr-message'),
    presets: $('expr-presets'), expand: $('expand'), vars: $('vars'), varsBox: $('vars-box'), plotVar: $('plot-var'), plotVarBox: $('plot-var-box'),
    xField: $('x').closest('.field'), xLabel: doc.querySelector('label[for="x"]'), doutName: doc.querySelector('label[for="dout"]'),
    checkNote: doc.querySelector('#check-title + .note'),
  };
  const run = {handle: null, key: '', layouts: new Map(), traced: null, fields: '', layoutDag: null};
  const file = awaitedFile('page-dag.js', {render, wanted: () => state.graph === 'expr', module: dag,
    arrived: (chunk) => { run.layoutDag = chunk.layoutDag; }});

  // ------------------------------------------------------------ the graph

  // The core graph of (expr, expand), built when they change. Throws the
  // core's CoreError when the text does not parse; keeps the old graph then.
  function build(expr, expand) {
    const key = `${expand ? 1 : 0}|${expr}`;
    if (run.handle && run.key === key) return run.handle;
    const handle = new core.Graph({expr, expand});
    if (run.handle) run.handle.dispose();
    run.handle = handle;
    run.key = key;
    run.layouts.clear();
    return handle;
  }

  // The graph for the state; a state whose expression does not parse (a
  // hand-edited link) shows the error and the last good graph, or the
  // default one.
  function handle() {
    try {
      return build(state.expr, state.expand);
    } catch (error) {
      showError(state.expr, error);
      els.field.value = state.expr;
      state.expr = run.handle ? run.key.slice(2) : DEFAULT_EXPR.expr;
      return build(state.expr, state.expand);
    }
  }

  // Layout memoised per graph and width: steps and edits of a value do not
  // move a node.
  function layout(trace, {width}) {
    if (!run.layouts.has(width)) {
      if (run.layouts.size > 4) run.layouts.clear();
      run.layouts.set(width, run.layoutDag(trace, {width}));
    }
    return run.layouts.get(width);
  }

  // The trace of the graph at the state's values, kept while they stay: a
  // step or a redraw does not trace (nor name) a big graph again.
  function traced(h) {
    const values = [...h.inputs.map((name) => state.vars[name]), state.dout];
    const last = run.traced;
    if (last && last.handle === h && last.values.every((v, i) => Object.is(v, values[i]))) return last.trace;
    run.traced = {handle: h, values, trace: figureTrace(h.trace(state.vars, state.dout))};
    return run.traced.trace;
  }

  // The one pane app.js draws: {id, title, trace, layout, names}.
  function pane() {
    const t = words();
    const h = handle();
    state.vars = valuesFor(h.inputs, state.vars);
    if (state.plot != null && !h.inputs.includes(state.plot)) state.plot = null; // (a link's plot=zz: not this expression's, not written back)
    const trace = traced(h);
    const names = nodeNames(t, trace);
    return {id: 'expr', title: t('graphChoice'), trace, layout, names};
  }

  // ------------------------------------------------------------- the curve

  // The plot's data over the plotted variable (figure/curve.js), or null
  // when the expression has no variable.
  function curve(main, curves) {
    return curves(main, {t: words(), handle: run.handle, source: run.key, variable: state.plot});
  }

  // A pick on the plot: a new value of the plotted variable.
  function pick(value) {
    const v = run.handle && run.handle.inputs.includes(state.plot) ? state.plot : run.handle?.inputs[0];
    if (v == null) return;
    state.vars[v] = value;
    sync();
    render();
  }

  // ---------------------------------------------------------- the controls

  function showError(text, error) {
    els.error.hidden = false;
    els.caret.textContent = `${text}\n${caretLine(text, error.column || 1)}`;
    els.message.textContent = words()('exprError', {detail: error.message});
    els.field.setAttribute('aria-invalid', 'true');
  }

  function clearError() {
    els.error.hidden = true;
    els.caret.textContent = '';
    els.message.textContent = '';
    els.field.removeAttribute('aria-invalid');
  }

  // Show the mode's controls, and one field per variable of the graph.
  function renderControls(active, main) {
    els.box.hidden = !active;
    els.varsBox.hidden = !active || !run.handle?.inputs.length;
    els.xField.hidden = active;
    // The built-in x, hidden, must not share its name with a variable x.
    els.xLabel.htmlFor = active ? '' : 'x';
    els.plotVarBox.hidden = !active;
    els.doutName.textContent = active ? `dL/d${main.outputName}` : 'dL/dy';
    const t = words();
    if (els.checkNote) els.checkNote.textContent = t(active ? 'checkNote' : 'builtinCheckNote');
    for (const b of els.presets.querySelectorAll('button.preset')) {
      b.textContent = t(`preset:${b.dataset.preset}`);
      b.title = t('presetTitle', {expr: PRESETS.find((p) => p.id === b.dataset.preset).expr});
    }
    if (!active) return;
    els.expand.checked = state.expand;
    const names = run.handle.inputs;
    // One field per variable, synced with the state when its variables,
    // their values or the language changed: a step changes none, and 300
    // fields synced again at every step cost the browser a layout.
    const fields = `${t.lang}|${names.map((name) => `${name}=${exactText(state.vars[name])}`).join(',')}`;
    if (fields !== run.fields || els.vars.childElementCount !== names.length) {
      run.fields = fields;
      select(els.vars).selectAll('div.field')
        .data(names, (d) => d)
        .join((enter) => enter.append('div').attr('class', 'field var').each(function (name) { makeField(select(this), name); }))
        .each(function (name) { syncField(select(this), name); });
    }
    const plotted = names.includes(state.plot) ? state.plot : names[0];
    select(els.plotVar).selectAll('option').data(names, (d) => d).join('option')
      .attr('value', (d) => d).text((d) => d);
    if (plotted != null) els.plotVar.value = plotted;
    els.plotVar.disabled = names.length < 2;
  }

  function makeField(div, name) {
    const id = `var-${name}`;
    div.attr('data-var', name);
    div.append('label').attr('for', id).attr('class', 'name').append('i').text(name);
    const field = div.append('input').attr('id', id).attr('type', 'text').attr('inputmode', 'decimal')
      .attr('autocomplete', 'off').attr('spellcheck', 'false').attr('aria-describedby', `${id}-error number-help`);
    const slider = div.append('input').attr('type', 'range').attr('step', 'any').attr('aria-label', words()('varSlider', {name}));
    const error = div.append('p').attr('id', `${id}-error`).attr('class', 'error').attr('hidden', '');
    wireNumberField({
      field: field.node(), slider: slider.node(),
      setSlider: (v) => setSlider(slider, v),
      onValue: (v) => {
        state.vars[name] = v;
        render();
      },
      onInvalid: (reason) => {
        const t = words();
        showFieldMessage(error.node(), t('numberError', {name, reason: t.reason(reason), value: exactText(state.vars[name])}));
      },
      onValid: () => showFieldMessage(error.node(), ''),
    });
    field.property('value', exactText(state.vars[name]));
    setSlider(slider, state.vars[name], true);
  }

  // The slider's range: ±8, or wider around a large value; widened, never
  // narrowed while the reader drags.
  function setSlider(slider, v, reset = false) {
    if (!Number.isFinite(v)) return;
    const node = slider.node();
    const half = Math.max(8, Math.ceil(Math.abs(v) * 1.5));
    if (reset || v < Number(node.min) || v > Number(node.max)) {
      node.min = String(-half);
      node.max = String(half);
      node.step = String(half / 800);
    }
    node.value = String(v);
  }

  // Field text from the state, unless the reader is mid-edit of this field.
  function syncField(div, name) {
    const field = div.select('input[type="text"]');
    div.select('input[type="range"]').attr('aria-label', words()('varSlider', {name}));
    const v = state.vars[name];
    const shown = parseNumber(field.property('value'));
    if (!(shown.ok && Object.is(shown.value, v)) && field.attr('aria-invalid') !== 'true') field.property('value', exactText(v));
    setSlider(div.select('input[type="range"]'), v);
  }

  // Fields from the state (a hash change, a pick on the plot, a preset).
  function sync() {
    if (els.field.getAttribute('aria-invalid') !== 'true' || els.field.value !== state.expr) {
      els.field.value = state.expr;
      clearError();
    }
    for (const div of els.vars.querySelectorAll('div.field')) {
      const input = div.querySelector('input[type="text"]');
      input.removeAttribute('aria-invalid');
      showFieldMessage(div.querySelector('.error'), '');
      input.value = exactText(state.vars[div.dataset.var]);
    }
  }

  els.field.addEventListener('input', () => {
    const text = els.field.value;
    try {
      build(text, state.expand);
    } catch (error) {
      showError(text, error);
      return;
    }
    clearError();
    stop();
    state.expr = text;
    state.step = null;
    render();
  });
  els.expand.addEventListener('change', () => {
    stop();
    state.expand = els.expand.checked;
    state.step = null;
    render();
  });
  els.plotVar.addEventListener('change', () => {
    state.plot = els.plotVar.value;
    render();
  });
  for (const p of PRESETS) {
    const b = doc.createElement('button');
    b.type = 'button';
    b.className = 'preset';
    b.dataset.preset = p.id;
    b.addEventListener('click', () => {
      stop();
      Object.assign(state, {graph: 'expr', expr: p.expr, vars: {...p.vars}, step: null, plot: null});
      els.field.value = p.expr;
      clearError();
      for (const div of [...els.vars.querySelectorAll('div.field')]) div.remove(); // fresh ranges
      render();
    });
    els.presets.append(b);
  }
  els.field.value = state.expr;

  // ready(): whether the layout's file is here (fetched, then rendered again, if not).
  return {pane, curve, pick, renderControls, sync, ready: () => file.get() != null, file: file.file, get failed() { return file.failed; },
    get loaded() { return run.layoutDag != null; }};
}
