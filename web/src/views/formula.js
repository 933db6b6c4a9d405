// views/formula.js: the chain-rule line of one step, as plain text (for the
// figure): TEXT, a one-line notation of views/notation.js, over each op's
// formulas from words/ops.js. Its LaTeX twin (to copy into slides) is
// views/latex.js's, apart so that a figure that never copies LaTeX leaves
// it out. Every number comes from the trace; this file only lays them out.
//
//   chainText(trace, 2, fmt)  -> '∂L/∂x = ∂L/∂y · y(1 − y) = 1 · 0.6225 · (1 − 0.6225) = 0.2350'
import {formatNumber} from '../model/number.js';
import {operandNames, formulas, forwardSides} from '../words/ops.js';
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

// The sides of step `step`'s line (0: the given inputs, one chain each).
function lineSides(trace, step) {
  if (step === 0) return [...Object.entries(trace.inputs).map(([k, v]) => [k, {v}]), [['∂', 'L', trace.outputName ?? 'y'], {v: trace.dout}]];
  const s = trace.steps[step - 1];
  if (s.phase === 'forward') return [forwardSides(trace, s)];
  // Backward: dL/dx = dL/dy · (local, in symbols) = upstream · (local, with numbers) = downstream.
  const names = operandNames(trace, s.node);
  const f = formulas(trace, s.node, names);
  const up = {v: s.upstream};
  return [[['∂', 'L', names.args[s.arg]], ['·', ['∂', 'L', names.out], f.local(s.arg)],
    ['·', up, f.localNumbers(s.arg) ?? {v: s.local}], {v: s.grad}]];
}

// The line for step `step` of `trace` (0: the given inputs) in notation
// N (TEXT here; views/latex.js's LATEX), its chains joined by `join`.
export function chainText(trace, step, fmt = formatNumber, N = TEXT, join = ', ') {
  return lineSides(trace, step).map((sides) => chain(sides, N, fmt)).join(join);
}

// Predict mode's line for step `step` (figure/predict.js): its value left
// blank ('?') for the hint, with the upstream gradient times the local
// derivative as a product to work out; worked, the value too.
//   ∂L/∂x = ∂L/∂y · y(1 − y) = 1 · 0.6225 · (1 − 0.6225) = 1 · 0.2350 = ?
export function askedLine(trace, step, fmt = formatNumber, worked = false) {
  const [sides] = lineSides(trace, step);
  const s = trace.steps[step - 1];
  const known = sides.slice(0, -1);
  if (s.phase === 'backward') known.push(['·', {v: s.upstream}, {v: s.local}]);
  const texts = [...known.map((side) => chain([side], TEXT, fmt)), worked ? chain([sides.at(-1)], TEXT, fmt) : '?'];
  return {name: texts[0], text: texts.filter((x, k) => x !== texts[k - 1]).join(' = ')};
}
