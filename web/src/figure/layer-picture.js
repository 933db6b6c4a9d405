// figure/layer-picture.js: what the layer figure's grids show at a step,
// as data: each grid's matrix and cells (text and colour classes), and the
// figure's columns as views/layer-svg.js draws them. The figure's HTML
// grids (layer-figure.js) and its SVG export take their cells from here,
// and so does `backprop-viz svg --layer` (svg/cli.js), without a browser:
// one picture for both, drawn by one function.
//
//   const picture = layerPicture({spec, result, steps}, {step, words, fmt});
//   layerSvg(doc, picture);
import {knownCells} from '../model/layer.js';
import {GRIDS, gridMatrix, shapeOf, givenGrids} from '../views/layer-formula.js';
import {gridCells} from '../views/layer-grids.js';

// The figure's columns: a forward grid over its backward twin (x over dx,
// W over dW, out over dout: the same shape), the flow arrows between the
// layer's inputs and outputs.
export const COLUMNS = {
  relu: [['x', 'dx'], 'arrow', ['out', 'dout'], ['mask', null]],
  sigmoid: [['x', 'dx'], 'arrow', ['out', 'dout']],
  affine: [['x', 'dx'], ['w', 'dw'], ['b', 'db'], 'arrow', ['out', 'dout']],
  'softmax-loss': [['x', 'dx'], ['t', null], 'arrow', ['y', null], ['loss', null]],
};

// Class indices shown as what C reads: a one-hot row per index.
const labelsOf = (spec) => ({rows: spec.x.rows, cols: spec.x.cols,
  values: spec.x.values.map((_, k) => (spec.tIndex[Math.floor(k / spec.x.cols)] === k % spec.x.cols ? 1 : 0))});

// What the figure shows at `step` (steps done): known, model/layer.js's
// knownCells; active, the step done last (or null); given, the grids the
// reader gives; late, that dout is not known yet. doutLate: dout is not
// given but computed later (by the layer above, in a network), so unknown
// until this layer's backward pass begins.
export function stepState({spec, steps}, step, doutLate = false) {
  const active = step > 0 ? steps[step - 1] : null;
  return {known: knownCells(steps, step), active, given: new Set(givenGrids(spec)), late: doutLate && active?.phase !== 'backward'};
}

// Grid `id` at a step (stepState's): what views/layer-grids.js's update() takes.
export function gridState({spec, result}, id, {known, active, given: givenIds, late: doutLate}) {
  const given = givenIds.has(id), late = doutLate && id === 'dout';
  let matrix = id === 't' && spec.tIndex ? labelsOf(spec) : gridMatrix(spec, result, id);
  if (id === 'mask') matrix = {...matrix, values: Array.from(matrix.values, Boolean)};
  const cells = known.get(id) ?? new Set();
  return {
    matrix,
    label: {name: GRIDS[id].name + (id === 't' && spec.tIndex ? ' (t-index)' : ''), shape: shapeOf(id, matrix)},
    known: late ? () => false : given || id === 't' ? () => true : (i, j) => cells.has(`${i},${j}`), // (t as class indices: given too, not a field)
    active: new Set(active?.grid === id || (active?.grid === 'out' && id === 'mask') ? active.cells.map(([i, j]) => `${i},${j}`) : []),
    reads: new Set(active?.reads.filter(([g]) => g === id).map(([, i, j]) => `${i},${j}`)),
  };
}

// The figure at `step` (steps done) as views/layer-svg.js's picture.
// doutLate: as layer-figure.js's draw() scene.
export function layerPicture(run, {step, words, fmt, doutLate = false}) {
  const {spec} = run;
  const shown = stepState(run, step, doutLate);
  const grid = (id) => {
    if (!id) return null;
    const state = gridState(run, id, shown);
    const {rows, cols} = state.matrix;
    const cells = gridCells({...state, fmt, words});
    return {name: GRIDS[id].name, shape: state.label.shape, rows, cols, cells: cells.map(({cls, text}) => ({cls, text}))};
  };
  return {title: words('layerFigure', {layer: words.layerName(spec.layer)}),
    columns: COLUMNS[spec.layer].map((c) => (c === 'arrow' ? {arrow: true} : {top: grid(c[0]), bottom: grid(c[1])}))};
}

