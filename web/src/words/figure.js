// words/figure.js: the figure's words, which every shell shows (the
// <backprop-graph> element, the page, the iframe), in English (the Korean is
// words/figure-ko.js, added with addFigureWords by each shell that speaks
// it: the element, the command line, and the page when it first does);
// the one translator, over this table and any others of the same shape
// (words/page.js and words/expr.js add the page's); the one reading of a
// language tag; and the figure's sentences about a trace.
//
//   const t = translator('ko');          // the figure's words, once added
//   t('play')                            -> '재생'
//   t('badNumber', {name: 'x', text: 'abc', reason: t.reason('not-a-number')})
//
// Values are plain text: callers put them in the DOM with textContent or
// setAttribute only. Placeholders are {name}; a missing one stays visible.
import {formatNumber, asFactor} from '../model/number.js';

export const LANGS = ['en', 'ko'];

export const FIGURE_WORDS = {
  en: {
    loading: 'Loading…',
    coreFailed: 'The computing core (WebAssembly) could not be loaded: {detail}',
    fileFailed: '{file} could not be loaded: {detail}',
    play: 'Play', pause: 'Pause', stepForward: 'Step forward', stepBack: 'Step back', reset: 'Reset',
    timeline: 'Step',
    copyLink: 'Copy link', copyLatex: 'Copy LaTeX', downloadSvg: 'SVG', downloadPng: 'PNG',
    downloadSvgName: 'Download SVG', downloadPngName: 'Download PNG',
    linkCopied: 'Link copied.', latexCopied: 'LaTeX copied.', copyBelow: 'Copy it from the field below.',
    copyField: 'Text to copy', saved: 'Saved {file}.', exportFailed: 'Export failed: {detail}',
    tools: 'Share and export', player: 'Player', inputs: 'Inputs',
    figure: '{name}: computational graph',
    graphName: {relu: 'ReLU', sigmoid: 'Sigmoid', 'sigmoid-steps': 'Sigmoid step by step', expr: 'Expression {expr}'},
    badGraph: 'graph: “{text}” is not a graph; use relu, sigmoid or sigmoid-steps.',
    badNumber: '{name}: “{text}” is not a number ({reason}).',
    badStep: 'step: “{text}” is not a step; use a whole number from 0, or end.',
    badChoice: '{name}: “{text}” is not allowed; use {choices}.',
    badExpr: 'expr: “{text}” could not be read: {detail}',
    emptyExpr: 'expr: the expression is empty.',
    badVars: 'vars: “{text}” is not a list like x=-2,y=5.',
    unknownVar: 'vars: the expression has no variable “{text}”.',
    keeping: 'Still showing the last good figure.',
    // node names and narration
    value: 'value {v}', valueUnknown: 'value not computed yet',
    gradient: 'gradient {v}', gradientUnknown: 'gradient not computed yet',
    nodeName: '{op}: {value}, {grad}',
    start: 'Step 0 of {n}: {inputs} and dL/dy = {dout} given.',
    forward: 'Step {step} of {n}, forward: {op} gives {v}.',
    backward: 'Step {step} of {n}, backward: through {op}, {up} × {local} = {grad} reaches {to}.',
    // an expression's narration: its nodes by name (q₁, f)
    noVariables: 'no variables',
    statusStart: 'Step 0 of {n}: {given} and dL/d{out} = {dout} given.',
    statusForward: 'Step {step} of {n}, forward: {q} ({op}) gives {v}.',
    statusBackward: 'Step {step} of {n}, backward: through {q}, {up} × {local} = {grad} reaches {to}{total}.',
    statusTotal: ', whose gradient so far is {total}',
    // Why a text is not a number (model/number.js's codes), in the CLI's words.
    reason: {
      'no-text': 'no text', empty: 'empty: expected a number', 'too-long': 'too long to be a number',
      'no-exponent-digits': 'exponent without digits', 'decimal-comma': "use '.' for decimals, not ','",
      'not-a-number': 'not a number', 'too-large': 'too large for a double (beyond 1.8e308)',
    },
  },
};

// A language's figure words (words/figure-ko.js's), added where they are used.
export function addFigureWords(lang, words) {
  FIGURE_WORDS[lang] = words;
}

function fill(template, params) {
  return template.replace(/\{(\w+)\}/g, (m, k) => (params && k in params ? String(params[k]) : m));
}

// en or ko from a language tag ("ko-KR" is ko); null for any other.
export function langOf(tag) {
  const m = /^\s*(en|ko)(?:-[A-Za-z0-9-]*)?\s*$/i.exec(tag || '');
  return m ? m[1].toLowerCase() : null;
}

// t(key, params) in one language (English for any other), reading `tables`
// (each {en: {...}, ko: {...}}; by default the figure's alone), English
// where a language lacks a key. t.reason(code) words a number.js reason,
// t.graphName(id, expr) a graph's title.
export function translator(lang, ...tables) {
  return tablesTranslator(lang, ...(tables.length ? tables : [FIGURE_WORDS]));
}

// The same over `tables` alone, with no default: a bundle whose words are
// all its own (<backprop-network>'s) then carries none of the figure's.
export function tablesTranslator(lang, ...tables) {
  const known = LANGS.includes(lang) ? lang : 'en';
  const words = Object.assign({}, ...tables.map((table) => table.en), ...tables.map((table) => table[known]));
  const t = (key, params) => fill(words[key] ?? key, params);
  t.lang = known;
  t.reason = (code) => words.reason[code] ?? code;
  t.graphName = (id, expr) => fill(words.graphName[id] ?? id, {expr});
  return t;
}

// The accessible name of a node at a step: its op, value and gradient.
export function nodeName(t, node, {valueKnown, gradKnown}, fmt = formatNumber) {
  const value = valueKnown ? t('value', {v: fmt(node.value)}) : t('valueUnknown');
  const grad = gradKnown && node.grad != null ? t('gradient', {v: fmt(node.grad)}) : t('gradientUnknown');
  return t('nodeName', {op: node.label, value, grad});
}

// One sentence for the status line: where we are and what just happened.
export function stepSentence(t, trace, step, fmt = formatNumber) {
  const n = trace.steps.length;
  if (step === 0) {
    const inputs = Object.entries(trace.inputs).map(([k, v]) => `${k} = ${fmt(v)}`).join(', ');
    return t('start', {n, inputs, dout: fmt(trace.dout)});
  }
  const s = trace.steps[step - 1];
  const op = trace.nodes[s.node].label;
  if (s.phase === 'forward') return t('forward', {step, n, op, v: fmt(s.value)});
  return t('backward', {step, n, op, up: fmt(s.upstream), local: asFactor(fmt(s.local)), grad: fmt(s.grad),
    to: trace.nodes[s.to].label});
}
