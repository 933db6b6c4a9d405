// figure/narration.js: the one sentence a figure says about its step (the
// page's status line, an element's narration): where the player is and
// what just happened, in the reader's language. An expression's sentence
// names nodes as its graph does (q₁, f) and, where a value is used more
// than once, the gradient gathered so far.
import {formatNumber, asFactor} from '../model/number.js';
import {share} from '../model/timeline.js';
import {stepSentence} from '../words/figure.js';

export function narrate(t, trace, step, fmt = formatNumber) {
  if (!trace.symbols) return stepSentence(t, trace, step, fmt);
  const n = trace.steps.length;
  if (step === 0) {
    const given = Object.entries(trace.inputs).map(([k, v]) => `${k} = ${fmt(v)}`).join(', ') || t('noVariables');
    return t('statusStart', {n, given, out: trace.outputName, dout: fmt(trace.dout)});
  }
  const s = trace.steps[step - 1];
  const q = trace.symbols[s.node];
  if (s.phase === 'forward') return t('statusForward', {step, n, q, op: trace.nodes[s.node].label, v: fmt(s.value)});
  const {count} = share(trace, step - 1);
  const to = trace.symbols[s.to];
  return t('statusBackward', {step, n, q, up: fmt(s.upstream), local: asFactor(fmt(s.local)), grad: fmt(s.grad), to,
    total: count > 1 ? t('statusTotal', {to, total: fmt(s.total)}) : ''});
}
