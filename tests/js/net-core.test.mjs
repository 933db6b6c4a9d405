// The network's module (build/wasm/backprop-net.wasm) against the native
// CLI: the same seed gives the same bits. net-core.js binds exactly what the
// build exports (BP_NET_EXPORTS).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, writeFileSync, mkdtempSync, existsSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {NET_EXPORTS, instantiateNet} from '../../web/src/net/net-core.js';

const cmake = readFileSync(new URL('../../CMakeLists.txt', import.meta.url), 'utf8');
const wasm = fileURLToPath(new URL('../../build/wasm/backprop-net.wasm', import.meta.url));
const cli = fileURLToPath(new URL('../../build/native/bin/backprop', import.meta.url));
for (const [file, what] of [[wasm, 'the network module'], [cli, 'the native CLI']]) {
  if (!existsSync(file)) throw new Error(`${what} is missing (${file}): run ./dev build first`);
}
const run = (...args) => execFileSync(cli, args, {encoding: 'utf8', maxBuffer: 1 << 26});
const special = {NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity};
const parse = (text) => JSON.parse(text, (k, v) => (typeof v === 'string' && v in special ? special[v] : v));
const net = await instantiateNet(readFileSync(wasm));
const dir = mkdtempSync(join(tmpdir(), 'net-core-'));

test('net-core.js binds exactly what the build exports (BP_NET_EXPORTS)', () => {
  const list = /set\(BP_NET_EXPORTS([^)]*)\)/.exec(cmake)[1].match(/_\w+/g).map((name) => name.slice(1));
  assert.deepEqual([...list].sort(), [...NET_EXPORTS].sort());
});

test('data sets: the CLI\'s points, bit for bit', () => {
  for (const [kind, classes] of [['spiral', 3], ['circles', 2], ['xor', 2], ['gauss', 5], ['moons', 2]]) {
    const csv = run('data', kind, '--n', '97', '--classes', String(classes), '--noise', '0.2', '--seed', '12');
    const d = net.generate(kind, 97, classes, 0.2, 12);
    const rows = csv.trimEnd().split('\n').slice(1).map((line) => line.split(',').map(Number));
    rows.forEach(([x1, x2, label], i) => {
      assert.ok(Object.is(d.x[2 * i], x1) && Object.is(d.x[2 * i + 1], x2), `${kind} point ${i}`);
      assert.equal(d.label[i], label);
    });
  }
});

test('a shuffled training run: the CLI\'s losses and parameters, bit for bit', () => {
  for (const activation of ['relu', 'sigmoid']) {
    const params = run('net', 'init', '--layers', '2,8,8,3', '--activation', activation, '--seed', '4');
    const csv = run('data', 'spiral', '--n', '120', '--seed', '4');
    writeFileSync(join(dir, 'p.json'), params);
    writeFileSync(join(dir, 'd.csv'), csv);
    const want = parse(run('net', 'train', '--params', join(dir, 'p.json'), '--data', join(dir, 'd.csv'),
      '--lr', '0.2', '--batch', '10', '--steps', '150', '--shuffle', '--seed', '9', '--json'));

    const m = new net.Net({sizes: [2, 8, 8, 3], activation, maxBatch: 10});
    m.init(activation === 'relu' ? 'he' : 'xavier', 4);
    parse(params).layers.forEach((layer, l) => {
      assert.deepEqual([...m.part('W', l)], layer.W.flat(), `the initial W${l + 1}`);
    });
    const d = net.generate('spiral', 120, 3, 0.1, 4);
    m.setData(d.x, d.label);
    // In two calls, as the page trains in slices.
    const losses = [...m.train(60, {lr: 0.2, batch: 10, shuffle: true, seed: 9}),
      ...m.train(90, {lr: 0.2, batch: 10, shuffle: true, seed: 9})];
    assert.deepEqual(losses, want.loss);
    want.params.layers.forEach((layer, l) => {
      assert.deepEqual([...m.part('W', l)], layer.W.flat(), `W${l + 1}`);
      assert.deepEqual([...m.part('b', l)], layer.b, `b${l + 1}`);
    });
    m.dispose();
  }
});

test('one sample through the network: the CLI\'s passes and gradients for a batch of that point', () => {
  const params = run('net', 'init', '--layers', '2,4,3,2', '--activation', 'sigmoid', '--seed', '8');
  writeFileSync(join(dir, 'p1.json'), params);
  writeFileSync(join(dir, 'd1.csv'), '0.25,-0.5,1\n');
  const want = parse(run('net', 'grad', '--params', join(dir, 'p1.json'), '--data', join(dir, 'd1.csv'), '--activations', '--json'));
  const m = new net.Net({sizes: [2, 4, 3, 2], activation: 'sigmoid', maxBatch: 1});
  parse(params).layers.forEach((layer, l) => {
    m.setPart('W', l, layer.W.flat());
    m.setPart('b', l, layer.b);
  });
  assert.equal(m.gradient([0.25, -0.5], [1], {input: true}), want.loss);
  want.layers.forEach((layer, l) => {
    assert.deepEqual([...m.part('dW', l)], layer.dW.flat());
    assert.deepEqual([...m.part('db', l)], layer.db);
  });
  want.passes.forEach((pass, l) => {
    for (const k of ['x', 'z', 'dz', 'dx']) assert.deepEqual([...m.part(k, l)], pass[k].flat(), `${k} of layer ${l}`);
  });
  assert.deepEqual([...m.part('y', 0)], want.y.flat());
  m.dispose();
});

test('the first layer\'s dx, the book\'s dout·Wᵀ, by hand: W = [[1, -1], [0.5, 2]], dz = (y − t)', () => {
  const m = new net.Net({sizes: [2, 2], maxBatch: 1});
  m.setPart('W', 0, [1, -1, 0.5, 2]);
  m.setPart('b', 0, [0, 0]);
  m.gradient([1, 2], [1], {input: true});
  const [dz0, dz1] = m.part('dz', 0);
  assert.deepEqual([...m.part('dx', 0)], [dz0 * 1 + dz1 * -1, dz0 * 0.5 + dz1 * 2]);
  m.dispose();
});

test('one sample through the network, ReLU: the CLI\'s gradients for a batch of that point', () => {
  const params = run('net', 'init', '--layers', '2,4,2', '--seed', '8');
  writeFileSync(join(dir, 'p1.json'), params);
  writeFileSync(join(dir, 'd1.csv'), '0.25,-0.5,1\n');
  const want = parse(run('net', 'grad', '--params', join(dir, 'p1.json'), '--data', join(dir, 'd1.csv'), '--json'));
  const m = new net.Net({sizes: [2, 4, 2], maxBatch: 1});
  parse(params).layers.forEach((layer, l) => {
    m.setPart('W', l, layer.W.flat());
    m.setPart('b', l, layer.b);
  });
  assert.equal(m.gradient([0.25, -0.5], [1]), want.loss);
  want.layers.forEach((layer, l) => {
    assert.deepEqual([...m.part('dW', l)], layer.dW.flat());
    assert.deepEqual([...m.part('db', l)], layer.db);
  });
  // The mask is the hidden pre-activations' z <= 0, as the book's Relu has it.
  const z = m.part('z', 0);
  assert.deepEqual([...m.mask(0)], [...z].map((v) => (v <= 0 ? 1 : 0)));
  m.dispose();
});
