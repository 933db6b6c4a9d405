// The page's number grammar, held to the native CLI's (core/src/number.c).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {parseNumber, formatNumber, exactText} from '../../web/src/model/number.js';
import {translator} from '../../web/src/words/figure.js';

const ok = (text, value) => {
  const r = parseNumber(text);
  assert.equal(r.ok, true, `${JSON.stringify(text)}: ${r.reason}`);
  assert.ok(Object.is(r.value, value), `${JSON.stringify(text)} gave ${r.value}, expected ${value}`);
};
const bad = (text, reason) => assert.deepEqual(parseNumber(text), {ok: false, reason}, JSON.stringify(text));
const english = translator('en').reason;

test('decimals, signs, exponents and spaces', () => {
  ok('0.5', 0.5);
  ok(' 0.5 ', 0.5);
  ok('\t-2\n', -2);
  ok('\u22122', -2);
  ok('+3', 3);
  ok('5.', 5);
  ok('.5', 0.5);
  ok('1e-3', 0.001);
  ok('1E+2', 100);
  ok('-0', -0);
  ok('0', 0);
  ok('1e-999', 0);
  ok('-1e-999', -0);
  ok('1.7976931348623157e308', Number.MAX_VALUE);
});

test('exactly inf, Infinity, nan and NaN, signed', () => {
  ok('inf', Infinity);
  ok('Infinity', Infinity);
  ok('-inf', -Infinity);
  ok('\u2212Infinity', -Infinity);
  ok('+inf', Infinity);
  ok('nan', NaN);
  ok('NaN', NaN);
  ok('-nan', NaN);
  bad('INF', 'not-a-number');
  bad('infinity', 'not-a-number');
  bad('Nan', 'not-a-number');
});

test('refusals, each with the code of its reason', () => {
  bad('', 'empty');
  bad('   ', 'empty');
  bad('abc', 'not-a-number');
  bad('0,5', 'decimal-comma');
  bad('1e5,', 'decimal-comma');
  bad(',5', 'decimal-comma');
  bad('1e999', 'too-large');
  bad('-1e999', 'too-large');
  bad('1e', 'no-exponent-digits');
  bad('1e+', 'no-exponent-digits');
  bad('.', 'not-a-number');
  bad('1.2.3', 'not-a-number');
  bad('0x10', 'not-a-number');
  bad('--1', 'not-a-number');
  bad('1 2', 'not-a-number');
  bad('x'.repeat(10000), 'too-long');
  bad('1'.repeat(401), 'too-long');
  assert.deepEqual(parseNumber(undefined), {ok: false, reason: 'no-text'});
});

const cli = new URL('../../build/native/bin/backprop', import.meta.url).pathname;
test('agrees with the native CLI, in its English words', () => {
  assert.ok(existsSync(cli), `${cli} is missing: run ./dev build`);
  const texts = ['0.5', ' -2 ', '\u22122', '5.', '.5', '1e-3', '-0', 'inf', '-Infinity', 'nan', '1e-999', '', 'abc', '0,5',
    '1e999', '1e', '1.2.3', '0x10', '1e5,', 'INF', '+1', '1e+', '.'];
  for (const text of texts) {
    let cliOk = true, reason = '';
    try {
      execFileSync(cli, ['trace', 'relu', '--x', text, '--dout', '1', '--json'], {encoding: 'utf8', stdio: 'pipe'});
    } catch (e) {
      cliOk = false;
      reason = e.stderr.trim().split(': ').slice(3).join(': ') || e.stderr.trim();
    }
    const r = parseNumber(text);
    assert.equal(r.ok, cliOk, `${JSON.stringify(text)}: page ${r.ok}, CLI ${cliOk} (${reason})`);
    if (!cliOk) assert.ok(reason.endsWith(english(r.reason)), `${JSON.stringify(text)}: CLI says "${reason}", page "${english(r.reason)}"`);
  }
});

test('formatting for reading', () => {
  assert.equal(formatNumber(0.2350037122015945), '0.2350');
  assert.equal(formatNumber(-0.3874556190002601), '\u22120.3875');
  assert.equal(formatNumber(1), '1');
  assert.equal(formatNumber(-800), '\u2212800');
  assert.equal(formatNumber(0), '0');
  assert.equal(formatNumber(-0), '\u22120');
  assert.equal(formatNumber(Infinity), '\u221e');
  assert.equal(formatNumber(-Infinity), '\u2212\u221e');
  assert.equal(formatNumber(NaN), 'NaN');
  assert.equal(formatNumber(1e-300), '1.000e\u2212300');
  assert.equal(formatNumber(2.5e300), '2.500e300');
  assert.equal(formatNumber(0.1 + 0.2, {precise: true}), '0.30000000000000004');
  assert.equal(formatNumber(-1e-7, {precise: true}), '\u22121e\u22127');
});

test('exact text reads back to the same double', () => {
  for (const v of [0.1 + 0.2, -0, 0, 5e-324, -Number.MAX_VALUE, Infinity, -Infinity, NaN, 0.2350037122015945]) {
    const r = parseNumber(exactText(v));
    assert.ok(r.ok && Object.is(r.value, v), `${v}`);
  }
});
