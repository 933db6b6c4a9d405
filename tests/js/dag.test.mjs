// dag.js: the layered layout of any expression's graph, on traces made by
// the WebAssembly core (build/wasm, made by ./dev build), as pure data.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {instantiateCore} from '../../web/src/core/core.js';
import {layoutDag, layers, countCrossings, fitOrdered, DAG_SIZES, LABEL_BOX, DASH_BUDGET, DASH_FLOOR} from '../../web/src/layout/dag.js';
import {PRESETS, caretLine, sampleCount, valuesFor} from '../../web/src/model/expr.js';
import {withSymbols, nodeSymbols} from '../../web/src/model/symbols.js';

const wasm = fileURLToPath(new URL('../../build/wasm/backprop-core.wasm', import.meta.url));
// Without the module the tests that need it fail, each saying why: a missing
// build is not a reason to pass.
const core = existsSync(wasm) ? await instantiateCore(readFileSync(wasm)) : null;

const traceOf = (expr, vars = {}, expand = false) => {
  if (!core) assert.fail(`${wasm} is missing: run ./dev build`);
  const g = new core.Graph({expr, expand});
  try {
    return withSymbols(g.trace(valuesFor(g.inputs, vars), 1));
  } finally {
    g.dispose();
  }
};

// A sum of neuron-like terms over three shared variables (as bench/expr.c),
// about 10 nodes a term.
export function bigExpression(terms) {
  const kinds = ['sigmoid(w*x + 0.5)', 'tanh(x*y - w)', 'exp(-x*x) * y', 'relu(w - y) / (1 + x*x)'];
  return Array.from({length: terms}, (_, i) => kinds[i % 4]).join(' + ');
}

// Every pair of nodes apart: boxes of the nodes' extents do not meet.
function assertNoOverlap(layout) {
  const byLayer = new Map();
  for (const n of layout.nodes) (byLayer.get(n.layer) || byLayer.set(n.layer, []).get(n.layer)).push(n);
  for (const [L, ns] of byLayer) {
    ns.sort((a, b) => a.y - b.y);
    for (let i = 1; i < ns.length; i++) {
      const a = ns[i - 1], b = ns[i];
      const ha = a.kind === 'input' ? 12 : a.r, hb = b.kind === 'input' ? 12 : b.r;
      assert.ok(b.y - a.y >= ha + hb + 8, `layer ${L}: nodes ${a.id} and ${b.id} overlap (${a.y}, ${b.y})`);
    }
  }
  const xs = [...new Set(layout.nodes.map((n) => n.x))].sort((a, b) => a - b);
  for (let i = 1; i < xs.length; i++) assert.ok(xs[i] - xs[i - 1] >= DAG_SIZES.minPitch - 0.5, 'layers a pitch apart');
}

function assertLayersRespectEdges(trace, layout) {
  for (const e of trace.edges) {
    const a = layout.nodes[e.from], b = layout.nodes[e.to];
    assert.ok(a.layer < b.layer, `edge ${e.from}->${e.to}: layer ${a.layer} !< ${b.layer}`);
    assert.ok(a.x < b.x, `edge ${e.from}->${e.to} points right`);
  }
}

const crossingsOf = (trace, layout) => countCrossings(trace.edges.map((e) => {
  const a = layout.nodes[e.from], b = layout.nodes[e.to];
  return {x0: a.x, y0: a.y, x1: b.x, y1: b.y};
}));

test('the presets: layers respect edges, nothing overlaps, no crossings', () => {
  for (const p of PRESETS) {
    for (const expand of [false, true]) {
      const trace = traceOf(p.expr, p.vars, expand);
      const layout = layoutDag(trace, {width: 900});
      assert.equal(layout.nodes.length, trace.nodes.length);
      assert.equal(layout.edges.length, trace.edges.length + 1, `${p.expr}: every edge and the output's`);
      assertLayersRespectEdges(trace, layout);
      assertNoOverlap(layout);
      assert.equal(crossingsOf(trace, layout), 0, `${p.expr}${expand ? ' expanded' : ''}: crossings`);
      for (const n of layout.nodes) {
        assert.ok(n.x - n.r >= 0 && n.x + n.r <= layout.width, `${p.expr}: node ${n.id} inside horizontally`);
        assert.ok(n.y - n.r >= 0 && n.y + n.r <= layout.height, `${p.expr}: node ${n.id} inside vertically`);
      }
      assert.ok(layout.output.x > Math.max(...layout.nodes.map((n) => n.x)), 'the output terminal at the right');
    }
  }
});

// Label boxes as drawn: the value above its anchor, the gradient below,
// centred, as wide as "−0.3875" in 16 px bold (about 0.6 em a character).
function labelBoxes(layout) {
  const width = 7 * 16 * 0.6, height = 18;
  return layout.edges.flatMap((e) => [
    {key: `${e.key} value`, x: e.valueAt.x - width / 2, y: e.valueAt.y - height, width, height},
    {key: `${e.key} grad`, x: e.gradAt.x - width / 2, y: e.gradAt.y, width, height},
  ]);
}
const meet = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('the presets: no two edge labels overlap, and none covers a node', () => {
  assert.ok(LABEL_BOX.width >= 7 * 16 * 0.6 && LABEL_BOX.height >= 18, 'the layout keeps room for the estimate');
  for (const p of PRESETS) {
    for (const expand of [false, true]) {
      const layout = layoutDag(traceOf(p.expr, p.vars, expand), {width: 900});
      const boxes = labelBoxes(layout);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          assert.ok(!meet(boxes[i], boxes[j]), `${p.expr}${expand ? ' expanded' : ''}: ${boxes[i].key} overlaps ${boxes[j].key}`);
        }
        for (const n of layout.nodes) {
          // A node's circle (an input's name: about a circle of 10 px).
          const b = boxes[i], r = n.kind === 'input' ? 10 : n.r;
          const dx = n.x - Math.max(b.x, Math.min(n.x, b.x + b.width)), dy = n.y - Math.max(b.y, Math.min(n.y, b.y + b.height));
          assert.ok(Math.hypot(dx, dy) >= r, `${p.expr}: ${b.key} covers node ${n.id}`);
        }
      }
    }
  }
});

// Points along a drawn path (M, L and C commands), 32 a cubic.
function pathPoints(d) {
  const points = [];
  let at = null;
  for (const [, cmd, args] of d.matchAll(/([MLC])([^MLC]*)/g)) {
    const v = args.match(/-?\d+(\.\d+)?/g).map(Number);
    if (cmd === 'M') at = {x: v[0], y: v[1]};
    else if (cmd === 'L') {
      for (let i = 1; i <= 32; i++) points.push({x: at.x + ((v[0] - at.x) * i) / 32, y: at.y + ((v[1] - at.y) * i) / 32});
      at = {x: v[0], y: v[1]};
    } else {
      const [x1, y1, x2, y2, x3, y3] = v;
      for (let i = 1; i <= 32; i++) {
        const t = i / 32, u = 1 - t;
        points.push({x: u * u * u * at.x + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3, y: u * u * u * at.y + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3});
      }
      at = {x: x3, y: y3};
    }
    if (cmd === 'M') points.push(at);
  }
  return points;
}

// A variable used at several depths: its edges to the later nodes skip the
// layers between, and used to be drawn straight through the nodes there.
const SKIPPING = [['x+x+x+x+x', {x: 1}], ['x*sigmoid(x)', {x: 0.5}, true], ['x*x + sin(x)*y + x/y', {x: 0.5, y: 2}], ['apple*count*tax', {apple: 100, count: 2, tax: 1.1}],
  ['x' + '+x'.repeat(19), {x: 1}], ['exp(x) + exp(exp(x)) + x', {x: 0.1}]];

test('an edge that skips layers passes no node between, and stays in the drawing', () => {
  for (const [expr, vars, expand] of SKIPPING) {
    const trace = traceOf(expr, vars, expand);
    const layout = layoutDag(trace, {width: 1034});
    assertLayersRespectEdges(trace, layout);
    assertNoOverlap(layout);
    assert.ok(Number.isInteger(layout.height), `${expr}: height ${layout.height}, whole pixels as the drawing's size`);
    for (const e of layout.edges) {
      for (const arrow of [e.forward, e.backward]) {
        for (const p of pathPoints(arrow.path)) {
          assert.ok(p.y >= 0 && p.y <= layout.height && p.x >= 0 && p.x <= layout.width, `${expr}: edge ${e.key} leaves the drawing at ${p.x},${p.y}`);
          for (const n of layout.nodes) {
            if (n.id === e.from || n.id === e.to) continue;
            const clear = Math.hypot(p.x - n.x, p.y - n.y) - (n.kind === 'input' ? 10 : n.r);
            assert.ok(clear >= 8, `${expr}: edge ${e.key} passes ${clear.toFixed(1)} px from node ${n.id} (${n.label})`);
          }
        }
      }
    }
    const boxes = labelBoxes(layout);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) assert.ok(!meet(boxes[i], boxes[j]), `${expr}: ${boxes[i].key} overlaps ${boxes[j].key}`);
    // Nor an op's name (q₁, written 5 px above its circle, about 16 by 11 px).
    for (const n of layout.nodes.filter((node) => node.kind === 'op' && node.symbol)) {
      const name = {x: n.x - 8, y: n.y - n.r - 10.5, width: 16, height: 11};
      for (const b of boxes) assert.ok(!meet(b, name), `${expr}: ${b.key} covers the name ${n.symbol}`);
    }
  }
});

test('an op of constants only sits right of them: sigmoid(3)*x + 3*2^2', () => {
  const trace = traceOf('sigmoid(3)*x + 3*2^2', {x: 1});
  const layout = layoutDag(trace, {width: 1034});
  assertLayersRespectEdges(trace, layout);
  assertNoOverlap(layout);
});

test('the edges one source sends along lanes share one: x+x+...+x stays one row and a lane tall', () => {
  for (const terms of [5, 20, 60]) {
    const expr = 'x' + '+x'.repeat(terms - 1);
    const layout = layoutDag(traceOf(expr, {x: 1}), {width: 1034});
    // A laned edge: a cubic into its lane, a line along it (none across one layer), a cubic out.
    const laned = layout.edges.filter((e) => e.forward.path.split('C').length > 2);
    assert.equal(laned.length, terms - 2, `${expr}: x's edges to the second sum on run along a lane`);
    const heights = new Set(laned.map((e) => e.forward.path.split('C')[1].trim().split(/[ L]/)[2].split(',')[1]));
    assert.equal(heights.size, 1, `${expr}: one lane, at ${[...heights]}`);
    const starts = new Set(laned.map((e) => e.forward.path.split('C')[0]));
    assert.equal(starts.size, 1, `${expr}: they leave x as one, from ${[...starts]}`);
    assert.ok(layout.height <= 260, `${expr}: height ${layout.height}`);
  }
});

test('a long sum runs straight: a 500-node graph stays about one screen tall', () => {
  const trace = traceOf(bigExpression(95), {x: 0.3, y: -1.2, w: 0.7});
  assert.ok(trace.nodes.length >= 450, `${trace.nodes.length} nodes`);
  const layout = layoutDag(trace, {width: 1200});
  // Its terms are 4 to 7 nodes deep, so that a few overlap in any layer.
  assert.ok(layout.height <= 900, `height ${layout.height}`);
  // The chain of + nodes keeps one height (within a few pixels).
  const out = layout.nodes.length - 1;
  const chain = [];
  for (let id = out; trace.nodes[id].op === 'add'; id = trace.nodes[id].args[0]) chain.push(layout.nodes[id].y);
  assert.ok(chain.length >= 90, `${chain.length} + nodes in the chain`);
  assert.ok(Math.max(...chain) - Math.min(...chain) <= 24, `the chain spans ${Math.min(...chain)}..${Math.max(...chain)}`);
});

test('inputs in the first layer, longest path after; a constant beside its consumer', () => {
  const trace = traceOf('exp(x*y) + 2*z', {x: 1, y: 2, z: 3});
  const layer = layers(trace);
  const byLabel = (l) => trace.nodes.find((n) => n.label === l).id;
  assert.equal(layer[byLabel('x')], 0);
  assert.equal(layer[byLabel('z')], 0);
  assert.equal(layer[byLabel('exp')], 2);
  const two = byLabel('2');
  const times = trace.nodes.find((n) => n.args.includes(two)).id;
  assert.equal(layer[two], layer[times] - 1);
  const layout = layoutDag(trace, {width: 700});
  assert.equal(layout.nodes[two].kind, 'const');
  assert.ok(layout.nodes[two].r < DAG_SIZES.radius, 'constants are small nodes');
});

// In the first column, 300 variables stacked 25,842 px high, the edge of
// each reaching across the graph to its +.
test('a variable first used far right sits just left of its use; the others in the first column', () => {
  const names = Array.from({length: 300}, (_, i) => `v${i}`);
  const trace = traceOf(names.join('+'));
  const layer = layers(trace);
  const use = (id) => Math.min(...trace.edges.filter((e) => e.from === id).map((e) => layer[e.to]));
  for (const node of trace.nodes.filter((n) => n.op === 'input')) {
    assert.equal(layer[node.id], use(node.id) <= 3 ? 0 : use(node.id) - 1, `${node.label}: layer ${layer[node.id]}, used in ${use(node.id)}`);
  }
  const layout = layoutDag(trace, {width: 1034});
  assertLayersRespectEdges(trace, layout);
  assertNoOverlap(layout);
  assert.ok(layout.height <= 600, `height ${layout.height}`);
  const long = layout.edges.filter((e) => e.to != null && layout.nodes[e.to].layer - layout.nodes[e.from].layer > 3);
  assert.deepEqual(long.map((e) => e.key), []);
});

test('x*x: two distinct curves from x into one node, arg 0 and arg 1', () => {
  const trace = traceOf('x*x + x', {x: 3});
  const layout = layoutDag(trace, {width: 700});
  const into = layout.edges.filter((e) => e.from === 0 && e.to === 1);
  assert.deepEqual(into.map((e) => e.arg), [0, 1]);
  assert.notEqual(into[0].forward.path, into[1].forward.path);
  assert.notEqual(into[0].backward.path, into[1].backward.path);
  assert.notDeepEqual(into[0].valueAt, into[1].valueAt);
  // Three edges leave x, at three different heights.
  const starts = layout.edges.filter((e) => e.from === 0).map((e) => e.forward.from.y);
  assert.equal(new Set(starts).size, 3);
});

test('deterministic: the same trace gives the same layout', () => {
  const trace = traceOf(PRESETS[1].expr, PRESETS[1].vars, true);
  assert.deepEqual(layoutDag(trace, {width: 800}), layoutDag(structuredClone(trace), {width: 800}));
});

test('a node that fans out and a DAG with shared inputs stay nearly planar', () => {
  const trace = traceOf('(a*b + b*c) * (c*a + a)', {a: 1, b: 2, c: 3});
  const layout = layoutDag(trace, {width: 900});
  assertLayersRespectEdges(trace, layout);
  assertNoOverlap(layout);
  assert.ok(crossingsOf(trace, layout) <= 3, `crossings: ${crossingsOf(trace, layout)}`);
});

test('1000 nodes: laid out in shape', () => {
  // How fast is the bench's to say (./dev bench: 499 nodes in the page);
  // a timed assertion here would fail on a busy machine, not on a defect.
  const trace = traceOf(bigExpression(185), {x: 0.3, y: -1.2, w: 0.7});
  const big = {trace, layout: layoutDag(trace, {width: 1000})};
  assert.ok(big.trace.nodes.length >= 900 && big.trace.nodes.length <= 1000, `${big.trace.nodes.length} nodes`);
  assertLayersRespectEdges(big.trace, big.layout);
  assertNoOverlap(big.layout);
  assert.ok(big.layout.nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y)));
});

// An arrow's length, from its path as drawn: a line, or a cubic measured
// as 256 chords.
function pathLength(d) {
  const [x0, y0, ...rest] = d.match(/-?\d+(\.\d+)?/g).map(Number);
  if (rest.length === 2) return Math.hypot(rest[0] - x0, rest[1] - y0);
  const [x1, y1, x2, y2, x3, y3] = rest;
  let length = 0, px = x0, py = y0;
  for (let i = 1; i <= 256; i++) {
    const t = i / 256, u = 1 - t;
    const x = u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3;
    const y = u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3;
    length += Math.hypot(x - px, y - py);
    [px, py] = [x, y];
  }
  return length;
}

// The browser dashes an arrow along all of it whenever it paints any part,
// so the dashes a drawing asks for are its paint work: x used 1000 times
// would ask for 61 million px of them (views/graph.js draws pathLength).
test('dashes: exact within the budget, and within it plus a floor per arrow for a 1000-way fan-out', () => {
  for (const p of PRESETS) {
    const layout = layoutDag(traceOf(p.expr, p.vars), {width: 900});
    assert.ok(layout.edges.every((e) => e.backward.pathLength === undefined), `${p.expr}: dashed as drawn`);
  }
  for (const expr of ['x' + '+x'.repeat(999), bigExpression(95)]) {
    const layout = layoutDag(traceOf(expr, {x: 0.3, y: -1.2, w: 0.7}), {width: 1034});
    const arrows = layout.edges.map((e) => ({key: e.key, ...e.backward, drawn: pathLength(e.backward.path)}));
    const dashed = arrows.reduce((sum, a) => sum + (a.pathLength ?? a.drawn), 0);
    assert.ok(dashed <= DASH_BUDGET + DASH_FLOOR * arrows.length, `${arrows.length} arrows ask for ${Math.round(dashed)} px of dashes`);
    for (const a of arrows) {
      assert.ok(Math.abs(a.length - a.drawn) <= 0.01 * a.drawn + 0.5, `${a.key}: length ${a.length}, drawn ${a.drawn}`);
      if (a.pathLength !== undefined) assert.ok(a.pathLength >= DASH_FLOOR && a.pathLength < a.drawn, `${a.key}: dashes stretched, never crowded`);
    }
    assert.ok(arrows.some((a) => a.pathLength !== undefined));
  }
});

test('fitOrdered: least squares under order and spacing', () => {
  assert.deepEqual(fitOrdered([0, 10, 20], [0, 5, 5]), [0, 10, 20]); // already apart
  assert.deepEqual(fitOrdered([0, 0], [0, 10]), [-5, 5]); // pushed apart evenly
  const ys = fitOrdered([5, 0, 0, 9], [0, 4, 4, 4]);
  for (let i = 1; i < ys.length; i++) assert.ok(ys[i] - ys[i - 1] >= 4 - 1e-9);
  assert.deepEqual(fitOrdered([0, 0], [0, 10], [9, 1]), [-1, 9]); // the heavier one moves less
});

test('countCrossings: crossing, shared ends and disjoint spans', () => {
  assert.equal(countCrossings([{x0: 0, y0: 0, x1: 1, y1: 1}, {x0: 0, y0: 1, x1: 1, y1: 0}]), 1);
  assert.equal(countCrossings([{x0: 0, y0: 0, x1: 1, y1: 1}, {x0: 0, y0: 0, x1: 1, y1: 0}]), 0);
  assert.equal(countCrossings([{x0: 0, y0: 0, x1: 1, y1: 1}, {x0: 1, y0: 1, x1: 2, y1: 0}]), 0);
});

test('names: variables, constants, q or q₁ q₂ …, f; a letter no variable uses', () => {
  const one = nodeSymbols(traceOf('(x+y)*z'));
  assert.deepEqual(one.symbols, ['x', 'y', 'q', 'z', 'f']);
  const many = nodeSymbols(traceOf('q*2 + exp(q)'));
  assert.equal(many.output, 'f');
  assert.ok(many.symbols.filter((s) => s && s !== 'q' && s !== '2' && s !== 'f').every((s) => s.startsWith('u')));
  assert.equal(nodeSymbols(traceOf('f*g')).output, 'F');
});

test('the caret sits under the column; samples shrink for large graphs', () => {
  assert.equal(caretLine('(x+y)*', 7), '      ^');
  assert.equal(caretLine('\tx+', 4), '\t  ^');
  assert.equal(sampleCount(10), 161);
  assert.ok(sampleCount(1000) >= 41 && sampleCount(1000) < 81);
});
