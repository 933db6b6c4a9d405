// element/panels.js: the optional panels of a <backprop-graph
// panels="check,plot">: the gradient check and the curve, the page's own
// (views/check.js, views/expr-check.js, figure/curve.js, views/plot.js) in
// the figure's language. Built as dist/backprop-graph-panels.js beside the
// element and fetched only by a figure that asks for a panel, so that the
// element's own file stays within its budget. Every number comes from the
// C core the figure already has.
import {select} from 'd3-selection';
import {checkHTML} from '../views/check.js';
import {exprCheckHTML} from '../views/expr-check.js';
import {plotView} from '../views/plot.js';
import {createCurves} from './../figure/curve.js';
import {pageTranslator, addPageWords} from '../words/page.js';
import {PAGE_KO, EXPR_KO} from '../words/page-ko.js';
import CSS from './panels.css';
import {sheetAdopter} from '../figure/sheet.js';

// The panels speak Korean at once (the figure's Korean the element adds).
addPageWords('ko', {page: PAGE_KO, expr: EXPR_KO});

const adoptSheet = sheetAdopter(CSS); // one stylesheet for every figure's panels

// box: the figure's (empty) panels container, in its shadow root. core: the
// C core. pick(name, value): the reader chose a value on the curve.
export function createPanels({box, core, pick}) {
  const root = box.getRootNode();
  adoptSheet(root);
  const doc = box.ownerDocument;
  const part = (html) => {
    const s = doc.createElement('section');
    s.innerHTML = html;
    box.append(s);
    return s;
  };
  const check = part('<h3></h3><p class="note"></p><div class="body"></div>');
  check.className = 'check-panel';
  const plot = part('<h3></h3><p class="note"></p><div class="plot-box"></div><p class="plot-keys"><span class="value"></span> <span class="grad"></span></p>');
  plot.className = 'plot-panel';
  const chart = plotView();
  const curves = createCurves(core);
  let expr = {text: null, handle: null}; // the expression's core graph, for the curve
  let variable = 'x';
  chart.on('pick', (value) => pick(variable, value));

  function render({trace, which, lang, width}) {
    const t = pageTranslator(lang);
    box.hidden = !which.length;
    check.hidden = !which.includes('check');
    plot.hidden = !which.includes('plot');
    const isExpr = trace.expr != null;
    if (!check.hidden) {
      check.querySelector('h3').textContent = t('checkTitle');
      check.querySelector('.note').textContent = t(isExpr ? 'checkNote' : 'builtinCheckNote');
      check.querySelector('.body').innerHTML = isExpr ? exprCheckHTML(trace, {t})
        : checkHTML([{id: trace.graph, title: t.graphName(trace.graph), trace}], {t});
    }
    if (plot.hidden) return;
    if (isExpr && expr.text !== trace.expr) {
      expr.handle?.dispose();
      expr = {text: trace.expr, handle: new core.Graph({expr: trace.expr})};
    }
    const data = curves(trace, {t, handle: expr.handle, source: trace.expr ?? trace.graph});
    plot.hidden = !data;
    if (!data) return;
    variable = data.variable;
    plot.querySelector('h3').textContent = t('plotHeading');
    plot.querySelector('.note').textContent = data.title;
    plot.querySelector('.value').textContent = `— ${data.legend.value}`;
    plot.querySelector('.grad').textContent = `- - ${data.legend.grad}`;
    const w = Math.max(240, Math.min(520, Math.floor(width)));
    chart.data(data).width(w).height(Math.round(Math.min(260, Math.max(180, w * 0.5))));
    select(plot.querySelector('.plot-box')).call(chart);
  }

  return {render, dispose: () => expr.handle?.dispose()};
}
