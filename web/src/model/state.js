// model/state.js: the page's one state object and its mirror in the URL hash.
//
//   #graph=sigmoid-steps&x=0.5&dout=1&step=7&speed=1&lang=ko
//
// Numbers are written as the shortest text that reads back to the same
// double ("-0", "NaN", "Infinity" included) and read with the CLI's grammar,
// so a shared link shows exactly the numbers its author saw.
import {parseNumber, exactText} from './number.js';
import {DEFAULT_EXPR, varsFromText, varsToText} from './expr.js';
import {LANGS} from '../words/figure.js'; // lang=ko; without lang=, the browser's (page-text.js)

export const GRAPHS = [
  {id: 'relu', name: 'ReLU'},
  {id: 'sigmoid', name: 'Sigmoid'},
  {id: 'sigmoid-steps', name: 'Sigmoid step by step'},
  {id: 'both', name: 'Both sigmoids'},
  {id: 'expr', name: 'Your expression'},
];
// The state keys of the expression mode; any other key next to expr= is
// read as a variable (share.js's links: #expr=x*y&x=2&y=3).
const EXPR_KEYS = new Set(['graph', 'x', 'dout', 'step', 'speed', 'precise', 'expr', 'vars', 'expand', 'plot', 'lang']);
export const SPEEDS = [0.5, 1, 2, 4];

// step: how many steps of the trace are done (0 = only the inputs known);
// null means "all of them", resolved once the trace is known. lang: null
// until the hash or the reader names one.
export function defaultState() {
  return {graph: 'sigmoid-steps', x: 0.5, dout: 1, step: null, speed: 1, precise: false,
    expr: DEFAULT_EXPR.expr, vars: {...DEFAULT_EXPR.vars}, expand: false, plot: null, lang: null};
}

// The state a hash asks for: defaults overridden by each valid key. Keys
// that do not parse are ignored (and reported), never half-applied.
export function stateFromHash(hash, base = defaultState()) {
  const state = {...base};
  const ignored = [];
  const params = new URLSearchParams(String(hash || '').replace(/^#/, ''));
  // An expression (graph=expr&expr=(x%2By)*z&vars=x=-2,y=5&expand=1&plot=x):
  // read first, so that its variables may also come as keys of their own.
  if (params.has('expr')) {
    const text = params.get('expr');
    if (text.trim() && text.length <= 4096) {
      state.expr = text;
      state.vars = {};
      if (!params.has('graph')) state.graph = 'expr';
    } else {
      ignored.push('expr');
    }
  }
  // Without vars=, every other key beside expr= is a variable, x included.
  const loose = params.has('expr') && !params.has('vars');
  for (const [key, text] of params) {
    if (loose && key === 'x') {
      const n = parseNumber(text);
      if (n.ok) state.vars.x = n.value; else ignored.push(key);
    } else if (key === 'graph') {
      if (GRAPHS.some((g) => g.id === text)) state.graph = text; else ignored.push(key);
    } else if (key === 'x' || key === 'dout') {
      const n = parseNumber(text);
      if (n.ok) state[key] = n.value; else ignored.push(key);
    } else if (key === 'step') {
      if (/^\d{1,6}$/.test(text)) state.step = Number(text); else ignored.push(key);
    } else if (key === 'speed') {
      const v = Number(text);
      if (SPEEDS.includes(v)) state.speed = v; else ignored.push(key);
    } else if (key === 'precise') {
      state.precise = text === '1';
    } else if (key === 'vars') {
      const r = varsFromText(text);
      Object.assign(state.vars, r.vars);
      if (!r.ok) ignored.push(key);
    } else if (key === 'expand') {
      state.expand = text === '1';
    } else if (key === 'plot') {
      if (/^[A-Za-z_][A-Za-z0-9_]{0,22}$/.test(text)) state.plot = text; else ignored.push(key);
    } else if (key === 'lang') {
      if (LANGS.includes(text)) state.lang = text; else ignored.push(key);
    } else if (key === 'expr') {
      // read above
    } else if (params.has('expr') && !EXPR_KEYS.has(key) && /^[A-Za-z_][A-Za-z0-9_]{0,22}$/.test(key)) {
      const n = parseNumber(text);
      if (n.ok) state.vars[key] = n.value; else ignored.push(key);
    } else {
      ignored.push(key);
    }
  }
  return {state, ignored};
}

export function hashFromState(state) {
  const parts = [`graph=${state.graph}`];
  if (state.graph !== 'expr') parts.push(`x=${exactText(state.x)}`);
  parts.push(`dout=${exactText(state.dout)}`);
  if (state.graph === 'expr') {
    // Readable where safe: ( ) * / , = stay as typed; + ^ space and the rest encoded.
    parts.push(`expr=${encodeURIComponent(state.expr).replace(/%2F/g, '/')}`);
    const vars = varsToText(state.vars);
    if (vars) parts.push(`vars=${encodeURIComponent(vars).replace(/%2C/g, ',').replace(/%3D/g, '=')}`);
    if (state.expand) parts.push('expand=1');
    if (state.plot) parts.push(`plot=${state.plot}`);
  }
  if (state.step != null) parts.push(`step=${state.step}`);
  if (state.speed !== 1) parts.push(`speed=${state.speed}`);
  if (state.precise) parts.push('precise=1');
  if (state.lang) parts.push(`lang=${state.lang}`);
  return '#' + parts.join('&');
}

// The step clamped to a trace of `count` steps (null: the last one).
export function resolveStep(step, count) {
  return step == null ? count : Math.max(0, Math.min(count, Math.trunc(step)));
}
