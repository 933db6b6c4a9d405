// The embed's pure parts: the chain-rule line (text and LaTeX), the i18n
// table and sentences. (The share link's hash: state.test.mjs.)
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {chainLine} from '../../web/src/views/latex.js';
import {translator, stepSentence, nodeName, addFigureWords} from '../../web/src/words/figure.js';
import {FIGURE_KO} from '../../web/src/words/figure-ko.js';
import {pageTranslator} from '../../web/src/words/page.js';

addFigureWords('ko', FIGURE_KO); // as the element does

const special = {NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity};
const load = (name) => JSON.parse(readFileSync(new URL(`fixtures/${name}.json`, import.meta.url), 'utf8'),
  (k, v) => (typeof v === 'string' && v in special && k !== 'label' ? special[v] : v));

test('chain rule of the fused sigmoid, as text and as LaTeX', () => {
  const line = chainLine(load('sigmoid'), 2);
  assert.equal(line.text, '∂L/∂x = ∂L/∂y · y(1 − y) = 1 · 0.6225 · (1 − 0.6225) = 0.2350');
  assert.equal(line.latex, '\\frac{\\partial L}{\\partial x} = \\frac{\\partial L}{\\partial y}\\cdot y(1-y) = 1\\cdot 0.6225\\cdot (1-0.6225) = 0.2350');
});

test('chain rule through each node of the step-by-step sigmoid', () => {
  const t = load('sigmoid-steps');
  assert.equal(chainLine(t, 0).text, 'x = 0.5000, ∂L/∂y = 1');
  assert.equal(chainLine(t, 2).text, 'y = exp(x) = exp(−0.5000) = 0.6065');
  assert.equal(chainLine(t, 4).latex, 'y = \\frac{1}{x} = \\frac{1}{1.6065} = 0.6225');
  assert.equal(chainLine(t, 5).text, '∂L/∂x = ∂L/∂y · (−y²) = 1 · (−0.6225²) = −0.3875');
  assert.equal(chainLine(t, 7).latex, '\\frac{\\partial L}{\\partial x} = \\frac{\\partial L}{\\partial y}\\cdot \\exp(x) = (-0.3875)\\cdot \\exp(-0.5000) = -0.2350');
  assert.equal(chainLine(t, 8).text, '∂L/∂x = ∂L/∂y · (−1) = (−0.2350) · (−1) = 0.2350');
});

test('non-finite numbers in LaTeX', () => {
  const t = load('sigmoid-steps-800');
  const last = chainLine(t, t.steps.length).latex;
  assert.match(last, /\\mathrm\{NaN\}|\\infty/);
});

test('English sentences: the element\'s and the page\'s are one wording', () => {
  const en = translator('en');
  const page = pageTranslator('en');
  const t = load('sigmoid-steps');
  assert.equal(stepSentence(en, t, 0), 'Step 0 of 8: x = 0.5000 and dL/dy = 1 given.');
  assert.equal(stepSentence(en, t, 7), stepSentence(page, t, 7));
  assert.equal(stepSentence(en, t, 7), 'Step 7 of 8, backward: through exp, −0.3875 × 0.6065 = −0.2350 reaches ×(−1).');
  const known = {valueKnown: true, gradKnown: false};
  assert.equal(nodeName(en, t.nodes[2], known), 'exp: value 0.6065, gradient not computed yet');
  assert.equal(nodeName(page, t.nodes[2], known), nodeName(en, t.nodes[2], known));
});

test('Korean: every key translated, the wording of the reference post', () => {
  const ko = translator('ko');
  const en = translator('en');
  for (const key of ['play', 'pause', 'stepForward', 'stepBack', 'reset', 'copyLink', 'keeping', 'badGraph', 'badNumber', 'start', 'forward', 'backward']) {
    assert.notEqual(ko(key), en(key), key);
  }
  assert.deepEqual(['play', 'pause', 'reset', 'stepBack', 'stepForward'].map((k) => ko(k)), ['재생', '일시정지', '처음으로', '이전 단계', '다음 단계']);
  const t = load('sigmoid-steps');
  assert.equal(stepSentence(ko, t, 0), '단계 0/8: 입력 x = 0.5000, 상류 기울기 dL/dy = 1.');
  assert.equal(stepSentence(ko, t, 2), '단계 2/8, 순전파: exp 노드의 출력 0.6065.');
  assert.match(stepSentence(ko, t, 7), /역전파: exp 노드에서 상류 −0\.3875 × 국소적 미분 0\.6065 = −0\.2350, 하류 ×\(−1\) 쪽으로/);
  assert.equal(ko.reason('decimal-comma'), "소수점은 ','가 아니라 '.'");
  assert.equal(translator('fr').lang, 'en');
});

test('embed-first.js: the hashes whose figure is embed.html\'s prerendered one (default state, English, light)', async () => {
  const {defaultFigure} = await import('../../web/src/element/embed-first.js');
  // [hash, on a light screen, on a dark one]
  for (const [hash, light, dark] of [
    ['', true, false],
    ['#graph=sigmoid-steps&x=0.5&dout=1', true, false],
    ['#x=0.50&dout=1e0&step=end', true, false], // the same numbers, written otherwise
    ['#lang=en-US&app=https://example.org/app', true, false], // the link's target is not seen
    ['#theme=light', true, true],
    ['#theme=auto', true, false],
    ['#unknown=1', true, false], // ignored by the element too
    ['#x=2', false, false],
    ['#dout=-1', false, false],
    ['#graph=relu', false, false],
    ['#step=8', false, false], // the last step, but another link
    ['#step=0', false, false],
    ['#lang=ko', false, false],
    ['#theme=dark', false, false],
    ['#controls=minimal', false, false],
    ['#expr=x*y', false, false],
    ['#layer=relu', false, false],
    ['#autoplay', false, false],
    ['#mode=predict', false, false],
    ['#x=abc', false, false], // a message under the defaults: not the picture
  ]) {
    assert.equal(defaultFigure(hash, false), light, `${hash} (light)`);
    assert.equal(defaultFigure(hash, true), dark, `${hash} (dark)`);
  }
});
