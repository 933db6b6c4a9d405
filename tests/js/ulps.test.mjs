// The ulp distance the parity and e2e tests use for C-library values.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ulps, within} from '../ulps.mjs';

const EPS = 2 ** -52;
const TINY = 5e-324;

test('neighbours are one apart, across binades and through zero', () => {
  assert.equal(ulps(1, 1), 0);
  assert.equal(ulps(1, 1 + EPS), 1);
  assert.equal(ulps(1 + EPS, 1), 1);
  assert.equal(ulps(1, 1 - EPS / 2), 1);            // 1 is the start of a binade: the step below is half
  assert.equal(ulps(1 - EPS / 2, 1 + EPS), 2);
  assert.equal(ulps(-1, -1 - 2 * EPS), 2);
  assert.equal(ulps(0, -0), 1);
  assert.equal(ulps(0, TINY), 1);
  assert.equal(ulps(-0, -TINY), 1);
  assert.equal(ulps(-TINY, TINY), 3);               // -TINY, -0, +0, TINY
  assert.equal(ulps(2.2250738585072014e-308, 2.225073858507201e-308), 1);  // smallest normal, largest subnormal
  assert.equal(ulps(Number.MAX_VALUE, Infinity), 1);
  assert.equal(ulps(-Number.MAX_VALUE, -Infinity), 1);
});

test('far apart: opposite signs and binades', () => {
  assert.equal(ulps(1, 2), 2 ** 52);
  assert.equal(ulps(-1, 1), 2 * 0x3ff0000000000000 + 1);
});

test('NaN equals only NaN', () => {
  assert.equal(ulps(NaN, NaN), 0);
  assert.equal(ulps(NaN, 1), Infinity);
  assert.equal(ulps(Infinity, NaN), Infinity);
});

test('within: 0 means the same double, sign of zero included', () => {
  assert.equal(within(0, -0, 0), false);
  assert.equal(within(NaN, NaN, 0), true);
  assert.equal(within(0.1 + 0.2, 0.3, 0), false);
  assert.equal(within(0.1 + 0.2, 0.3, 1), true);
  assert.equal(within(1, 1 + 3 * EPS, 2), false);
  assert.equal(within(1, 1 + 2 * EPS, 2), true);
});
