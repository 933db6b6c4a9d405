// Parity: the WebAssembly build and the native CLI give the same trace. Every
// number is compared after reading the CLI's JSON (where NaN and the
// infinities are strings): bit for bit (Object.is) wherever the core computes
// with IEEE operations and its own exp, and within LIBM_ULPS where a value
// passes through the C library's log, pow, tanh, sin or cos (glibc natively,
// musl in WebAssembly: each within an ulp of the true value, not always the
// same ulp).
// Labels are C's on both sides (bp_graph_label); a number's label is also
// held to JavaScript's own printing of the number, an independent formatter.
//
//   node tests/parity.mjs build/wasm/backprop-core.wasm build/native/bin/backprop
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {instantiateCore, layer, matrixLayer} from '../web/src/core/core.js';
import {diff, traceDifferences} from './trace-diff.mjs';
import {LIBM_ULPS} from './ulps.mjs';

const [modulePath, cli] = process.argv.slice(2);
if (!modulePath || !cli) {
  console.error('usage: parity.mjs MODULE.wasm NATIVE_CLI');
  process.exit(2);
}
const core = await instantiateCore(readFileSync(modulePath));

const special = {NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity};
function revive(key, value) {
  return typeof value === 'string' && value in special && key !== 'label' ? special[value] : value;
}

// Numbers as the CLI reads them: inf, -inf and nan are spelled out.
const num = (text) => ({inf: Infinity, '-inf': -Infinity, nan: NaN})[text] ?? Number(text);

const xs = ['0', '-0', '0.5', '-0.5', '1', '-1', '2', '-3.75', '1e-300', '5e-324', '20', '-20', '36.7', '-36.7',
  '709.78', '-709.79', '710', '-745.2', '800', '-800', '1e308', 'inf', '-inf', 'nan'];
const douts = ['1', '-2.5', '0', '1e-3', '1e300', 'inf', 'nan'];
let passed = 0, failed = 0;
// Compare the CLI's trace for args with the WASM core's for request: with
// `differences`, a function returning the differences it finds (by default
// the first difference, bit for bit).
function compare(label, args, request, differences = (a, b) => [diff(a, b, label)].filter(Boolean)) {
  const found = differences(JSON.parse(execFileSync(cli, args, {encoding: 'utf8'}), revive), core.trace(request));
  if (found.length) { failed++; console.error(`FAIL ${label}: ${found.join('; ')}`); } else passed++;
}
for (const graph of ['relu', 'sigmoid', 'sigmoid-steps'])
  for (const x of xs)
    for (const dout of douts)
      compare(`${graph} x=${x} dout=${dout}`, ['trace', graph, '--x', x, '--dout', dout, '--json'],
        {graph, inputs: {x: num(x)}, dout: num(dout)});

// Expressions, each at 50 points: its first, hand-picked; then edge values
// (each variable its own, staggered through EDGES); then seeded random values
// of every magnitude. dL/dy cycles through DOUTS.
const EDGES = [0, -0, 1, -1, 0.5, -0.5, 2, -3.75, 1e-300, -1e-300, 5e-324, -5e-324, 2.2250738585072014e-308,
  1e308, -1e308, Number.MAX_VALUE, 20, -20, 36.7, 709.78, -709.79, 710, -745.2, 800, -800, Infinity, -Infinity, NaN];
const DOUTS = [1.5, -2.5, 1, 0, -0, 1e-3, 1e300, Infinity, NaN];
const POINTS = 50;

// mulberry32: a small seeded generator, so that every run sees the same points.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomValue(rand) {
  const r = rand(), sign = rand() < 0.5 ? -1 : 1;
  if (r < 0.6) return (rand() * 2 - 1) * 10;
  if (r < 0.9) return sign * 10 ** (rand() * 16 - 8);
  return sign * 10 ** (rand() * 600 - 300);
}

function points(first, seed) {
  const names = Object.keys(first), rand = generator(seed), all = [first];
  for (let i = 0; all.length < POINTS; i++)
    all.push(Object.fromEntries(names.map((name, j) =>
      [name, i < EDGES.length ? EDGES[(i + 5 * j) % EDGES.length] : randomValue(rand)])));
  return all;
}

// A double as the CLI reads it, exactly: String() is the shortest round trip.
const cliText = (v) => (Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf'
  : Object.is(v, -0) ? '-0' : String(v));

function compareExpr(expr, vars, dout, expand, differences) {
  const args = ['trace', '--expr', expr, '--dout', cliText(dout), '--json', ...(expand ? ['--expand'] : [])];
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}=${cliText(v)}`);
  const label = `${expr}${expand ? ' expanded' : ''} at ${args.filter((_, i) => args[i - 1] === '--var').join(' ')} dout=${cliText(dout)}`;
  compare(label, args, {expr, expand, inputs: vars, dout}, differences);
}

// Every op computed by the core's own code or by IEEE-exact operations
// (+ - * /, sqrt, exp, sigmoid): bit for bit; with sigmoid, both fused and
// expanded (--expand changes nothing else).
const exact = [
  ['(x+y)*z', {x: -2, y: 5, z: -4}],
  ['x*x + x', {x: 3}],
  ['x*x*x - 2*x/y', {x: -1.25, y: 0.3}],
  ['sigmoid(w0*x0 + w1*x1 + w2)', {w0: 2, x0: -1, w1: -3, x1: -2, w2: -3}],
  ['apple*count*tax', {apple: 100, count: 2, tax: 1.1}],
  ['sqrt(x*x + y*y) + relu(x - y) + abs(-x)', {x: 3, y: -4}],
  ['1/x + exp(-x)', {x: 0}],
  ['exp(x) / (1 + exp(x))', {x: 800}],
  ['sigmoid(x) * sigmoid(-x)', {x: -800}],
];
for (const [e, [expr, first]] of exact.entries())
  for (const [i, vars] of points(first, 1000 + e).entries())
    for (const expand of expr.includes('sigmoid') ? [false, true] : [false])
      compareExpr(expr, vars, DOUTS[i % DOUTS.length], expand);

// Through the C library: node by node (tests/trace-diff.mjs says how).
const throughLibrary = {compared: 0, passedOn: 0, differing: 0, worst: 0};
const libm = [
  ['sin(x)', {x: 0.37}],
  ['cos(x)', {x: 0.37}],
  ['tanh(x)', {x: 0.37}],
  ['log(x)', {x: 0.37}],
  ['x^y', {x: 0.37, y: 1.65}],
  ['log(x) * sin(y) + tanh(x*y)', {x: 0.37, y: 1.65}],
  ['x*y + sin(x) / (1 + y*y)', {x: 1.5, y: -0.25}],
];
for (const [e, [expr, first]] of libm.entries())
  for (const [i, vars] of points(first, 2000 + e).entries())
    compareExpr(expr, vars, DOUTS[i % DOUTS.length], false, (c, w) => traceDifferences(c, w, throughLibrary));
console.log(`C library: ${throughLibrary.compared} numbers compared (${throughLibrary.differing} differ, by at most ` +
  `${throughLibrary.worst} ulp(s)); ${throughLibrary.passedOn} computed from operands that already differ`);

// Labels with numbers: a constant's label is the number as JavaScript prints
// it (real minus sign), natively and in WASM, for numbers whose shortest form
// is delicate: random doubles of every exponent, powers of two, subnormals.
const shown = (v) => String(v).replace(/^-/, '\u2212');
let seed = 0x9E3779B9;
const random = () => {
  seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
  return seed >>> 0;
};
const constants = [0.1, 1e21, 1e-7, 1.5e-7, 123456789012345680, 5e-324, 2.2250738585072014e-308, 0.30000000000000004,
  1.7976931348623157e308, 299792.458, 1e23, 0.000001, 2 ** -1074 * 3, 2 ** 60, 2 ** -30, 9007199254740993];
while (constants.length < 160) {
  const bits = new Uint32Array([random(), random()]);
  const v = Math.abs(new Float64Array(bits.buffer)[0]);
  if (Number.isFinite(v)) constants.push(v);
}
for (let i = 0; i < constants.length; i += 20) {
  const ks = constants.slice(i, i + 20);
  const expr = ks.map((k) => `x*${String(k)}`).join(' + ');
  const native = JSON.parse(execFileSync(cli, ['trace', '--expr', expr, '--var', 'x=1', '--json'], {encoding: 'utf8'}), revive);
  const wasm = core.trace({expr, inputs: {x: 1}});
  for (const [side, trace] of [['CLI', native], ['WASM', wasm]]) {
    const labels = trace.nodes.filter((n) => n.op === 'const').map((n) => n.label);
    const bad = ks.findIndex((k, j) => labels[j] !== shown(k));
    if (bad < 0 && labels.length === ks.length) passed++;
    else { failed++; console.error(`FAIL ${side} labels ${ks[bad]} as "${labels[bad]}", JavaScript prints "${shown(ks[bad])}"`); }
  }
}

// Array layers: WASM against the CLI's `layer --json`.
const list = ['1', '-2', '0', '3', '-0', 'nan', 'inf', '-inf', '800', '-800', '0.5', '1e-310'];
for (const name of ['relu', 'sigmoid']) {
  const x = list.map(num);
  const dout = x.map((_, i) => i - 2.5);
  const expected = JSON.parse(execFileSync(cli, ['layer', name, '--x', list.join(','), '--dout', dout.join(','), '--json'],
    {encoding: 'utf8'}), revive);
  const actual = layer(core, name, x, dout);
  const d = diff({out: expected.out, dx: expected.dx}, {out: [...actual.out], dx: [...actual.dx]}, `layer ${name}`);
  if (d) { failed++; console.error(`FAIL ${d}`); } else passed++;
}

// The layers over matrices: WASM's matrixLayer against the CLI's `layer NAME
// --x M … --json`, every field bit for bit (the product kernels add in the
// plain loops' order on both sides), except Softmax-with-Loss's loss, which
// passes through the C library's log (LIBM_ULPS). Shapes from 1×1 to past the
// kernels' tiles, seeded values with a few NaN and ±∞ among them.
{
  const rand = generator(10);
  const spelled = (v) => (Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : Object.is(v, -0) ? '-0' : String(v));
  const text = (m) => Array.from({length: m.rows}, (_, i) => Array.from(m.values.slice(i * m.cols, (i + 1) * m.cols), spelled).join(',')).join(';');
  const rows = (m) => Array.from({length: m.rows}, (_, i) => [...m.values.slice(i * m.cols, (i + 1) * m.cols)]);
  const grid = (v) => (Array.isArray(v) && !Array.isArray(v[0]) ? [v] : v); // the CLI prints a 1-row matrix flat
  const matrix = (r, c, special = 0) => ({rows: r, cols: c, values: Float64Array.from({length: r * c}, () => {
    const u = rand();
    if (u < special) return [NaN, Infinity, -Infinity, 0, -0][Math.floor(rand() * 5)];
    return (rand() - 0.5) * 2 ** Math.floor(rand() * 8 - 3);
  })});
  const shapes = [[1, 1, 1], [1, 5, 3], [4, 1, 2], [3, 7, 5], [9, 13, 11], [17, 33, 10], [64, 64, 64]];
  for (const [n, d, m] of shapes)
    for (const special of [0, 0.05]) {
      const x = matrix(n, d, special), w = matrix(d, m, special), b = matrix(1, m, special);
      const dout = matrix(n, m, special), doutX = matrix(n, d, special);
      const tIndex = Int32Array.from({length: n}, () => Math.floor(rand() * d));
      const cases = [
        ['relu', {x, dout: doutX}, ['--x', text(x), '--dout', text(doutX)]],
        ['sigmoid', {x, dout: doutX}, ['--x', text(x), '--dout', text(doutX)]],
        ['affine', {x, w, b, dout}, ['--x', text(x), '--w', text(w), '--b', text(b), '--dout', text(dout)]],
        ['softmax-loss', {x, tIndex}, ['--x', text(x), '--t-index', [...tIndex].join(',')]],
      ];
      for (const [name, request, args] of cases) {
        const label = `layer ${name} ${n}×${d}${name === 'affine' ? `→${m}` : ''}${special ? ' with NaN and ±∞' : ''}`;
        const native = JSON.parse(execFileSync(cli, ['layer', name, ...args, '--json'], {encoding: 'utf8', maxBuffer: 1 << 26}), revive);
        const wasm = matrixLayer(core, {layer: name, ...request});
        const fields = {out: 'out', mask: 'mask', y: 'y', dx: 'dx', dw: 'dw', db: 'db'};
        let d0 = null;
        for (const [k, field] of Object.entries(fields)) {
          if (!wasm[field]) continue;
          const want = k === 'mask' ? grid(native[k]).map((r) => r.map(Number)) : grid(native[k]);
          d0 ??= diff(want, rows(wasm[field]), `${label} ${k}`);
        }
        if (name === 'softmax-loss') d0 ??= diff(native.loss, wasm.loss, `${label} loss`, LIBM_ULPS);
        if (d0) { failed++; console.error(`FAIL ${d0}`); } else passed++;
      }
    }
}

console.log(`parity: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
