// model/layer.js and views/layer-formula.js: the layers' presets, shapes,
// timeline of cell steps, resizing, and each step's arithmetic as text and
// LaTeX. The results a line writes are given here by hand (C's own are
// core.test.mjs's), so that these tests read the layout, not the numbers.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {PRESETS, presetState, layerSpec, shapeErrors, layerSteps, knownCells, resized, withCell, outShape} from '../../web/src/model/layer.js';
import {layerLine, cellName, shapeOf} from '../../web/src/views/layer-formula.js';
import {layerWords, LAYER_WORDS} from '../../web/src/words/layer.js';
import {translator} from '../../web/src/words/figure.js';
import {formatNumber} from '../../web/src/model/number.js';

const M = (rows, cols, values) => ({rows, cols, values});
const spec = (id) => layerSpec(presetState(PRESETS.find((p) => p.id === id)));

test('the presets: the book\'s numbers, each layer\'s first shown when chosen', () => {
  assert.deepEqual(PRESETS.map((p) => p.id), ['relu-book', 'sigmoid-batch', 'affine-vector', 'affine-batch', 'softmax-book']);
  assert.deepStrictEqual(spec('relu-book'), {layer: 'relu', x: M(2, 2, [1, -0.5, -2, 3]), w: null, b: null, t: null, tIndex: null, dout: M(2, 2, [1, 1, 1, 1])});
  assert.deepStrictEqual(spec('sigmoid-batch').x, M(2, 3, [-1, 0, 1, 2, -2, 0.5]));
  const vector = spec('affine-vector');
  assert.deepStrictEqual([vector.x, vector.w, vector.b, vector.dout], [M(1, 2, [1, 0.5]), M(2, 3, [0.1, 0.3, 0.5, 0.2, 0.4, 0.6]), M(1, 3, [0.1, 0.2, 0.3]), M(1, 3, [1, 2, 3])]);
  assert.deepStrictEqual(spec('affine-batch').x, M(2, 2, [1, 0.5, -1, 2]));
  assert.deepStrictEqual(spec('affine-batch').dout, M(2, 3, [1, 2, 3, 4, 5, 6]));
  assert.deepStrictEqual(spec('softmax-book'), {layer: 'softmax-loss', x: M(1, 3, [0.3, 2.9, 4]), w: null, b: null, t: M(1, 3, [0, 0, 1]), tIndex: null, dout: null});
  for (const p of PRESETS) assert.deepEqual(shapeErrors(spec(p.id)), [], p.id);
  // A layer chosen with nothing else: its first preset's matrices.
  assert.deepStrictEqual(layerSpec({layer: 'affine'}), vector);
  // A reader's x without dout: the CLI's default, all ones (null here, C's binding fills them).
  assert.equal(layerSpec({layer: 'relu', mx: M(1, 1, [2])}).dout, null);
});

test('shapes: what does not fit, named with both shapes', () => {
  const affine = spec('affine-batch');
  const errors = (s) => shapeErrors(s).map((e) => [e.code, e.params]);
  assert.deepEqual(errors({...affine, w: M(3, 2, Array(6).fill(1))}), [['wRows', {w: '3×2', x: '2×2', cols: 2}]]);
  assert.deepEqual(errors({...affine, x: M(2, 1, [1, 2]), w: M(1, 3, [1, 2, 3])}), []); // one feature: W has one row
  assert.deepEqual(errors({...affine, b: M(1, 2, [1, 2])}), [['bLength', {b: '(2,)', w: '2×3', cols: 3}]]);
  assert.deepEqual(errors({...affine, b: M(2, 3, Array(6).fill(0))}), [['bLength', {b: '2×3', w: '2×3', cols: 3}]]);
  assert.deepEqual(errors({...affine, dout: M(2, 2, [1, 1, 1, 1])}), [['doutShape', {dout: '2×2', out: '2×3'}]]);
  assert.deepEqual(errors({...spec('relu-book'), dout: M(1, 4, [1, 1, 1, 1])}), [['doutShape', {dout: '(4,)', out: '2×2'}]]);
  const softmax = {...spec('softmax-book'), x: M(2, 3, [1, 2, 3, 4, 5, 6])};
  assert.deepEqual(errors({...softmax, t: M(1, 3, [0, 0, 1])}), [['tShape', {t: '(3,)', x: '2×3'}]]);
  assert.deepEqual(errors({...softmax, t: M(2, 3, [0, 0, 1, 0, 1, 1])}), [['tNotOneHot', {row: '[1]'}]]);
  assert.deepEqual(errors({...softmax, t: M(2, 3, [0, 0, 0.5, 1, 0, 0])}), [['tNotOneHot', {row: '[0]'}]]);
  assert.deepEqual(errors({...spec('softmax-book'), t: M(1, 3, [0, 0, 0])}), [['tNotOneHot', {row: ''}]]);
  assert.deepEqual(errors({...softmax, t: null, tIndex: [2, 3]}), [['tIndexRange', {value: 3, cols: 3, max: 2}]]);
  assert.deepEqual(errors({...softmax, t: null, tIndex: [2]}), [['tIndexCount', {count: 1, rows: 2}]]);
  assert.deepEqual(errors({...softmax, t: null, tIndex: [2, 0]}), []);
  assert.deepStrictEqual(outShape(affine), {rows: 2, cols: 3});
});

test('the timeline: forward cell by cell, then backward; each step\'s reads', () => {
  const relu = layerSteps(spec('relu-book'));
  assert.deepEqual(relu.map((s) => `${s.phase[0]} ${s.grid}${JSON.stringify(s.cells)}`), [
    'f out[[0,0]]', 'f out[[0,1]]', 'f out[[1,0]]', 'f out[[1,1]]', 'b dx[[0,0]]', 'b dx[[0,1]]', 'b dx[[1,0]]', 'b dx[[1,1]]']);
  assert.deepEqual(relu[5].reads, [['dout', 0, 1], ['mask', 0, 1]]);
  assert.equal(layerSteps(spec('sigmoid-batch')).length, 12);
  const affine = layerSteps(spec('affine-batch'));
  // out 2×3, then dx 2×2, dW 2×3, db 3.
  assert.deepEqual(affine.map((s) => s.grid).join(' '), 'out out out out out out dx dx dx dx dw dw dw dw dw dw db db db');
  assert.deepEqual(affine[4].reads, [['x', 1, 0], ['w', 0, 1], ['x', 1, 1], ['w', 1, 1], ['b', 0, 1]]); // out[1][1]
  assert.deepEqual(affine[7].reads, [['dout', 0, 0], ['w', 1, 0], ['dout', 0, 1], ['w', 1, 1], ['dout', 0, 2], ['w', 1, 2]]); // dx[0][1]
  assert.deepEqual(affine[11].reads, [['x', 0, 0], ['dout', 0, 1], ['x', 1, 0], ['dout', 1, 1]]); // dW[0][1]
  assert.deepEqual(affine[18].reads, [['dout', 0, 2], ['dout', 1, 2]]); // db[2]
  const softmax = layerSteps({...spec('softmax-book'), x: M(2, 2, [1, 2, 3, 4]), t: M(2, 2, [0, 1, 1, 0])});
  assert.deepEqual(softmax.map((s) => `${s.grid}${s.row ?? ''}`), ['y0', 'y1', 'loss', 'dx0', 'dx1']);
  assert.deepEqual(softmax[3].cells, [[0, 0], [0, 1]]);
  assert.deepEqual(softmax[3].reads, [['y', 0, 0], ['y', 0, 1], ['t', 0, 0], ['t', 0, 1]]);
  // Known after 5 steps: every out and mask cell, dx[0][0].
  const known = knownCells(relu, 5);
  assert.deepEqual([...known.get('out')], ['0,0', '0,1', '1,0', '1,1']);
  assert.deepEqual([...known.get('mask')], ['0,0', '0,1', '1,0', '1,1']);
  assert.deepEqual([...known.get('dx')], ['0,0']);
  assert.equal(knownCells(relu, 0).size, 0);
});

test('rows and columns: added or removed with every matrix kept in shape', () => {
  const affine = spec('affine-batch');
  const rows = resized(affine, 'rows', 1);
  assert.deepStrictEqual(rows.mx, M(3, 2, [1, 0.5, -1, 2, 0, 0]));
  assert.deepStrictEqual(rows.mdout, M(3, 3, [1, 2, 3, 4, 5, 6, 1, 1, 1]));
  const cols = resized(affine, 'cols', -1);
  assert.deepStrictEqual(cols.mx, M(2, 1, [1, -1]));
  assert.deepStrictEqual(cols.w, M(1, 3, [0.1, 0.3, 0.5]));
  const wcols = resized(affine, 'wcols', 1);
  assert.deepStrictEqual([wcols.w.cols, wcols.b, wcols.mdout], [4, M(1, 4, [0.1, 0.2, 0.3, 0]), M(2, 4, [1, 2, 3, 1, 4, 5, 6, 1])]);
  for (const fields of [rows, cols, wcols]) assert.deepEqual(shapeErrors(layerSpec({layer: 'affine', ...affine, ...fields, mx: fields.mx ?? affine.x, mdout: fields.mdout ?? affine.dout})), []);
  // Limits: 1 to 8.
  assert.equal(resized(spec('affine-vector'), 'rows', -1), null);
  assert.equal(resized({...spec('relu-book'), x: M(1, 8, Array(8).fill(1)), dout: M(1, 8, Array(8).fill(1))}, 'cols', 1), null);
  // Labels stay one-hot: a new row is class 0; a removed class moves its 1 to the new last one.
  const softmax = {...spec('softmax-book'), x: M(2, 3, [1, 2, 3, 4, 5, 6]), t: M(2, 3, [0, 0, 1, 0, 1, 0])};
  assert.deepStrictEqual(resized(softmax, 'rows', 1).t, M(3, 3, [0, 0, 1, 0, 1, 0, 1, 0, 0]));
  assert.deepStrictEqual(resized(softmax, 'cols', -1).t, M(2, 2, [0, 1, 0, 1]));
  assert.deepStrictEqual(resized({...softmax, t: null, tIndex: [2, 1]}, 'cols', -1).tIndex, [1, 1]);
  assert.deepStrictEqual(withCell(M(2, 2, [1, 2, 3, 4]), 1, 0, -0), M(2, 2, [1, 2, -0, 4]));
});

test('names and shapes as the book writes them', () => {
  const x = M(2, 2, [0, 0, 0, 0]), v = M(1, 3, [0, 0, 0]);
  assert.equal(cellName('dx', x, 0, 1), 'dx[0][1]');
  assert.equal(cellName('x', v, 0, 2), 'x[2]');
  assert.equal(cellName('w', M(1, 3, [0, 0, 0]), 0, 2), 'W[0][2]'); // W is a matrix even with one row
  assert.equal(cellName('dw', x, 1, 0), 'dW[1][0]');
  assert.equal(cellName('loss', M(1, 1, [0]), 0, 0), 'loss');
  assert.deepEqual([shapeOf('x', x), shapeOf('b', v), shapeOf('w', M(1, 3, [0, 0, 0])), shapeOf('loss', M(1, 1, [0]))], ['2×2', '(3,)', '1×3', '']);
});

// C's results for the presets, derived by hand (relu, affine) or to the
// digits the book gives (softmax); the lines below only lay them out.
const RESULTS = {
  relu: {out: M(2, 2, [1, 0, 0, 3]), mask: M(2, 2, [0, 1, 1, 0]), dx: M(2, 2, [1, 0, 0, 1]), doutAfter: M(2, 2, [1, 1, 1, 1])},
  affine: {out: M(2, 3, [0.3, 0.7, 1.1, 0.4, 0.7, 1]), dx: M(2, 2, [2.2, 2.8, 4.9, 6.4]), dw: M(2, 3, [-3, -3, -3, 8.5, 11, 13.5]),
    db: M(1, 3, [5, 7, 9]), doutAfter: M(2, 3, [1, 2, 3, 4, 5, 6])},
  softmax: {y: M(1, 3, [0.0182113, 0.2451918, 0.7365969]), loss: 0.3057145, dx: M(1, 3, [0.0182113, 0.2451918, -0.2634031])},
};

test('each step\'s arithmetic, as text and LaTeX, in both languages', () => {
  const en = layerWords(translator('en')), ko = layerWords(translator('ko'));
  const line = (s, result, step, words = en) => layerLine(s, result, layerSteps(s), step, formatNumber, words);
  const relu = spec('relu-book');
  assert.equal(line(relu, RESULTS.relu, 2).text, 'out[0][1] = 0, mask[0][1] = (x[0][1] ≤ 0) = (−0.5000 ≤ 0) = True');
  assert.equal(line(relu, RESULTS.relu, 4).text, 'out[1][1] = x[1][1] = 3, mask[1][1] = (x[1][1] ≤ 0) = (3 ≤ 0) = False');
  assert.equal(line(relu, RESULTS.relu, 6).text, 'dx[0][1] = dout[0][1] · 0 = 1 · 0 = 0, mask[0][1] is True');
  assert.equal(line(relu, RESULTS.relu, 6, ko).text, 'dx[0][1] = dout[0][1] · 0 = 1 · 0 = 0, mask[0][1] = True');
  assert.equal(line(relu, RESULTS.relu, 6).latex, '\\mathrm{dx}[0][1] = \\mathrm{dout}[0][1]\\cdot 0 = 1\\cdot 0 = 0,\\quad \\mathrm{mask}[0][1] = \\text{True}');
  assert.equal(line(relu, RESULTS.relu, 0).text, 'ReLU: out = x where x > 0, else 0; mask = (x ≤ 0); dx = dout where mask is False, else 0');
  assert.equal(line(relu, RESULTS.relu, 0).latex, 'x = \\begin{bmatrix}1 & -0.5000\\\\-2 & 3\\end{bmatrix},\\quad \\mathrm{dout} = \\begin{bmatrix}1 & 1\\\\1 & 1\\end{bmatrix}');
  assert.match(line(relu, RESULTS.relu, 8).latex, /\\mathrm{mask} = \\begin{bmatrix}\\text{False} & \\text{True}\\\\\\text{True} & \\text{False}\\end{bmatrix}/);

  const affine = spec('affine-batch');
  assert.equal(line(affine, RESULTS.affine, 4).text,
    'out[1][0] = x[1][0] · W[0][0] + x[1][1] · W[1][0] + b[0] = (−1) · 0.1000 + 2 · 0.2000 + 0.1000 = 0.4000');
  assert.equal(line(affine, RESULTS.affine, 10).text,
    'dx[1][1] = dout[1][0] · W[1][0] + dout[1][1] · W[1][1] + dout[1][2] · W[1][2] = 4 · 0.2000 + 5 · 0.4000 + 6 · 0.6000 = 6.4000');
  assert.equal(line(affine, RESULTS.affine, 11).text, 'dW[0][0] = x[0][0] · dout[0][0] + x[1][0] · dout[1][0] = 1 · 1 + (−1) · 4 = −3');
  assert.equal(line(affine, RESULTS.affine, 19).text, 'db[2] = dout[0][2] + dout[1][2] = 3 + 6 = 9');
  // One row: no sum to write, so no side twice.
  assert.equal(line(spec('affine-vector'), {...RESULTS.affine, db: M(1, 3, [1, 2, 3]), dw: M(2, 3, [1, 2, 3, 0.5, 1, 1.5])}, 14).text, 'db[2] = dout[2] = 3');

  const softmax = spec('softmax-book');
  assert.equal(line(softmax, RESULTS.softmax, 1).text, 'y = softmax(x) = softmax(0.3000, 2.9000, 4) = (0.0182, 0.2452, 0.7366)');
  assert.equal(line(softmax, RESULTS.softmax, 2).text, 'loss = −log(y[2]) = −log(0.7366) = 0.3057');
  assert.equal(line(softmax, RESULTS.softmax, 3).text, 'dx = (y − t)/N = ((0.0182, 0.2452, 0.7366) − (0, 0, 1))/1 = (0.0182, 0.2452, −0.2634)');
  assert.equal(line(softmax, RESULTS.softmax, 3).latex.split(',\\quad ')[0],
    '\\mathrm{dx} = \\frac{y - t}{N} = \\frac{\\begin{bmatrix}0.0182 & 0.2452 & 0.7366\\end{bmatrix} - \\begin{bmatrix}0 & 0 & 1\\end{bmatrix}}{1} = \\begin{bmatrix}0.0182 & 0.2452 & -0.2634\\end{bmatrix}');
  // A batch with class indices: the loss's terms are the labelled classes, over N.
  const batch = {...softmax, x: M(2, 3, [1, 2, 3, 3, 2, 1]), t: null, tIndex: [2, 0]};
  const result = {y: M(2, 3, [0.09, 0.2447, 0.6652, 0.6652, 0.2447, 0.09]), loss: 0.4076, dx: M(2, 3, [0.045, 0.1224, -0.1674, -0.1674, 0.1224, 0.045])};
  assert.equal(line(batch, result, 3).text, 'loss = −(log(y[0][2]) + log(y[1][0]))/N = −(log(0.6652) + log(0.6652))/2 = 0.4076');
  assert.equal(line(batch, result, 5).text, 'dx[1] = (y[1] − t[1])/N = ((0.6652, 0.2447, 0.0900) − (1, 0, 0))/2 = (−0.1674, 0.1224, 0.0450)');
});

test('the words: every layer key in both languages, the same placeholders', () => {
  const keys = (o) => Object.keys(o).sort();
  assert.deepEqual(keys(LAYER_WORDS.ko), keys(LAYER_WORDS.en));
  for (const [k, v] of Object.entries(LAYER_WORDS.en)) {
    if (typeof v !== 'string') { assert.deepEqual(keys(LAYER_WORDS.ko[k]), keys(v), k); continue; }
    const holes = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(holes(LAYER_WORDS.ko[k]), holes(v), k);
  }
});

test('the picture at a step (figure/layer-picture.js): the book\'s ReLU through dx[0][1], what its grids and its SVG show', async () => {
  const {layerPicture} = await import('../../web/src/figure/layer-picture.js');
  const relu = spec('relu-book');
  const result = {out: M(2, 2, [1, 0, 0, 3]), mask: M(2, 2, [0, 1, 1, 0]), dx: M(2, 2, [1, 0, 0, 1])}; // dout all ones
  const picture = layerPicture({spec: relu, result, steps: layerSteps(relu)}, {step: 6, words: layerWords(translator('en')), fmt: formatNumber});
  assert.equal(picture.title, 'ReLU layer over matrices');
  const [xdx, arrow, outdout, mask] = picture.columns;
  assert.deepEqual(arrow, {arrow: true});
  const cells = (g) => g.cells.map((c) => `${c.text}|${c.cls}`);
  // Sign and size by the grid's largest magnitude (x: 3, so 1 is ⌈5·1/3⌉ = m2); 0 untinted.
  assert.deepEqual(cells(xdx.top), ['1|cell pos m2', '−0.5000|cell neg m1', '−2|cell neg m4', '3|cell pos m5']);
  // Step 6 of 8: the backward pass has written dx[0][0] and dx[0][1] (this step), the rest pending.
  assert.deepEqual(cells(xdx.bottom), ['1|cell pos m5', '0|cell zero active', '|cell pending', '|cell pending']);
  // It read dout[0][1] and mask[0][1] (True: x ≤ 0, so 0 passes back).
  assert.deepEqual(cells(outdout.bottom), ['1|cell pos m5', '1|cell pos m5 reads', '1|cell pos m5', '1|cell pos m5']);
  assert.deepEqual(cells(mask.top), ['False|cell mask-false', 'True|cell mask-true reads', 'True|cell mask-true', 'False|cell mask-false']);
  assert.equal(mask.bottom, null);
  assert.deepEqual([outdout.top.name, outdout.top.shape, outdout.top.rows, outdout.top.cols], ['out', '2×2', 2, 2]);
});
