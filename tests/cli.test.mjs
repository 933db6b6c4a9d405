// The backprop CLI's contract: numbers against independent math (JavaScript's
// own Math.exp), exit codes, and one clear line on stderr for bad arguments.
//   BACKPROP_CLI=build/native/bin/backprop node --test tests/cli.test.mjs
import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const CLI = process.env.BACKPROP_CLI || new URL('../build/native/bin/backprop', import.meta.url).pathname;

function run(...args) {
  return runWith('', ...args);
}
// With `input` on standard input (a matrix argument `-` reads it).
function runWith(input, ...args) {
  const r = spawnSync(CLI, args, {encoding: 'utf8', input, maxBuffer: 1 << 30});
  return {status: r.status, stdout: r.stdout, stderr: r.stderr};
}

// Matrix files for @FILE, written once for the whole run.
const dir = mkdtempSync(join(tmpdir(), 'backprop-cli-'));
after(() => rmSync(dir, {recursive: true, force: true}));
function file(name, text) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const special = {NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity};
function json(...args) {
  return jsonWith('', ...args);
}
function jsonWith(input, ...args) {
  const r = runWith(input, ...args);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout, (k, v) => (typeof v === 'string' && v in special ? special[v] : v));
}
const sigmoid = (x) => 1 / (1 + Math.exp(-x));
const near = (a, b, rel) => assert.ok(Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)), `${a} vs ${b}`);

test('sigmoid-steps at 0.5 gives the documented output and gradient', () => {
  const t = json('trace', 'sigmoid-steps', '--x', '0.5', '--dout', '1', '--json');
  assert.equal(t.graph, 'sigmoid-steps');
  assert.deepEqual(t.inputs, {x: 0.5});
  near(t.output, sigmoid(0.5), 1e-15);
  assert.match(String(t.output), /^0\.6224593312/);
  near(t.grads.x, sigmoid(0.5) * (1 - sigmoid(0.5)), 1e-14);
  assert.match(String(t.grads.x), /^0\.2350037122/);
  assert.deepEqual(t.nodes.map((n) => n.label), ['x', '\u00d7(\u22121)', 'exp', '+1', '/']);
  assert.equal(t.steps.length, 8);
  assert.deepEqual(t.steps.map((s) => s.phase), [...Array(4).fill('forward'), ...Array(4).fill('backward')]);
  const fused = json('trace', 'sigmoid', '--x', '0.5', '--dout', '1', '--json');
  near(fused.grads.x, t.grads.x, 1e-15);
  assert.ok(t.check.x.rel_error < 1e-8);
});

test('at x = -800 the step graph overflows and warns, the fused layer gives 0', () => {
  const t = json('trace', 'sigmoid-steps', '--x', '-800', '--json');
  assert.equal(t.nodes[2].value, Infinity);
  assert.ok(Number.isNaN(t.grads.x));
  assert.deepEqual(t.warnings.map((w) => [w.node, w.phase, w.kind]), [[2, 'forward', 'overflow'], [2, 'backward', 'nan']]);
  assert.equal(t.warnings[0].message, 'exp(800) overflowed to Infinity');
  const fused = json('trace', 'sigmoid', '--x', '-800', '--json');
  assert.equal(fused.output, 0);
  assert.equal(fused.grads.x, 0);
  assert.deepEqual(fused.warnings, []);
});

test("the fused sigmoid's backward step carries Fig. 7's dL/dy·y²·exp(−x), equal to dL/dx", () => {
  for (const [x, dout] of [[0.5, 1], [-1.25, 3], [2, -0.5]]) {
    const t = json('trace', 'sigmoid', '--x', String(x), '--dout', String(dout), '--json');
    const back = t.steps.find((s) => s.phase === 'backward');
    const f = back.fig7;
    const y = sigmoid(x);
    near(f.exp_neg_x, Math.exp(-x), 1e-15);
    near(f.denom, 1 + Math.exp(-x), 1e-15);
    assert.equal(f.y, t.output);
    near(f.y2, y * y, 1e-15);
    near(f.ratio, 1 - y, 1e-14);
    near(f.local, y * y * Math.exp(-x), 1e-15);
    near(f.grad, t.grads.x, 4e-15); // y(1 − y) cancels a little for x > 0: the C tests' bound
    assert.equal(f.grad, dout * f.local);
  }
  const steps = json('trace', 'sigmoid-steps', '--x', '0.5', '--json');
  assert.ok(steps.steps.every((s) => !('fig7' in s)));
  // At x = -800, 0 · Infinity: Fig. 7's form is NaN where y(1 − y) is 0.
  const far = json('trace', 'sigmoid', '--x', '-800', '--json').steps[1].fig7;
  assert.equal(far.exp_neg_x, Infinity);
  assert.ok(Number.isNaN(far.grad));
});

test('relu: the mask is x <= 0, so the gradient at 0 is 0', () => {
  for (const [x, dout, y, dx] of [[2, 3, 2, 3], [0, 3, 0, 0], [-1, 3, 0, 0], [-0, 3, 0, 0]]) {
    const t = json('trace', 'relu', '--x', String(x), '--dout', String(dout), '--json');
    assert.equal(t.output, y);
    assert.equal(t.grads.x, dx);
  }
});

test('layer relu and sigmoid over arrays', () => {
  const r = json('layer', 'relu', '--x', '1,-2,0,3', '--dout', '5,6,7,8', '--json');
  assert.deepEqual(r.out, [1, 0, 0, 3]);
  assert.deepEqual(r.dx, [5, 0, 0, 8]);
  const xs = [-800, -3, -0.5, 0, 0.5, 3, 800];
  const s = json('layer', 'sigmoid', '--x', xs.join(','), '--json');
  xs.forEach((x, i) => {
    near(s.out[i], sigmoid(x), 1e-15);
    near(s.dx[i], sigmoid(x) * (1 - sigmoid(x)), 1e-14);
  });
  assert.deepEqual(s.dout, xs.map(() => 1));
  const one = json('layer', 'sigmoid', '--x', 'nan', '--json');
  assert.ok(Number.isNaN(one.out[0]));
});

test('check passes for the built-in graphs and prints its table', () => {
  for (const graph of ['relu', 'sigmoid', 'sigmoid-steps']) {
    const r = run('check', graph, '--x', '0.75', '--dout', '2');
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^input\s+numeric\s+analytic/);
    assert.match(r.stdout, /\bok$/m);
  }
  const failing = run('check', 'sigmoid-steps', '--x', '-800');
  assert.equal(failing.status, 1);
  assert.match(failing.stdout, /FAIL/);
});

test('the default output is a readable table', () => {
  const r = run('trace', 'sigmoid-steps', '--x', '0.5');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^\s+4\s+recip\s+\/\s+0\.6224593312018546\s+1$/m);
  assert.match(r.stdout, /^dL\/dx = 0\.2350037122015945$/m);
  const w = run('trace', 'sigmoid-steps', '--x', '-800');
  assert.match(w.stdout, /^warning: node 2 \(overflow\): exp\(800\) overflowed to Infinity$/m);
});

test('expressions with --expr and --var', () => {
  const t = json('trace', '--expr', '(x+y)*z', '--var', 'x=-2', '--var', 'y=5', '--var', 'z=-4', '--json');
  assert.equal(t.output, -12);
  assert.deepEqual(t.grads, {x: -4, y: -4, z: 3});
  assert.equal(t.expr, '(x+y)*z');
  const shop = json('trace', '--expr', 'apple*count*tax', '--var', 'apple=100', '--var', 'count=2', '--var', 'tax=1.1', '--json');
  near(shop.output, 220, 1e-15);
  near(shop.grads.apple, 2.2, 1e-15);
  near(shop.grads.count, 110, 1e-15);
  near(shop.grads.tax, 200, 1e-15);
});

// ------------------------------------------------------------ the tables, as text
//
// Each expected output is written out literally; the numbers in it are
// checked by hand in the comments (and, for the same graphs, against
// Math.exp in the tests above). Labels are Unicode (×, −, σ, ÷): columns are
// counted in characters, not bytes.

const lines = (...rows) => rows.join('\n') + '\n';

const tables = [
  {
    // The README's example. y = σ(0.5) = 1/(1 + e^-0.5); dL/dx = y(1 - y).
    args: ['trace', 'sigmoid-steps', '--x', '0.5', '--dout', '1'],
    stdout: lines(
      'graph sigmoid-steps',
      '',
      '  id  op         label      value                    grad (dL/dnode)',
      '   0  input      x          0.5                      0.2350037122015945',
      '   1  scale      ×(−1)      -0.5                     -0.2350037122015945',
      '   2  exp        exp        0.6065306597126334       -0.3874556190002601',
      '   3  add_const  +1         1.6065306597126334       -0.3874556190002601',
      '   4  recip      /          0.6224593312018546       1',
      '',
      'y = 0.6224593312018546   dL/dy = 1',
      'dL/dx = 0.2350037122015945',
    ),
  },
  {
    // x = -1 is masked: y = 0 and dL/dx = 0 whatever dL/dy is.
    args: ['trace', 'relu', '--x', '-1', '--dout', '3'],
    stdout: lines(
      'graph relu',
      '',
      '  id  op         label      value                    grad (dL/dnode)',
      '   0  input      x          -1                       0',
      '   1  relu       ReLU       0                        3',
      '',
      'y = 0   dL/dy = 3',
      'dL/dx = 0',
    ),
  },
  {
    // f = σ(xy) - x² + |-x|/y at x = 0.5, y = -2: σ(-1) - 0.25 - 0.25, with
    // σ'(-1) = σ(-1)(1 - σ(-1)) = 0.19661...; df/dx = y σ'(-1) - 2x + 1/y
    // = -0.39322 - 1 - 0.5; df/dy = x σ'(-1) - |x|/y² = 0.09831 - 0.125.
    args: ['trace', '--expr', 'sigmoid(x*y) - x^2 + abs(-x)/y', '--var', 'x=0.5', '--var', 'y=-2'],
    stdout: lines(
      'graph expr  sigmoid(x*y) - x^2 + abs(-x)/y',
      '',
      '  id  op         label      value                    grad (dL/dnode)',
      '   0  input      x          0.5                      -1.8932238664829637',
      '   1  input      y          -2                       -0.026694033379259074',
      '   2  mul        ×          -1                       0.19661193324148185',
      '   3  sigmoid    σ          0.2689414213699951       1',
      '   4  const      2          2                        -',
      '   5  pow        ^          0.25                     -1',
      '   6  sub        −          0.018941421369995104     1',
      '   7  neg        −x         -0.5                     0.5',
      '   8  abs        abs        0.5                      -0.5',
      '   9  div        ÷          -0.25                    1',
      '  10  add        +          -0.2310585786300049      1',
      '',
      'f = -0.2310585786300049   dL/df = 1',
      'dL/dx = -1.8932238664829637',
      'dL/dy = -0.026694033379259074',
    ),
  },
  {
    // --expand: sigmoid(x) as the nodes of sigmoid-steps. f = -6 - σ(2);
    // df/dx = -3 - σ(2)(1 - σ(2)).
    args: ['trace', '--expr', '-x*3 - sigmoid(x)', '--expand', '--var', 'x=2'],
    stdout: lines(
      'graph expr  -x*3 - sigmoid(x)',
      '',
      '  id  op         label      value                    grad (dL/dnode)',
      '   0  input      x          2                        -3.1049935854035065',
      '   1  neg        −x         -2                       3',
      '   2  const      3          3                        -',
      '   3  mul        ×          -6                       1',
      '   4  scale      ×(−1)      -2                       0.1049935854035065',
      '   5  exp        exp        0.1353352832366127       0.7758034925743758',
      '   6  add_const  +1         1.1353352832366128       0.7758034925743758',
      '   7  recip      /          0.8807970779778823       -1',
      '   8  sub        −          -6.880797077977882       1',
      '',
      'f = -6.880797077977882   dL/df = 1',
      'dL/dx = -3.1049935854035065',
    ),
  },
  {
    // A label wider than the column widens it, for every row.
    args: ['trace', '--expr', 'learning_rate*x', '--var', 'learning_rate=0.5', '--var', 'x=4'],
    stdout: lines(
      'graph expr  learning_rate*x',
      '',
      '  id  op         label         value                    grad (dL/dnode)',
      '   0  input      learning_rate 0.5                      4',
      '   1  input      x             4                        0.5',
      '   2  mul        ×             2                        1',
      '',
      'f = 2   dL/df = 1',
      'dL/dlearning_rate = 4',
      'dL/dx = 0.5',
    ),
  },
  {
    // ReLU passes dout where x > 0.
    args: ['layer', 'relu', '--x', '1,-2,0,3', '--dout', '5,6,7,8'],
    stdout: lines(
      'x                        out                      dout                     dx',
      '1                        1                        5                        5',
      '-2                       0                        6                        0',
      '0                        0                        7                        0',
      '3                        3                        8                        8',
    ),
  },
  {
    // σ(0) = 0.5, σ'(0) = 0.25; σ(2) = 0.8807970779778823, -0.5·σ(2)(1 - σ(2)).
    args: ['layer', 'sigmoid', '--x', '0,-800,inf,nan,2', '--dout', '1,2,3,4,-0.5'],
    stdout: lines(
      'x                        out                      dout                     dx',
      '0                        0.5                      1                        0.25',
      '-800                     0                        2                        0',
      'Infinity                 1                        3                        0',
      'NaN                      NaN                      4                        NaN',
      '2                        0.8807970779778823       -0.5                     -0.05249679270175331',
    ),
  },
  {
    // The book's ReLU example: mask = x <= 0, out = x where the mask is
    // false, dx = dout where it is false. Each block is titled with its shape.
    args: ['layer', 'relu', '--x', '1,-0.5;-2,3', '--dout', '5,6;7,8'],
    stdout: lines(
      'x (2×2)', ' 1  -0.5', '-2     3', '',
      'out (2×2)', '1  0', '0  3', '',
      'mask (2×2)', 'false   true', ' true  false', '',
      'dout (2×2)', '5  6', '7  8', '',
      'dx (2×2)', '5  0', '0  8',
    ),
  },
  {
    // σ(0) = 1/2, σ'(0) = 1/4; σ(2) = 0.8807970779778823 and
    // σ(2)(1 - σ(2)) = 0.10499358540350662 (as in the flat table above, times
    // dout 1); σ(-800) underflows to 0, σ(∞) = 1, both with slope 0.
    args: ['layer', 'sigmoid', '--x', '0,2;-800,inf'],
    stdout: lines(
      'x (2×2)', '   0         2', '-800  Infinity', '',
      'out (2×2)', '0.5  0.8807970779778823', '  0                   1', '',
      'dout (2×2)', '1  1', '1  1', '',
      'dx (2×2)', '0.25  0.10499358540350662', '   0                    0',
    ),
  },
  {
    // The book's single sample X (2,), W (2×3), B (3,): out = X·W + B =
    // (0.5 - 2 + 0.5, -1 - 1, -0.5 + 2); dx = dout·Wᵀ = (1 - 0.25, 2 - 2);
    // dW = Xᵀ·dout, the outer product of (0.5, -1) and dout; dB = dout.
    args: ['layer', 'affine', '--x', '0.5,-1', '--w', '1,0,-1;2,1,0', '--b', '0.5,-1,2', '--dout', '1,-2,0.25'],
    stdout: lines(
      'x (2,)', '0.5  -1', '',
      'w (2×3)', '1  0  -1', '2  1   0', '',
      'b (3,)', '0.5  -1  2', '',
      'out (3,)', '-1  -2  1.5', '',
      'dout (3,)', '1  -2  0.25', '',
      'dx (2,)', '0.75  0', '',
      'dw (2×3)', '0.5  -1  0.125', ' -1   2  -0.25', '',
      'db (3,)', '1  -2  0.25',
    ),
  },
  {
    // Labels as class indices, two rows of the book's x: each row's y is
    // e^x / (e^0.3 + e^2.9 + e^4), the loss the mean of -log y at classes 2
    // and 0 (0.3057… and 4.0057…), dx = (y - t) / 2.
    args: ['layer', 'softmax-loss', '--x', '0.3,2.9,4;0.3,2.9,4', '--t-index', '2,0'],
    stdout: lines(
      'x (2×3)', '0.3  2.9  4', '0.3  2.9  4', '',
      't (2,), class indices', '2  0', '',
      'y (2×3)',
      '0.01821127329554753  0.24519181293507386  0.7365969137693786',
      '0.01821127329554753  0.24519181293507386  0.7365969137693786',
      'loss = 2.1557144648124518', '',
      'dx (2×3)',
      '0.009105636647773765  0.12259590646753693  -0.13170154311531068',
      '-0.49089436335222625  0.12259590646753693    0.3682984568846893',
    ),
  },
  {
    // Every entry of x, w and b. out is linear in each, and the terms an
    // entry does not move are left out of the difference: most numeric
    // derivatives come out exact, dw[1][2] = 2·(-1) + 4·0.5 = 0 among them.
    // Where a perturbed product rounds (w[0][0] ± h times 1 and 3), the
    // difference is off by a few 1e-12: h = cbrt(eps)·max(1, |v|).
    args: ['check', 'layer', 'affine', '--x', '1,2;3,4', '--w', '1,0,-1;2,1,0', '--b', '0.5,-1,2',
      '--dout', '1,0,-1;2,1,0.5'],
    stdout: lines(
      'entry    numeric                  analytic                 rel. error   step',
      'x[0][0]  2                        2                        0            0.0000060554544523933395  ok',
      'x[0][1]  2                        2                        0            0.000012110908904786679  ok',
      'x[1][0]  1.5                      1.5                      0            0.00001816636335718002  ok',
      'x[1][1]  5                        5                        0            0.000024221817809573358  ok',
      'w[0][0]  6.999999999944997        7                        7.86e-12     0.0000060554544523933395  ok',
      'w[0][1]  3                        3                        0            0.0000060554544523933395  ok',
      'w[0][2]  0.4999999999862493       0.5                      2.75e-11     0.0000060554544523933395  ok',
      'w[1][0]  10                       10                       0            0.000012110908904786679  ok',
      'w[1][1]  4                        4                        0            0.0000060554544523933395  ok',
      'w[1][2]  0                        0                        0            0.0000060554544523933395  ok',
      'b[0]     3                        3                        0            0.0000060554544523933395  ok',
      'b[1]     1                        1                        0            0.0000060554544523933395  ok',
      'b[2]     -0.5                     -0.5                     0            0.000012110908904786679  ok',
    ),
  },
  {
    // ReLU at its kink: (relu(h) - relu(-h)) / 2h = 1/2, times dout 3, where
    // the backward gives 0 (the mask is x <= 0): a real disagreement.
    args: ['check', 'layer', 'relu', '--x', '0,1;-1,2', '--dout', '3,3;3,3'],
    status: 1,
    stdout: lines(
      'entry    numeric                  analytic                 rel. error   step',
      'x[0][0]  1.5                      0                        1            0.0000060554544523933395  FAIL',
      'x[0][1]  3                        3                        0            0.0000060554544523933395  ok',
      'x[1][0]  0                        0                        0            0.0000060554544523933395  ok',
      'x[1][1]  3                        3                        0            0.000012110908904786679  ok',
    ),
  },
  {
    // f = xy is linear in each input: the central difference is exact.
    // h = cbrt(eps)·max(1, |v|) = 6.0554544523933395e-6 and twice that.
    args: ['check', '--expr', 'x*y', '--var', 'x=1', '--var', 'y=2'],
    stdout: lines(
      'input    numeric                  analytic                 rel. error   step',
      'x        2                        2                        0            0.0000060554544523933395  ok',
      'y        1                        1                        0            0.000012110908904786679  ok',
    ),
  },
  {
    // exp(800) overflows: the backward pass gives NaN, the difference 0;
  // h = 800 cbrt(eps).
    args: ['check', 'sigmoid-steps', '--x', '-800'],
    status: 1,
    stdout: lines(
      'input    numeric                  analytic                 rel. error   step',
      'x        0                        NaN                      NaN          0.004844363561914672  FAIL',
    ),
  },
  {
    // A wide input name widens the first column; h = 3 cbrt(eps).
    args: ['check', '--expr', 'learning_rate*2', '--var', 'learning_rate=3'],
    stdout: lines(
      'input         numeric                  analytic                 rel. error   step',
      'learning_rate 2                        2                        0            0.00001816636335718002  ok',
    ),
  },
];

for (const {args, status = 0, stdout} of tables) {
  test(`table: backprop ${args.join(' ')}`, () => {
    const r = run(...args);
    assert.equal(r.stderr, '');
    assert.equal(r.status, status);
    assert.equal(r.stdout, stdout);
  });
}

// Independently of the literal text: in every node table, each row's value
// column starts where the header's does, counted in characters.
test('node tables align their columns by characters, not bytes', () => {
  for (const {args} of tables.filter((t) => t.args[0] === 'trace')) {
    const rows = run(...args).stdout.split('\n');
    const header = rows.findIndex((l) => l.startsWith('  id'));
    const column = (line, i) => [...line.slice(0, i)].length;
    const valueAt = column(rows[header], rows[header].indexOf('value'));
    for (const row of rows.slice(header + 1, rows.indexOf('', header))) {
      const chars = [...row];
      assert.notEqual(chars[valueAt - 1], undefined, row);
      assert.equal(chars[valueAt - 1], ' ', `${args.join(' ')}: "${row}"`);
      assert.notEqual(chars[valueAt], ' ', `${args.join(' ')}: "${row}"`);
    }
  }
});

// ------------------------------------------------------------ exit statuses
//
// 0 done, 1 a gradient check failed, 2 bad arguments (below), 3 out of
// memory. Status 3 cannot be provoked from outside (every input is far below
// what allocates enough to fail); fuzz/fuzz_cli.c requires that
// backprop_main returns only these four, each with its output contract.

test('exit status 0: every command, and --help in its three spellings', () => {
  for (const args of [
    ['trace', 'relu', '--x', '1'],
    ['trace', '--expr', 'x', '--var', 'x=1', '--json'],
    ['layer', 'sigmoid', '--x', '1,2', '--json'],
    ['check', 'sigmoid', '--x', '0.5'],
    ['--help'], ['-h'], ['help'],
  ]) {
    const r = run(...args);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr, '');
    assert.notEqual(r.stdout, '');
  }
  assert.match(run('--help').stdout, /^Exit status: 0 done, 1 a gradient check failed, 2 bad arguments, 3 out of memory\.$/m);
});

test('exit status 1: a failed gradient check, whichever input fails', () => {
  // At relu's kink the backward pass gives 0 (the mask is x <= 0) and the
  // central difference (h - 0) / 2h = 1/2: a real disagreement. y is fine.
  const r = run('check', '--expr', 'relu(x) + y', '--var', 'x=0', '--var', 'y=1');
  assert.equal(r.status, 1);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^x {8}0\.49999999999\d* +0 +1 +0\.0000060554544523933395  FAIL$/m);
  assert.match(r.stdout, /^y {8}1 +1 +0 +0\.0000060554544523933395  ok$/m);
});

const bad = [
  [['trace', 'sigmoid', '--x', 'abc'], /--x: 'abc': not a number/],
  [['trace', 'sigmoid', '--x', ''], /--x: '': empty/],
  [['trace', 'sigmoid', '--x', '1e999'], /--x: '1e999': too large/],
  [['trace', 'sigmoid', '--x', 'INF'], /not a number/],
  [['trace', 'sigmoid', '--x', '0,5'], /use '\.' for decimals/],
  [['layer', 'relu', '--x', '1,,2'], /--x: item 2 '': empty/],
  [['trace', 'relu', '--x', '1,,2'], /--x: '1,,2': one number expected/],
  [['layer', 'relu', '--x', '1,2', '--dout', '1,2,3'], /--dout has 3 numbers but --x has 2/],
  [['layer', 'tanh', '--x', '1'], /unknown layer 'tanh'/],
  [['trace', 'tanh', '--x', '1'], /unknown graph 'tanh'/],
  [['trace', 'sigmoid'], /needs --x/],
  [['trace', 'sigmoid', '--x'], /--x needs a value/],
  [['trace', 'sigmoid', '--x', '1', '--x', '2'], /--x given twice/],
  [['trace', 'sigmoid', '--x', '1', '--bogus'], /unknown option '--bogus'/],
  [['frobnicate'], /unknown command 'frobnicate'/],
  [[], /missing command/],
  [['trace', '--expr', '(x+y)*z', '--var', 'x=1'], /missing --var for: y, z/],
  [['trace', '--expr', 'x*2', '--var', 'x=1', '--var', 'w=2'], /no variable 'w'/],
  [['trace', '--expr', '1 + * 2'], /column 5: expected a number, a variable or '\('/],
  [['trace', '--expr', 'x', '--var', 'x'], /expected NAME=VALUE/],
  [['check', 'sigmoid', '--x', '1', '--json'], /check has no --json/],
  [['trace', 'relu', 'sigmoid', '--x', '1'], /unexpected argument 'sigmoid'/],
  [['trace', '--expr', 'x', '--var', 'x=1\n2'], /^backprop: --var x: '1\\n2': not a number\n$/], // one line, the new line written \n
  [['layer', 'relu', '--x', '1', '--dout', '1,2'], /^backprop: --dout has 2 numbers but --x has 1\n$/],
  [['layer', 'relu', '--x', '1,2', '--dout', '1'], /^backprop: --dout has 1 number but --x has 2\n$/],
  [['layer', '--x', '1'], /layer needs a name: relu, sigmoid, affine or softmax-loss/],
  [['layer', 'relu'], /layer relu needs --x \(a matrix: values separated by ',', rows by ';'\)/],
  [['layer', 'relu', '--x', '1', '--expand'], /--expand does not apply to layer relu \(it takes --x and --dout\)/],
  [['layer', 'relu', '--x', `1,${'1'.repeat(200)}`], /--x: item 2 is too long to be a number/],
  [['layer', 'sigmoid', '--x', '1', '--dout', 'x'], /--dout: item 1 'x': not a number/],
  [['trace', 'relu', '--x', '1', '--dout', '1,2,3'], /--dout: '1,2,3': one number expected/],
  [['trace', '--expr', 'x', '--var', 'x=1', '--var', 'x=2'], /--var x given twice/],
  [['trace', '--expr', 'x', '--var', `${'x'.repeat(64)}=1`], /--var: name too long/],
  [['trace', '--expr', 'x', '--var', 'x=1,,2'], /--var x: '1,,2': one number expected/],
  [['trace', '--expr', 'x', '--var', '=1'], /--var '=1': expected NAME=VALUE/],
  [['trace', 'relu', '--expr', 'x', '--var', 'x=1'], /give either GRAPH or --expr, not both/],
  [['trace', '--expr', 'x', '--x', '1'], /with --expr, give values as --var NAME=VALUE \(not --x\)/],
  [['trace', 'relu', '--x', '1', '--var', 'x=1'], /--var goes with --expr; for GRAPH use --x/],
  [['trace', 'relu', '--x', '1', '--expand'], /--expand goes with --expr/],
  [['check', '--x', '1'], /check needs GRAPH \(relu, sigmoid, sigmoid-steps\) or --expr/],
  [['check', 'relu'], /check relu needs --x/],
  [['check', 'sigmoid-steps', '--x', '1', '--dout', ''], /--dout: '': empty: expected a number/],

  // Layers over matrices. Each message is the whole line.
  // Shapes, naming both sides:
  [['layer', 'affine', '--x', '1,2;3,4', '--w', '1,2;3,4;5,6'], /^backprop: --w is 3×2: it needs 2 rows, one per column of --x\n$/],
  [['layer', 'affine', '--x', '1,2,3', '--w', '1,2;3,4'], /^backprop: --w is 2×2: it needs 3 rows, one per value of --x\n$/],
  [['layer', 'affine', '--x', '1,2', '--w', '1,2,3'], /^backprop: --w is \(3,\): it needs 2 rows, one per value of --x\n$/],
  [['layer', 'affine', '--x', '1,2', '--w', '1,2'], /^backprop: --w is \(2,\): it needs 2 rows, one per value of --x\n$/],
  [['layer', 'affine', '--x', '1,2;3,4', '--w', '1,0,-1;2,1,0', '--b', '1,2'],
    /^backprop: --b has 2 values but --w has 3 columns\n$/],
  [['layer', 'affine', '--x', '1,2;3,4', '--w', '1,0,-1;2,1,0', '--b', '1,2,3;4,5,6'],
    /^backprop: --b is 2×3 but must be one row of 3 values, one per column of --w\n$/],
  [['layer', 'affine', '--x', '1,2;3,4', '--w', '1,0,-1;2,1,0', '--dout', '1,2;3,4'],
    /^backprop: --dout is 2×2 but out \(x·w \+ b\) is 2×3\n$/],
  [['layer', 'affine', '--x', '1,2', '--w', '1,0,-1;2,1,0', '--dout', '1,2'],
    /^backprop: --dout has 2 numbers but out \(x·w \+ b\) has 3\n$/],
  [['layer', 'relu', '--x', '1,2;3,4', '--dout', '1,2,3;4,5,6'], /^backprop: --dout is 2×3 but --x is 2×2\n$/],
  [['layer', 'sigmoid', '--x', '1,2;3,4', '--dout', '1,2,3,4'], /^backprop: --dout is \(4,\) but --x is 2×2\n$/],
  [['layer', 'softmax-loss', '--x', '1,2,3;4,5,6', '--t', '0,1;1,0'], /^backprop: --t is 2×2 but --x is 2×3\n$/],
  // Ragged rows and empty matrices or rows:
  [['layer', 'relu', '--x', '1,2;3'], /^backprop: --x: row 2 has 1 value but row 1 has 2\n$/],
  [['layer', 'relu', '--x', '1,2;3,4;5,6,7'], /^backprop: --x: row 3 has 3 values but row 1 has 2\n$/],
  [['layer', 'relu', '--x', ''], /^backprop: --x is empty\n$/],
  [['layer', 'relu', '--x', ' \t '], /^backprop: --x is empty\n$/],
  [['layer', 'relu', '--x', '1,2;;3,4'], /^backprop: --x: row 2 is empty\n$/],
  [['layer', 'relu', '--x', '1,2;'], /^backprop: --x: row 2 is empty\n$/],
  [['layer', 'affine', '--x', '1', '--w', ';1'], /^backprop: --w: row 1 is empty\n$/],
  [['layer', 'relu', '--x', '1,;2,3'], /^backprop: --x: row 1, column 2 '': empty: expected a number\n$/],
  // Bad numbers, by row and column (by item in a vector):
  [['layer', 'relu', '--x', '1,2;abc,3'], /^backprop: --x: row 2, column 1 'abc': not a number\n$/],
  [['layer', 'relu', '--x', '1,2;3, 0.5x '], /^backprop: --x: row 2, column 2 '0.5x': not a number\n$/],
  [['layer', 'relu', '--x', '1;1e999'], /^backprop: --x: row 2, column 1 '1e999': too large/],
  [['layer', 'affine', '--x', '1', '--w', '1', '--b', 'x'], /^backprop: --b: item 1 'x': not a number\n$/],
  [['layer', 'relu', '--x', `1;${'1'.repeat(200)}`], /^backprop: --x: row 2, column 1 is too long to be a number\n$/],
  // Labels: out of range, not whole, not one-hot, too few; both or neither:
  [['layer', 'softmax-loss', '--x', '1,2,3', '--t-index', '3'],
    /^backprop: --t-index: row 1's class is 3, but --x has 3 columns \(classes 0 to 2\)\n$/],
  [['layer', 'softmax-loss', '--x', '1,2,3;4,5,6', '--t-index', '0,-1'],
    /^backprop: --t-index: row 2's class is -1, but --x has 3 columns \(classes 0 to 2\)\n$/],
  [['layer', 'softmax-loss', '--x', '1,2', '--t-index', '0.5'], /^backprop: --t-index: row 1's class is 0.5, but/],
  [['layer', 'softmax-loss', '--x', '1,2', '--t-index', 'nan'], /^backprop: --t-index: row 1's class is NaN, but/],
  [['layer', 'softmax-loss', '--x', '1,2,3;4,5,6', '--t-index', '1'],
    /^backprop: --t-index has 1 class index but --x has 2 rows\n$/],
  [['layer', 'softmax-loss', '--x', '1,2,3;4,5,6', '--t-index', '1;2'],
    /^backprop: --t-index is 2×1 but must be one row of class indices, one per row of --x\n$/],
  [['layer', 'softmax-loss', '--x', '1,2,3', '--t', '0,1,1'],
    /^backprop: --t is not one-hot: it needs one 1 and every other value 0\n$/],
  [['layer', 'softmax-loss', '--x', '1,2,3;4,5,6', '--t', '0,1,0;0.5,0.5,0'],
    /^backprop: --t: row 2 is not one-hot: it needs one 1 and every other value 0\n$/],
  [['layer', 'softmax-loss', '--x', '1,2,3;4,5,6', '--t', '0,0,0;0,1,0'], /^backprop: --t: row 1 is not one-hot/],
  [['layer', 'softmax-loss', '--x', '1,2,3', '--t', '0,0,1', '--t-index', '2'],
    /^backprop: give --t or --t-index, not both\n$/],
  [['layer', 'softmax-loss', '--x', '1,2,3'],
    /^backprop: layer softmax-loss needs labels: --t \(one-hot rows\) or --t-index \(class indices\)\n$/],
  // Options that do not apply, and what is missing:
  [['layer', 'softmax-loss', '--x', '1,2,3', '--t', '0,0,1', '--dout', '1'],
    /^backprop: softmax-loss takes no --dout: it is the end of the graph \(dL\/dloss = 1\)\n$/],
  [['layer', 'relu', '--x', '1', '--w', '1'], /^backprop: --w does not apply to layer relu \(it takes --x and --dout\)\n$/],
  [['layer', 'sigmoid', '--x', '1', '--t-index', '0'], /^backprop: --t-index does not apply to layer sigmoid/],
  [['layer', 'affine', '--x', '1', '--w', '1', '--t', '1'],
    /^backprop: --t does not apply to layer affine \(it takes --x, --w, --b and --dout\)\n$/],
  [['layer', 'softmax-loss', '--x', '1', '--t', '1', '--b', '1'],
    /^backprop: --b does not apply to layer softmax-loss \(it takes --x and --t or --t-index\)\n$/],
  [['layer', 'affine', '--x', '1', '--w', '1', '--expr', 'x'], /^backprop: --expr does not apply to layer affine/],
  [['layer', 'affine', '--x', '1'], /^backprop: layer affine needs --w \(a matrix with one row per column of --x\)\n$/],
  [['trace', 'relu', '--x', '1', '--w', '1'],
    /^backprop: --w goes with a layer \(backprop layer affine\|softmax-loss \.\.\.\), not a graph\n$/],
  [['check', 'relu', '--x', '1', '--t-index', '1'], /^backprop: --t-index goes with a layer \(backprop check layer /],
  [['layer', 'affine', '--x', '1', '--w', '1', '--w', '2'], /^backprop: --w given twice\n$/],
  [['check', 'layer'], /^backprop: check layer needs a name: relu, sigmoid, affine or softmax-loss\n$/],
  [['check', 'layer', 'tanh', '--x', '1'], /^backprop: unknown layer 'tanh' \(expected relu, sigmoid, affine or softmax-loss\)\n$/],
  [['check', 'layer', 'relu', 'sigmoid', '--x', '1'], /^backprop: unexpected argument 'sigmoid'\n$/],
  [['check', 'layer', 'relu', '--x', '1', '--json'],
    /^backprop: check has no --json; use layer --json, whose "check" field holds the same\n$/],
  // Over 10^6 values: in one argument, or in the product's shape:
  [['layer', 'relu', '--x', `@${file('over.csv', '1,'.repeat(1000000) + '1\n')}`],
    /^backprop: --x @\S+over\.csv has over 1000000 values \(the limit\)\n$/],
  [['layer', 'affine', '--x', `@${file('column.csv', '1\n'.repeat(1001))}`, '--w', Array(1000).fill(1).join(',')],
    /^backprop: out \(x·w \+ b\) would be 1001×1000, over 1000000 values \(the limit\)\n$/],
  // Files: missing, a directory, not text, and what is inside them:
  [['layer', 'relu', '--x', `@${join(dir, 'missing.csv')}`],
    /^backprop: --x: cannot open \S+missing\.csv: No such file or directory\n$/],
  [['layer', 'relu', '--x', `@${dir}`], /^backprop: --x @\S+: cannot read \S+: Is a directory\n$/],
  [['layer', 'relu', '--x', '@'], /^backprop: --x: @ needs a file name \(@FILE\)\n$/],
  [['layer', 'relu', '--x', `@${file('nul.txt', '1,2\0,3')}`], /^backprop: --x @\S+nul\.txt: byte 4 is NUL: not a text file\n$/],
  [['layer', 'relu', '--x', `@${file('empty.csv', '\r\n\n')}`], /^backprop: --x @\S+empty\.csv is empty\n$/],
  [['layer', 'relu', '--x', `@${file('ragged.csv', '1,2\r\n3\r\n')}`],
    /^backprop: --x @\S+ragged\.csv: row 2 has 1 value but row 1 has 2\n$/],
  [['layer', 'relu', '--x', `@${file('blank.csv', '1,2\n\n3,4\n')}`], /^backprop: --x @\S+blank\.csv: row 2 is empty\n$/],
  [['layer', 'relu', '--x', `@${file('bad.csv', '1,2\r\n3,x\r\n')}`],
    /^backprop: --x @\S+bad\.csv: row 2, column 2 'x': not a number\n$/],
  [['layer', 'relu', '--x', '-'], /^backprop: --x \(standard input\) is empty\n$/],
];
for (const [args, message] of bad) {
  test(`bad arguments: backprop ${args.join(' ')}`, () => {
    const r = run(...args);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^backprop: .+\n$/);
    assert.match(r.stderr, message);
  });
}

test('a message echoes a long argument whole, on one line', () => {
  const r = run('trace', '--expr', 'x', '--var', `x=${'9'.repeat(2000)}a`);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `backprop: --var x: '${'9'.repeat(2000)}a': too long to be a number\n`);
});

test('--help', () => {
  const r = run('--help');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^usage: backprop trace GRAPH/);
  // After a command too, wherever it stands; but not as an expression's text.
  for (const args of [['trace', '--help'], ['layer', 'affine', '-h'], ['net', 'train', '--help'], ['check', 'relu', '--x', '1', '--help']]) {
    const r = run(...args);
    assert.equal(r.status, 0, args.join(' '));
    assert.equal(r.stdout, run('--help').stdout, args.join(' '));
  }
  assert.equal(run('trace', '--expr', '--help').status, 2);
});

test('an expression with a variable f calls its output F; with f and F, out', () => {
  // f * y at f = 2, y = 3: F = 6, dL/df = y = 3, dL/dy = f = 2.
  assert.deepEqual(run('trace', '--expr', 'f*y', '--var', 'f=2', '--var', 'y=3').stdout.trim().split('\n').slice(-3),
    ['F = 6   dL/dF = 1', 'dL/df = 3', 'dL/dy = 2']);
  assert.deepEqual(run('trace', '--expr', 'f+F', '--var', 'f=2', '--var', 'F=3').stdout.trim().split('\n').slice(-3),
    ['out = 5   dL/dout = 1', 'dL/df = 1', 'dL/dF = 1']);
});

test('70 variables: as many --var as the expression has variables (1000, as nodes, at most)', () => {
  const many = run('trace', '--expr', 'x', ...Array.from({length: 1001}, (_, i) => ['--var', `v${i}=1`]).flat());
  assert.equal(many.status, 2);
  assert.equal(many.stderr, 'backprop: too many --var (at most 1000)\n');
  // v0 + 2 v1 + ... : dL/dv_i = i + 1.
  const expr = Array.from({length: 70}, (_, i) => `${i + 1}*v${i}`).join('+');
  const r = run('trace', '--expr', expr, ...Array.from({length: 70}, (_, i) => ['--var', `v${i}=1`]).flat(), '--json');
  assert.equal(r.status, 0, r.stderr);
  const trace = JSON.parse(r.stdout);
  assert.equal(trace.output, (70 * 71) / 2);
  for (let i = 0; i < 70; i++) assert.equal(trace.grads[`v${i}`], i + 1);
});

test('check prints a NaN relative error as NaN, as it prints every number', () => {
  // 0 · ∞: x * y at x = 0, y = inf; backprop's dL/dx is y = ∞ and the difference quotient NaN.
  const r = run('check', '--expr', 'x*y', '--var', 'x=0', '--var', 'y=inf');
  assert.match(r.stdout, /^x +\S+ +Infinity +NaN +\S+ +FAIL$/m);
  assert.doesNotMatch(r.stdout, /\bnan\b/);
});

test('numbers print as JavaScript prints them (shortest round trip)', () => {
  // A deterministic spread of doubles: random bit patterns and decimal scales.
  let state = 0x2545f4914f6cdd1dn;
  const next = () => {
    state ^= (state << 13n) & 0xffffffffffffffffn;
    state ^= state >> 7n;
    state ^= (state << 17n) & 0xffffffffffffffffn;
    return state;
  };
  const xs = [];
  while (xs.length < 400) {
    const v = new Float64Array(new BigUint64Array([next() & 0x7fffffffffffffffn]).buffer)[0];
    if (Number.isFinite(v)) xs.push(v);
    xs.push(Number(next() % 1000000n) / 7 * 10 ** (Number(next() % 40n) - 20));
  }
  const r = run('layer', 'relu', '--x', xs.map(String).join(','), '--json');
  const printed = r.stdout.match(/"out":\[([^\]]*)\]/)[1].split(',');
  assert.deepEqual(printed, xs.map(String));
});

// ------------------------------------------------------------ layers over matrices
//
// Numbers against hand-derived values written out and JavaScript's own
// Math.exp; tests/reference.py compares the same layers with the book's
// numpy classes over random shapes.

const keys = (o) => Object.keys(o);
const ones = (rows, cols) => Array.from({length: rows}, () => Array(cols).fill(1));

test('done when: softmax-loss of the book\'s x = (0.3, 2.9, 4.0), t = (0, 0, 1)', () => {
  const r = json('layer', 'softmax-loss', '--x', '0.3,2.9,4.0', '--t', '0,0,1', '--json');
  assert.deepEqual(keys(r), ['layer', 'x', 't', 'y', 'loss', 'dx', 'check']);
  assert.equal(r.layer, 'softmax-loss');
  assert.deepEqual(r.x, [0.3, 2.9, 4]);
  assert.deepEqual(r.t, [0, 0, 1]);
  // The post's seven digits, each within half a unit of the last.
  const post = {y: [0.0182113, 0.2451918, 0.7365969], loss: 0.3057145, dx: [0.0182113, 0.2451918, -0.2634031]};
  post.y.forEach((v, j) => assert.ok(Math.abs(r.y[j] - v) <= 5e-8, `y[${j}] = ${r.y[j]}`));
  assert.ok(Math.abs(r.loss - post.loss) <= 5e-8, `loss = ${r.loss}`);
  post.dx.forEach((v, j) => assert.ok(Math.abs(r.dx[j] - v) <= 5e-8, `dx[${j}] = ${r.dx[j]}`));
  // And from Math.exp: y = e^x / sum, loss = log(sum) - 4 (a difference of
  // numbers near 4.3: its error counts in their ulps), dx = y - t exactly
  // (N = 1, one subtraction).
  const e = [0.3, 2.9, 4].map(Math.exp), sum = e[0] + e[1] + e[2];
  e.forEach((v, j) => near(r.y[j], v / sum, 4e-16));
  assert.ok(Math.abs(r.loss - (Math.log(sum) - 4)) <= 8 * 4.3 * 2 ** -52);
  assert.deepEqual(r.dx, [r.y[0], r.y[1], r.y[2] - 1]);
  // The check: one record per entry, its analytic the dx printed.
  assert.equal(r.check.x.length, 3);
  r.check.x.forEach((c, j) => {
    assert.deepEqual(keys(c), ['numeric', 'analytic', 'rel_error', 'step']);
    assert.equal(c.analytic, r.dx[j]);
    assert.ok(c.rel_error < 1e-9, `rel_error ${c.rel_error}`);
    assert.equal(c.step, 6.0554544523933395e-6 * Math.max(1, Math.abs(r.x[j])));
  });
  // The label as a class index: the same numbers, t as given.
  const byIndex = json('layer', 'softmax-loss', '--x', '0.3,2.9,4.0', '--t-index', '2', '--json');
  assert.deepEqual(byIndex, {...r, t: [2]});
});

test('done when: relu over the book\'s matrix gives its mask', () => {
  const r = json('layer', 'relu', '--x', '1,-0.5;-2,3', '--json');
  assert.deepEqual(keys(r), ['layer', 'x', 'out', 'mask', 'dout', 'dx', 'check']);
  assert.deepEqual(r.x, [[1, -0.5], [-2, 3]]);
  assert.deepEqual(r.mask, [[false, true], [true, false]]);
  assert.deepEqual(r.out, [[1, 0], [0, 3]]);
  assert.deepEqual(r.dout, ones(2, 2)); // the default: ones in out's shape
  assert.deepEqual(r.dx, [[1, 0], [0, 1]]);
  // Away from the kink both sides of the difference are exact: numeric is
  // dout·(2h/2h) or 0, as dx. The check is shaped like x.
  assert.deepEqual(r.check.x.map((row) => row.map((c) => [c.numeric, c.analytic, c.rel_error])),
    [[[1, 1, 0], [0, 0, 0]], [[0, 0, 0], [1, 1, 0]]]);
  // The mask is x <= 0: at 0 and -0 it is set and the gradient is 0.
  const z = json('layer', 'relu', '--x', '0,-0;1e-300,-1e-300', '--dout', '2,2;2,2', '--json');
  assert.deepEqual(z.mask, [[true, true], [false, true]]);
  assert.deepEqual(z.dx, [[0, 0], [2, 0]]);
});

test('the fields that apply, in one order, for every layer', () => {
  const order = ['layer', 'x', 'w', 'b', 't', 'out', 'mask', 'y', 'loss', 'dout', 'dx', 'dw', 'db', 'check'];
  const cases = {
    relu: [['--x', '1,2;3,4'], ['x', 'out', 'mask', 'dout', 'dx']],
    sigmoid: [['--x', '1,2;3,4'], ['x', 'out', 'dout', 'dx']],
    affine: [['--x', '1,2;3,4', '--w', '1;2'], ['x', 'w', 'b', 'out', 'dout', 'dx', 'dw', 'db']],
    'softmax-loss': [['--x', '1,2;3,4', '--t-index', '0,1'], ['x', 't', 'y', 'loss', 'dx']],
  };
  for (const [layer, [args, fields]] of Object.entries(cases)) {
    const got = keys(json('layer', layer, ...args, '--json'));
    assert.deepEqual(got, ['layer', ...fields, 'check'], layer);
    assert.deepEqual(got, order.filter((k) => got.includes(k)), `${layer}: out of order`);
  }
});

test('sigmoid over a batch, against Math.exp', () => {
  const x = [[-3, -0.5, 0], [0.5, 3, 800]];
  const r = json('layer', 'sigmoid', '--x', x.map((row) => row.join(',')).join(';'), '--dout', '1,2,3;-1,-2,-3', '--json');
  x.flat().forEach((v, i) => {
    const [row, col] = [Math.floor(i / 3), i % 3];
    near(r.out[row][col], sigmoid(v), 1e-15);
    near(r.dx[row][col], [[1, 2, 3], [-1, -2, -3]][row][col] * sigmoid(v) * (1 - sigmoid(v)), 1e-14);
    if (v !== 800) assert.ok(r.check.x[row][col].rel_error < 1e-9);
  });
});

test('affine: a batch by hand, the book\'s single sample flat, b by default zeros', () => {
  // out = x·w + b, dx = dout·wᵀ, dw = xᵀ·dout, db = the column sums of dout.
  const r = json('layer', 'affine', '--x', '1,2;3,4', '--w', '1,0,-1;2,1,0', '--b', '0.5,-1,2',
    '--dout', '1,0,-1;2,1,0.5', '--json');
  assert.deepEqual(r.out, [[5.5, 1, 1], [11.5, 3, -1]]);
  assert.deepEqual(r.dx, [[2, 2], [1.5, 5]]);
  assert.deepEqual(r.dw, [[7, 3, 0.5], [10, 4, 0]]);
  assert.deepEqual(r.db, [3, 1, -0.5]);
  assert.deepEqual([r.check.x.length, r.check.x[0].length, r.check.w.length, r.check.w[0].length, r.check.b.length],
    [2, 2, 2, 3, 3]);
  for (const c of [...r.check.x.flat(), ...r.check.w.flat(), ...r.check.b]) assert.ok(c.rel_error < 1e-10);
  // X (2,) is N = 1: out, dout and dx are flat like it, dw has w's rows.
  const one = json('layer', 'affine', '--x', '0.5,-1', '--w', '1,0,-1;2,1,0', '--b', '0.5,-1,2', '--json');
  assert.deepEqual(one.out, [-1, -2, 1.5]);
  assert.deepEqual(one.dout, [1, 1, 1]);
  assert.deepEqual(one.dx, [1 + 0 - 1, 2 + 1 + 0]);
  assert.deepEqual(one.dw, [[0.5, 0.5, 0.5], [-1, -1, -1]]);
  assert.equal(one.check.x.length, 2);
  assert.equal(typeof one.check.x[0].numeric, 'number');
  // No --b: zeros, shown and checked.
  const nob = json('layer', 'affine', '--x', '1,2;3,4', '--w', '1,0,-1;2,1,0', '--json');
  assert.deepEqual(nob.b, [0, 0, 0]);
  assert.deepEqual(nob.out, [[5, 2, -1], [11, 4, -3]]);
  assert.deepEqual(nob.db, [2, 2, 2]);
  assert.equal(nob.check.b.length, 3);
});

test('softmax-loss over a batch: the mean loss, dx = (y - t) / N', () => {
  const r = json('layer', 'softmax-loss', '--x', '0.3,2.9,4;1,2,3', '--t', '0,0,1;1,0,0', '--json');
  const t = [[0, 0, 1], [1, 0, 0]];
  const loss = [[0.3, 2.9, 4], [1, 2, 3]].map((row, i) => {
    const sum = row.reduce((s, v) => s + Math.exp(v), 0);
    row.forEach((v, j) => near(r.y[i][j], Math.exp(v) / sum, 4e-16));
    return Math.log(sum) - row[t[i].indexOf(1)];
  });
  near(r.loss, (loss[0] + loss[1]) / 2, 1e-15);
  r.dx.forEach((row, i) => row.forEach((v, j) => assert.equal(v, (r.y[i][j] - t[i][j]) / 2)));
  // A class far below the others: its y underflows to 0, the loss stays
  // finite and true (log-sum-exp, not the book's log(y + 1e-7)).
  const far = json('layer', 'softmax-loss', '--x', '0,-800', '--t-index', '1', '--json');
  assert.deepEqual(far.y, [1, 0]);
  assert.equal(far.loss, 800);
});

test('the check field and check layer\'s table hold the same records', () => {
  const args = ['affine', '--x', '0.1,-2;3,0.7', '--w', '1.5,-1;0.25,2', '--b', '0.3,-0.2', '--dout', '1,-1;0.5,2'];
  const r = json('layer', ...args, '--json');
  const t = run('check', 'layer', ...args);
  assert.equal(t.status, 0, t.stdout);
  const rows = t.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/));
  const records = [['x', r.check.x], ['w', r.check.w], ['b', r.check.b]].flatMap(([name, m]) =>
    name === 'b' ? m.map((c, k) => [`b[${k}]`, c]) : m.flatMap((row, i) => row.map((c, j) => [`${name}[${i}][${j}]`, c])));
  assert.equal(rows.length, records.length);
  records.forEach(([name, c], i) => {
    assert.deepEqual(rows[i].slice(0, 3), [name, String(c.numeric), String(c.analytic)]);
    assert.equal(rows[i][4], String(c.step));
    assert.equal(rows[i][5], 'ok');
  });
});

test('check layer relu and sigmoid give the graphs\' checks, entry by entry', () => {
  const xs = [0.75, -2, 3.5, 40];
  for (const layer of ['relu', 'sigmoid']) {
    const r = json('layer', layer, '--x', xs.join(','), '--dout', '-1.5,-1.5,-1.5,-1.5', '--json');
    xs.forEach((x, i) => {
      const g = json('trace', layer, '--x', String(x), '--dout', '-1.5', '--json').check.x;
      assert.equal(r.check.x[i].numeric, g.numeric, `${layer} at ${x}`);
      assert.equal(r.check.x[i].step, g.step);
    });
  }
});

test('@FILE: CSV rows (CRLF, a trailing new line) or the ; syntax; - reads standard input', () => {
  const inline = run('layer', 'relu', '--x', '1,-0.5;-2,3', '--dout', '5,6;7,8', '--json').stdout;
  for (const x of [
    `@${file('book.csv', '1,-0.5\r\n-2,3\r\n')}`,
    `@${file('book.txt', ' 1 , -0.5 ;-2,3\n\n')}`,
    `@${file('book-no-newline.csv', '1,-0.5\n-2,3')}`,
  ]) {
    assert.equal(run('layer', 'relu', '--x', x, '--dout', '5,6;7,8', '--json').stdout, inline, x);
  }
  assert.equal(runWith('1,-0.5\n-2,3\n', 'layer', 'relu', '--x', '-', '--dout', '5,6;7,8', '--json').stdout, inline);
  assert.equal(runWith('5,6\r\n7,8\r\n', 'layer', 'relu', '--x', '1,-0.5;-2,3', '--dout', '-', '--json').stdout, inline);
  // One row in a file is a vector, as on the command line.
  const flat = json('layer', 'relu', '--x', `@${file('row.csv', '1,-2,0,3\n')}`, '--json');
  assert.deepEqual(flat.out, [1, 0, 0, 3]);
  // Every option takes a file: affine with w from one and b from stdin.
  const a = jsonWith('0.5,-1,2\n', 'layer', 'affine', '--x', '1,2;3,4', '--w', `@${file('w.csv', '1,0,-1\n2,1,0\n')}`,
    '--b', '-', '--json');
  assert.deepEqual(a.out, [[5.5, 1, 1], [11.5, 3, -1]]);
});

test('only one option may read standard input', () => {
  const r = runWith('1,2\n', 'layer', 'relu', '--x', '-', '--dout', '-');
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'backprop: --dout -: only one argument may be - (standard input)\n');
});

test('10^6 values through @FILE and through standard input', () => {
  // 1000 rows of 1000 values from -9 to 9 but never 0 (ReLU's kink); the
  // expected output is built here from x alone.
  const x = Array.from({length: 1000}, (_, i) => Array.from({length: 1000}, (_, j) => ((i * 7 + j * 13) % 18) - 9 || 5));
  const csv = x.map((row) => row.join(',')).join('\r\n') + '\r\n';
  const relu = x.map((row) => row.map((v) => (v > 0 ? v : 0)));
  // From a file, as the table: each block's columns right-aligned.
  const r = run('layer', 'relu', '--x', `@${file('million.csv', csv)}`);
  assert.equal(r.status, 0, r.stderr);
  const block = (title, m) => {
    const width = m[0].map((_, j) => Math.max(...m.map((row) => String(row[j]).length)));
    return [title, ...m.map((row) => row.map((v, j) => String(v).padStart(width[j])).join('  '))].join('\n') + '\n';
  };
  const want = [block('x (1000×1000)', x), block('out (1000×1000)', relu),
    block('mask (1000×1000)', x.map((row) => row.map((v) => v <= 0))),
    block('dout (1000×1000)', ones(1000, 1000)), block('dx (1000×1000)', x.map((row) => row.map((v) => (v > 0 ? 1 : 0))))];
  assert.ok(r.stdout === want.join('\n'), 'the table of 10^6 values differs from the one built here');
  // From standard input, in the ; syntax on one line, as JSON.
  const j = jsonWith(x.map((row) => row.join(',')).join(';'), 'layer', 'relu', '--x', '-', '--json');
  assert.equal(j.out.length, 1000);
  assert.ok(j.out.every((row, i) => row.length === 1000 && row.every((v, k) => v === relu[i][k])));
  assert.ok(j.check.x.every((row) => row.every((c) => c.rel_error === 0)));
});

// Each block of a matrix table: a title "name (shape)", then rows whose
// columns end at the same character in every row (right-aligned), two spaces
// apart at the least.
test('matrix tables: titled blocks, columns right-aligned', () => {
  for (const args of [
    ['layer', 'sigmoid', '--x', '-800,0.5,2;1e-7,-3,inf;1,nan,-0.25'],
    ['layer', 'affine', '--x', '1.25,-2;300,4e-5', '--w', '1,0.5,-1;2,1,100'],
    ['layer', 'softmax-loss', '--x', '1,2,3;0.1,-20,5', '--t', '0,1,0;1,0,0'],
  ]) {
    const r = run(...args);
    assert.equal(r.status, 0, r.stderr);
    for (const text of r.stdout.trim().split('\n\n')) {
      const [title, ...rows] = text.split('\n').filter((l) => !l.startsWith('loss = '));
      assert.match(title, /^\w+ (\(\d+×\d+\)|\(\d+,\))(, class indices)?$/);
      const ends = (row) => [...row.matchAll(/\S+/g)].map((m) => m.index + m[0].length);
      const first = ends(rows[0]);
      for (const row of rows) {
        assert.deepEqual(ends(row), first, `${args[1]}: "${row}" in\n${text}`);
        assert.doesNotMatch(row, /\S \S/);
      }
    }
  }
});
