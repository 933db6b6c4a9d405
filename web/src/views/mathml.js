// views/mathml.js: the little MathML vocabulary the step panels write in,
// and MATHML, the notation views/notation.js draws formula trees with. Text
// goes through esc(); numbers come formatted from the trace, never computed
// here.
import {isNonFinite} from '../model/number.js';
import {render} from './notation.js';

export const MINUS = '\u2212';
export const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const mi = (s) => `<mi>${esc(s)}</mi>`;
export const mo = (s) => `<mo>${esc(s)}</mo>`;
const mn = (s) => `<mn>${esc(s)}</mn>`;
const row = (...xs) => `<mrow>${xs.join('')}</mrow>`;
const frac = (a, b) => `<mfrac>${a}${b}</mfrac>`;
const sup = (a, b) => `<msup>${a}${b}</msup>`;
const paren = (x) => row(mo('('), x, mo(')'));
const fn = (name, arg) => row(mi(name), mo('\u2061'), paren(arg));
const d = (top, bottom) => frac(row(mo('\u2202'), mi(top)), row(mo('\u2202'), mi(bottom)));
const dot = mo('\u00b7');
const eq = mo('=');

// A number from the trace, its text fmt's; non-finite ones marked.
function number(v, text) {
  const n = `<mn${isNonFinite(v) ? ' class="nonfinite"' : ''}>${esc(text.replace(/^\u2212/, ''))}</mn>`;
  return text.startsWith(MINUS) ? row(mo(MINUS), n) : n;
}

export const MATHML = {
  literal: mn, name: mi, value: number, paren, frac, pow: sup, d,
  infix: (op, a, b) => row(a, op === '·' ? dot : mo(op), b),
  juxt: (a, b) => row(a, b),
  neg: (a) => row(mo(MINUS), a),
  call: (name, args) => fn(name, args.length > 1 ? row(...args.flatMap((a, i) => (i ? [mo(','), a] : [a]))) : args[0]),
  sqrt: (a) => `<msqrt>${a}</msqrt>`,
  abs: (a) => row(mo('|'), a, mo('|')),
  positive: (a) => row(mo('['), a, mo('>'), mn('0'), mo(']')),
};

// The sides of a chain (formula trees) as math()'s parts: side, =, side, …
export const sides = (trees, fmt) => trees.flatMap((t, i) => (i ? [eq, render(t, MATHML, fmt)] : [render(t, MATHML, fmt)]));

// One <math> per "= ..." segment, so that a long chain wraps on a narrow
// screen instead of overflowing; the first carries the whole chain's name.
export function math(parts, label) {
  const segments = [[]];
  for (const p of parts) {
    if (p === eq && segments[segments.length - 1].length) segments.push([]);
    segments[segments.length - 1].push(p);
  }
  const body = segments.map((seg, i) =>
    `<math${i ? ' aria-hidden="true"' : ` aria-label="${esc(label)}"`}><mrow>${seg.join('')}</mrow></math>`).join('');
  return `<div class="formula">${body}</div>`;
}
