// views/formula.js: the chain-rule line of one step, as plain text (for the
// figure) and as LaTeX (to copy into slides): TEXT and LATEX, the two
// one-line notations of views/notation.js, over each op's formulas from
// words/ops.js. Every number comes from the trace; this file only lays them
// out.
//
//   chainLine(trace, 2, fmt)  -> {text: '∂L/∂x = ∂L/∂y · y(1 − y) = 1 · 0.6225 · (1 − 0.6225) = 0.2350',
//                                 latex: '\frac{\partial L}{\partial x} = \frac{\partial L}{\partial y}\cdot y(1-y) = 1\cdot 0.6225\cdot (1-0.6225) = 0.2350'}
import {formatNumber} from '../model/number.js';
import {nodeNames, formulas, forwardSides} from '../words/ops.js';
import {chain} from './notation.js';

const SPACED = {'+': ' + ', '−': ' − ', '·': ' · ', '/': '/'};
export const TEXT = {
  literal: String, name: String, value: (v, text) => text,
  paren: (x) => `(${x})`,
  infix: (op, a, b) => a + SPACED[op] + b,
  juxt: (a, b) => a + b,
  pow: (a, b) => a + (b === '2' ? '²' : `^${b}`),
  neg: (a) => '\u2212' + a,
  call: (name, args) => `${name}(${args.join(', ')})`,
  sqrt: (a) => `√(${a})`,
  abs: (a) => `|${a}|`,
  positive: (a) => `[${a} > 0]`,
  d: (top, bottom) => `∂${top}/∂${bottom}`,
};

// LaTeX writes as TEXT does but for these: functions with a backslash
// (\exp, \max), σ as \sigma, built-up fractions and roots, and a name's
// subscript digits as _{…} (q₁ -> q_{1}).
const TEX_INFIX = {'+': '+', '−': '-', '·': '\\cdot '};
const TEX_FUNCTION = {'σ': '\\sigma', sign: '\\operatorname{sign}'};
const texName = (s) => s.replace(/[₀-₉]+/g, (d) => `_{${[...d].map((c) => c.charCodeAt(0) - 0x2080).join('')}}`);
const texNumber = (text) => text.replace(/\u2212/g, '-').replace('\u221e', '\\infty').replace('NaN', '\\mathrm{NaN}')
  .replace(/e(-?)(\d+)$/, (m, s, e) => `\\times 10^{${s}${e}}`);
export const LATEX = {
  ...TEXT,
  name: texName, value: (v, text) => texNumber(text),
  infix: (op, a, b) => a + TEX_INFIX[op] + b,
  frac: (a, b) => `\\frac{${a}}{${b}}`,
  pow: (a, b) => `${a}^${b.length === 1 ? b : `{${b}}`}`,
  neg: (a) => '-' + a,
  call: (name, args) => `${TEX_FUNCTION[name] ?? `\\${name}`}(${args.join(', ')})`,
  sqrt: (a) => `\\sqrt{${a}}`,
  d: (top, bottom) => `\\frac{\\partial ${texName(top)}}{\\partial ${texName(bottom)}}`,
};

// The sides of step `step`'s line (0: the given inputs, one chain each).
function lineSides(trace, step) {
  if (step === 0) return [...Object.entries(trace.inputs).map(([k, v]) => [k, {v}]), [['∂', 'L', trace.outputName ?? 'y'], {v: trace.dout}]];
  const s = trace.steps[step - 1];
  if (s.phase === 'forward') return [forwardSides(trace, s)];
  // Backward: dL/dx = dL/dy · (local, in symbols) = upstream · (local, with numbers) = downstream.
  const names = nodeNames(trace, s.node);
  const f = formulas(trace, s.node, names);
  const up = {v: s.upstream};
  return [[['∂', 'L', names.args[s.arg]], ['·', ['∂', 'L', names.out], f.local(s.arg)],
    ['·', up, f.localNumbers(s.arg) ?? {v: s.local}], {v: s.grad}]];
}

// The line for step `step` of `trace` (0: the given inputs).
export function chainLine(trace, step, fmt = formatNumber) {
  const chains = lineSides(trace, step);
  return {
    text: chains.map((sides) => chain(sides, TEXT, fmt)).join(', '),
    latex: chains.map((sides) => chain(sides, LATEX, fmt)).join(',\\quad '),
  };
}
