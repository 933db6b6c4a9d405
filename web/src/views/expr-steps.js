// views/expr-steps.js: the step panel for the reader's own expression. Each
// op's formula in the page's names for the nodes (q₁, …, f), then with the
// trace's numbers substituted; backward, the chain rule with "+=" where a
// value sends its gradient back along several branches, and the running
// total the C core kept (the step's `total`). Numbers are only formatted here;
// the words come from `t` (page-text.js and expr-words.js).
import {formatNumber, asFactor} from '../model/number.js';
import {pageTranslator} from '../words/page.js';
import {MINUS, esc, mi, mo, mn, row, frac, sup, paren, fn, d, dot, eq, num, math} from './mathml.js';
import {fill, chainHTML} from './steps.js';
import {share} from '../model/timeline.js';

// The op applied to operands a (and b), each a MathML piece; k is the
// node's own number (scale, add_const).
function apply(op, a, b, k) {
  switch (op) {
    case 'add': return row(a, mo('+'), b);
    case 'sub': return row(a, mo(MINUS), b);
    case 'mul': return row(a, dot, b);
    case 'div': return frac(a, b);
    case 'pow': return sup(a, b);
    case 'neg': return row(mo(MINUS), a);
    case 'recip': return frac(mn('1'), a);
    case 'sqrt': return `<msqrt>${a}</msqrt>`;
    case 'abs': return row(mo('|'), a, mo('|'));
    case 'relu': return fn('max', row(mn('0'), mo(','), a));
    case 'sigmoid': return fn('\u03c3', a);
    case 'scale': return row(k, dot, a);
    case 'add_const': return row(a, mo('+'), k);
    default: return fn(op, a); // exp, log, tanh, sin, cos
  }
}

// The local derivative of `node` (named q) with respect to operand `arg`,
// in symbols.
function localSymbolic(op, arg, q, a, b, k) {
  switch (op) {
    case 'add': case 'add_const': return mn('1');
    case 'sub': return arg === 0 ? mn('1') : row(mo(MINUS), mn('1'));
    case 'mul': return arg === 0 ? b : a;
    case 'div': return arg === 0 ? frac(mn('1'), b) : row(mo(MINUS), frac(a, sup(b, mn('2'))));
    case 'pow': return arg === 0 ? row(b, dot, sup(a, row(b, mo(MINUS), mn('1')))) : row(q, dot, fn('ln', a));
    case 'neg': return row(mo(MINUS), mn('1'));
    case 'exp': return fn('exp', a);
    case 'log': return frac(mn('1'), a);
    case 'sqrt': return frac(mn('1'), row(mn('2'), q));
    case 'recip': return row(mo(MINUS), frac(mn('1'), sup(a, mn('2'))));
    case 'tanh': return row(mn('1'), mo(MINUS), sup(q, mn('2')));
    case 'sin': return fn('cos', a);
    case 'cos': return row(mo(MINUS), fn('sin', a));
    case 'abs': return fn('sign', a);
    case 'relu': return row(mo('['), a, mo('>'), mn('0'), mo(']'));
    case 'sigmoid': return row(q, paren(row(mn('1'), mo(MINUS), q)));
    case 'scale': return k;
    default: return d(q, 'x');
  }
}

// A node's symbol as MathML: a constant is a number, anything else a name.
function symbolOf(trace, id, fmt) {
  const node = trace.nodes[id];
  return node.op === 'const' ? num(node.value, fmt) : mi(trace.symbols[id]);
}

function forwardMath(trace, s, fmt) {
  const node = trace.nodes[s.node];
  const q = trace.symbols[s.node];
  const k = node.k != null ? num(node.k, fmt) : null;
  const [a, b] = node.args.map((id) => symbolOf(trace, id, fmt));
  const [va, vb] = node.args.map((id) => num(trace.nodes[id].value, fmt));
  const parts = [mi(q), eq, apply(node.op, a, b, k), eq];
  if (node.args.some((id) => trace.nodes[id].op !== 'const')) parts.push(apply(node.op, va, vb, k), eq);
  parts.push(num(s.value, fmt, {wrap: false}));
  return parts;
}

function backwardMath(trace, s, fmt, many) {
  const node = trace.nodes[s.node];
  const q = trace.symbols[s.node];
  const to = trace.symbols[s.to];
  const k = node.k != null ? num(node.k, fmt) : null;
  const [a, b] = node.args.map((id) => symbolOf(trace, id, fmt));
  const local = localSymbolic(node.op, s.arg, mi(q), a, b, k);
  return [d('L', to), mo(many ? '+=' : '='), d('L', q), dot, d(q, to), eq, d('L', q), dot, local, eq,
    num(s.upstream, fmt), dot, num(s.local, fmt), eq, num(s.grad, fmt, {wrap: false})];
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
${math(forwardMath(trace, s, fmt), t('exprForwardMath', {q, v: fmt(s.value)}))}
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
${math(backwardMath(trace, s, fmt, count > 1), t('exprBackwardMath', {to, up: fmt(s.upstream), local: fmt(s.local), grad: fmt(s.grad)}))}
${chainHTML(t, fmt, s)}
${total}`;
}
