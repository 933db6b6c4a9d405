// page/side-panels.js: the page's panels beside its figure: this step's
// formula in MathML, the gradient check, the notes on ∞ and NaN, and the
// curve (figure/curve.js, which <backprop-graph panels> shares). Each is
// drawn from the traces the figure shows; nothing here computes.
import {select} from 'd3-selection';
import {stepPanelHTML} from '../views/steps.js';
import {exprStepPanelHTML} from '../views/expr-steps.js';
import {checkHTML, notesHTML} from '../views/check.js';
import {exprCheckHTML} from '../views/expr-check.js';
import {plotView} from '../views/plot.js';
import {createCurves} from '../figure/curve.js';

// els: the page's panel elements. core: the C core (the curve's samples).
export function createSidePanels({els, core}) {
  const plot = plotView();
  const curves = createCurves(core);

  // panes: what the figure shows (the first is the one stepped through);
  // fused: the fused sigmoid's trace, for the lesson when the step graph
  // broke down; curve(main, curves): an expression's curve, else null.
  // The sections that only the graphs fill (the check, the curve).
  const graphOnly = [els.checkBody.closest('section'), els.plot.closest('section')];

  // What a step does not change (the check, the notes, the curve: they
  // depend on the expression and its values) is not written again: 300
  // variables' rows rewritten cost the browser their style and layout at
  // every step. An expression's trace stays one object while its values
  // do (expr-panel.js), so its check's HTML is made once.
  const last = {check: null, plot: null};

  function render({panes, step, precise, t, fused = null, curve = null, plotWidth}) {
    for (const s of graphOnly) s.hidden = false;
    const main = panes[0].trace;
    const isExpr = main.expr != null;
    els.stepBody.innerHTML = isExpr ? exprStepPanelHTML(main, step, {precise, t}) : stepPanelHTML(main, step, {precise, t});
    if (!isExpr) writeHTML(els.checkBody, checkHTML(panes, {precise, t}));
    else {
      const c = last.check;
      if (!c || c.trace !== main || c.precise !== precise || c.t !== t) last.check = {trace: main, precise, t, html: exprCheckHTML(main, {precise, t})};
      writeHTML(els.checkBody, last.check.html);
    }
    const warned = panes.some((p) => p.trace.warnings.length);
    els.notes.hidden = !warned;
    writeHTML(els.notesBody, warned ? notesHTML(panes, {fused, precise, t}) : '');

    const data = isExpr ? curve(main, curves) : curves(main, {t});
    els.plot.hidden = !data;
    els.plotTitle.textContent = data ? data.title : '';
    if (!data) return;
    els.plotKeyValue.textContent = data.legend.value;
    els.plotKeyGrad.textContent = data.legend.grad;
    els.plotHint.textContent = data.hint;
    const width = Math.max(260, Math.floor(plotWidth || 480));
    const drawing = {...data, width, height: Math.round(Math.min(300, Math.max(200, width * 0.5)))};
    if (last.plot && sameDrawing(last.plot, drawing) && els.plot.querySelector('svg.plot')) return;
    last.plot = drawing;
    plot.data(data).width(width).height(drawing.height);
    select(els.plot).call(plot);
  }

  // Layer mode: its step panel (a node of the layer figure's), nothing else.
  function renderLayer(stepPanel) {
    els.stepBody.replaceChildren(stepPanel);
    for (const s of graphOnly) s.hidden = true;
    els.notes.hidden = true;
  }

  return {render, renderLayer, onPick: (fn) => plot.on('pick', fn)};
}

// HTML into a panel unless it holds that HTML already, as written here
// last (its first child still the one written: predict mode empties the
// check, and code-panel.js adds to the step panel).
function writeHTML(el, html) {
  if (el.__html === html && el.__first === el.firstChild) return;
  el.innerHTML = html;
  el.__html = html;
  el.__first = el.firstChild;
}

// Whether two of the plot's drawings are one: the same samples (the
// curve's cache gives the same arrays), point, size and words.
function sameDrawing(a, b) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === 'legend' ? a.legend.value !== b.legend.value || a.legend.grad !== b.legend.grad : !Object.is(a[k], b[k])) return false;
  }
  return true;
}
