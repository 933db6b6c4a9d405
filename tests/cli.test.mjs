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
