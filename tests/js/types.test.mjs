// The package's hand-written types (web/src/element/backprop-graph.d.ts,
// shipped as dist/backprop-graph.d.ts) name every attribute the element
// observes, each as a property with a getter and a setter. (The types are
// compiled against real use by e2e/package.spec.mjs.)
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {ATTRIBUTES} from '../../web/src/element/config.js';

const types = readFileSync(new URL('../../web/src/element/backprop-graph.d.ts', import.meta.url), 'utf8');
const klass = /export declare class BackpropGraph extends HTMLElement \{([\s\S]*?)\n\}/.exec(types)[1];

test('every attribute but lang (HTMLElement\'s own) is a typed property', () => {
  const getters = [...klass.matchAll(/^\s*get (\w+)\(\)/gm)].map((m) => m[1]).sort();
  const setters = [...klass.matchAll(/^\s*set (\w+)\(/gm)].map((m) => m[1]).sort();
  const expected = ATTRIBUTES.filter((a) => a !== 'lang').map((a) => a.replace(/-(\w)/g, (_, c) => c.toUpperCase())).sort();
  assert.deepEqual(getters, expected);
  assert.deepEqual(setters, expected);
});

test('the tag is in HTMLElementTagNameMap', () => {
  assert.match(types, /interface HTMLElementTagNameMap \{\s*'backprop-graph': BackpropGraph;/);
});
