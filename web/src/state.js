// state.js: the page's one state object and its mirror in the URL hash.
//
//   #graph=sigmoid-steps&x=0.5&dout=1&step=7&speed=1
//
// Numbers are written as the shortest text that reads back to the same
// double ("-0", "NaN", "Infinity" included) and read with the CLI's grammar,
// so a shared link shows exactly the numbers its author saw.
import {parseNumber, exactText} from './number.js';

export const GRAPHS = [
  {id: 'relu', name: 'ReLU'},
  {id: 'sigmoid', name: 'Sigmoid'},
  {id: 'sigmoid-steps', name: 'Sigmoid step by step'},
  {id: 'both', name: 'Both sigmoids'},
];
export const SPEEDS = [0.5, 1, 2, 4];

// step: how many steps of the trace are done (0 = only the inputs known);
// null means "all of them", resolved once the trace is known.
export function defaultState() {
  return {graph: 'sigmoid-steps', x: 0.5, dout: 1, step: null, speed: 1, precise: false};
}

// The state a hash asks for: defaults overridden by each valid key. Keys
// that do not parse are ignored (and reported), never half-applied.
export function stateFromHash(hash, base = defaultState()) {
  const state = {...base};
  const ignored = [];
  const params = new URLSearchParams(String(hash || '').replace(/^#/, ''));
  for (const [key, text] of params) {
    if (key === 'graph') {
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
    } else {
      ignored.push(key);
    }
  }
  return {state, ignored};
}

export function hashFromState(state) {
  const parts = [`graph=${state.graph}`, `x=${exactText(state.x)}`, `dout=${exactText(state.dout)}`];
  if (state.step != null) parts.push(`step=${state.step}`);
  if (state.speed !== 1) parts.push(`speed=${state.speed}`);
  if (state.precise) parts.push('precise=1');
  return '#' + parts.join('&');
}

// The step clamped to a trace of `count` steps (null: the last one).
export function resolveStep(step, count) {
  return step == null ? count : Math.max(0, Math.min(count, Math.trunc(step)));
}
