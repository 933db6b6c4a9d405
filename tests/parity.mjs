// Parity: the WebAssembly build and the native CLI give the same trace, bit
// for bit. Every number is compared with Object.is after reading the CLI's
// JSON (where NaN and the infinities are strings).
//
//   node tests/parity.mjs build/wasm/backprop-core.wasm build/native/bin/backprop
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {instantiateCore} from '../web/src/core.js';

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
        {graph, inputs: {x: Number(x === 'inf' ? Infinity : x === '-inf' ? -Infinity : x)},
          dout: Number(dout === 'inf' ? Infinity : dout)});

// Array layers: WASM against the CLI's `layer --json`.
const arrays = ['1,-2,0,3,-0,nan,inf,-inf,800,-800,0.5,1e-310'];
for (const name of ['relu', 'sigmoid'])
  for (const list of arrays) {
    const x = list.split(',').map(Number.parseFloat).map((v, i) => Number.isNaN(v) ? (list.split(',')[i].includes('inf') ? (list.split(',')[i][0] === '-' ? -Infinity : Infinity) : NaN) : v);
    const dout = x.map((_, i) => i - 2.5);
    const expected = JSON.parse(execFileSync(cli, ['layer', name, '--x', list, '--dout', dout.join(','), '--json'],
      {encoding: 'utf8'}), revive);
    const actual = core.layer(name, x, dout);
    const d = diff({out: expected.out, dx: expected.dx}, {out: [...actual.out], dx: [...actual.dx]}, `layer ${name}`);
    if (d) { failed++; console.error(`FAIL ${d}`); } else passed++;
  }

console.log(`parity: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
