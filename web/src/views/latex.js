// views/latex.js: the chain-rule line in LaTeX (Copy LaTeX), LATEX being
// views/formula.js's TEXT but for what LaTeX spells otherwise.
//
//   chainLine(trace, 2, fmt)  -> {text: '∂L/∂x = ∂L/∂y · y(1 − y) = 1 · 0.6225 · (1 − 0.6225) = 0.2350',
//                                 latex: '\\frac{\\partial L}{\\partial x} = \\frac{\\partial L}{\\partial y}\\cdot y(1-y) = 1\\cdot 0.6225\\cdot (1-0.6225) = 0.2350'}
import {formatNumber} from '../model/number.js';
import {TEXT, chainText} from './formula.js';

// LaTeX writes as TEXT does but for these: functions with a backslash
// (\exp, \max), σ as \sigma, built-up fractions and roots, and a name's
// subscript digits as _{…} (q₁ -> q_{1}).
const TEX_INFIX = {'+': '+', '−': '-', '·': '\\cdot '};
const TEX_FUNCTION = {'σ': '\\sigma', sign: '\\operatorname{sign}'};
const texName = (s) => s.replace(/[₀-₉]+/g, (d) => `_{${[...d].map((c) => c.charCodeAt(0) - 0x2080).join('')}}`);
const texNumber = (text) => text.replace(/\u2212/g, '-').replace('\u221e', '\\infty').replace('NaN', '\\mathrm{NaN}')
  .replace(/e(-?)(\d+)$/, (m, s, e) => `\\times 10^{${s}${e}}`);
// (Object.assign, marked pure, rather than a spread, which a bundler must
// keep: a figure that never copies LaTeX then carries none of this.)
export const LATEX = /* @__PURE__ */ Object.assign({}, TEXT, {
  name: texName, value: (v, text) => texNumber(text),
  infix: (op, a, b) => a + TEX_INFIX[op] + b,
  frac: (a, b) => `\\frac{${a}}{${b}}`,
  pow: (a, b) => `${a}^${b.length === 1 ? b : `{${b}}`}`,
  neg: (a) => '-' + a,
  call: (name, args) => `${TEX_FUNCTION[name] ?? `\\${name}`}(${args.join(', ')})`,
  sqrt: (a) => `\\sqrt{${a}}`,
  d: (top, bottom) => `\\frac{\\partial ${texName(top)}}{\\partial ${texName(bottom)}}`,
});

// The line for step `step` of `trace` (0: the given inputs), as text and LaTeX.
export function chainLine(trace, step, fmt = formatNumber) {
  return {text: chainText(trace, step, fmt), latex: chainText(trace, step, fmt, LATEX, ',\\quad ')};
}
