// Reading a Markdown fence tagged backprop (element/fences.js): its lines
// become attributes; what is not a setting is reported by line.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFence, FENCE_WORDS} from '../../web/src/element/fences.js';
import {translator} from '../../web/src/words/figure.js';
import {ATTRIBUTES} from '../../web/src/element/config.js';

test('key: value lines become attributes, as text', () => {
  const {attrs, errors} = readFence('graph: sigmoid-steps\nx: -0.5\n\n# a comment\n  step: 5  \nexpr: "(x+y)*z"\nvars: x=-2, y=5\r\nlang: ko\n');
  assert.deepEqual(errors, []);
  assert.deepEqual([...attrs], [['graph', 'sigmoid-steps'], ['x', '-0.5'], ['step', '5'], ['expr', '(x+y)*z'], ['vars', 'x=-2, y=5'], ['lang', 'ko']]);
});

test('a value keeps its colons, and a key reads in any case', () => {
  const {attrs} = readFence('App: https://example.org/app/index.html\nX: 2');
  assert.deepEqual([...attrs], [['app', 'https://example.org/app/index.html'], ['x', '2']]);
});

test('autoplay: on when written so, left out for false', () => {
  assert.equal(readFence('autoplay: true').attrs.get('autoplay'), 'true');
  assert.equal(readFence('autoplay:').attrs.get('autoplay'), '');
  for (const off of ['false', 'no', 'off', '0', 'FALSE']) assert.equal(readFence(`autoplay: ${off}`).attrs.has('autoplay'), false, off);
});

test('lines that are not settings are reported by line, the others still read', () => {
  const {attrs, errors} = readFence('graph: relu\ncolour: red\njust words\nx: 1\nx: 3');
  assert.deepEqual([...attrs], [['graph', 'relu'], ['x', '3']]);
  const t = translator('en', FENCE_WORDS);
  assert.deepEqual(errors.map((e) => t(e.key, e.params)), [
    `Line 2: “colour” is not a setting; use ${ATTRIBUTES.join(', ')}.`,
    'Line 3: “just words” is not a “key: value” line.',
    'Line 5: x is set twice; the last one counts.',
  ]);
  assert.equal(translator('ko', FENCE_WORDS)(errors[1].key, errors[1].params), '3행: “just words” — “키: 값” 형식의 줄이 아닙니다.');
});

test('a bad value is passed on as it is, for the element to explain', () => {
  assert.deepEqual([...readFence('x: abc').attrs], [['x', 'abc']]);
});
