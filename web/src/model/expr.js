// model/expr.js: the reader's own expression, as pure data: the presets,
// and how many samples the curve can afford. No DOM. (The variables' text
// in a link: state.js; the names of its nodes: symbols.js.)

// CS231n's first example, its numbers: the page's expression until the
// reader types one. (Defined before PRESETS, not as PRESETS[0], so that a
// bundle which needs only this one leaves the others out.)
export const DEFAULT_EXPR = {id: 'sum-times', expr: '(x+y)*z', vars: {x: -2, y: 5, z: -4}};
export const PRESETS = [
  DEFAULT_EXPR,
  // CS231n's two-input neuron.
  {id: 'neuron', expr: 'sigmoid(w0*x0 + w1*x1 + w2)', vars: {w0: 2, x0: -1, w1: -3, x1: -2, w2: -3}},
  // The previous chapter's shopping example: two apples at 100 with 10% tax.
  {id: 'apples', expr: 'apple*count*tax', vars: {apple: 100, count: 2, tax: 1.1}},
  // A value used twice and three times: the gradients add up.
  {id: 'fan-out', expr: 'x*x + exp(x)', vars: {x: 0.5}},
];
// A variable's value when the reader's expression brings a new one.
export const NEW_VARIABLE_VALUE = 1;

// The values to trace with: one per input of the graph, the reader's where
// known, NEW_VARIABLE_VALUE for a variable just typed.
export function valuesFor(inputs, vars) {
  const values = {};
  for (const name of inputs) values[name] = Object.hasOwn(vars, name) ? vars[name] : NEW_VARIABLE_VALUE;
  return values;
}

// Samples for the curve: 161, fewer as the graph grows, so that a curve
// costs about the same for 10 nodes or 1000.
export function sampleCount(nodes) {
  if (nodes <= 120) return 161;
  return Math.max(41, Math.round(161 * Math.sqrt(120 / nodes)) | 1);
}

// A 1-based column of a parse error as a caret line under the text: spaces
// (tabs kept, so that the caret lines up under a tab too) and '^'.
export function caretLine(text, column) {
  const chars = Array.from(String(text));
  const before = chars.slice(0, Math.max(0, column - 1)).map((c) => (c === '\t' ? '\t' : ' ')).join('');
  return before + '^';
}
