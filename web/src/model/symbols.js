// model/symbols.js: the names figures give an expression's nodes (pure
// data): an input its variable, a constant its number, the output f, and
// the ops in between q₁, q₂, … (kept apart from model/expr.js, whose
// presets the element's bundle does not need).
const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';
const subscript = (k) => String(k).replace(/\d/g, (d) => SUBSCRIPT[d]);

// The names of a trace's nodes, by id: an input its variable, a constant its
// number, the output f, and the ops in between q (one) or q₁, q₂, … in
// creation order (a letter no variable uses). Returns {symbols, output}.
export function nodeSymbols(trace) {
  const taken = new Set(trace.nodes.filter((n) => n.op === 'input').map((n) => n.label));
  const output = ['f', 'F', 'out'].find((s) => !taken.has(s)) || 'f';
  const letter = ['q', 'u', 'h', 'p', 'v'].find((l) => ![...taken].some((t) => t.startsWith(l))) || 'q';
  const out = trace.nodes.length - 1;
  const middle = trace.nodes.filter((n) => n.op !== 'input' && n.op !== 'const' && n.id !== out);
  const symbols = trace.nodes.map((n) => (n.op === 'input' || n.op === 'const' ? n.label : null));
  middle.forEach((n, i) => { symbols[n.id] = middle.length === 1 ? letter : letter + subscript(i + 1); });
  if (trace.nodes[out].op !== 'input' && trace.nodes[out].op !== 'const') symbols[out] = output;
  return {symbols, output: trace.nodes[out].op === 'input' ? trace.nodes[out].label : output};
}

// The trace with its names attached, as the layout and views read them.
export function withSymbols(trace) {
  const {symbols, output} = nodeSymbols(trace);
  return {...trace, symbols, outputName: output};
}
