// The backprop CLI's contract: numbers against independent math (JavaScript's
// own Math.exp), exit codes, and one clear line on stderr for bad arguments.
//   BACKPROP_CLI=build/native/bin/backprop node --test tests/cli.test.mjs
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';

const CLI = process.env.BACKPROP_CLI || new URL('../build/native/bin/backprop', import.meta.url).pathname;

function run(...args) {
  const r = spawnSync(CLI, args, {encoding: 'utf8'});
  return {status: r.status, stdout: r.stdout, stderr: r.stderr};
}
const special = {NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity};
function json(...args) {
  const r = run(...args);
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
      'x        0                        NaN                      nan          0.004844363561914672  FAIL',
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
  [['trace', '--expr', 'x', ...Array(65).fill(0).flatMap((_, i) => ['--var', `v${i}=1`])], /too many --var \(at most 64\)/],
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

test('--help', () => {
  const r = run('--help');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^usage: backprop trace GRAPH/);
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
