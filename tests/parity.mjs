// Parity: the WebAssembly build and the native CLI give the same trace, bit
// for bit. Every number is compared with Object.is after reading the CLI's
// JSON (where NaN and the infinities are strings). Labels are C's on both
// sides (bp_graph_label); a number's label is also held to JavaScript's own
// printing of the number, an independent formatter.
//
//   node tests/parity.mjs build/wasm/backprop-core.wasm build/native/bin/backprop
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {instantiateCore, layer} from '../web/src/core/core.js';

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

// The first difference between a (CLI) and b (WASM), or null. Keys only one
// side has are differences too, except the CLI's English warning message.
function diff(a, b, where) {
  if (typeof a === 'number' || typeof b === 'number')
    return Object.is(a, b) ? null : `${where}: CLI ${a} vs WASM ${b}`;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
    return a === b ? null : `${where}: CLI ${JSON.stringify(a)} vs WASM ${JSON.stringify(b)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('message');
  for (const k of keys) {
    const d = diff(a[k], b[k], `${where}.${k}`);
    if (d) return d;
  }
  return null;
}

// Numbers as the CLI reads them: inf, -inf and nan are spelled out.
const num = (text) => ({inf: Infinity, '-inf': -Infinity, nan: NaN})[text] ?? Number(text);

const xs = ['0', '-0', '0.5', '-0.5', '1', '-1', '2', '-3.75', '1e-300', '5e-324', '20', '-20', '36.7', '-36.7',
  '709.78', '-709.79', '710', '-745.2', '800', '-800', '1e308', 'inf', '-inf', 'nan'];
const douts = ['1', '-2.5', '0', '1e-3', '1e300', 'inf', 'nan'];
let passed = 0, failed = 0;
function compare(label, args, request) {
  const expected = JSON.parse(execFileSync(cli, args, {encoding: 'utf8'}), revive);
  const actual = core.trace(request);
  const d = diff(expected, actual, label);
  if (d) { failed++; console.error(`FAIL ${d}`); } else passed++;
}
for (const graph of ['relu', 'sigmoid', 'sigmoid-steps'])
  for (const x of xs)
    for (const dout of douts)
      compare(`${graph} x=${x} dout=${dout}`, ['trace', graph, '--x', x, '--dout', dout, '--json'],
        {graph, inputs: {x: num(x)}, dout: num(dout)});

// Expressions. Every op whose result comes from the core's own code or from
// IEEE-exact operations (+ - * /, sqrt, exp, sigmoid) must agree bit for bit.
// log, pow, tanh, sin and cos come from each platform's C library (glibc
// natively, musl in WASM): both are within an ulp or so, not always the same
// ulp, so expressions using them are not part of the bit-for-bit set.
const expressions = [
  ['(x+y)*z', {x: '-2', y: '5', z: '-4'}],
  ['x*x + x', {x: '3'}],
  ['x*x*x - 2*x/y', {x: '-1.25', y: '0.3'}],
  ['sigmoid(w0*x0 + w1*x1 + w2)', {w0: '2', x0: '-1', w1: '-3', x1: '-2', w2: '-3'}],
  ['apple*count*tax', {apple: '100', count: '2', tax: '1.1'}],
  ['sqrt(x*x + y*y) + relu(x - y) + abs(-x)', {x: '3', y: '-4'}],
  ['1/x + exp(-x)', {x: '0'}],
  ['exp(x) / (1 + exp(x))', {x: '800'}],
  ['sigmoid(x) * sigmoid(-x)', {x: '-800'}],
];
for (const [expr, vars] of expressions)
  for (const expand of [false, true]) {
    const args = ['trace', '--expr', expr, '--dout', '1.5', '--json', ...(expand ? ['--expand'] : [])];
    for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}=${v}`);
    const inputs = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, num(v)]));
    compare(`${expr} expand=${expand}`, args, {expr, expand, inputs, dout: 1.5});
  }

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

// The C library's functions: the same values to within a few ulps, named here.
const ulps = (a, b) => {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  const bits = new BigInt64Array(new Float64Array([a, b]).buffer);
  const d = bits[0] - bits[1];
  return Number(d < 0n ? -d : d);
};
const MAX_ULPS = 2;
for (const expr of ['sin(x)', 'cos(x)', 'tanh(x)', 'log(x)', 'x^y', 'log(x) * sin(y) + tanh(x*y)']) {
  let worst = 0;
  for (let i = 1; i <= 60; i++) {
    const all = {x: String(i * 0.37), y: String(1.7 - i * 0.05)};
    const vars = expr.includes('y') ? all : {x: all.x};
    const args = ['trace', '--expr', expr, '--json'];
    for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}=${v}`);
    const c = JSON.parse(execFileSync(cli, args, {encoding: 'utf8'}), revive);
    const w = core.trace({expr, inputs: Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, num(v)])), dout: 1});
    worst = Math.max(worst, ulps(c.output, w.output), ...Object.keys(w.grads).map((k) => ulps(c.grads[k], w.grads[k])));
  }
  if (worst > MAX_ULPS) { failed++; console.error(`FAIL ${expr}: native and WASM differ by ${worst} ulps`); } else passed++;
  console.log(`libm ${expr}: at most ${worst} ulp(s) apart over 60 points`);
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

console.log(`parity: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
