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

  function render({panes, step, precise, t, fused = null, curve = null, plotWidth}) {
    for (const s of graphOnly) s.hidden = false;
    const main = panes[0].trace;
    const isExpr = main.expr != null;
    els.stepBody.innerHTML = isExpr ? exprStepPanelHTML(main, step, {precise, t}) : stepPanelHTML(main, step, {precise, t});
    els.checkBody.innerHTML = isExpr ? exprCheckHTML(main, {precise, t}) : checkHTML(panes, {precise, t});
    const warned = panes.some((p) => p.trace.warnings.length);
    els.notes.hidden = !warned;
    els.notesBody.innerHTML = warned ? notesHTML(panes, {fused, precise, t}) : '';

    const data = isExpr ? curve(main, curves) : curves(main, {t});
    els.plot.hidden = !data;
    els.plotTitle.textContent = data ? data.title : '';
    if (!data) return;
    els.plotKeyValue.textContent = data.legend.value;
    els.plotKeyGrad.textContent = data.legend.grad;
    els.plotHint.textContent = data.hint;
    const width = Math.max(260, Math.floor(plotWidth || 480));
    plot.data(data).width(width).height(Math.round(Math.min(300, Math.max(200, width * 0.5))));
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
