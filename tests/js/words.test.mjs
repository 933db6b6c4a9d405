// The step panel and the sentences: trace numbers formatted, never computed.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {stepPanelHTML} from '../../web/src/views/steps.js';
import {translator, stepSentence, nodeName} from '../../web/src/words/figure.js';
import {pageTranslator, warningSentence} from '../../web/src/words/page.js';
import {checkHTML, notesHTML} from '../../web/src/views/check.js';

const special = {NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity};
const load = (name) => JSON.parse(readFileSync(new URL(`fixtures/${name}.json`, import.meta.url), 'utf8'),
  (k, v) => (typeof v === 'string' && v in special && k !== 'label' ? special[v] : v));
// The visible text of MathML: the tokens in order.
const tokens = (html) => [...html.matchAll(/<m[ino][^>]*>([^<]*)<\/m[ino]>/g)].map((m) => m[1]).join(' ');

test('fused sigmoid backward: dL/dy · y(1−y) with y substituted, the local value from the trace', () => {
  const t = load('sigmoid');
  const html = stepPanelHTML(t, 2);
  assert.match(html, /Backward through/);
  const text = tokens(html);
  assert.ok(text.includes('y ( 1 − y ) = 1 · 0.6225 · ( 1 − 0.6225 ) = 1 · 0.2350 = 0.2350'), text);
  assert.match(html, /aria-label="backward: dL\/dx = 1 times 0.2350 = 0.2350"/);
});

test('step-by-step sigmoid: each node its own local derivative', () => {
  const t = load('sigmoid-steps');
  assert.ok(tokens(stepPanelHTML(t, 5)).includes('1 · ( − 0.6225 2 ) = 1 · ( − 0.3875 ) = − 0.3875'));
  assert.ok(tokens(stepPanelHTML(t, 7)).includes('exp ⁡ ( − 0.5000 ) = ( − 0.3875 ) · 0.6065 = − 0.2350'));
  assert.ok(tokens(stepPanelHTML(t, 2)).includes('y = exp ⁡ ( x ) = exp ⁡ ( − 0.5000 ) = 0.6065'));
  assert.match(stepPanelHTML(t, 0), /Start/);
});

test('status sentences', () => {
  const t = load('sigmoid-steps');
  const en = translator('en');
  assert.equal(stepSentence(en, t, 0), 'Step 0 of 8: x = 0.5000 and dL/dy = 1 given.');
  assert.equal(stepSentence(en, t, 1), 'Step 1 of 8, forward: ×(−1) gives −0.5000.');
  assert.equal(stepSentence(en, t, 8), 'Step 8 of 8, backward: through ×(−1), −0.2350 × (−1) = 0.2350 reaches x.');
  assert.equal(nodeName(en, t.nodes[2], {valueKnown: true, gradKnown: true}), 'exp: value 0.6065, gradient −0.3875');
  assert.equal(nodeName(en, t.nodes[2], {valueKnown: false, gradKnown: false}), 'exp: value not computed yet, gradient not computed yet');
});

test('x = −800: the overflow and the NaN explained, and the fused lesson', () => {
  const t = load('sigmoid-steps-800');
  const [overflow, nan] = t.warnings.map((w) => warningSentence(pageTranslator('en'), t, w));
  assert.match(overflow, /^exp\(800\) overflows/);
  assert.match(nan, /upstream −0 × local derivative ∞ is NaN, because 0 · ∞/);
  const fused = {...load('sigmoid'), output: 0, grads: {x: 0}};
  const notes = notesHTML([{id: 'sigmoid-steps', title: 'Sigmoid step by step', trace: t}], {fused});
  assert.match(notes, /frameworks fuse sigmoid/);
  assert.match(checkHTML([{id: 'sigmoid-steps', title: 'Sigmoid step by step', trace: t}]), /No comparison/);
});
