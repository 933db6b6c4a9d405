// views/expr-steps.js: the step panel for the reader's own expression. Each
// op's formula (words/ops.js) in the page's names for the nodes (q₁, …, f),
// then with the trace's numbers substituted; backward, the chain rule with
// "+=" where a value sends its gradient back along several branches, and the
// running total the C core kept (the step's `total`). Numbers are only
// formatted here; the words come from `t` (words/page.js and words/expr.js).
import {formatNumber, asFactor} from '../model/number.js';
import {pageTranslator} from '../words/page.js';
import {operandNames, formulas, forwardSides} from '../words/ops.js';
import {esc, mo, sides, math} from './mathml.js';
import {fill, chainHTML} from './steps.js';
import {share} from '../model/timeline.js';

// Backward: dL/d(operand) [+]= dL/dq · ∂q/∂(operand) = dL/dq · (local, in
// symbols) = upstream · local = downstream; "+=" where the operand's
// gradient gathers shares from several steps.
function backwardParts(trace, s, fmt, many) {
  const names = operandNames(trace, s.node);
  const [q, to] = [names.out, names.args[s.arg]];
  const parts = sides([['∂', 'L', to], ['·', ['∂', 'L', q], ['∂', q, to]], ['·', ['∂', 'L', q], formulas(trace, s.node, names).local(s.arg)],
    ['·', {v: s.upstream}, {v: s.local}], {v: s.grad}], fmt);
  if (many) parts[1] = mo('+=');
  return parts;
}

// The step panel for step `step` of an expression's trace (withSymbols'd).
export function exprStepPanelHTML(trace, step, {precise = false, t = pageTranslator('en')} = {}) {
  const fmt = (v) => formatNumber(v, {precise});
  const n = trace.steps.length;
  const where = `<span class="where">${esc(t('stepOf', {step, n}))}</span>`;
  if (step === 0) {
    const given = Object.entries(trace.inputs).map(([k, v]) => `<b>${esc(k)} = ${esc(fmt(v))}</b>`).join(', ');
    return `<h3>${esc(t('startTitle'))} ${where}</h3>
<p>${fill(esc(t('startText')), {x: given || esc(t('noVariables')), dout: `<b>${esc(`dL/d${trace.outputName}`)} = ${esc(fmt(trace.dout))}</b>`})}</p>`;
  }
  const s = trace.steps[step - 1];
  const node = trace.nodes[s.node];
  const q = trace.symbols[s.node];
  const name = `<span class="opname">${esc(q)}</span> <span class="opname">(${esc(node.label)})</span>`;
  if (s.phase === 'forward') {
    return `<h3>${esc(t('forwardThrough'))} ${name} ${where}</h3>
${math(sides(forwardSides(trace, s, {definition: false}), fmt), t('exprForwardMath', {q, v: fmt(s.value)}))}
<p class="note">${esc(t('exprForwardNote'))}</p>`;
  }
  const {index, count, previous} = share(trace, step - 1);
  const to = trace.symbols[s.to];
  let total = '';
  if (count > 1) {
    const sum = previous
      ? `${esc(fmt(previous.total))} + ${esc(asFactor(fmt(s.grad)))} = <b>${esc(fmt(s.total))}</b>`
      : `<b>${esc(fmt(s.total))}</b>`;
    total = `<p class="total" data-share="${index}" data-shares="${count}" data-total="${esc(String(s.total))}">
<span class="share">${esc(t('shareOf', {to, i: index, n: count}))}</span> ${esc(t('totalSoFar', {to}))} ${sum}${index === count ? ` <span class="done">${esc(t('totalDone'))}</span>` : ''}</p>`;
  }
  return `<h3>${esc(t('backwardThrough'))} ${name} ${where}</h3>
${math(backwardParts(trace, s, fmt, count > 1), t('exprBackwardMath', {to, up: fmt(s.upstream), local: fmt(s.local), grad: fmt(s.grad)}))}
${chainHTML(t, fmt, s)}
${total}`;
}
