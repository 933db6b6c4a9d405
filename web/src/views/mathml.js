// mathml.js: the little MathML vocabulary the step panels write in. Text goes
// through esc(); numbers come formatted from the trace, never computed here.
import {isNonFinite} from '../model/number.js';

export const MINUS = '\u2212';
export const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
export const mi = (s) => `<mi>${esc(s)}</mi>`;
export const mo = (s) => `<mo>${esc(s)}</mo>`;
export const mn = (s) => `<mn>${esc(s)}</mn>`;
export const mtext = (s) => `<mtext>${esc(s)}</mtext>`;
export const row = (...xs) => `<mrow>${xs.join('')}</mrow>`;
export const frac = (a, b) => `<mfrac>${a}${b}</mfrac>`;
export const sup = (a, b) => `<msup>${a}${b}</msup>`;
export const paren = (x) => row(mo('('), x, mo(')'));
export const fn = (name, arg) => row(mi(name), mo('\u2061'), paren(arg));
export const d = (top, bottom) => frac(row(mo('\u2202'), mi(top)), row(mo('\u2202'), mi(bottom)));
export const dot = mo('\u00b7');
export const eq = mo('=');

// A number from the trace; negatives in parentheses where they follow an
// operator, non-finite ones marked.
export function num(v, fmt, {wrap = true} = {}) {
  const text = fmt(v);
  const n = `<mn${isNonFinite(v) ? ' class="nonfinite"' : ''}>${esc(text.replace(/^\u2212/, ''))}</mn>`;
  const signed = text.startsWith(MINUS) ? row(mo(MINUS), n) : n;
  return wrap && text.startsWith(MINUS) ? paren(signed) : signed;
}

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
