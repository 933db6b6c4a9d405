// The network figure's link grammar: every key round-trips, bad values are
// refused by name with the default kept, and added points keep their bits.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readNetState, writeNetState, netDefaults, readNetValue} from '../../web/src/net/net-state.js';

const read = (hash) => readNetState(new URLSearchParams(hash));

test('defaults: spiral, 3 classes, 2 -> 16 -> 16 -> 3 ReLU with He, lr 0.1, batch 10, shuffled', () => {
  const {state, errors} = read('');
  assert.deepEqual(errors, []);
  assert.deepEqual(state, netDefaults());
  assert.deepEqual([state.data, state.classes, state.hidden, state.act, state.init, state.lr, state.batch, state.shuffle],
    ['spiral', 3, [16, 16], 'relu', 'he', 0.1, 10, true]);
});

test('a state survives its own link, bit for bit', () => {
  const state = {...netDefaults(), data: 'gauss', classes: 5, points: 123, noise: 0.30000000000000004, seed: 99,
    hidden: [3, 64, 1], act: 'sigmoid', init: 'std', lr: 1e-3, batch: 7, shuffle: false, steps: 4321,
    added: [[0.1, -0.2, 4], [-1.25, 5e-324, 0]]};
  const hash = writeNetState(state);
  assert.match(hash, /^graph=network&data=gauss&classes=5&points=123&noise=0\.30000000000000004&seed=99&units=3,64,1&act=sigmoid/);
  assert.match(hash, /&add=0\.1,-0\.2,4;-1\.25,5e-324,0$/);
  assert.deepEqual(read(hash), {state, errors: []});
  // No hidden layer at all is a network too (softmax regression).
  assert.deepEqual(read('units=').state.hidden, []);
  assert.deepEqual(read('units=8,%208').state.hidden, [8, 8]); // spaces around a value are ignored, as everywhere
  assert.deepEqual(read('units=%208%20,8').state.hidden, [8, 8]);
  assert.equal(read('units=8,,8').errors[0].code, 'badHidden');
  // Two-class data sets write no classes.
  assert.doesNotMatch(writeNetState({...netDefaults(), data: 'moons'}), /classes=/);
});

test('bad values are refused by key with the default kept', () => {
  const {state, errors} = read('data=swirl&points=5&lr=0&units=16,0&act=tanh&batch=1.5&shuffle=yes&add=1,2&noise=nan');
  assert.deepEqual(errors.map((e) => [e.key, e.code]), [['data', 'badChoice'], ['points', 'badWhole'], ['noise', 'badRange'],
    ['units', 'badHidden'], ['act', 'badChoice'], ['lr', 'badRange'], ['batch', 'badWhole'], ['shuffle', 'badChoice'], ['add', 'badAdded']]);
  const d = netDefaults();
  assert.deepEqual([state.data, state.points, state.lr, state.hidden, state.act, state.batch, state.shuffle, state.added, state.noise],
    [d.data, d.points, d.lr, d.hidden, d.act, d.batch, d.shuffle, d.added, d.noise]);
  assert.equal(read('units=1,2,3,4,5,6,7').errors[0].code, 'badHidden');
  assert.equal(read('add=1,inf,0').errors[0].code, 'badAdded');
  // Points of a class the data set lacks are dropped, and said.
  const moons = read('data=moons&add=0,0,1;0,0,2');
  assert.deepEqual(moons.state.added, [[0, 0, 1]]);
  assert.deepEqual(moons.errors, [{key: 'add', code: 'badAddedClass', params: {classes: 2}}]);
});

test('a field is read as the link reads it', () => {
  assert.deepEqual(readNetValue('lr', ' 0.05 '), {ok: true, value: 0.05});
  assert.equal(readNetValue('lr', '0,05').ok, false);
  assert.deepEqual(readNetValue('units', '8,8'), {ok: true, value: [8, 8]});
  assert.deepEqual(readNetValue('points', '2001'), {ok: false, code: 'badWhole', params: {lo: 20, hi: 2000}});
});
