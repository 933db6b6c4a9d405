// views/expr-check.js: the gradient check of every input of an expression,
// as an HTML table of fixed words and formatted trace numbers.
import {formatNumber, exactText} from '../model/number.js';
import {pageTranslator} from '../words/page.js';
import {esc} from './mathml.js';

const cell = (v, fmt) => `<td><span class="num${Number.isFinite(v) ? '' : ' nonfinite'}" data-value="${esc(exactText(v))}">${esc(fmt(v))}</span></td>`;
const AGREE = 1e-6; // as views/check.js

export function exprCheckHTML(trace, {precise = false, t = pageTranslator('en')} = {}) {
  const fmt = (v) => formatNumber(v, {precise});
  const names = Object.keys(trace.check);
  const rows = names.map((name) => {
    const c = trace.check[name];
    return `<tr data-var="${esc(name)}"><th scope="row">${esc(name)}</th>${cell(trace.grads[name], fmt)}${cell(c.numeric, fmt)}${cell(c.rel_error, fmt)}</tr>`;
  }).join('');
  const head = ['checkInput', 'checkBackprop', 'checkDifference', 'checkRelError'].map((k) => t(k)).map((h) => `<th scope="col">${esc(h)}</th>`).join('');
  const bad = names.filter((k) => !(trace.check[k].rel_error <= AGREE));
  const nan = names.some((k) => Number.isNaN(trace.check[k].rel_error));
  let verdict;
  if (nan) verdict = `<p class="verdict bad"><span aria-hidden="true">⚠</span> ${esc(t('checkNaN'))}</p>`;
  else if (!bad.length) verdict = `<p class="verdict ok"><span aria-hidden="true">✓</span> ${esc(t('checkAgree'))}</p>`;
  else verdict = `<p class="verdict bad"><span aria-hidden="true">✗</span> ${esc(t('checkDiffer', {names: bad.join(', '), tol: fmt(AGREE)}))}</p>`;
  return `<div class="table-scroll"><table class="check-table"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>${verdict}`;
}
