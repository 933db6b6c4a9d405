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
