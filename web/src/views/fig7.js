// views/fig7.js: the fused Sigmoid's backward step as the reference post's
// Fig. 7 writes it, ∂L/∂y · y² · exp(−x), and Eq. (6)'s three lines that
// turn it into ∂L/∂y · y(1 − y), with the step's numbers. Every number is
// the C core's (the trace's fig7 parts: bp_sigmoid_fig7); this file only
// lays them out, as formula trees (views/notation.js) in plain text or
// MathML.
import {chain} from './notation.js';
import {TEXT, chainText} from './formula.js';
import {sides, math, esc, mo} from './mathml.js';
import {operandNames, formulas, FIG7_TREE} from '../words/ops.js';
import {exactText, formatNumber} from '../model/number.js';
import {LATEX} from './latex.js';

// The fig7 parts of step `step` (1-based) of `trace`, or null where that
// step is not a fused sigmoid's backward step.
export const fig7Of = (trace, step) => (step > 0 ? trace.steps[step - 1]?.fig7 ?? null : null);

// The chains: Fig. 7's line, then Eq. (6)'s three, each a list of trees.
function chains(trace, step) {
  const s = trace.steps[step - 1];
  const f = s.fig7;
  const names = operandNames(trace, s.node);
  const {out: y, args: [x]} = names;
  const dy = ['∂', 'L', y];
  const up = {v: s.upstream};
  const e = ['call', 'exp', ['neg', x]];
  const onePlus = ['+', 1, e];
  return [
    [['∂', 'L', x], ['·', dy, formulas(trace, s.node, names).bind(FIG7_TREE)], ['·', up, ['·', ['^', {v: f.y}, 2], {v: f.exp_neg_x}]],
      ['·', up, ['·', {v: f.y2}, {v: f.exp_neg_x}]], {v: f.grad}],
    [['·', dy, ['·', ['/', 1, ['^', onePlus, 2]], e]], ['·', up, ['·', ['/', 1, ['^', {v: f.denom}, 2]], {v: f.exp_neg_x}]]],
    [['·', dy, ['·', ['/', 1, onePlus], ['/', e, onePlus]]], ['·', up, ['·', {v: f.y}, {v: f.ratio}]]],
    [['·', dy, ['juxt', y, ['−', 1, y]]], ['·', up, ['·', {v: f.y}, ['−', 1, {v: f.y}]]], {v: s.grad}],
  ];
}

// The figure's one formula line at `step`: Fig. 7's form at a fused
// sigmoid's backward step, the usual chain rule elsewhere.
export function fig7Text(trace, step, fmt) {
  return fig7Of(trace, step) ? chain(chains(trace, step)[0], TEXT, fmt) : chainText(trace, step, fmt);
}

// Copy LaTeX's line where Fig. 7's form is shown (null elsewhere).
export function fig7Latex(trace, step, fmt = formatNumber) {
  return fig7Of(trace, step) ? chain(chains(trace, step)[0], LATEX, fmt) : null;
}

// The derivation block's HTML at `step` ('' where there is none): Fig. 7's
// line, then Eq. (6)'s lines, each continuing with "=". t: the code words.
export function fig7HTML(trace, step, t, fmt) {
  const f = fig7Of(trace, step);
  if (!f) return '';
  const [fig7, ...eq6] = chains(trace, step);
  // (then: a line that goes on from the one above, "= …", as Eq. (6)'s do.)
  const line = (trees, label, tag, then = false) => `<div class="derivation-line"><span class="tag" aria-hidden="true">${esc(tag)}</span>${
    math([...(then ? [mo('=')] : []), ...sides(trees, fmt)], label)}</div>`;
  const lead = fig7[1]; // ∂L/∂y · y²·exp(−x), as Fig. 7's line writes it
  const s = trace.steps[step - 1];
  return `<h3>${esc(t('fig7Title'))}</h3>
<p class="fig7-intro">${esc(t('fig7Intro'))}</p>
<div class="derivation" data-fig7-grad="${esc(exactText(f.grad))}" data-grad="${esc(exactText(s.grad))}">
${line(fig7, t('fig7Line', {text: chain(fig7, TEXT, fmt)}), 'Fig. 7')}
${eq6.map((trees, i) => line(i ? trees : [lead, ...trees], t('eq6Line', {n: i + 1, text: chain(i ? trees : [lead, ...trees], TEXT, fmt)}),
    i === eq6.length - 1 ? '(6)' : '', i > 0)).join('\n')}
</div>${Number.isNaN(f.grad) && !Number.isNaN(s.grad) ? `<p class="note">${esc(t('fig7Stable'))}</p>` : ''}`;
}
