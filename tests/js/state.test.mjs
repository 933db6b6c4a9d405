// The state object and its URL hash.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {defaultState, stateFromHash, hashFromState, resolveStep} from '../../web/src/model/state.js';

test('defaults', () => {
  assert.deepEqual(defaultState(), {graph: 'sigmoid-steps', x: 0.5, dout: 1, step: null, speed: 1, precise: false,
    expr: '(x+y)*z', vars: {x: -2, y: 5, z: -4}, expand: false, plot: null, lang: null});
  assert.deepEqual(stateFromHash(''), {state: defaultState(), ignored: []});
});

test('reads every key', () => {
  const {state, ignored} = stateFromHash('#graph=relu&x=-2&dout=0.25&step=1&speed=4&precise=1');
  assert.deepEqual(state, {...defaultState(), graph: 'relu', x: -2, dout: 0.25, step: 1, speed: 4, precise: true});
  assert.deepEqual(ignored, []);
});

test('numbers use the CLI grammar, special values included', () => {
  const {state} = stateFromHash('#x=%E2%88%920&dout=Infinity');
  assert.ok(Object.is(state.x, -0));
  assert.equal(state.dout, Infinity);
  assert.ok(Number.isNaN(stateFromHash('#x=NaN').state.x));
});

test('ignores what does not parse, keeping the rest', () => {
  const {state, ignored} = stateFromHash('#graph=tanh&x=0,5&dout=2&step=-1&speed=3&color=red');
  assert.deepEqual(state, {...defaultState(), dout: 2});
  assert.deepEqual(ignored, ['graph', 'x', 'step', 'speed', 'color']);
});

test('round trip', () => {
  for (const s of [
    {graph: 'sigmoid-steps', x: 0.5, dout: 1, step: 7, speed: 1, precise: false},
    {graph: 'both', x: -0, dout: -Infinity, step: 0, speed: 0.5, precise: true},
    {graph: 'relu', x: NaN, dout: 1e-300, step: null, speed: 2, precise: false},
    {graph: 'sigmoid', x: 0.1 + 0.2, dout: 5e-324, step: 2, speed: 4, precise: false},
  ]) {
    const hash = hashFromState(s);
    const back = stateFromHash(hash).state;
    for (const k of Object.keys(s)) assert.ok(Object.is(back[k], s[k]), `${hash}: ${k}`);
  }
  assert.equal(hashFromState({graph: 'sigmoid-steps', x: 0.5, dout: 1, step: 7, speed: 1}), '#graph=sigmoid-steps&x=0.5&dout=1&step=7');
});

test('step resolution', () => {
  assert.equal(resolveStep(null, 8), 8);
  assert.equal(resolveStep(99, 8), 8);
  assert.equal(resolveStep(3, 8), 3);
  assert.equal(resolveStep(-2, 8), 0);
});
