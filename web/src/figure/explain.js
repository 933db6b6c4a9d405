// figure/explain.js: what a node's local derivative is and why, the words
// a figure shows while a node is focused or hovered:
//
//   "/: y = 1/x, so ∂y/∂x = −y². 1/x = x⁻¹, so the derivative is −x⁻² = −1/x² = −y²: …"
//
// The rules are words/ops.js's formula trees, drawn in plain text with the
// node's own names (x and y, or an expression's q₁, f); the why is
// words/code.js's, per op. No numbers: those are the step line's.
import {chain} from '../views/notation.js';
import {TEXT} from '../views/formula.js';
import {formulas, operandNames, FIG7_TREE} from '../words/ops.js';
import {formatNumber} from '../model/number.js';

// A step between an op's derivative and the form the core computes, where
// the why needs one: −1/x² before −y², exp(x) before y, y² · exp(−x)
// before y(1 − y) (Fig. 7, Eq. 6).
const MIDDLE = {
  recip: ['neg', ['/', 1, ['^', 'a', 2]]],
  sigmoid: FIG7_TREE,
  sqrt: ['/', 1, ['juxt', 2, ['sqrt', 'a']]],
};
const AFTER = {exp: 'y'};

// The explanation of node `id` of `trace` in `t`'s language (t: the code words).
export function explainNode(trace, id, t) {
  const node = trace.nodes[id];
  const label = trace.symbols && node.op !== 'input' && node.op !== 'const' ? `${trace.symbols[id]} (${node.label})` : node.label;
  if (node.op === 'input') return t('explainInput', {label});
  if (node.op === 'const') return t('explainConst', {label});
  const names = operandNames(trace, id);
  const f = formulas(trace, id, names);
  const write = (sides) => chain(sides, TEXT, formatNumber);
  const forward = write([names.out, f.rule, ...(f.definition ? [f.definition] : [])]);
  const middle = MIDDLE[node.op] ? [f.bind(MIDDLE[node.op])] : [];
  const after = AFTER[node.op] ? [f.bind(AFTER[node.op])] : [];
  const local = node.args.map((a, i) => (trace.nodes[a].op === 'const' ? null
    : write([['∂', names.out, names.args[i]], ...(i ? [] : middle), f.local(i), ...(i ? [] : after)])))
    .filter(Boolean).join(t('and'));
  return `${t('explain', {label, forward, local})} ${t.table('why')[node.op] ?? ''}`.trim();
}
