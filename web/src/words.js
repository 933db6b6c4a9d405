// words.js: the page's sentences about a trace (pure: trace in, text out).
// Numbers are only formatted here, never computed.
import {formatNumber} from './number.js';
import {translator, nodeTitle, nodeName as i18nNodeName, stepSentence as i18nStepSentence} from './i18n.js';

export const OP_NAMES = {
  input: 'input', relu: 'ReLU', sigmoid: 'sigmoid', scale: 'multiply', exp: 'exp', add_const: 'add',
  recip: 'reciprocal', add: 'add', mul: 'multiply', sub: 'subtract', div: 'divide', neg: 'negate',
  sqrt: 'square root', pow: 'power', const: 'constant',
};

export {nodeTitle};

// The node names and the status sentences live in i18n.js's table (English
// and Korean), shared with the <backprop-graph> element; the page speaks
// English.
const en = translator('en');

// The accessible name of a node at a step: its op, value and gradient, or
// what is not known yet.
export function nodeName(node, known, fmt = formatNumber) {
  return i18nNodeName(en, node, known, fmt);
}

// One line for the status region: where we are and what just happened.
export function stepSentence(trace, step, fmt = formatNumber) {
  return i18nStepSentence(en, trace, step, fmt);
}

// A sentence for one warning of the core (kind: overflow, nan,
// divide-by-zero, domain, infinite-input, nan-input).
export function warningSentence(trace, w, fmt = formatNumber) {
  const node = trace.nodes[w.node];
  const name = nodeTitle(node);
  switch (w.kind) {
    case 'overflow':
      return `${name}(${fmt(w.a)}) overflows: the true result is larger than the largest double (about 1.8 × 10³⁰⁸), so it is stored as ${fmt(w.value)}.`;
    case 'nan':
      return w.phase === 'backward'
        ? `Backward through ${name}: upstream ${fmt(w.a)} × local derivative ${fmt(w.b)} is ${fmt(w.value)}, because 0 · ∞ has no value in IEEE arithmetic. Every gradient to the left inherits it.`
        : `${name} gives ${fmt(w.value)} from ${fmt(w.a)}${Number.isNaN(w.b) ? '' : ` and ${fmt(w.b)}`}: the operation has no defined result.`;
    case 'divide-by-zero':
      return `${name} divides by ${fmt(w.b ?? w.a)}: the result is ${fmt(w.value)}.`;
    case 'domain':
      return `${name}(${fmt(w.a)}) is outside the function's domain, so the result is ${fmt(w.value)}.`;
    case 'infinite-input':
      return `The input ${name} is ${fmt(w.value)}: values computed from it may be infinite or NaN.`;
    case 'nan-input':
      return `The input ${name} is NaN (not a number): every value computed from it is NaN too.`;
    default:
      return `${name}: ${w.kind} (${fmt(w.value)}).`;
  }
}
