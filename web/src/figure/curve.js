// figure/curve.js: the curve beside a figure (the page's, and a
// <backprop-graph panels="plot">'s): the function and dL/dy times its
// derivative over the input, sampled by the C core. A built-in graph's
// curve is its layer over an array (relu, or sigmoid for both sigmoids); an
// expression's is one forward and backward pass per sample over one of its
// variables, the others held. Returns what views/plot.js draws, and the
// words around it.
import {samplePoints, plotDomain} from '../views/plot.js';
import {layer, evaluate} from '../core/core.js';
import {sampleCount} from '../model/expr.js';
import {formatNumber, exactText} from '../model/number.js';

// A curve maker with a one-entry cache: a step or a redraw at a new width
// reuses the samples. handle: the expression's core.Graph (for expressions),
// source: what names it (its text and options), variable: the one to plot
// (default: the first). Null when an expression has no variable.
export function createCurves(core) {
  let cache = null;
  const sampled = (key, make) => (cache?.key === key ? cache : (cache = {key, ...make()}));

  return function curveOf(trace, {t, handle = null, source = '', variable = null}) {
    const range = (domain) => ({lo: formatNumber(domain[0]), hi: formatNumber(domain[1])});
    if (trace.expr == null) {
      const name = trace.graph === 'relu' ? 'relu' : 'sigmoid';
      const f = name === 'relu' ? 'ReLU' : 'σ';
      const x = trace.inputs.x;
      const domain = plotDomain(x);
      const samples = sampled(`${name}|${domain}|${exactText(trace.dout)}`, () => {
        const xs = samplePoints(domain[0], domain[1]);
        return {xs, ...layer(core, name, xs, new Float64Array(xs.length).fill(trace.dout))};
      });
      return {xs: samples.xs, out: samples.out, dx: samples.dx, x, y: trace.output, dxAt: trace.grads.x, name: f, variable: 'x',
        title: t('plotTitle', {f, ...range(domain)}), label: t('plotLabel', {f, v: 'x'}),
        legend: {value: t('plotFunction'), grad: t('plotDerivative')}, hint: t('plotHint')};
    }
    const names = Object.keys(trace.inputs);
    if (!names.length) return null;
    const v = names.includes(variable) ? variable : names[0];
    const values = trace.inputs;
    const domain = plotDomain(values[v]);
    const held = names.filter((k) => k !== v);
    const key = `${source}|${v}|${domain}|${exactText(trace.dout)}|${held.map((k) => exactText(values[k])).join(',')}`;
    const samples = sampled(key, () => {
      const xs = samplePoints(domain[0], domain[1], sampleCount(trace.nodes.length));
      const out = new Float64Array(xs.length), dx = new Float64Array(xs.length);
      evaluate(core, handle, values, trace.dout);
      for (let i = 0; i < xs.length; i++) {
        const r = evaluate(core, handle, {[v]: xs[i]}, trace.dout);
        out[i] = r.output;
        dx[i] = r.grads[v] ?? NaN;
      }
      return {xs, out, dx};
    });
    const f = trace.outputName;
    const fixed = held.map((k) => `${k} = ${formatNumber(values[k])}`).join(', ');
    return {xs: samples.xs, out: samples.out, dx: samples.dx, x: values[v], y: trace.output, dxAt: trace.grads[v], name: f, variable: v,
      title: t('exprPlotTitle', {f, v, ...range(domain), fixed: fixed ? t('plotFixed', {fixed}) : ''}),
      label: t('plotLabel', {f, v}), legend: {value: t('plotLegendValue'), grad: t('plotLegendGrad')}, hint: t('plotHintVar', {v})};
  };
}
