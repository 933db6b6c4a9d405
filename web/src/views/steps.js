// views/steps.js: the active step as a formula with its numbers substituted,
// in MathML (rendered by the browser, no library). Every number comes from
// the trace; each op's formulas from words/ops.js; this file only lays
// them out, in the words of words/page.js.
import {formatNumber} from '../model/number.js';
import {pageTranslator} from '../words/page.js';
import {operandNames, formulas, forwardSides} from '../words/ops.js';
import {esc, sides, math} from './mathml.js';

// Backward: dL/dx = dL/dy · (local, in symbols) [= upstream · (local, with
// numbers)] = upstream · local = downstream.
function backwardSides(trace, s) {
  const names = operandNames(trace, s.node);
  const f = formulas(trace, s.node, names);
  const up = {v: s.upstream};
  const numbers = f.localNumbers(s.arg);
  return [['∂', 'L', names.args[s.arg]], ['·', ['∂', 'L', names.out], f.local(s.arg)], numbers && ['·', up, numbers],
    ['·', up, {v: s.local}], {v: s.grad}].filter(Boolean);
}

// The HTML of the step panel for step `step` of `trace`. Only fixed words
// (from `t`, a page translator) and formatted numbers go into it.
export function stepPanelHTML(trace, step, {precise = false, t = pageTranslator('en')} = {}) {
  const fmt = (v) => formatNumber(v, {precise});
  const n = trace.steps.length;
  const where = `<span class="where">${esc(t('stepOf', {step, n}))}</span>`;
  if (step === 0) {
    return `<h3>${esc(t('startTitle'))} ${where}</h3>
<p>${fill(esc(t('startText')), {x: `<b>x = ${esc(fmt(trace.inputs.x))}</b>`, dout: `<b>dL/dy = ${esc(fmt(trace.dout))}</b>`})}</p>`;
  }
  const s = trace.steps[step - 1];
  const node = trace.nodes[s.node];
  const name = esc(node.label);
  if (s.phase === 'forward') {
    return `<h3>${esc(t('forwardThrough'))} <span class="opname">${name}</span> ${where}</h3>
${math(sides(forwardSides(trace, s), fmt), t('forwardMath', {v: fmt(s.value)}))}
<p class="note">${esc(t('forwardNote'))}</p>`;
  }
  return `<h3>${esc(t('backwardThrough'))} <span class="opname">${name}</span> ${where}</h3>
${math(sides(backwardSides(trace, s), fmt), t('backwardMath', {up: fmt(s.upstream), local: fmt(s.local), grad: fmt(s.grad)}))}
${chainHTML(t, fmt, s)}
<p class="note">${esc(t('backwardNote') + (node.op === 'relu' ? t('reluNote') : ''))}</p>`;
}

// upstream × local derivative = downstream, in words and numbers.
export function chainHTML(t, fmt, s) {
  const term = (key, v) => `<span class="term">${esc(t(key))} <b>${esc(fmt(v))}</b></span>`;
  return `<p class="chain">${term('upstream', s.upstream)} <span aria-hidden="true">×</span>
${term('localDerivative', s.local)} <span aria-hidden="true">=</span>
${term('downstream', s.grad)}</p>`;
}

// A template's {placeholders} replaced by markup (the template escaped first).
export const fill = (template, html) => template.replace(/\{(\w+)\}/g, (m, k) => (k in html ? html[k] : m));
