// words/sentences.js: the page's sentences about a trace (pure: trace in, text out).
// Numbers are only formatted here, never computed.
import {formatNumber} from '../model/number.js';
import {translator, nodeTitle, nodeName as i18nNodeName, stepSentence as i18nStepSentence} from './figure.js';
import {pageTranslator} from './page.js';

export const OP_NAMES = {
  input: 'input', relu: 'ReLU', sigmoid: 'sigmoid', scale: 'multiply', exp: 'exp', add_const: 'add',
  recip: 'reciprocal', add: 'add', mul: 'multiply', sub: 'subtract', div: 'divide', neg: 'negate',
  sqrt: 'square root', pow: 'power', const: 'constant',
};

export {nodeTitle};

// The node names and the status sentences live in i18n.js's table (English
// and Korean), shared with the <backprop-graph> element; the warnings in
// page-text.js's. Each function takes a translator (i18n.js's translator or
// page-text.js's pageTranslator) and speaks English without one.
const en = translator('en');

// The accessible name of a node at a step: its op, value and gradient, or
// what is not known yet.
export function nodeName(node, known, fmt = formatNumber, t = en) {
  return i18nNodeName(t, node, known, fmt);
}

// One line for the status region: where we are and what just happened.
export function stepSentence(trace, step, fmt = formatNumber, t = en) {
  return i18nStepSentence(t, trace, step, fmt);
}

// A sentence for one warning of the core (kind: overflow, nan,
// divide-by-zero, domain, infinite-input, nan-input).
export function warningSentence(trace, w, fmt = formatNumber, t = pageTranslator('en')) {
  const name = nodeTitle(trace.nodes[w.node]);
  const p = {name, a: fmt(w.a), b: fmt(w.b), value: fmt(w.value)};
  switch (w.kind) {
    case 'overflow': return t('warnOverflow', p);
    case 'nan':
      if (w.phase === 'backward') return t('warnNaNBackward', p);
      return t('warnNaN', {...p, args: Number.isNaN(w.b) ? p.a : p.a + t('and') + p.b});
    case 'divide-by-zero': return t('warnDivide', {...p, b: fmt(w.b ?? w.a)});
    case 'domain': return t('warnDomain', p);
    case 'infinite-input': return t('warnInfiniteInput', p);
    case 'nan-input': return t('warnNaNInput', p);
    default: return t('warnOther', {...p, kind: w.kind});
  }
}
