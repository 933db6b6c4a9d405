// model/layer.js: the book's layers over matrices as pure data: the
// presets, the shapes a layer's matrices must have (and the reader's
// errors when they do not), the timeline of cell steps that the player
// walks through, and adding or removing a row or column with every
// matrix kept in shape. No numbers are computed here: the layer's values
// are C's (core.js's matrixLayer); this file says which cell comes when
// and which cells it reads.
import {parseMatrix, matrixOf, MAX_SIDE} from './matrix.js';

// The layers' examples, in the order the page lists them; each layer's
// first is what it shows when chosen. Affine's are the book's chapter 3
// numbers (X = (1.0, 0.5), W1, B1), with its chapter 5 dY as dout, so
// that db is the book's (5, 7, 9); Softmax-with-Loss is the book's x and t.
export const PRESETS = [
  {id: 'relu-book', layer: 'relu', x: '1.0,-0.5;-2.0,3.0', dout: '1,1;1,1'},
  {id: 'sigmoid-batch', layer: 'sigmoid', x: '-1,0,1;2,-2,0.5', dout: '1,-0.5,2;0.5,1,-1'},
  {id: 'affine-vector', layer: 'affine', x: '1.0,0.5', w: '0.1,0.3,0.5;0.2,0.4,0.6', b: '0.1,0.2,0.3', dout: '1,2,3'},
  {id: 'affine-batch', layer: 'affine', x: '1.0,0.5;-1.0,2.0', w: '0.1,0.3,0.5;0.2,0.4,0.6', b: '0.1,0.2,0.3', dout: '1,2,3;4,5,6'},
  {id: 'softmax-book', layer: 'softmax-loss', x: '0.3,2.9,4.0', t: '0,0,1'},
];

const read = (text) => (text == null ? null : parseMatrix(text).value);

// A preset as the state's layer fields.
export function presetState(preset) {
  return {layer: preset.layer, mx: read(preset.x), mdout: read(preset.dout), w: read(preset.w), b: read(preset.b),
    t: read(preset.t), tIndex: null};
}

// The layer's part of a state, complete: {layer, x, w, b, t, tIndex, dout}
// (dout null: all ones, as the CLI's default), a matrix the state lacks
// taken from the layer's first preset. Labels are tIndex when given, else t.
export function layerSpec(state) {
  const first = presetState(PRESETS.find((p) => p.layer === state.layer));
  const pick = (key) => state[key] ?? first[key];
  const spec = {layer: state.layer, x: pick('mx'), w: null, b: null, t: null, tIndex: null, dout: null};
  if (spec.layer === 'affine') Object.assign(spec, {w: pick('w'), b: pick('b')});
  if (spec.layer === 'softmax-loss') {
    if (state.tIndex) spec.tIndex = state.tIndex;
    else spec.t = pick('t');
  } else {
    spec.dout = state.mdout ?? (state.mx ? null : first.mdout);
  }
  return spec;
}

// The shape of the layer's output (out, or y): x's, or x·W's.
export const outShape = (spec) => ({rows: spec.x.rows, cols: spec.layer === 'affine' ? spec.w.cols : spec.x.cols});

// The book's way: (3,) for a vector, 2×3 for a matrix (W always).
const shape = (m, matrix = false) => (m.rows === 1 && !matrix ? `(${m.cols},)` : `${m.rows}×${m.cols}`);

// What is wrong with a spec's shapes: [{code, params}], each a key of the
// layer's words (words/layer.js), empty when the layer can run.
export function shapeErrors(spec) {
  const errors = [];
  const say = (code, params = {}) => errors.push({code, params});
  const {x, w, b, t, tIndex, dout} = spec;
  if (spec.layer === 'affine') {
    if (w.rows !== x.cols) say('wRows', {w: shape(w, true), x: shape(x), cols: x.cols});
    else if (b.rows !== 1 || b.cols !== w.cols) say('bLength', {b: shape(b), w: shape(w, true), cols: w.cols});
  }
  if (spec.layer === 'softmax-loss') {
    if (tIndex) {
      if (tIndex.length !== x.rows) say('tIndexCount', {count: tIndex.length, rows: x.rows});
      const bad = tIndex.findIndex((k) => k >= x.cols);
      if (bad >= 0) say('tIndexRange', {value: tIndex[bad], cols: x.cols, max: x.cols - 1});
    } else if (t.rows !== x.rows || t.cols !== x.cols) {
      say('tShape', {t: shape(t), x: shape(x)});
    } else {
      for (let i = 0; i < t.rows; i++) {
        const row = t.values.slice(i * t.cols, (i + 1) * t.cols);
        if (row.filter((v) => v === 1).length !== 1 || row.some((v) => v !== 0 && v !== 1)) {
          say('tNotOneHot', {row: t.rows === 1 ? '' : `[${i}]`});
          break;
        }
      }
    }
  }
  if (dout && errors.length === 0) {
    const out = outShape(spec);
    if (dout.rows !== out.rows || dout.cols !== out.cols) say('doutShape', {dout: shape(dout), out: shape(out)});
  }
  return errors;
}

// ------------------------------------------------------------ the timeline

// The steps the player walks through, forward then backward. Each writes
// one cell (or, for Softmax-with-Loss, one row, or the loss) of a result
// grid and reads cells of others:
//   {phase, grid, cells: [[i, j], …], row: i | null, reads: [[grid, i, j], …]}
// Grids: x w b t dout (given); out mask y loss dx dw db (C's results).
export function layerSteps(spec) {
  const {rows: n, cols: d} = spec.x;
  const m = outShape(spec).cols;
  const steps = [];
  const each = (rows, cols, f) => { for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) f(i, j); };
  const range = (k) => Array.from({length: k}, (_, i) => i);
  const cell = (phase, grid, i, j, reads) => steps.push({phase, grid, cells: [[i, j]], row: null, reads});
  switch (spec.layer) {
    case 'relu':
      each(n, d, (i, j) => cell('forward', 'out', i, j, [['x', i, j]]));
      each(n, d, (i, j) => cell('backward', 'dx', i, j, [['dout', i, j], ['mask', i, j]]));
      break;
    case 'sigmoid':
      each(n, d, (i, j) => cell('forward', 'out', i, j, [['x', i, j]]));
      each(n, d, (i, j) => cell('backward', 'dx', i, j, [['dout', i, j], ['out', i, j]]));
      break;
    case 'affine':
      // out = x·W + b; dx = dout·Wᵀ, dW = xᵀ·dout, db = dout's column sums.
      each(n, m, (i, j) => cell('forward', 'out', i, j, [...range(d).flatMap((k) => [['x', i, k], ['w', k, j]]), ['b', 0, j]]));
      each(n, d, (i, k) => cell('backward', 'dx', i, k, range(m).flatMap((j) => [['dout', i, j], ['w', k, j]])));
      each(d, m, (k, j) => cell('backward', 'dw', k, j, range(n).flatMap((i) => [['x', i, k], ['dout', i, j]])));
      each(1, m, (_, j) => cell('backward', 'db', 0, j, range(n).map((i) => ['dout', i, j])));
      break;
    default: { // softmax-loss: y row by row, then the loss; dx row by row
      const labels = (i) => range(d).map((j) => ['t', i, j]);
      const row = (phase, grid, i, reads) => steps.push({phase, grid, cells: range(d).map((j) => [i, j]), row: i, reads});
      for (let i = 0; i < n; i++) row('forward', 'y', i, range(d).map((j) => ['x', i, j]));
      steps.push({phase: 'forward', grid: 'loss', cells: [[0, 0]], row: null, reads: range(n).flatMap((i) => [...labels(i), ...range(d).map((j) => ['y', i, j])])});
      for (let i = 0; i < n; i++) row('backward', 'dx', i, [...range(d).map((j) => ['y', i, j]), ...labels(i)]);
    }
  }
  return steps;
}

// Which result cells are known after `step` steps: grid -> Set of "i,j".
export function knownCells(steps, step) {
  const known = new Map();
  const add = (grid, i, j) => {
    if (!known.has(grid)) known.set(grid, new Set());
    known.get(grid).add(`${i},${j}`);
  };
  for (const s of steps.slice(0, step)) {
    for (const [i, j] of s.cells) {
      add(s.grid, i, j);
      if (s.grid === 'out') add('mask', i, j); // ReLU's forward writes both
    }
  }
  return known;
}

// ------------------------------------------------------ rows and columns

// The layer's matrices after adding (delta 1) or removing (-1) a row of
// x (what: 'rows', the batch), a column of x ('cols'), or a column of W
// ('wcols', Affine's outputs), the others following so that shapes stay
// consistent: new cells of x, W and b are 0, of dout 1, and a new row of
// t is class 0. Returns the state fields that change, or null when the
// size would leave 1..MAX_SIDE.
export function resized(spec, what, delta) {
  const {x, w, b, t, tIndex, dout} = spec;
  const size = what === 'rows' ? x.rows : what === 'cols' ? x.cols : w.cols;
  if (size + delta < 1 || size + delta > MAX_SIDE) return null;
  const rows = (mat, fill) => reshape(mat, mat.rows + delta, mat.cols, fill);
  const cols = (mat, fill) => reshape(mat, mat.rows, mat.cols + delta, fill);
  const fields = {};
  if (what === 'rows') {
    fields.mx = rows(x, 0);
    if (dout) fields.mdout = rows(dout, 1);
    if (t) fields.t = reshape(t, t.rows + delta, t.cols, (i, j) => (j === 0 ? 1 : 0));
    if (tIndex) fields.tIndex = delta > 0 ? [...tIndex, 0] : tIndex.slice(0, -1);
  } else if (what === 'cols') {
    fields.mx = cols(x, 0);
    if (spec.layer === 'affine') fields.w = rows(w, 0);
    else if (dout) fields.mdout = cols(dout, 1);
    if (t) fields.t = delta > 0 ? cols(t, 0) : relabelled(t, t.cols - 1);
    if (tIndex) fields.tIndex = tIndex.map((k) => Math.min(k, x.cols + delta - 1));
  } else {
    fields.w = cols(w, 0);
    fields.b = cols(b, 0);
    if (dout) fields.mdout = cols(dout, 1);
  }
  return fields;
}

// `mat` as rows×cols: its cells where they fit, fill(i, j) (or a number)
// for the new ones.
function reshape(mat, rows, cols, fill) {
  const values = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      values.push(i < mat.rows && j < mat.cols ? mat.values[i * mat.cols + j] : typeof fill === 'function' ? fill(i, j) : fill);
    }
  }
  return matrixOf(rows, cols, values);
}

// One-hot rows without their last class: a row whose 1 was there gets
// it in the new last class instead, so that every row stays one-hot.
function relabelled(t, cols) {
  const kept = reshape(t, t.rows, cols, 0).values;
  return matrixOf(t.rows, cols, kept.map((v, k) => (k % cols === cols - 1 && t.values[Math.floor(k / cols) * t.cols + cols] === 1 ? 1 : v)));
}

// A matrix with one cell replaced.
export const withCell = (mat, i, j, value) => matrixOf(mat.rows, mat.cols, mat.values.map((v, k) => (k === i * mat.cols + j ? value : v)));
