// model/state.js: the figure's state and its one grammar. The page's URL hash,
// a figure's "Copy link", the element's attributes and the iframe's hash are
// all read and written here, key by key:
//
//   #graph=sigmoid-steps&x=0.5&dout=1&step=7&lang=ko
//   #graph=expr&dout=1&expr=(x%2By)*z&vars=x=-2,y=5,z=-4&step=3
//   <backprop-graph expr="(x+y)*z" vars="x=-2,y=5,z=-4" step="end">
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
export const VIEWS = ['both', 'expr'];
export const SPEEDS = [0.5, 1, 2, 4];
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
  x: {read: number, write: (v, state) => (state.graph === 'expr' ? null : exactText(v))},
  dout: {read: number, write: exactText},
  expr: {raw: true, write: inExpr((v) => v),
    read: (s) => (s.trim() ? ok(s) : fail('emptyExpr'))},
  vars: {read: readVars, write: inExpr((v) => varsText(v) || null)},
  expand: {only: 'page', read: flag, write: inExpr((v) => (v ? '1' : null))},
  plot: {only: 'page', read: (s) => (NAME.test(s) ? ok(s) : fail('badName')), write: inExpr((v) => v)},
  step: {read: (s) => (s === 'end' ? ok(null) : /^\d{1,6}$/.test(s) ? ok(Number(s)) : fail('badStep'))},
  speed: {only: 'page', read: (s) => choice(SPEEDS)(parseNumber(s).value), write: (v) => (v === 1 ? null : v)},
  precise: {only: 'page', read: flag, write: (v) => (v ? '1' : null)},
  // en or ko, a region allowed and dropped (ko-KR is ko): the words' one reading of a tag.
  lang: {read: (s) => choice(LANGS)(langOf(s))},
  controls: {only: 'element', read: choice(['full', 'minimal', 'none']), write: (v) => (v === 'full' ? null : v)},
  theme: {only: 'element', read: choice(['auto', 'light', 'dark']), write: (v) => (v === 'auto' ? null : v)},
  autoplay: {only: 'element', read: () => ok(true), write: (v) => (v ? '1' : null)}, // present: on, whatever its text
  app: {only: 'element', read: ok}, // a URL; the element falls back if it is not http(s)
  // The panels beside a figure: check, plot, both ("check,plot") or none ("").
  panels: {only: 'element', read: readPanels, write: (v) => v.join(',') || null},
};
const isKey = (key, host) => Object.hasOwn(KEYS, key) && (KEYS[key].only ?? host) === host;

// The element's attributes, which are also the iframe hash's keys.
export const ELEMENT_KEYS = Object.keys(KEYS).filter((k) => isKey(k, 'element'));

// Read one value. host: 'page' (the URL hash) or 'element' (attributes,
// where graph is a built-in graph only). {ok: true, value} or {ok: false,
// code, params: {name, text, …}}.
export function parseValue(key, text, {host = 'page'} = {}) {
  if (!isKey(key, host)) return fail('unknownKey', {name: key, text});
  const r = KEYS[key].read(KEYS[key].raw ? text : text.trim(), host);
  return r.ok ? r : fail(r.code, {name: key, text, ...r.params});
}

// step: how many steps of the trace are done (0 = only the inputs known);
// null means "all of them", resolved once the trace is known. lang: null
// until the hash or the reader names one.
export function defaultState() {
  return {graph: 'sigmoid-steps', x: 0.5, dout: 1, step: null, speed: 1, precise: false,
    expr: DEFAULT_EXPR.expr, vars: {...DEFAULT_EXPR.vars}, expand: false, plot: null, lang: null};
}

// The state some [key, text] pairs ask for (a hash's URLSearchParams, an
// element's attributes): `base` overridden by each value that reads; the
// others are left out and reported, never half-applied. On the page, expr=
// starts a fresh set of variables and, without graph=, shows the
// expression; without vars=, every other key that is a name is a variable,
// x included (the older links: #expr=x*y&x=2&y=3).
export function readState(pairs, base = defaultState(), {host = 'page'} = {}) {
  const state = {...base, vars: {...base.vars}};
  const errors = [];
  const list = [...pairs].sort((a, b) => (b[0] === 'expr') - (a[0] === 'expr')); // expr first
  const given = new Set(list.map(([key]) => key));
  const page = host === 'page';
  const loose = page && given.has('expr') && !given.has('vars');
  for (const [key, text] of list) {
    const variable = loose && (key === 'x' || (!isKey(key, host) && NAME.test(key)));
    const r = parseValue(variable ? 'x' : key, text, {host}); // a variable reads as x does
    if (!r.ok) errors.push({key, code: r.code, params: {...r.params, name: key}});
    else if (variable || key === 'vars') Object.assign(state.vars, variable ? {[key]: r.value} : r.value);
    else state[key] = r.value;
    if (r.ok && page && key === 'expr') {
      state.vars = {};
      if (!given.has('graph')) state.graph = 'expr';
    }
  }
  return {state, errors};
}

// The [key, text] pairs of a URL hash ("#a=1&b=2" or "a=1&b=2").
export const hashPairs = (hash) => new URLSearchParams(String(hash ?? '').replace(/^#/, ''));

// The hash for a state: its keys in KEYS' order, each left out where it
// reads back the same (a default, or not used by the graph). Readable where
// safe: ( ) * / , = stay as typed; + & # space and the rest are encoded.
export function writeState(state) {
  const parts = [];
  for (const [key, {write = (v) => v}] of Object.entries(KEYS)) {
    const text = state[key] === undefined ? null : write(state[key], state);
    if (text != null) parts.push(`${key}=${encodeURIComponent(text).replace(/%2C|%2F|%3D/g, decodeURIComponent)}`);
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
  for (const [key, text] of pairs) {
    if (isKey(key, 'element')) attrs.set(key, text);
    else if (!Object.hasOwn(KEYS, key) && NAME.test(key)) loose.push(`${key}=${text}`);
  }
  if (attrs.has('expr')) {
    if (!attrs.has('vars') && loose.length) attrs.set('vars', loose.join(','));
    if (attrs.get('graph') === 'expr') attrs.delete('graph');
  }
  return attrs;
}

// The step clamped to a trace of `count` steps (null: the last one).
export function resolveStep(step, count) {
  return step == null ? count : Math.max(0, Math.min(count, Math.trunc(step)));
}
