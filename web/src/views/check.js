// views/check.js: the gradient check and the notes on non-finite values, as
// HTML strings of fixed words (words/page.js's, through `t`) and formatted
// trace numbers.
import {formatNumber, exactText} from '../model/number.js';
import {pageTranslator, warningSentence} from '../words/page.js';
import {fill} from './steps.js';
import {esc} from './mathml.js';

// (A span, not <output>: that element is a status region to screen readers.)
const numberHTML = (v, fmt) => `<span class="num${Number.isFinite(v) ? '' : ' nonfinite'}" data-value="${esc(exactText(v))}">${esc(fmt(v))}</span>`;

// A verdict line: its class (ok, bad), a mark for the eye, the sentence.
const verdictHTML = (kind, mark, text) => `<p class="verdict ${kind}"><span aria-hidden="true">${mark}</span> ${esc(text)}</p>`;

// The tolerance under which backprop and the central difference "agree".
const AGREE = 1e-6;

export function checkHTML(panes, {precise = false, t = pageTranslator('en')} = {}) {
  const fmt = (v) => formatNumber(v, {precise});
  const [main] = panes;
  const c = main.trace.check.x;
  const rows = [];
  for (const p of panes) rows.push([t('byBackprop') + (panes.length > 1 ? `, ${p.title}` : ''), p.trace.grads.x, `grad-${p.id}`]);
  rows.push([t('centralDifference', {h: fmt(c.step)}), c.numeric, 'numeric']);
  rows.push([t('relativeError'), c.rel_error, 'rel-error']);
  const list = rows.map(([dt, v, key]) => `<div data-key="${key}"><dt>${esc(dt)}</dt><dd>${numberHTML(v, fmt)}</dd></div>`).join('');

  let verdict;
  if (Number.isNaN(c.rel_error)) verdict = verdictHTML('bad', '⚠', t('checkNaNBuiltin'));
  else if (c.rel_error <= AGREE) verdict = verdictHTML('ok', '✓', t('checkAgreeBuiltin'));
  else if (main.trace.graph === 'relu' && main.trace.inputs.x === 0) verdict = verdictHTML('bad', '✗', t('reluKink'));
  else verdict = verdictHTML('bad', '✗', t('checkDifferBuiltin', {tol: fmt(AGREE)}));
  let same = '';
  if (panes.length > 1) {
    const [a, b] = panes.map((p) => p.trace.grads.x);
    same = Object.is(a, b) || a === b
      ? verdictHTML('ok', '=', t('bothSame'))
      : verdictHTML('bad', '≠', t('bothDiffer', {a: fmt(a), b: fmt(b)}));
  }
  return `<dl class="check">${list}</dl>${verdict}${same}`;
}

// Notes for every warning the core raised, and the lesson of the fused
// sigmoid when the step-by-step one broke down. `fused` is the sigmoid
// trace at the same x and dL/dy, when the panes do not include it.
export function notesHTML(panes, {fused = null, precise = false, t = pageTranslator('en')} = {}) {
  const fmt = (v) => formatNumber(v, {precise});
  const parts = [];
  for (const p of panes) {
    if (!p.trace.warnings.length) continue;
    const items = p.trace.warnings.map((w) => `<li data-kind="${esc(w.kind)}">${esc(warningSentence(t, p.trace, w, fmt))}</li>`).join('');
    parts.push(`<h3>${esc(p.title)}</h3><ul>${items}</ul>`);
  }
  const steps = panes.find((p) => p.trace.graph === 'sigmoid-steps');
  const other = fused || panes.find((p) => p.trace.graph === 'sigmoid')?.trace;
  if (steps && steps.trace.warnings.length && other) {
    parts.push(`<p class="lesson">${fill(esc(t('fusedLesson')), {y: numberHTML(other.output, fmt), dx: numberHTML(other.grads.x, fmt)})}</p>`);
  }
  return parts.join('');
}
