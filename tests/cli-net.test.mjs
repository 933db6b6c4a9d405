// The CLI's network commands (`backprop data`, `backprop net`): their
// contract, the hand-derived 2 -> 2 -> 2 net of tests/test_net.c, and one
// clear line naming the file and its line or field for every bad input.
// Gradients against numpy are tests/net_reference.py's.
//   BACKPROP_CLI=build/native/bin/backprop node --test tests/cli-net.test.mjs
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const CLI = process.env.BACKPROP_CLI || new URL('../build/native/bin/backprop', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'backprop-net-'));
let files = 0;
const file = (text) => {
  const path = join(dir, `f${files++}`);
  writeFileSync(path, text);
  return path;
};
const run = (args, input) => spawnSync(CLI, args, {encoding: 'utf8', input, maxBuffer: 1 << 26});
function ok(args, input) {
  const r = run(args, input);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  return r.stdout;
}
// Bad input: exit 2, nothing on stdout, one line on stderr matching `message`.
function refused(args, message, input) {
  const r = run(args, input);
  assert.equal(r.status, 2, `${args.join(' ')}: status ${r.status}, stderr ${r.stderr}`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^backprop: [^\n]+\n$/);
  assert.match(r.stderr, message);
}

// The hand-derived net (tests/test_net.c): x = (1, 2), label 1.
const HAND = {activation: 'relu', layers: [{W: [[1, -1], [0.5, 2]], b: [0, -4]}, {W: [[1, 0], [3, -2]], b: [0.5, -0.5]}]};
const s = 1 / (1 + Math.exp(-3));
const near = (a, b, rel = 1e-15) => assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test('net grad: the hand-derived 2 -> 2 -> 2 ReLU net', () => {
  const params = file(JSON.stringify(HAND));
  const data = file('x1,x2,label\n1,2,1\n');
  const g = JSON.parse(ok(['net', 'grad', '--params', params, '--data', data, '--json']));
  near(g.loss, Math.log(1 + Math.exp(3)));
  const want = [{dW: [[s, 0], [2 * s, 0]], db: [s, 0]}, {dW: [[2 * s, -2 * s], [0, 0]], db: [s, -s]}];
  g.layers.forEach((layer, l) => {
    layer.dW.flat().forEach((v, i) => near(v, want[l].dW.flat()[i]));
    layer.db.forEach((v, i) => near(v, want[l].db[i]));
  });
  // The table says the same.
  const table = ok(['net', 'grad', '--params', params, '--data', data]);
  assert.match(table, /^loss 3\.04858735157374\d* \(mean cross-entropy over 1 rows\)\n/);
  assert.match(table, /\ndW1 \(2×2\)\n/);
  assert.equal(g.passes, undefined); // only with --activations:
  // Each layer's input, z, dz and dx, and y: z1 = (2, -1), h = (2, 0),
  // z2 = (2.5, -0.5); dz2 = (s, -s), dh = dz2 W2^T = (s, 5s), dz1 = (s, 0),
  // dx = dz1 W1^T = (s, s/2).
  const a = JSON.parse(ok(['net', 'grad', '--params', params, '--data', data, '--activations', '--json']));
  assert.deepEqual(a.layers, g.layers);
  assert.deepEqual(a.passes.map((p) => [p.x, p.z]), [[[[1, 2]], [[2, -1]]], [[[2, 0]], [[2.5, -0.5]]]]);
  const grads = [[[s, 0], [s, s / 2]], [[s, -s], [s, 5 * s]]];
  a.passes.forEach((p, l) => [p.dz[0], p.dx[0]].flat().forEach((v, i) => near(v, grads[l].flat()[i])));
  near(a.y[0][0], s);
  near(a.y[0][1], 1 - s);
  assert.match(ok(['net', 'grad', '--params', params, '--data', data, '--activations']), /\ndx1 \(1×2\)\n/);
  refused(['net', 'train', '--params', params, '--data', data, '--activations'], /net train: unknown option '--activations'/);
  // Data and parameters may come on standard input.
  assert.equal(ok(['net', 'grad', '--params', '-', '--data', data, '--json'], JSON.stringify(HAND)),
    ok(['net', 'grad', '--params', params, '--data', data, '--json']));
});

test('net train: plain SGD in file order, one step by hand', () => {
  const params = file(JSON.stringify(HAND));
  const data = file('1,2,1\n');
  const t = JSON.parse(ok(['net', 'train', '--params', params, '--data', data, '--lr', '0.5', '--steps', '2', '--batch', '1', '--json']));
  near(t.loss[0], Math.log(1 + Math.exp(3)));
  // After one step W1[1][0] = 0.5 - 0.5 * 2s and b2 = (0.5 - 0.5 s, -0.5 + 0.5 s); the second loss is lower.
  assert.ok(t.loss[1] < t.loss[0]);
  assert.equal(t.accuracy, 1);
  assert.equal(t.params.activation, 'relu');
  assert.equal(t.params.layers[1].W.length, 2);
  // Its parameters feed back in.
  const again = file(JSON.stringify(t.params));
  ok(['net', 'grad', '--params', again, '--data', data]);
  // A step of 1e308 leaves NaN parameters: no row has a class then, and the
  // accuracy is 0 (not the share of rows of class 0).
  const wild = JSON.parse(ok(['net', 'train', '--params', params, '--data', file('1,2,0\n-1,0.5,0\n'), '--lr', '1e308', '--steps', '3', '--batch', '2', '--json']));
  assert.ok(Number.isNaN(Number(wild.loss[2])), `loss ${wild.loss[2]}`);
  assert.equal(wild.accuracy, 0);
});

test('data: CSV with a header, the classes interleaved, the same bits for the same seed', () => {
  const a = ok(['data', 'spiral', '--n', '300', '--classes', '3', '--noise', '0.1', '--seed', '7']);
  const lines = a.trimEnd().split('\n');
  assert.equal(lines[0], 'x1,x2,label');
  assert.equal(lines.length, 301);
  lines.slice(1).forEach((line, i) => {
    const [x1, x2, label] = line.split(',').map(Number);
    assert.equal(label, i % 3);
    assert.ok(Math.hypot(x1, x2) < 1.0000000001, line); // the spiral's radius is at most 1
  });
  assert.equal(ok(['data', 'spiral', '--n', '300', '--classes', '3', '--noise', '0.1', '--seed', '7']), a);
  assert.notEqual(ok(['data', 'spiral', '--n', '300', '--classes', '3', '--noise', '0.1', '--seed', '8']), a);
  // Moons without noise, by hand: (cos 0 - 0.5, sin 0 - 0.25) and (0.5 - cos 0, 0.25 - sin 0).
  assert.deepEqual(ok(['data', 'moons', '--n', '2', '--noise', '0']).split('\n').slice(1, 3), ['0.5,-0.25,0', '-0.5,0.25,1']);
  for (const kind of ['circles', 'xor', 'gauss', 'moons']) {
    assert.equal(ok(['data', kind, '--n', '40']).trimEnd().split('\n').length, 41);
  }
});

test('net init: W is in × out, drawn with He by default for ReLU, the same for the same seed', () => {
  const p = JSON.parse(ok(['net', 'init', '--layers', '400,300,2', '--seed', '3']));
  assert.equal(p.activation, 'relu');
  assert.equal(p.layers.length, 2);
  assert.equal(p.layers[0].W.length, 400);
  assert.equal(p.layers[0].W[0].length, 300);
  assert.deepEqual(p.layers[0].b, Array(300).fill(0));
  const w = p.layers[0].W.flat();
  const rms = Math.sqrt(w.reduce((a, v) => a + v * v, 0) / w.length);
  near(rms, Math.sqrt(2 / 400), 0.01);
  const std = JSON.parse(ok(['net', 'init', '--layers', '400,300,2', '--init', 'std', '--seed', '3'])).layers[0].W.flat();
  near(Math.sqrt(std.reduce((a, v) => a + v * v, 0) / std.length), 0.01, 0.01);
  const sig = JSON.parse(ok(['net', 'init', '--layers', '2,3,2', '--activation', 'sigmoid']));
  assert.equal(sig.activation, 'sigmoid');
  assert.equal(ok(['net', 'init', '--layers', '2,8,2', '--seed', '5']), ok(['net', 'init', '--layers', '2,8,2', '--seed', '5']));
});

test('net check: the book table, and exit 1 when a gradient is off', () => {
  const params = file(ok(['net', 'init', '--layers', '2,8,8,3', '--seed', '2']));
  const data = file(ok(['data', 'spiral', '--n', '60']));
  const table = ok(['net', 'check', '--params', params, '--data', data]);
  const rows = table.trimEnd().split('\n').slice(1).map((line) => line.split(/\s+/));
  assert.deepEqual(rows.map((r) => r[0]), ['W1', 'b1', 'W2', 'b2', 'W3', 'b3']);
  for (const r of rows) assert.ok(Number(r[1]) <= 1e-8, r.join(' '));
  // A weight of NaN makes every difference NaN: the check fails.
  const broken = file(JSON.stringify({activation: 'relu', layers: [{W: [['NaN', 1]], b: [0, 0]}]}));
  const r = run(['net', 'check', '--params', broken, '--data', file('1,0\n')]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /FAILED/);
});

test('bad files, shapes, labels and numbers: one line naming the file and its line or field, exit 2', () => {
  const params = file(JSON.stringify(HAND));
  const data = file('x1,x2,label\n1,2,1\n');
  refused(['net', 'grad', '--params', join(dir, 'missing.json'), '--data', data], /--params: cannot read '.*missing\.json': No such file/);
  refused(['net', 'grad', '--params', file('{"activation":"relu",\n "layers":[{"W":[[1,2]],"b":[0]}]}'), '--data', data],
    /f\d+:2:\d+: layers\[0\]: b has 1 numbers but W has 2 columns/);
  refused(['net', 'grad', '--params', file('{"activation":"relu","layers":[{"W":[[1,2],[3]],"b":[0,0]}]}'), '--data', data],
    /:1:\d+: layers\[0\]\.W\[1\]: 1 numbers, but row 0 has 2/);
  refused(['net', 'grad', '--params', file('{"activation":"relu","layers":[{"W":[[1,2]],"b":[0,0]},{"W":[[1,2]],"b":[0,0]}]}'), '--data', data],
    /layers\[1\]: W has 1 rows but layers\[0\] has 2 outputs/);
  refused(['net', 'grad', '--params', file('{"activation":"tanh","layers":[]}'), '--data', data], /activation: 'tanh' \(expected relu or sigmoid\)/);
  refused(['net', 'grad', '--params', file('{"activation":"relu","layers":[{"W":[[1,x]],"b":[0,0]}]}'), '--data', data], /:1:\d+: layers\[0\]\.W\[0\]: a number expected/);
  refused(['net', 'grad', '--params', file('{"activation":"relu","layers":[{"W":[[1,2]],"b":[0,0]}]'), '--data', data], /expected '\}'/);
  refused(['net', 'grad', '--params', params, '--data', file('x1,x2,label\n1,2,1\n3,4\n')], /f\d+:3: 2 fields, expected 3 \(2 features and a label\)/);
  refused(['net', 'grad', '--params', params, '--data', file('1,2,2\n')], /f\d+:1: label 2 is not a class of the network \(0 to 1\)/);
  refused(['net', 'grad', '--params', params, '--data', file('1,2,0.5\n')], /label 0\.5 is not a class/);
  refused(['net', 'grad', '--params', params, '--data', file('1,2,1\n1,abc,0\n')], /f\d+:2: field 2: /);
  refused(['net', 'grad', '--params', params, '--data', file('1,inf,1\n')], /f\d+:1: a feature is not finite/);
  refused(['net', 'grad', '--params', params, '--data', file('x1,x2,label\n')], /no data rows/);
  refused(['net', 'grad', '--params', '-', '--data', '-'], /only one of --params and --data can be '-'/);
  refused(['net', 'grad', '--params', params], /net grad needs --params P\.json and --data D\.csv/);
  refused(['net', 'train', '--params', params, '--data', data, '--lr', 'fast'], /--lr: 'fast'/);
  refused(['net', 'train', '--params', params, '--data', data, '--batch', '0'], /--batch: '0': a whole number from 1/);
  refused(['net', 'train', '--params', params, '--data', data, '--seed', '4'], /--seed orders the batches: it needs --shuffle/);
  refused(['net', 'check', '--params', params, '--data', data, '--json'], /net check: unknown option '--json'/);
  refused(['net', 'grad', '--params', params, '--data', data, '--lr', '1'], /net grad: unknown option '--lr'/);
  refused(['net', 'fit'], /net needs a command: init, grad, train or check/);
  refused(['net', 'init'], /net init needs --layers/);
  refused(['net', 'init', '--layers', '2,0,2'], /--layers: '2,0,2': whole numbers from 1 to 1024/);
  refused(['net', 'init', '--layers', '2,3,1'], /the last size is the classes, 2 or more/);
  refused(['net', 'init', '--layers', '2,2,2,2,2,2,2,2,2,2'], /at most 8 layers/);
  refused(['net', 'init', '--layers', '1024,1024,1024,2'], /--layers: '1024,1024,1024,2': 2101250 weights and biases; at most 2097152/);
  refused(['net', 'grad', '--params', '/dev/zero', '--data', data], /--params '\/dev\/zero': byte 1 is NUL: not a text file/);
  refused(['net', 'init', '--layers', '2,2', '--init', 'lecun'], /--init: 'lecun' \(expected std, xavier or he\)/);
  refused(['data'], /data needs a kind/);
  refused(['data', 'swirl'], /unknown data set 'swirl'/);
  refused(['data', 'moons', '--classes', '3'], /--classes: '3': moons has 2 classes, always/);
  assert.equal(ok(['data', 'moons', '--classes', '02', '--n', '4']), ok(['data', 'moons', '--n', '4'])); // 02 is 2
  refused(['data', 'spiral', '--classes', '11'], /--classes: '11': a whole number from 2 to 10/);
  refused(['data', 'spiral', '--n', '0'], /--n: '0'/);
  refused(['data', 'spiral', '--n', '1000001'], /--n: '1000001'/);
  refused(['data', 'spiral', '--noise', '-1'], /--noise: '-1': from 0 to 10/);
  refused(['data', 'spiral', '--noise', 'nan'], /--noise: 'nan': a finite number expected/);
  refused(['data', 'spiral', '--json'], /data: unknown option '--json'/);
});
