// net/net-state.js: the network figure's state and its grammar in a link.
//
//   #graph=network&data=spiral&classes=3&points=300&noise=0.1&seed=1
//     &units=16,16&act=relu&init=he&lr=0.1&batch=10&shuffle=1&steps=1200
//     &add=0.5,-0.25,1;-1,0.75,0
//
// A run is a function of this state alone: the data set and the initial
// weights come from the seed, the batches from the seed (shuffled) or the
// file's order, and `steps` says how far it has gone. Any change of setting
// replays the run from step 0 to the same step, so a copied link always
// shows the very run its author saw, to the bit. A value that does not read
// is refused with a code (a key of net-words.js) and the default kept.
import {parseNumber, exactText} from '../model/number.js';

export const DATA_SETS = ['spiral', 'circles', 'xor', 'gauss', 'moons'];
const MANY_CLASSES = ['spiral', 'gauss'];
export const NET_LIMITS = {points: [20, 2000], classes: [2, 10], units: [1, 64], hidden: 6, batch: [1, 500],
  added: 500, steps: 1e7, lr: [1e-6, 10], noise: [0, 1]};

export function netDefaults() {
  return {data: 'spiral', classes: 3, points: 300, noise: 0.1, seed: 1, hidden: [16, 16], act: 'relu',
    init: 'he', lr: 0.1, batch: 10, shuffle: true, steps: 0, added: []};
}

export const classesOf = (state) => (MANY_CLASSES.includes(state.data) ? state.classes : 2);

const ok = (value) => ({ok: true, value});
const fail = (code, params) => ({ok: false, code, params});
const choice = (list) => (s) => (list.includes(s) ? ok(s) : fail('badChoice', {choices: list.join(', ')}));
function whole([lo, hi]) {
  return (s) => (/^\d+$/.test(s) && +s >= lo && +s <= hi ? ok(+s) : fail('badWhole', {lo, hi}));
}
function real([lo, hi]) {
  return (s) => {
    const n = parseNumber(s);
    return n.ok && n.value >= lo && n.value <= hi ? ok(n.value) : fail('badRange', {lo, hi});
  };
}
function readHidden(s) {
  const [lo, hi] = NET_LIMITS.units;
  const list = s === '' ? [] : s.split(',').map((u) => u.trim()); // "8, 8" as "8,8": spaces around values are ignored
  if (list.length > NET_LIMITS.hidden || !list.every((u) => /^\d+$/.test(u) && +u >= lo && +u <= hi)) {
    return fail('badHidden', {max: NET_LIMITS.hidden, lo, hi});
  }
  return ok(list.map(Number));
}
// Added points: x,y,class triples separated by ';', numbers in the CLI's grammar.
function readAdded(s) {
  if (s === '') return ok([]);
  const points = [];
  for (const item of s.split(';')) {
    const [x, y, c, extra] = item.split(',');
    const px = parseNumber(x ?? ''), py = parseNumber(y ?? '');
    if (extra !== undefined || !px.ok || !py.ok || !Number.isFinite(px.value) || !Number.isFinite(py.value)
        || !/^\d$/.test(c ?? '')) {
      return fail('badAdded', {item});
    }
    points.push([px.value, py.value, +c]);
  }
  return points.length <= NET_LIMITS.added ? ok(points) : fail('badAdded', {item: `> ${NET_LIMITS.added}`});
}

// key: [read(text) -> {ok, value} | {ok: false, code, params}, write(value) -> text]
const KEYS = {
  data: [choice(DATA_SETS), String],
  classes: [whole(NET_LIMITS.classes), String],
  points: [whole(NET_LIMITS.points), String],
  noise: [real(NET_LIMITS.noise), exactText],
  seed: [whole([0, 2 ** 31 - 1]), String],
  units: [readHidden, (h) => h.join(',')], // the hidden layers' units (not `hidden`, an HTML attribute of every element)
  act: [choice(['relu', 'sigmoid']), String],
  init: [choice(['std', 'xavier', 'he']), String],
  lr: [real(NET_LIMITS.lr), exactText],
  batch: [whole(NET_LIMITS.batch), String],
  shuffle: [(s) => (s === '0' || s === '1' ? ok(s === '1') : fail('badChoice', {choices: '0, 1'})), (b) => (b ? '1' : '0')],
  steps: [whole([0, NET_LIMITS.steps]), String],
  add: [readAdded, (list) => list.map(([x, y, c]) => `${exactText(x)},${exactText(y)},${c}`).join(';')],
};
const FIELD = {add: 'added', units: 'hidden'};
export const NET_KEYS = Object.keys(KEYS);

// One setting's text as the link reads it: {ok, value} or {ok: false, code, params}.
export const readNetValue = (key, text) => KEYS[key][0](text.trim());

// The state of URLSearchParams-like pairs: {state, errors: [{key, code, params}]}.
export function readNetState(pairs, base = netDefaults()) {
  const state = {...base, hidden: [...base.hidden], added: [...base.added]};
  const errors = [];
  for (const [key, [read]] of Object.entries(KEYS)) {
    const text = pairs.get(key);
    if (text == null) continue;
    const r = read(text.trim());
    if (r.ok) state[FIELD[key] ?? key] = r.value;
    else errors.push({key, code: r.code, params: r.params});
  }
  // Added points of a class the data set does not have are dropped, and said.
  const classes = classesOf(state);
  if (state.added.some(([, , c]) => c >= classes)) {
    errors.push({key: 'add', code: 'badAddedClass', params: {classes}});
    state.added = state.added.filter(([, , c]) => c < classes);
  }
  return {state, errors};
}

// The link's pairs for a state, every key written (so a link stays the same
// run when the defaults change).
export function writeNetState(state) {
  const pairs = [['graph', 'network']];
  for (const [key, [, write]] of Object.entries(KEYS)) {
    const value = state[FIELD[key] ?? key];
    if (key === 'add' && !value.length) continue;
    if (key === 'classes' && !MANY_CLASSES.includes(state.data)) continue;
    pairs.push([key, write(value)]);
  }
  return pairs.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/g, ',').replace(/%3B/g, ';')}`).join('&');
}
