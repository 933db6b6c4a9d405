// words/ops.js: the vocabulary of the C core's ops as data. For each op
// (bp_op in core/include/backprop.h; a trace names it by bp_op_name) its
// number of operands, its forward rule and its local derivative with
// respect to each operand, as small formula trees; views/notation.js draws
// them in MathML, plain text or LaTeX. The numbers themselves always come
// from the trace: these trees only say how to write them. Labels ("×(−1)",
// "σ") are not here either: the C core words them (bp_graph_label).
//
// A formula tree is a number written as it is (1, 2), a reference, or
// [operator, ...operands]:
//   'a', 'b'  the node's operands        'y'  the node's own output
//   'k'       the node's constant (scale, add_const), always a number
//   ['+', p, q]  ['−', p, q]  ['·', p, q]  ['/', p, q]  ['^', p, q]
//   ['juxt', p, q]  (p q side by side: 2q, y(1 − y))   ['neg', p]
//   ['call', name, p, ...]  ['sqrt', p]  ['abs', p]  ['[>0]', p] (1 where p > 0, else 0)

export const OPS = {
  input: {arity: 0},
  const: {arity: 0},
  scale: {arity: 1, forward: ['·', 'k', 'a'], local: ['k']},
  add_const: {arity: 1, forward: ['+', 'a', 'k'], local: [1]},
  add: {arity: 2, forward: ['+', 'a', 'b'], local: [1, 1]},
  sub: {arity: 2, forward: ['−', 'a', 'b'], local: [1, ['neg', 1]]},
  mul: {arity: 2, forward: ['·', 'a', 'b'], local: ['b', 'a']}, // the inputs swapped
  div: {arity: 2, forward: ['/', 'a', 'b'], local: [['/', 1, 'b'], ['neg', ['/', 'a', ['^', 'b', 2]]]]},
  pow: {arity: 2, forward: ['^', 'a', 'b'], local: [['·', 'b', ['^', 'a', ['−', 'b', 1]]], ['·', 'y', ['call', 'ln', 'a']]]},
  neg: {arity: 1, forward: ['neg', 'a'], local: [['neg', 1]]},
  exp: {arity: 1, forward: ['call', 'exp', 'a'], local: [['call', 'exp', 'a']]},
  log: {arity: 1, forward: ['call', 'log', 'a'], local: [['/', 1, 'a']]},
  sqrt: {arity: 1, forward: ['sqrt', 'a'], local: [['/', 1, ['juxt', 2, 'y']]]},
  // −y², from the output alone, as the reference post writes it.
  recip: {arity: 1, forward: ['/', 1, 'a'], local: [['neg', ['^', 'y', 2]]]},
  tanh: {arity: 1, forward: ['call', 'tanh', 'a'], local: [['−', 1, ['^', 'y', 2]]]},
  sin: {arity: 1, forward: ['call', 'sin', 'a'], local: [['call', 'cos', 'a']]},
  cos: {arity: 1, forward: ['call', 'cos', 'a'], local: [['neg', ['call', 'sin', 'a']]]},
  abs: {arity: 1, forward: ['abs', 'a'], local: [['call', 'sign', 'a']]},
  // The mask is a ≤ 0: the gradient at exactly 0 is 0.
  relu: {arity: 1, forward: ['call', 'max', 0, 'a'], local: [['[>0]', 'a']]},
  sigmoid: {arity: 1, forward: ['call', 'σ', 'a'], definition: ['/', 1, ['+', 1, ['call', 'exp', ['neg', 'a']]]],
    local: [['juxt', 'y', ['−', 1, 'y']]]},
};

// What a node and its operands are called in its formulas: the trace's
// symbols where it has them (model/expr.js's withSymbols: x, q₁, f), else
// the step panel's convention, x in and y out (a and b for two operands).
export function operandNames(trace, id) {
  const node = trace.nodes[id];
  if (trace.symbols) return {out: trace.symbols[id], args: node.args.map((a) => trace.symbols[a])};
  return {out: 'y', args: node.args.length === 1 ? ['x'] : ['a', 'b']};
}

// Whether a bound tree names anything (a function's name aside).
const named = (tree) => typeof tree === 'string' || (Array.isArray(tree) && tree.slice(tree[0] === 'call' ? 2 : 1).some(named));

// The sigmoid's local derivative as Fig. 7 writes it, y² · exp(−x), before
// the y(1 − y) the core computes (Eq. 6).
export const FIG7_TREE = ['·', ['^', 'y', 2], ['call', 'exp', ['neg', 'a']]];

// Node `id`'s trees with its references bound: in symbols (names, and a
// constant operand or k as its number, {v}), or with the trace's numbers
// substituted. A substituted form is null where it would say nothing new.
//   rule, ruleNumbers        forward: y = rule = ruleNumbers
//   definition               sigmoid's, else null
//   local(arg), localNumbers(arg)  ∂y/∂(operand arg)
export function formulas(trace, id, names = operandNames(trace, id)) {
  const node = trace.nodes[id];
  const op = OPS[node.op];
  const operand = (i, numbers) => {
    const a = trace.nodes[node.args[i]];
    return numbers || a.op === 'const' ? {v: a.value} : names.args[i];
  };
  const bind = (tree, numbers) => {
    if (tree === 'k') return {v: node.k};
    if (tree === 'y') return numbers ? {v: node.value} : names.out;
    if (tree === 'a' || tree === 'b') return operand(tree === 'a' ? 0 : 1, numbers);
    if (!Array.isArray(tree)) return tree;
    const [head, ...rest] = tree;
    if (head === 'call') return ['call', rest[0], ...rest.slice(1).map((t) => bind(t, numbers))];
    return [head, ...rest.map((t) => bind(t, numbers))];
  };
  const numbers = (tree) => (named(bind(tree, false)) ? bind(tree, true) : null);
  return {
    rule: bind(op.forward, false),
    ruleNumbers: numbers(op.forward),
    definition: op.definition ? bind(op.definition, false) : null,
    local: (arg) => bind(op.local[arg], false),
    localNumbers: (arg) => numbers(op.local[arg]),
    bind: (tree) => bind(tree, false), // any tree of these references, in symbols
  };
}

// The sides of a forward step's chain: y = rule [= definition] [= with
// numbers] = value.
export function forwardSides(trace, s, {definition = true} = {}) {
  const names = operandNames(trace, s.node);
  const f = formulas(trace, s.node, names);
  return [names.out, f.rule, definition && f.definition, f.ruleNumbers, {v: s.value}].filter(Boolean);
}
