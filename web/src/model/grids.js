// model/grids.js: the layer figure's grids by name, as the book writes them:
// W and dW are always matrices, b and db always vectors, the others vectors
// when they have one row (views/layer-formula.js names their cells, the
// code view its numpy's).
export const GRIDS = {
  x: {name: 'x'}, w: {name: 'W', matrix: true}, b: {name: 'b'}, t: {name: 't'}, dout: {name: 'dout'},
  out: {name: 'out'}, mask: {name: 'mask'}, y: {name: 'y'}, loss: {name: 'loss', scalar: true},
  dx: {name: 'dx'}, dw: {name: 'dW', matrix: true}, db: {name: 'db'},
};

export const isVector = (grid, m) => !GRIDS[grid].matrix && m.rows === 1;

// The matrix a grid shows: {rows, cols, values}, from the spec (given) or
// C's result. loss is 1×1.
export function gridMatrix(spec, result, grid) {
  if (grid === 'loss') return {rows: 1, cols: 1, values: [result.loss]};
  if (grid === 'dout' && !spec.dout) return {rows: result.out.rows, cols: result.out.cols, values: result.doutAfter.values};
  return spec[grid] ?? result[grid];
}
