// figure/source.js: what a trace becomes before any host draws it, the same
// for the page and every element: an expression's nodes get their names
// (q₁, q₂, …, the output f: model/expr.js), the layout that suits the
// graph is chosen, and each node's accessible name is written with those
// names in the reader's language.
import {withSymbols} from '../model/symbols.js';
import {layoutGraph} from '../layout/chain.js';
import {layoutDag} from '../layout/dag.js';
import {nodeName} from '../words/figure.js';

const isExpr = (trace) => trace.expr != null;

// The trace as figures show it: an expression's with its names.
export const figureTrace = (trace) => (isExpr(trace) ? withSymbols(trace) : trace);

// The book's chains keep their straight drawing; expressions get the DAG's.
export const layoutFor = (trace) => (isExpr(trace) ? layoutDag : layoutGraph);

// (node, known, fmt) -> a node's accessible name in `t`'s language: an
// expression's op nodes as "q₁ (×): …", the built-in graphs' by their op.
export function nodeNames(t, trace) {
  if (!trace.symbols) return (node, known, fmt) => nodeName(t, node, known, fmt);
  return (node, known, fmt) => {
    const plain = node.op === 'input' || node.op === 'const';
    const label = plain ? node.label : `${trace.symbols[node.id]} (${node.label})`;
    return nodeName(t, {...node, label}, known, fmt);
  };
}

// The name of the output in "dL/dy": y for the built-in graphs, f (or the
// name the expression leaves free) for an expression.
export const outputName = (trace) => trace.outputName ?? 'y';
