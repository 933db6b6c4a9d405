// words/page.js: the app page's own words in English, in words/figure.js's
// table shape; the page reads them with the figure's and the expression
// mode's (words/expr.js) through one translator. The Korean is apart, in
// words/page-ko.js, added by addPageWords: the page fetches it when it first
// speaks Korean; the element's panels (its extras file) add it at once.
//
//   const t = pageTranslator('ko');   (after words/page-korean.js)
//   t('stepTitle')                -> '이번 단계'
//
// Values are plain text, except keys ending in Html: fixed markup of this
// file (no placeholders), put in the page with innerHTML by applyPageText.
// Placeholders in step and check sentences are filled with formatted
// numbers; the views escape them.
import {formatNumber} from '../model/number.js';
import {translator, langOf, FIGURE_WORDS, addFigureWords} from './figure.js';
import {EXPR_WORDS} from './expr.js';

export const PAGE_WORDS = {
  en: {
    // index.html, by data-t / data-t-html / data-t-label
    docTitle: 'Backpropagation, live: ReLU, Sigmoid and your own expressions',
    docDescription: 'Watch forward values and gradients flow through the ReLU and Sigmoid layers, or any expression you type, node by node, computed by a C core in WebAssembly.',
    headline: 'Backpropagation, live',
    lede: 'The ReLU and Sigmoid layers as computational graphs, or any expression you type, such as (x+y)*z. Choose the inputs and the upstream gradient dL/dy, then step through: values flow forward, left to right, above each arrow; gradients flow back, right to left, below it. Layer shows the book\'s ReLU, Sigmoid, Affine and Softmax-with-Loss over matrices, cell by cell; Network stacks them and trains on 2-D data, its gradients in view.',
    language: 'Language',
    controls: 'Controls',
    graph: 'Graph',
    graphSteps: 'Sigmoid step by step',
    graphBoth: 'Both',
    graphLayer: 'Layer',
    graphNetwork: 'Network',
    networkTitle: 'A network that learns',
    layerChoice: 'Layer',
    xSlider: 'x slider',
    doutSlider: 'upstream gradient slider',
    timelineLabel: 'Timeline',
    speed: 'Speed',
    precise: 'Full precision',
    predictToggle: 'Predict: type each gradient before it is shown',
    askAll: 'Forward values too',
    codeLabel: 'Code', codeNone: 'none', fig7Label: 'Sigmoid as Fig. 7',
    copyThisLink: 'Copy this link:',
    loadingCore: 'Loading the WebAssembly core…',
    coreFailedTitle: 'The computing core could not be loaded',
    coreFailedHtml: 'Every number on this page is computed by a small WebAssembly module, <code>backprop.wasm</code>, and it did not load. Reload the page; if this persists, the file is missing from the server or your browser blocks WebAssembly.',
    crashTitle: 'Something went wrong',
    crashText: 'The page stopped with an error. Reloading may help.',
    coreFailedStatus: 'The computing core could not be loaded.',
    crashStatus: 'The page stopped with an error.',
    legendForward: 'forward value', legendBackward: 'gradient',
    legendActive: 'active step',
    legendNonFinite: 'not finite (∞ or NaN)',
    stepTitle: 'This step',
    checkTitle: 'Gradient check',
    builtinCheckNote: "Backprop's dL/dx beside a central-difference estimate, (f(x+h) − f(x−h)) / 2h · dL/dy.",
    notesTitle: 'Why ∞ and NaN?',
    plotHeading: 'The curve',
    plotFunction: 'the function',
    plotDerivative: 'dL/dy times its derivative',
    plotHint: 'Drag on the plot to move x.',
    helpTitle: 'Typing numbers',
    numberHelpHtml: 'Numbers are read as the <code>backprop</code> command line reads them: <code>0.5</code>, <code>-2</code> or <code>−2</code>, <code>1e-3</code>, and exactly <code>inf</code>, <code>Infinity</code>, <code>nan</code> or <code>NaN</code> (with a sign if you like). Use a point for decimals: <code>0,5</code> is refused. Values beyond ±1.8e308 are refused as too large; tiny ones such as <code>1e-400</code> round to 0. While a field holds something else, the page keeps showing the last number it could read.',
    nonFiniteHelp: '∞ and NaN are shown as they are: the core uses plain IEEE doubles and hides nothing.',
    footHtml: 'After the figures of <cite>Backpropagation-3</cite>, from the “Deep Learning from Scratch” series. Every number is computed by the C core, compiled to WebAssembly.',
    // app.js
    paneFused: 'Sigmoid, fused',
    ready: 'Ready.',
    linkNote: 'Not read from the link, so the default is shown instead: {list}',
    infinity: 'infinity',
    minusInfinity: 'minus infinity',
    stepOf: 'step {step} of {n}',
    numberError: '{name}: {reason}. Still showing {name} = {value}.',
    plotTitle: '{f}(x), and dL/dy · {f}′(x) computed by the C layer over x from {lo} to {hi}.',
    plotLabel: 'Plot of {f} and its derivative times the upstream gradient: drag or use arrow keys to set {v}',
    // views/steps.js and views/expr-steps.js (the view escapes these and
    // fills in the numbers with their markup)
    startTitle: 'Start',
    startText: 'The reader gives {x} at the left and the upstream gradient {dout} at the right. Step forward: values flow left to right, then gradients flow back.',
    forwardThrough: 'Forward through',
    backwardThrough: 'Backward through',
    forwardMath: 'forward: y = {v}',
    backwardMath: 'backward: dL/dx = {up} times {local} = {grad}',
    forwardNote: "x is this node's input and y its output; y travels right along the solid arrow.",
    backwardNote: "x and y are this node's input and output; the gradient travels left along the dashed arrow.",
    reluNote: ' [x > 0] is 1 where x > 0 and 0 otherwise.',
    upstream: 'upstream',
    localDerivative: 'local derivative',
    downstream: 'downstream',
    // views/check.js
    byBackprop: 'dL/dx by backprop',
    centralDifference: 'central difference, h = {h}',
    relativeError: 'relative error',
    checkNaNBuiltin: 'No comparison: a value is not finite.',
    checkAgreeBuiltin: 'Backprop and the difference quotient agree.',
    reluKink: 'They differ: ReLU has a kink at 0. The difference quotient straddles it, while backprop masks x ≤ 0 and gives 0.',
    checkDifferBuiltin: 'They differ by more than {tol}: the function is not smooth here, or rounding dominates.',
    bothSame: 'Both graphs give the same dL/dx.',
    bothDiffer: 'The two graphs disagree: {a} step by step, {b} fused.',
    fusedLesson: 'The fused σ layer reaches the same y = {y}, but its backward step needs only that output: dL/dy · y(1 − y) gives dL/dx = {dx}. No ∞ is ever multiplied by 0 on the way back. That is why frameworks fuse sigmoid into one layer.',
    // warningSentence: the core's warnings
    warnOverflow: '{name}({a}) overflows: the true result is larger than the largest double (about 1.8 × 10³⁰⁸), so it is stored as {value}.',
    warnNaNBackward: 'Backward through {name}: upstream {a} × local derivative {b} is {value}, because 0 · ∞ has no value in IEEE arithmetic. Every gradient to the left inherits it.',
    warnDomainBackward: 'Backward through {name}: its local derivative is {b} here (the function has no finite slope at this point), so the gradient is {value}. Every gradient to the left inherits it.',
    warnNaN: '{name} gives {value} from {args}: the operation has no defined result.',
    and: ' and ',
    warnDivide: '{name} divides by {b}: the result is {value}.',
    warnDomain: "{name}({a}) is outside the function's domain, so the result is {value}.",
    warnInfiniteInput: 'The input {name} is {value}: values computed from it may be infinite or NaN.',
    warnNaNInput: 'The input {name} is NaN (not a number): every value computed from it is NaN too.',
    warnOther: '{name}: {kind} ({value}).',
  },
};

// t(key, params) for the page: the figure's words, the page's and the
// expression mode's (English where a language's tables are not added yet).
export const pageTranslator = (lang) => translator(lang, FIGURE_WORDS, PAGE_WORDS, EXPR_WORDS);

// A language's page and expression tables, and the figure's if given
// (words/page-ko.js's), added once they are here; hasPageWords tells
// whether they are.
export function addPageWords(lang, {page, expr, figure = null}) {
  PAGE_WORDS[lang] = page;
  EXPR_WORDS[lang] = expr;
  if (figure) addFigureWords(lang, figure);
}
export const hasPageWords = (lang) => lang in PAGE_WORDS;

// The page's language when the hash names none: Korean for a browser that
// asks for Korean first, English otherwise.
export const browserLang = (nav = globalThis.navigator) => langOf(nav?.languages?.[0] ?? nav?.language) ?? 'en';

// A sentence for one warning of the core (kind: overflow, nan,
// divide-by-zero, domain, infinite-input, nan-input).
export function warningSentence(t, trace, w, fmt = formatNumber) {
  const p = {name: trace.nodes[w.node].label, a: fmt(w.a), b: fmt(w.b), value: fmt(w.value)};
  switch (w.kind) {
    case 'overflow': return t('warnOverflow', p);
    case 'nan':
      if (w.phase === 'backward') return t('warnNaNBackward', p);
      return t('warnNaN', {...p, args: Number.isNaN(w.b) ? p.a : p.a + t('and') + p.b});
    case 'divide-by-zero': return t('warnDivide', {...p, b: fmt(w.b ?? w.a)});
    case 'domain': return t(w.phase === 'backward' ? 'warnDomainBackward' : 'warnDomain', p);
    case 'infinite-input': return t('warnInfiniteInput', p);
    case 'nan-input': return t('warnNaNInput', p);
    default: return t('warnOther', {...p, kind: w.kind});
  }
}

// Put `t`'s words into index.html: <html lang>, the title and description,
// and every element marked data-t (text), data-t-html (this file's fixed
// markup) or data-t-label (aria-label).
export function applyPageText(doc, t) {
  doc.documentElement.lang = t.lang;
  doc.title = t('docTitle');
  doc.querySelector('meta[name="description"]')?.setAttribute('content', t('docDescription'));
  for (const el of doc.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  for (const el of doc.querySelectorAll('[data-t-html]')) el.innerHTML = t(el.dataset.tHtml);
  for (const el of doc.querySelectorAll('[data-t-label]')) el.setAttribute('aria-label', t(el.dataset.tLabel));
}
