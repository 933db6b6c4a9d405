// Predict mode's judge (model/answer.js): what counts as right, against
// the core's values (here the CLI's, as the page gets them from C), and
// how a typed answer reads.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {isRight, readAnswer} from '../../web/src/model/answer.js';

const dx = 0.2350037122015945; // sigmoid at x = 0.5, dL/dy = 1 (backprop trace sigmoid --x 0.5 --json)

test('right: equal as shown (four decimals), or within 0.5%', () => {
  for (const typed of [dx, 0.235, 0.2350, 0.23504, 0.2345, 0.2361]) assert.ok(isRight(typed, dx), String(typed));
  for (const typed of [0.2338, 0.2362, 0.24, -0.235, 0, NaN, Infinity]) assert.ok(!isRight(typed, dx), String(typed));
  // Large and small values: relative, and as shown.
  assert.ok(isRight(1004, 1000));
  assert.ok(!isRight(1006, 1000));
  assert.ok(isRight(1.2345e-7, 1.2346e-7));
  assert.ok(!isRight(1.3e-7, 1.2346e-7));
});

test('0, and the non-finite values', () => {
  assert.ok(isRight(0, 0));
  assert.ok(isRight(0, -0)); // −0 is 0
  assert.ok(!isRight(1e-9, 0));
  assert.ok(isRight(NaN, NaN));
  assert.ok(!isRight(0, NaN));
  assert.ok(isRight(Infinity, Infinity));
  assert.ok(!isRight(-Infinity, Infinity));
  assert.ok(!isRight(1e308, Infinity));
});

test('answers read as the CLI reads numbers, with ∞ as the figure shows it', () => {
  assert.equal(readAnswer('0.235').value, 0.235);
  assert.equal(readAnswer('−0.3875').value, -0.3875);
  assert.equal(readAnswer('∞').value, Infinity);
  assert.equal(readAnswer('−∞').value, -Infinity);
  assert.ok(Number.isNaN(readAnswer('NaN').value));
  assert.equal(readAnswer('0,235').reason, 'decimal-comma');
  assert.equal(readAnswer('').ok, false);
});
