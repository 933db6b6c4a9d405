// layout/dag.js: any trace's graph laid out left to right as a layered DAG (pure
// data, no DOM): the layout of the reader's own expressions. layoutDag runs
// the phases in turn:
//
//   1. Layers (layers): longest path from the inputs (inputs in the first
//      column, each op one column right of its deepest operand), then every
//      op and constant moved as far right as its consumers allow, so that
//      "2" or a term of a long sum sits just left of what takes it; so does
//      a variable first used more than INPUT_REACH columns right.
//   2. Chains (chainBlocks): long runs of nodes, each aligned with its main
//      operand, that will run straight.
//   3. Order within a layer (dag-order.js): depth-first from the output,
//      first operand on top (no crossings at all for a tree), then
//      barycentre sweeps; the order with the fewest crossings wins.
//   4. Across the flow (dag-across.js): each node pulled towards the mean of
//      its neighbours, then the least-squares positions that keep the order
//      and the spacing (pool-adjacent-violators), a few sweeps each way.
//   5. Along the flow (coordinatesAlong): evenly spaced layers, the nodes'
//      final coordinates and the output terminal.
//   6. Edges (dag-edges.js): dummy-free cubic curves with horizontal
//      tangents, their ends spread over the nodes' rims, each as two
//      parallel arrows (forward above, backward below) like chain.js's;
//      parallel edges between one pair of nodes (x*x) bow apart; an edge
//      that would pass through a node of a layer it skips runs along a
//      lane clear of them instead (dag-lanes.js); the dashes of the
//      backward arrows kept within a budget.
//   7. Labels (dag-labels.js): each edge's value and gradient where they
//      meet the fewest other things.
//
// Linear or n log n per sweep; the crossing count (quadratic in edges) only
// judges the sweeps of graphs up to dag-order.js's CROSSING_LIMIT edges.
// Returns the shape of chain.js's layoutGraph, so views/graph.js draws either.
import {outputNode} from '../model/timeline.js';
import {DAG_SIZES, LABEL_LIMIT, MIN_SCALE} from './dag-sizes.js';
import {orderLayers} from './dag-order.js';
import {positionsAcross} from './dag-across.js';
import {routeEdges} from './dag-edges.js';
import {laneEdges, laneReach} from './dag-lanes.js';
import {placeLabels} from './dag-labels.js';
import {round} from './chain.js';

export {DAG_SIZES, LABEL_BOX, LABEL_LIMIT, MIN_SCALE, DASH_BUDGET, DASH_FLOOR} from './dag-sizes.js';
export {countCrossings} from './dag-order.js';
export {fitOrdered} from './dag-across.js';

const CHAIN_MIN = 5; // aligned nodes that make a chain worth straightening
// A variable stays in the first column when it is first used this many
// columns right of it or fewer; one used first further right (v299 of
// v0+v1+...+v299) sits just left of that use, as a constant does: in the
// first column, 300 of them would stack 25,000 px high, their edges
// reaching across the whole graph.
const INPUT_REACH = 3;

// The trace's layout at this width (wider when the graph needs it): the
// phases above in turn, each given what the ones before it found.
export function layoutDag(trace, {width = 640} = {}) {
  const graph = graphOf(trace);
  const chains = chainBlocks(graph);
  const rows = orderLayers(graph, chains);
  const y = positionsAcross(graph, rows, chains);
  const {nodes, output, width: layoutWidth, height, columnX} = coordinatesAlong(graph, rows, y, width);
  const few = graph.n <= LABEL_LIMIT;
  const lanes = few ? laneEdges(graph, nodes, columnX) : new Map();
  const {above, below} = laneReach(lanes, nodes, graph.half);
  if (above) {
    for (const node of nodes) node.y = round(node.y + above);
    output.y = nodes[graph.out].y;
    for (const [key, at] of lanes) lanes.set(key, at + above);
  }
  const {all, curves, outs, ins} = routeEdges(graph, nodes, output, lanes);
  const at = placeLabels(all, curves, nodes, outs, ins, few);
  const edges = all.map(({key, from, to, arg}, k) => ({key, from, to, arg,
    forward: curves[k].forward, backward: curves[k].backward, valueAt: at[k][0], gradAt: at[k][1]}));
  return {orientation: 'horizontal', width: layoutWidth, height: Math.ceil(height + above + below), nodes, edges, output, minScale: MIN_SCALE};
}

// An input's half-width: its name is drawn as text in place of a circle.
const inputRadius = (name) => Math.max(12, 5 + 4.6 * String(name ?? '').length);

// A node's half-extent along the flow, for spacing and for edge ends.
export function nodeRadius(node) {
  if (node.op === 'input') return inputRadius(node.label);
  if (node.op === 'const') return DAG_SIZES.constRadius;
  return DAG_SIZES.radius;
}

// Layer of every node (see 1. above).
export function layers(trace) {
  const n = trace.nodes.length;
  const layer = new Array(n).fill(0);
  const consumers = Array.from({length: n}, () => []);
  for (const e of trace.edges) consumers[e.from].push(e.to);
  for (const node of trace.nodes) {
    let deepest = -1;
    for (const a of node.args) if (trace.nodes[a].op !== 'const') deepest = Math.max(deepest, layer[a]);
    // (An op of constants only, 3*2 or sigmoid(3), right of them as any op
    // is of its operands: it sat in their layer, its edges backwards.)
    layer[node.id] = node.args.length ? Math.max(deepest, 0) + 1 : 0;
  }
  // Then, back to front, each op and constant as late as its consumers
  // allow: a term of a long sum sits beside the + that takes it, rather than
  // every term crowding the first columns; a variable too, when its first
  // use is beyond INPUT_REACH.
  for (let id = trace.nodes.length - 1; id >= 0; id--) {
    const node = trace.nodes[id];
    if (!consumers[id].length) continue;
    let first = Infinity;
    for (const c of consumers[id]) first = Math.min(first, layer[c]);
    if (node.op !== 'input' || first > INPUT_REACH) layer[id] = Math.max(layer[id], first - 1);
  }
  return layer;
}

// The graph as every phase reads it: each node's layer, its neighbours on
// either side (preds, succs), its extent along the flow (radius) and across
// it (half), and the output node.
function graphOf(trace) {
  const n = trace.nodes.length;
  const layer = layers(trace);
  const preds = Array.from({length: n}, () => []);
  const succs = Array.from({length: n}, () => []);
  for (const e of trace.edges) {
    preds[e.to].push(e.from);
    succs[e.from].push(e.to);
  }
  const radius = trace.nodes.map(nodeRadius);
  // Across-extent of a node: inputs are one line of text high.
  const half = trace.nodes.map((node, i) => (node.op === 'input' ? 24 : radius[i]));
  // A node fed twice by one source (x*x) bows those edges apart: keep room.
  for (const node of trace.nodes) if (node.args.length === 2 && node.args[0] === node.args[1]) half[node.id] += DAG_SIZES.bow * 0.6;
  return {trace, n, out: outputNode(trace), layer, depth: Math.max(0, ...layer) + 1, preds, succs, radius, half};
}

// Long chains run straight (a left-deep sum, a deep composition): without
// it a long sum drifts half a row a layer. Each node is aligned with its
// main operand, the deepest one in the layer just before it (the first on
// ties), unless another node took that operand; a chain of CHAIN_MIN or
// more aligned nodes then follows one line, as Brandes and Köpf's blocks
// do, where a short one keeps a parent centred on its operands. Returns
// whom each node follows from the left, from the right and in the last
// sweep (around), and how firmly it holds its line (hold).
function chainBlocks({trace, n, layer, preds, succs}) {
  const deep = new Int32Array(n);
  const mate = new Int32Array(n).fill(-1), succMate = new Int32Array(n).fill(-1);
  const block = new Int32Array(n), blockSize = new Int32Array(n);
  for (const node of trace.nodes) {
    const id = node.id;
    let best = -1;
    for (const a of node.args) {
      deep[id] = Math.max(deep[id], deep[a] + 1);
      if (layer[a] === layer[id] - 1 && succMate[a] < 0 && (best < 0 || deep[a] > deep[best])) best = a;
    }
    if (best >= 0) [mate[id], succMate[best]] = [best, id];
    block[id] = best >= 0 ? block[best] : id;
    blockSize[block[id]]++;
  }
  const chained = (id) => blockSize[block[id]] >= CHAIN_MIN;
  const fromLeft = (id) => (chained(id) && mate[id] >= 0 ? [mate[id]] : preds[id]);
  const fromRight = (id) => (chained(id) && succMate[id] >= 0 ? [succMate[id]] : succs[id]);
  return {
    fromLeft,
    fromRight,
    around: (id) => (chained(id) ? [...fromLeft(id), ...fromRight(id)] : preds[id].concat(succs[id])),
    hold: (id) => (chained(id) ? blockSize[block[id]] ** 3 : 1),
  };
}

// Node records at their final coordinates, the output terminal one more
// column right, and the layout's size: evenly spaced layers as wide as the
// width allows within the pitch limits (wider, the view scrolls), centred,
// with room above and below for the edges' labels.
function coordinatesAlong({trace, n, out, layer, depth, radius, half}, rows, y, width) {
  const S = DAG_SIZES;
  const leftRoom = Math.max(...rows[0].map((id) => radius[id]));
  const columns = depth + 1;
  const inner = width - 2 * S.margin - leftRoom - 14;
  const pitch = Math.min(S.maxPitch, Math.max(S.minPitch, inner / (columns - 1 || 1)));
  const used = leftRoom + (columns - 1) * pitch + 14;
  const left = S.margin + leftRoom + Math.max(0, (width - 2 * S.margin - used) / 2);
  let top = Infinity, bottom = -Infinity;
  for (let id = 0; id < n; id++) {
    top = Math.min(top, y[id] - half[id]);
    bottom = Math.max(bottom, y[id] + half[id]);
  }
  const shift = S.margin + S.labelRoom - top;
  const symbols = trace.symbols || [];
  const nodes = trace.nodes.map((node) => ({
    id: node.id,
    kind: node.op === 'input' ? 'input' : node.op === 'const' ? 'const' : 'op',
    op: node.op,
    label: node.label,
    layer: layer[node.id],
    x: round(left + layer[node.id] * pitch),
    y: round(y[node.id] + shift),
    r: radius[node.id],
    ...(symbols[node.id] != null && {symbol: symbols[node.id]}),
  }));
  return {
    nodes,
    output: {x: round(left + depth * pitch), y: nodes[out].y, r: 10, label: trace.outputName || 'y'},
    width: Math.max(width, Math.ceil(used + 2 * S.margin)),
    height: Math.round(bottom - top + 2 * (S.margin + S.labelRoom)),
    columnX: (L) => round(left + L * pitch),
  };
}
