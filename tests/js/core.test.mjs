// core.js's boundary with the WebAssembly module, as data: the functions it
// binds are exactly those the build exports, and the record layout it reads
// memory with is checked against the module's own at load.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {EXPORTS, LAYOUT, checkLayout, instantiateCore, CoreError} from '../../web/src/core/core.js';

const cmake = readFileSync(new URL('../../CMakeLists.txt', import.meta.url), 'utf8');
const wasm = fileURLToPath(new URL('../../build/wasm/backprop-core.wasm', import.meta.url));

test('core.js binds exactly what the build exports (BP_EXPORTS)', () => {
  const list = /set\(BP_EXPORTS([^)]*)\)/.exec(cmake)[1].match(/_\w+/g).map((name) => name.slice(1));
  assert.deepEqual([...list].sort(), [...EXPORTS].sort());
  assert.equal(new Set(EXPORTS).size, EXPORTS.length);
});

test('the layout is backprop.h\'s, and a different one is refused by name', () => {
  const flat = Object.values(LAYOUT).flatMap((fields) => Object.values(fields));
  assert.deepEqual(flat, [56, 0, 4, 8, 12, 16, 24, 32, 40, 48, 40, 0, 4, 8, 16, 24, 32, 32, 0, 8, 16, 24]);
  assert.doesNotThrow(() => checkLayout(flat));
  const moved = [...flat];
  moved[15] = 28; // bp_warning.b
  assert.throws(() => checkLayout(moved), (e) => e instanceof CoreError && /bp_warning\.b at byte 24, but the WebAssembly module says 28/.test(e.message));
  const bigger = [...flat];
  bigger[0] = 64;
  assert.throws(() => checkLayout(bigger), /sizeof\(bp_step\) as 56, but the WebAssembly module says 64/);
  assert.throws(() => checkLayout(flat.slice(0, 20)), /bp_check\.rel_error at byte 16, but the WebAssembly module says undefined/);
});

test('the built module loads: every export there, its layout the same', {skip: !existsSync(wasm) && 'build/wasm/backprop-core.wasm is missing: run ./dev build'}, async () => {
  const core = await instantiateCore(readFileSync(wasm));
  const t = core.trace({graph: 'sigmoid-steps', inputs: {x: 0.5}, dout: 1});
  // Labels come from C for every node, inputs included.
  assert.deepEqual(t.nodes.map((n) => n.label), ['x', '\u00d7(\u22121)', 'exp', '+1', '/']);
  // Steps and warnings read at LAYOUT's offsets: the first backward step of
  // 1/x at y = 1/(1 + e^-0.5): upstream 1, local -y^2.
  const y = 1 / (1 + Math.exp(-0.5));
  const back = t.steps[4];
  assert.deepEqual([back.phase, back.node, back.to, back.arg, back.upstream], ['backward', 4, 3, 0, 1]);
  assert.ok(Math.abs(back.local + y * y) < 1e-15);
  const w = core.trace({graph: 'sigmoid-steps', inputs: {x: -800}, dout: 1}).warnings[0];
  assert.deepEqual({...w}, {node: 2, phase: 'forward', kind: 'overflow', a: 800, b: NaN, value: Infinity});
});

test('a module without one of the exports is refused, naming it', async () => {
  // The smallest module: one exported memory, no functions.
  const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 5, 3, 1, 0, 1, 7, 10, 1, 6, 109, 101, 109, 111, 114, 121, 2, 0]);
  await assert.rejects(instantiateCore(bytes), /the WebAssembly module lacks malloc, free, bp_status_str/);
});

// ------------------------------------------------- the matrix layers (issue 10)

const M = (rows, cols, values) => ({rows, cols, values});
const near = (got, want, tol = 1e-15) => {
  assert.equal(got.length, want.length);
  for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got[i] - want[i]) <= tol * Math.max(1, Math.abs(want[i])), `[${i}] ${got[i]} vs ${want[i]}`);
};

// The module with malloc and free counted, as e2e/soak.spec.mjs counts
// them in the page: every block matrixLayer takes it gives back.
async function countedCore() {
  const live = {blocks: 0};
  const original = WebAssembly.instantiate;
  WebAssembly.instantiate = async (...args) => {
    const made = await original(...args);
    const e = made.instance.exports;
    const exports = {...e, malloc: (n) => { const p = e.malloc(n); if (p) live.blocks++; return p; }, free: (p) => { if (p) live.blocks--; return e.free(p); }};
    return {module: made.module, instance: {exports}};
  };
  try {
    return {core: await instantiateCore(readFileSync(wasm)), live};
  } finally {
    WebAssembly.instantiate = original;
  }
}

test('matrixLayer: the book\'s four layers in C, every field, against hand-derived values', {skip: !existsSync(wasm) && 'build/wasm/backprop-core.wasm is missing: run ./dev build'}, async () => {
  const {core, live} = await countedCore();
  const {matrixLayer} = await import('../../web/src/core/core.js');
  const before = live.blocks;

  // ReLU, the post's x: mask = (x <= 0); dx = dout where the mask is 0. The
  // core's dout read back untouched; the book's in-place backward (the
  // same C call with dx and dout one buffer) leaves zeros in it.
  const relu = matrixLayer(core, {layer: 'relu', x: M(2, 2, [1, -0.5, -2, 3]), dout: M(2, 2, [0.5, -1, 2, 1.5])});
  assert.deepEqual(Object.keys(relu).sort(), ['doutAfter', 'doutInPlace', 'dx', 'mask', 'out']);
  assert.deepEqual([...relu.out.values], [1, 0, 0, 3]);
  assert.deepEqual([...relu.mask.values], [0, 1, 1, 0]);
  assert.deepEqual([...relu.dx.values], [0.5, 0, 0, 1.5]);
  assert.deepEqual([...relu.doutAfter.values], [0.5, -1, 2, 1.5]);
  assert.deepEqual([...relu.doutInPlace.values], [0.5, 0, 0, 1.5]);
  assert.deepEqual([relu.out.rows, relu.out.cols, relu.mask.rows, relu.mask.cols], [2, 2, 2, 2]);
  // No dout: all ones, the CLI's default; NaN passes (it is not <= 0), -0 is masked.
  const edge = matrixLayer(core, {layer: 'relu', x: M(1, 3, [NaN, -0, Infinity])});
  assert.deepEqual([[...edge.out.values], [...edge.mask.values], [...edge.dx.values]], [[NaN, 0, Infinity], [0, 1, 0], [1, 0, 1]]);

  // Sigmoid: y = 1/(1 + e^-x) at x = 0 is 1/2 exactly, dx = dout·y(1 − y) = 2·1/4.
  const sig = matrixLayer(core, {layer: 'sigmoid', x: M(1, 2, [0, Math.log(3)]), dout: M(1, 2, [2, 1])});
  near(sig.out.values, [0.5, 0.75]);
  near(sig.dx.values, [0.5, 0.1875]);

  // Affine, the book's chapter 3 numbers as a batch of two (dY from chapter 5).
  const affine = matrixLayer(core, {layer: 'affine', x: M(2, 2, [1, 0.5, -1, 2]), w: M(2, 3, [0.1, 0.3, 0.5, 0.2, 0.4, 0.6]),
    b: M(1, 3, [0.1, 0.2, 0.3]), dout: M(2, 3, [1, 2, 3, 4, 5, 6])});
  assert.deepEqual(Object.keys(affine).sort(), ['db', 'doutAfter', 'dw', 'dx', 'out']);
  near(affine.out.values, [0.3, 0.7, 1.1, 0.4, 0.7, 1]);
  near(affine.dx.values, [2.2, 2.8, 4.9, 6.4]);
  assert.deepEqual([...affine.dw.values], [-3, -3, -3, 8.5, 11, 13.5]);
  assert.deepEqual([...affine.db.values], [5, 7, 9]);
  assert.deepEqual([affine.dw.rows, affine.dw.cols, affine.db.rows, affine.db.cols, affine.dx.rows, affine.dx.cols], [2, 3, 1, 3, 2, 2]);

  // Softmax-with-Loss, the post's x and t: one-hot or as a class index, the same.
  const y = [0.0182113, 0.2451918, 0.7365969];
  for (const labels of [{t: M(1, 3, [0, 0, 1])}, {tIndex: [2]}]) {
    const s = matrixLayer(core, {layer: 'softmax-loss', x: M(1, 3, [0.3, 2.9, 4.0]), ...labels});
    assert.deepEqual(Object.keys(s).sort(), ['dx', 'loss', 'y']);
    near(s.y.values, y, 1e-6);
    assert.ok(Math.abs(s.loss - 0.3057145) < 1e-7, String(s.loss));
    near(s.dx.values, [y[0], y[1], y[2] - 1], 1e-6);
    assert.equal(s.dx.values[2], s.y.values[2] - 1); // (y − t)/1, to the bit
  }
  // Two rows: dx = (y − t)/2; rows of equal x give y = 1/2 each.
  const two = matrixLayer(core, {layer: 'softmax-loss', x: M(2, 2, [1, 1, 5, 5]), tIndex: [0, 1]});
  assert.deepEqual([...two.y.values], [0.5, 0.5, 0.5, 0.5]);
  assert.deepEqual([...two.dx.values], [-0.25, 0.25, 0.25, -0.25]);
  assert.ok(Math.abs(two.loss - Math.LN2) < 1e-15);

  // Shapes C would read out of bounds are refused before any call.
  assert.throws(() => matrixLayer(core, {layer: 'affine', x: M(2, 2, [1, 2, 3, 4]), w: M(3, 1, [1, 2, 3]), b: M(1, 1, [0])}), /w must be 2×M/);
  assert.throws(() => matrixLayer(core, {layer: 'affine', x: M(1, 2, [1, 2]), w: M(2, 2, [1, 2, 3, 4]), b: M(1, 3, [0, 0, 0])}), /b must hold 2 numbers/);
  assert.throws(() => matrixLayer(core, {layer: 'relu', x: M(2, 2, [1, 2, 3, 4]), dout: M(1, 2, [1, 1])}), /dout must be 2×2/);
  assert.throws(() => matrixLayer(core, {layer: 'softmax-loss', x: M(1, 3, [1, 2, 3]), tIndex: [3]}), /class indices must be whole numbers from 0 to 2/);
  assert.throws(() => matrixLayer(core, {layer: 'softmax-loss', x: M(1, 3, [1, 2, 3]), t: M(1, 2, [0, 1])}), /one-hot rows shaped as x/);
  assert.throws(() => matrixLayer(core, {layer: 'tanh', x: M(1, 1, [1])}), /not a layer/);
  // Every block given back, the calls that threw included.
  assert.equal(live.blocks, before);
});
