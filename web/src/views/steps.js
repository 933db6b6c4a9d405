// views/steps.js: the active step as a formula with its numbers substituted,
// in MathML (rendered by the browser, no library). Every number comes from
// the trace; this file only lays them out, in the words of page-text.js.
import {formatNumber} from '../model/number.js';
import {nodeTitle} from '../words/sentences.js';
import {pageTranslator} from '../words/page.js';
import {esc, mi, mo, row, frac, paren, fn, d, dot, eq, num, math} from './mathml.js';

// Forward: y = f(x) = f(input) = output.
function forwardMath(trace, s, fmt) {
  const node = trace.nodes[s.node];
  const ins = node.args.map((a) => trace.nodes[a].value);
  const x = ins[0];
  const y = num(s.value, fmt, {wrap: false});
  const X = mi('x');
  switch (node.op) {
    case 'scale': return [mi('y'), eq, num(node.k, fmt), dot, X, eq, num(node.k, fmt), dot, num(x, fmt), eq, y];
    case 'add_const': return [mi('y'), eq, X, mo('+'), num(node.k, fmt), eq, num(x, fmt, {wrap: false}), mo('+'), num(node.k, fmt), eq, y];
    case 'exp': return [mi('y'), eq, fn('exp', X), eq, fn('exp', num(x, fmt, {wrap: false})), eq, y];
    case 'recip': return [mi('y'), eq, frac(num(1, fmt), X), eq, frac(num(1, fmt), num(x, fmt, {wrap: false})), eq, y];
    case 'relu': return [mi('y'), eq, fn('max', row(num(0, fmt), mo(','), X)), eq, fn('max', row(num(0, fmt), mo(','), num(x, fmt))), eq, y];
    case 'sigmoid': return [mi('y'), eq, fn('\u03c3', X), eq, frac(num(1, fmt), row(num(1, fmt), mo('+'), fn('exp', row(mo('\u2212'), X)))), eq,
      fn('\u03c3', num(x, fmt, {wrap: false})), eq, y];
    default: return [mi('y'), eq, fn(nodeTitle(node), row(...ins.map((v, i) => (i ? mo(',') : '') + num(v, fmt)))), eq, y];
  }
}

// Backward: dL/dx = dL/dy · (local, in symbols) = upstream · (local, with
// numbers) [= upstream · local] = downstream.
function backwardMath(trace, s, fmt) {
  const node = trace.nodes[s.node];
  const input = trace.nodes[s.to].value;
  const y = node.value;
  const up = num(s.upstream, fmt);
  const local = num(s.local, fmt);
  let symbolic, substituted = null;
  switch (node.op) {
    case 'scale': symbolic = num(node.k, fmt); break;
    case 'add_const': symbolic = num(1, fmt); break;
    case 'exp': symbolic = fn('exp', mi('x')); substituted = fn('exp', num(input, fmt, {wrap: false})); break;
    case 'recip': symbolic = paren(row(mo('\u2212'), `<msup>${mi('y')}<mn>2</mn></msup>`));
      substituted = paren(row(mo('\u2212'), `<msup>${num(y, fmt)}<mn>2</mn></msup>`)); break;
    case 'relu': symbolic = row(mo('['), mi('x'), mo('>'), num(0, fmt), mo(']'));
      substituted = row(mo('['), num(input, fmt, {wrap: false}), mo('>'), num(0, fmt), mo(']')); break;
    case 'sigmoid': symbolic = row(mi('y'), paren(row(num(1, fmt), mo('\u2212'), mi('y'))));
      substituted = row(num(y, fmt), dot, paren(row(num(1, fmt), mo('\u2212'), num(y, fmt, {wrap: false})))); break;
    default: symbolic = d('y', 'x');
  }
  const parts = [d('L', 'x'), eq, d('L', 'y'), dot, symbolic, eq];
  if (substituted) parts.push(up, dot, substituted, eq);
  parts.push(up, dot, local, eq, num(s.grad, fmt, {wrap: false}));
  return parts;
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
  const name = esc(nodeTitle(node));
  if (s.phase === 'forward') {
    return `<h3>${esc(t('forwardThrough'))} <span class="opname">${name}</span> ${where}</h3>
${math(forwardMath(trace, s, fmt), t('forwardMath', {v: fmt(s.value)}))}
<p class="note">${esc(t('forwardNote'))}</p>`;
  }
  return `<h3>${esc(t('backwardThrough'))} <span class="opname">${name}</span> ${where}</h3>
${math(backwardMath(trace, s, fmt), t('backwardMath', {up: fmt(s.upstream), local: fmt(s.local), grad: fmt(s.grad)}))}
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
