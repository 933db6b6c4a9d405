// model/state.js: the figure's state and its one grammar. The page's URL hash,
// a figure's "Copy link", the element's attributes and the iframe's hash are
// all read and written here, key by key:
//
//   #graph=sigmoid-steps&x=0.5&dout=1&step=7&lang=ko
//   #graph=expr&dout=1&expr=(x%2By)*z&vars=x=-2,y=5,z=-4&step=3
//   <backprop-graph expr="(x+y)*z" vars="x=-2,y=5,z=-4" step="end">
//   #graph=layer&layer=affine&x=1,0.5&dout=1,2,3&w=0.1,0.3,0.5;0.2,0.4,0.6&b=0.1,0.2,0.3
//   <backprop-graph layer="relu" x="1,-0.5;-2,3" dout="1,1;1,1">
//
// In layer mode (graph=layer on the page; a layer attribute on the element)
// x and dout are matrices, kept apart from the graphs' numbers x and dout
// as mx and mdout. The matrices' grammar (model/matrix.js's MATRICES) is
// a parameter of the functions below, given by the callers that show
// layers (the page, the layer chunk), so that a bundle without layers
// (the element's own file) carries none of it; without it, layer keys are
// refused and a layer's state cannot be written.
//
// A value that does not read is refused whole, with a code (a key of the
// words' tables: badGraph, badNumber, …) and its params, never a sentence.
// Numbers are written as the shortest text that reads back to the same double
// ("-0", "NaN", "Infinity" included) and read with the CLI's grammar, so a
// shared link shows exactly the numbers its author saw. The README's
// "Attributes and links share one grammar" says the same for readers.
import {parseNumber, exactText} from './number.js';
import {DEFAULT_EXPR} from './expr.js';
import {LANGS, langOf} from '../words/figure.js';

// The core's built-in graphs (bp_graph_builtin), then the page's other views:
// both sigmoids at once, and the reader's expression.
export const GRAPHS = ['relu', 'sigmoid', 'sigmoid-steps'];
export const VIEWS = ['both', 'expr', 'layer', 'network'];
// The book's layers over matrices (graph=layer).
export const LAYERS = ['relu', 'sigmoid', 'affine', 'softmax-loss'];
export const SPEEDS = [0.5, 1, 2, 4];
export const MODES = ['watch', 'predict'];
// A variable's name as the core's parser reads one (core/src/expr.c:
// is_name_start, is_name_char, MAX_NAME_CHARS = 23).
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,22}$/;

const ok = (value) => ({ok: true, value});
const fail = (code, params) => ({ok: false, code, params});
const choice = (list) => (s) => (list.includes(s) ? ok(s) : fail('badChoice', {choices: list.join(', ')}));
const number = (s) => {
  const n = parseNumber(s);
  return n.ok ? n : fail('badNumber', {reason: n.reason});
};
const flag = (s) => (s === '1' || s === '0' ? ok(s === '1') : fail('badChoice', {choices: '0, 1'}));
const inExpr = (write) => (v, state) => (state.graph === 'expr' ? write(v) : null);
// A layer's matrix: read with the grammar m (refused without one), and
// written in layer mode for the layers that take it.
const isLayer = (state) => state.graph === 'layer';
const matrix = (s, host, m) => (m ? m.parseMatrix(s) : fail('unknownKey'));
const ofLayers = (layers) => (v, state, m) => (isLayer(state) && layers.includes(state.layer) && v ? m.matrixText(v) : null);

// name=value pairs separated by ',' (blank items skipped), each value a number.
function readVars(text) {
  const vars = {};
  for (const item of text.split(',')) {
    if (!item.trim()) continue;
    const [name, value] = item.split(/=(.*)/s);
    const n = NAME.test(name.trim()) && parseNumber(value);
    if (!n?.ok) return fail('badVars', {item: item.trim()});
    vars[name.trim()] = n.value;
  }
  return ok(vars);
}

const PANELS = ['check', 'plot'];
function readPanels(text) {
  const list = [...new Set(text.split(',').map((p) => p.trim()).filter(Boolean))];
  return list.every((p) => PANELS.includes(p)) ? ok(PANELS.filter((p) => list.includes(p))) : fail('badChoice', {choices: PANELS.join(', ')});
}

const varsText = (vars) => Object.entries(vars).map(([k, v]) => `${k}=${exactText(v)}`).join(',');

// Each key: where it is read (both hosts, or only the page's hash, or only
// the element's attributes and the iframe's hash), how its trimmed text
// reads (expr: as typed), and how its value is written (as it is, unless
// said; null: left out, as it reads back the same). The order is the order
// of a written hash.
const KEYS = {
  graph: {read: (s, host) => ((host === 'element' ? GRAPHS : [...GRAPHS, ...VIEWS]).includes(s) ? ok(s) : fail('badGraph'))},
  layer: {layer: true, read: choice(LAYERS), write: (v, state) => (isLayer(state) ? v : null)},
  // In layer mode (matrix: the field it reads into), x and dout are matrices.
  x: {read: number, matrix: 'mx', write: (v, state, m) => (isLayer(state) ? m.matrixText(v) : state.graph === 'expr' ? null : exactText(v))},
  dout: {read: number, matrix: 'mdout', write: (v, state, m) => (isLayer(state) ? ofLayers(['relu', 'sigmoid', 'affine'])(v, state, m) : exactText(v))},
  w: {layer: true, read: matrix, write: ofLayers(['affine'])},
  b: {layer: true, read: matrix, write: ofLayers(['affine'])},
  t: {layer: true, read: matrix, write: ofLayers(['softmax-loss'])},
  // Labels as class indices instead of one-hot rows (the CLI's --t-index).
  't-index': {layer: true, field: 'tIndex', read: (s, host, m) => (m ? m.parseIndices(s) : fail('unknownKey')),
    write: (v, state) => (isLayer(state) && state.layer === 'softmax-loss' && v ? v.join(',') : null)},
  // The aliasing lesson: the book's in-place backward beside the core's;
  // on, unless 0 (an attribute present, whatever its text, as autoplay).
  inplace: {layer: true, read: (s) => ok(s !== '0'), write: (v, state) => (isLayer(state) && v ? '1' : null)},
  expr: {raw: true, write: inExpr((v) => v),
    read: (s) => (s.trim() ? ok(s) : fail('emptyExpr'))},
  vars: {read: readVars, write: inExpr((v) => varsText(v) || null)},
  expand: {only: 'page', read: flag, write: inExpr((v) => (v ? '1' : null))},
  plot: {only: 'page', read: (s) => (NAME.test(s) ? ok(s) : fail('badName')), write: inExpr((v) => v)},
  step: {read: (s) => (s === 'end' ? ok(null) : /^\d{1,6}$/.test(s) ? ok(Number(s)) : fail('badStep'))},
  // Predict mode: each backward step (ask=all: each step) waits for the
  // reader's answer (figure/predict.js).
  mode: {read: choice(MODES), write: (v) => (v === 'predict' ? v : null)},
  ask: {read: choice(['backward', 'all']), write: (v, state) => (state.mode === 'predict' && v === 'all' ? v : null)},
  speed: {only: 'page', read: (s) => choice(SPEEDS)(parseNumber(s).value), write: (v) => (v === 1 ? null : v)},
  precise: {only: 'page', read: flag, write: (v) => (v ? '1' : null)},
  // en or ko, a region allowed and dropped (ko-KR is ko): the words' one reading of a tag.
  lang: {read: (s) => choice(LANGS)(langOf(s))},
  controls: {only: 'element', read: choice(['full', 'minimal', 'none']), write: (v) => (v === 'full' ? null : v)},
  theme: {only: 'element', read: choice(['auto', 'light', 'dark']), write: (v) => (v === 'auto' ? null : v)},
  autoplay: {only: 'element', read: () => ok(true), write: (v) => (v ? '1' : null)}, // present: on, whatever its text
  app: {only: 'element', read: ok}, // a URL; the element falls back if it is not http(s)
  // The code beside a figure (python or c, the tab shown first; a layer's
  // too), and the fused sigmoid's backward as the post's Fig. 7 writes it
  // (present: on, unless 0, as inplace; graphs only); the code chunk draws
  // both (figure/code-chunk.js).
  code: {read: choice(['python', 'c'])},
  fig7: {read: (s) => (s === '' ? ok(true) : flag(s)), write: (v, state) => (v && !isLayer(state) ? '1' : null)},
  // The panels beside a figure: check, plot, both ("check,plot") or none ("").
  panels: {only: 'element', read: readPanels, write: (v) => v.join(',') || null},
};
const isKey = (key, host) => Object.hasOwn(KEYS, key) && (KEYS[key].only ?? host) === host;

// The element's attributes, which are also the iframe hash's keys.
export const ELEMENT_KEYS = Object.keys(KEYS).filter((k) => isKey(k, 'element'));

// The keys of layer mode (on the element, the attributes it reads there).
export const LAYER_KEYS = /* @__PURE__ */ Object.keys(KEYS).filter((k) => KEYS[k].layer || KEYS[k].matrix);

// Read one value. host: 'page' (the URL hash) or 'element' (attributes,
// where graph is a built-in graph only); matrices: the matrix grammar
// (model/matrix.js's MATRICES), in layer mode, where x and dout are
// matrices; layer: whether x and dout are read as matrices. {ok: true,
// value} or {ok: false, code, params: {name, text, …}}.
export function parseValue(key, text, {host = 'page', matrices = null, layer = false} = {}) {
  if (!isKey(key, host)) return fail('unknownKey', {name: key, text});
  const read = layer && KEYS[key].matrix ? matrix : KEYS[key].read;
  const r = read(KEYS[key].raw ? text : text.trim(), host, matrices);
  return r.ok ? r : fail(r.code, {name: key, text, ...r.params});
}

// The state's field for a key (x is mx in layer mode; t-index is tIndex).
export const fieldOf = (key, layer) => (layer && KEYS[key].matrix) || KEYS[key].field || key;

// step: how many steps of the trace are done (0 = only the inputs known);
// null means "all of them", resolved once the trace is known. lang: null
// until the hash or the reader names one.
export function defaultState() {
  return {graph: 'sigmoid-steps', x: 0.5, dout: 1, step: null, mode: 'watch', ask: 'backward', speed: 1, precise: false,
    expr: DEFAULT_EXPR.expr, vars: {...DEFAULT_EXPR.vars}, expand: false, plot: null, lang: null, code: null, fig7: false, ...defaultLayer()};
}

// Layer mode's part of the state: null matrices are the layer's first
// preset's (model/layer.js), filled in when the layer is shown.
export function defaultLayer(layer = 'relu') {
  return {layer, mx: null, mdout: null, w: null, b: null, t: null, tIndex: null, inplace: false};
}

// The state some [key, text] pairs ask for (a hash's URLSearchParams, an
// element's attributes): `base` overridden by each value that reads; the
// others are left out and reported, never half-applied. On the page, expr=
// starts a fresh set of variables and, without graph=, shows the
// expression; without vars=, every other key that is a name is a variable,
// x included (the older links: #expr=x*y&x=2&y=3). layer= starts from
// that layer's own matrices and, without graph=, shows the layer; then x
// and dout are matrices (read with `matrices`, the grammar).
export function readState(pairs, base = defaultState(), {host = 'page', matrices = null} = {}) {
  const state = {...base, vars: {...base.vars}};
  const errors = [];
  const list = [...pairs].sort((a, b) => (b[0] === 'expr') - (a[0] === 'expr')); // expr first
  const given = new Set(list.map(([key]) => key));
  const page = host === 'page';
  const loose = page && given.has('expr') && !given.has('vars');
  const graph = list.find(([key]) => key === 'graph')?.[1].trim();
  const layer = graph === 'layer' || graph == null && given.has('layer') && !given.has('expr');
  if (layer) Object.assign(state, defaultLayer(state.layer), page && {graph: 'layer'});
  for (const [key, text] of list) {
    // (An older expression link's b= or t= is a variable: those keys are layer mode's.)
    const variable = loose && (key === 'x' || ((!isKey(key, host) || KEYS[key].layer) && NAME.test(key)));
    const r = parseValue(variable ? 'x' : key, text, {host, matrices, layer}); // a variable reads as x does
    if (!r.ok) errors.push({key, code: r.code, params: {...r.params, name: key}});
    else if (variable || key === 'vars') Object.assign(state.vars, variable ? {[key]: r.value} : r.value);
    else state[fieldOf(key, layer)] = r.value;
    if (r.ok && page && key === 'expr') {
      state.vars = {};
      if (!given.has('graph') && !layer) state.graph = 'expr';
    }
  }
  return {state, errors};
}

// The [key, text] pairs of a URL hash ("#a=1&b=2" or "a=1&b=2").
export const hashPairs = (hash) => new URLSearchParams(String(hash ?? '').replace(/^#/, ''));

// The hash for a state: its keys in KEYS' order, each left out where it
// reads back the same (a default, or not used by the graph). Readable where
// safe: ( ) * / , ; = stay as typed; + & # space and the rest are encoded.
// A layer's state needs `matrices`, the grammar that writes its matrices
// (without it, writing one throws).
export function writeState(state, matrices = null) {
  const parts = [];
  for (const [key, {write = (v) => v}] of Object.entries(KEYS)) {
    const v = state[fieldOf(key, isLayer(state))];
    const text = v === undefined ? null : write(v, state, matrices);
    if (text != null) parts.push(`${key}=${encodeURIComponent(text).replace(/%2C|%2F|%3B|%3D/g, decodeURIComponent)}`);
  }
  return '#' + parts.join('&');
}

// The iframe's hash as the element's attributes: each attribute's text as
// given (the element explains a bad one), the variables of an older link
// (#expr=x*y&x=2&y=3) gathered into vars=, and graph=expr left out (with
// expr=, the element shows the expression).
export function elementAttributes(pairs) {
  const attrs = new Map();
  const loose = [];
  const list = [...pairs];
  const expr = list.some(([key]) => key === 'expr') && !list.some(([key, text]) => key === 'graph' && text === 'layer');
  for (const [key, text] of list) {
    const variable = expr && KEYS[key]?.layer && NAME.test(key); // an older expression link's b=
    if (isKey(key, 'element') && !variable) attrs.set(key, text);
    else if ((!Object.hasOwn(KEYS, key) || variable) && NAME.test(key)) loose.push(`${key}=${text}`);
  }
  if (attrs.has('expr')) {
    if (!attrs.has('vars') && loose.length) attrs.set('vars', loose.join(','));
    if (attrs.get('graph') === 'expr') attrs.delete('graph');
  }
  // graph=layer is the page's; on the element, layer= says it.
  if (attrs.get('graph') === 'layer') attrs.delete('graph');
  return attrs;
}

// The step clamped to a trace of `count` steps (null, or no number: the last one).
export function resolveStep(step, count) {
  return step == null || !Number.isFinite(step) ? count : Math.max(0, Math.min(count, Math.trunc(step)));
}
