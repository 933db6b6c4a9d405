// Layout and timeline: trace -> positions and what is known at each step,
// as pure data (no DOM).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {layoutGraph, minWidth, VERTICAL_BELOW} from '../../web/src/layout/chain.js';
import {reveal, edgeLabels, matchStep, OUTPUT_EDGE} from '../../web/src/model/timeline.js';

const special = {NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity};
const load = (name) => JSON.parse(readFileSync(new URL(`fixtures/${name}.json`, import.meta.url), 'utf8'),
  (k, v) => (typeof v === 'string' && v in special && k !== 'label' ? special[v] : v));
const steps = load('sigmoid-steps');
const fused = load('sigmoid');
const relu = load('relu');

test('horizontal: left to right, forward above, gradient below', () => {
  const l = layoutGraph(steps, {width: 900});
  assert.equal(l.orientation, 'horizontal');
  assert.equal(l.nodes.length, 5);
  assert.equal(l.edges.length, 5); // four between nodes and one to y
  const xs = l.nodes.map((n) => n.x);
  assert.deepEqual(xs, [...xs].sort((a, b) => a - b));
  assert.ok(l.output.x > xs[4]);
  for (const e of l.edges) {
    assert.ok(e.forward.to.x > e.forward.from.x, `${e.key}: forward points right`);
    assert.ok(e.backward.to.x < e.backward.from.x, `${e.key}: backward points left`);
    assert.ok(e.forward.from.y < e.backward.from.y, `${e.key}: forward arrow above the backward one`);
    assert.ok(e.valueAt.y < e.forward.from.y && e.gradAt.y > e.backward.from.y, `${e.key}: labels outside`);
    assert.match(e.forward.head, /^M[\d.,-]+L[\d.,-]+L[\d.,-]+Z$/);
  }
  for (const n of l.nodes) assert.ok(n.x - n.r >= 0 && n.x + n.r <= 900 && n.y - n.r >= 0 && n.y + n.r <= l.height);
});

test('narrow widths turn the picture a quarter: down, values left, gradients right', () => {
  assert.ok(minWidth(steps) > 360);
  const l = layoutGraph(steps, {width: 330});
  assert.equal(l.orientation, 'vertical');
  for (const e of l.edges) {
    assert.ok(e.forward.to.y > e.forward.from.y);
    assert.ok(e.backward.to.y < e.backward.from.y);
    assert.ok(e.valueAt.x < e.forward.from.x, `${e.key}: the value on the left`);
    assert.ok(e.gradAt.x > e.backward.from.x, `${e.key}: the gradient on the right`);
  }
  for (const n of l.nodes) assert.ok(n.x - n.r >= 0 && n.x + n.r <= 330);
  // ReLU and the fused sigmoid stay horizontal on a phone.
  assert.equal(layoutGraph(relu, {width: 330}).orientation, 'horizontal');
  assert.equal(layoutGraph(fused, {width: 330}).orientation, 'horizontal');
});

test('a blog column keeps the horizontal drawing, scaled a little; a phone turns it', () => {
  for (const width of [700, 680, 600, VERTICAL_BELOW]) {
    const l = layoutGraph(steps, {width});
    assert.equal(l.orientation, 'horizontal', `at ${width} px`);
    // Laid out at its least width, drawn at `width`: labels at 70% or more.
    assert.equal(l.width, Math.max(width, minWidth(steps)));
    assert.ok(width / l.width >= 0.69, `scale ${width / l.width}`);
  }
  assert.equal(layoutGraph(steps, {width: VERTICAL_BELOW - 1}).orientation, 'vertical');
  assert.equal(layoutGraph(steps, {width: 1200, orientation: 'vertical'}).orientation, 'vertical');
});

test('layout is deterministic and independent of values', () => {
  const other = load('sigmoid-steps-800');
  assert.deepEqual(layoutGraph(steps, {width: 800}), layoutGraph(other, {width: 800}));
});

test('step 0 knows only the inputs and dL/dy', () => {
  const k = reveal(steps, 0);
  assert.equal(k.active, null);
  assert.deepEqual([...k.valueKnown], [0]);
  assert.deepEqual([...k.gradKnown], [4]);
  const labels = edgeLabels(steps, k);
  assert.equal(labels[0].value, 0.5);
  assert.ok(!('grad' in labels[0]));
  const out = labels.find((l) => l.key === OUTPUT_EDGE);
  assert.equal(out.grad, 1);
  assert.ok(!('value' in out));
});

test('forward steps fill values left to right; backward fills gradients right to left', () => {
  const k3 = reveal(steps, 3);
  assert.equal(k3.active.node, 3);
  assert.deepEqual(k3.activeEdges, ['3-4-0']);
  assert.deepEqual([...k3.valueKnown].sort(), [0, 1, 2, 3]);
  const k4 = reveal(steps, 4);
  assert.deepEqual(k4.activeEdges, [OUTPUT_EDGE]);
  assert.equal(edgeLabels(steps, k4).find((l) => l.key === OUTPUT_EDGE).value, steps.output);
  const k5 = reveal(steps, 5);
  assert.equal(k5.active.phase, 'backward');
  assert.deepEqual(k5.activeEdges, ['3-4-0']);
  assert.ok(k5.gradKnown.has(3) && !k5.gradKnown.has(2));
  const last = reveal(steps, 8);
  const labels = edgeLabels(steps, last);
  assert.equal(labels[0].grad, steps.grads.x);
  for (const l of labels) assert.ok('value' in l && 'grad' in l);
  assert.equal(last.gradKnown.size, 5);
});

test('the fused graph keeps pace phase by phase', () => {
  const seq = Array.from({length: 9}, (_, s) => matchStep(steps, fused, s));
  assert.deepEqual(seq, [0, 0, 0, 0, 1, 1, 1, 1, 2]);
  assert.deepEqual(Array.from({length: 3}, (_, s) => matchStep(fused, fused, s)), [0, 1, 2]);
});
