// views/check.js: the gradient check and the notes on non-finite values, as
// HTML strings of fixed words and formatted trace numbers.
import {formatNumber, exactText} from '../number.js';
import {warningSentence} from '../words.js';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// (A span, not <output>: that element is a status region to screen readers.)
const numberHTML = (v, fmt) => `<span class="num${Number.isFinite(v) ? '' : ' nonfinite'}" data-value="${esc(exactText(v))}">${esc(fmt(v))}</span>`;

// The tolerance under which backprop and the central difference "agree".
const AGREE = 1e-6;

export function checkHTML(panes, {precise = false} = {}) {
  const fmt = (v) => formatNumber(v, {precise});
  const [main] = panes;
  const c = main.trace.check.x;
  const rows = [];
  for (const p of panes) rows.push(['dL/dx by backprop' + (panes.length > 1 ? `, ${p.title}` : ''), p.trace.grads.x, `grad-${p.id}`]);
  rows.push([`central difference, h = ${fmt(c.step)}`, c.numeric, 'numeric']);
  rows.push(['relative error', c.rel_error, 'rel-error']);
  const list = rows.map(([dt, v, key]) => `<div data-key="${key}"><dt>${esc(dt)}</dt><dd>${numberHTML(v, fmt)}</dd></div>`).join('');

  let verdict;
  if (Number.isNaN(c.rel_error)) {
    verdict = `<p class="verdict bad"><span aria-hidden="true">⚠</span> No comparison: a value is not finite.</p>`;
  } else if (c.rel_error <= AGREE) {
    verdict = `<p class="verdict ok"><span aria-hidden="true">✓</span> Backprop and the difference quotient agree.</p>`;
  } else if (main.trace.graph === 'relu' && main.trace.inputs.x === 0) {
    verdict = `<p class="verdict bad"><span aria-hidden="true">✗</span> They differ: ReLU has a kink at 0. The difference quotient straddles it, while backprop masks x ≤ 0 and gives 0.</p>`;
  } else {
    verdict = `<p class="verdict bad"><span aria-hidden="true">✗</span> They differ by more than ${fmt(AGREE)}: the function is not smooth here, or rounding dominates.</p>`;
  }
  let same = '';
  if (panes.length > 1) {
    const [a, b] = panes.map((p) => p.trace.grads.x);
    same = Object.is(a, b) || a === b
      ? `<p class="verdict ok"><span aria-hidden="true">=</span> Both graphs give the same dL/dx.</p>`
      : `<p class="verdict bad"><span aria-hidden="true">≠</span> The two graphs disagree: ${esc(fmt(a))} step by step, ${esc(fmt(b))} fused.</p>`;
  }
  return `<dl class="check">${list}</dl>${verdict}${same}`;
}

// Notes for every warning the core raised, and the lesson of the fused
// sigmoid when the step-by-step one broke down. `fused` is the sigmoid
// trace at the same x and dL/dy, when the panes do not include it.
export function notesHTML(panes, {fused = null, precise = false} = {}) {
  const fmt = (v) => formatNumber(v, {precise});
  const parts = [];
  for (const p of panes) {
    if (!p.trace.warnings.length) continue;
    const items = p.trace.warnings.map((w) => `<li data-kind="${esc(w.kind)}">${esc(warningSentence(p.trace, w, fmt))}</li>`).join('');
    parts.push(`<h3>${esc(p.title)}</h3><ul>${items}</ul>`);
  }
  const steps = panes.find((p) => p.trace.graph === 'sigmoid-steps');
  const other = fused || panes.find((p) => p.trace.graph === 'sigmoid')?.trace;
  if (steps && steps.trace.warnings.length && other) {
    parts.push(`<p class="lesson">The fused σ layer reaches the same y = ${numberHTML(other.output, fmt)}, but its backward step needs only that output: dL/dy · y(1 − y) gives dL/dx = ${numberHTML(other.grads.x, fmt)}. No ∞ is ever multiplied by 0 on the way back. That is why frameworks fuse sigmoid into one layer.</p>`);
  }
  return parts.join('');
}
