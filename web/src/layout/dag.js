// layout/dag.js: any trace's graph laid out left to right as a layered DAG (pure
// data, no DOM): the layout of the reader's own expressions.
//
//   1. Layers: longest path from the inputs (inputs in the first column, each
//      op one column right of its deepest operand), then every op and
//      constant moved as far right as its consumers allow, so that "2" or a
//      term of a long sum sits just left of what takes it.
//   2. Order within a layer: depth-first from the output, first operand on
//      top (no crossings at all for a tree), then barycenter sweeps; the
//      order with the fewest crossings wins.
//   3. Across the flow: each node pulled towards the mean of its neighbours,
//      then the least-squares positions that keep the order and the spacing
//      (pool-adjacent-violators), a few sweeps each way.
//   4. Edges: dummy-free cubic curves with horizontal tangents, each as two
//      parallel arrows (forward above, backward below) like layout.js's;
//      parallel edges between one pair of nodes (x*x) bow apart.
//
// Linear or n log n per sweep; the crossing count (quadratic in edges) only
// judges the sweeps of graphs up to CROSSING_LIMIT edges.
// Returns the shape of layout.js's layoutGraph, so views/graph.js draws either.
import {OUTPUT_EDGE, edgeKey, outputNode} from '../model/timeline.js';
import {head, round} from './chain.js';

export const DAG_SIZES = {
  radius: 24, // an op node's circle
  constRadius: 14, // a constant's
  minPitch: 122, // between layers: two radii and an edge that fits "−0.3875"
  maxPitch: 190,
  gapAcross: 38, // between the rims of two nodes in one layer
  gap: 6, // half the distance between an edge's two arrows
  labelOffset: 8,
  margin: 14,
  labelRoom: 26, // above the top row and below the bottom row, for edge labels
  bow: 46, // how far parallel edges between the same two nodes bow apart
  port: 22, // between the ends of two edges on one node's rim
};
const CROSSING_LIMIT = 600;
// The box kept for an edge's label ("−0.3875" in 16 px bold, with a little
// air), and where else along its curve it may go when its place is taken.
export const LABEL_BOX = {width: 68, height: 19};
const [LW, LH] = [LABEL_BOX.width, LABEL_BOX.height];
// Beyond this many nodes, only the active step's edges are labelled.
export const LABEL_LIMIT = 120;
const LABEL_TS = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85, 0.9];
const CHAIN_MIN = 5; // aligned nodes that make a chain worth straightening
const SWEEPS = 4;
// Drawn no smaller than this (labels stay about 11 px); wider, it scrolls.
export const MIN_SCALE = 0.7;

// An input's half-width: its name is drawn as text in place of a circle.
const inputRadius = (name) => Math.max(12, 5 + 4.6 * String(name ?? '').length);

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
    layer[node.id] = node.args.length ? deepest + 1 : 0;
  }
  // Then, back to front, each op and constant as late as its consumers
  // allow: a term of a long sum sits beside the + that takes it, rather than
  // every term crowding the first columns.
  for (let id = trace.nodes.length - 1; id >= 0; id--) {
    const node = trace.nodes[id];
    if (node.op === 'input' || !consumers[id].length) continue;
    let first = Infinity;
    for (const c of consumers[id]) first = Math.min(first, layer[c]);
    layer[id] = Math.max(layer[id], first - 1);
  }
  return layer;
}

// Crossings between the edges drawn straight from (layer, position) to
// (layer, position): two edges cross where their order changes over the
// layers they share.
export function countCrossings(segments) {
  let count = 0;
  for (let i = 0; i < segments.length; i++) {
    const a = segments[i];
    for (let j = i + 1; j < segments.length; j++) {
      const b = segments[j];
      const lo = Math.max(a.x0, b.x0), hi = Math.min(a.x1, b.x1);
      if (lo >= hi) continue;
      if (a.y0 === b.y0 && a.x0 === b.x0) continue; // from one point: fan-out, not a crossing
      if (a.y1 === b.y1 && a.x1 === b.x1) continue; // into one point
      const at = (s, x) => s.y0 + ((s.y1 - s.y0) * (x - s.x0)) / (s.x1 - s.x0);
      const d0 = at(a, lo) - at(b, lo), d1 = at(a, hi) - at(b, hi);
      if (d0 * d1 < 0) count++;
    }
  }
  return count;
}

export function layoutDag(trace, {width = 640} = {}) {
  const S = DAG_SIZES;
  const n = trace.nodes.length;
  const out = outputNode(trace);
  const layer = layers(trace);
  const depth = Math.max(0, ...layer) + 1;
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
  for (const node of trace.nodes) if (node.args.length === 2 && node.args[0] === node.args[1]) half[node.id] += S.bow * 0.6;

  // Long chains run straight (a left-deep sum, a deep composition): each
  // node is aligned with its main operand, the deepest one in the layer just
  // before it (the first on ties), unless another node took that operand;
  // a chain of CHAIN_MIN or more aligned nodes then follows one line, as
  // Brandes and Köpf's blocks do, where a short one keeps a parent centred
  // on its operands. Without it a long sum drifts half a row a layer.
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
  // 2. Order: depth-first from the output, operands in order (iterative:
  // 1000 nested nodes would overflow no stack, but stay safe).
  const visit = new Array(n).fill(-1);
  let counter = 0;
  const stack = [out];
  while (stack.length) {
    const id = stack.pop();
    if (visit[id] >= 0) continue;
    visit[id] = counter++;
    const args = trace.nodes[id].args;
    for (let k = args.length - 1; k >= 0; k--) if (visit[args[k]] < 0) stack.push(args[k]);
  }
  for (let id = 0; id < n; id++) if (visit[id] < 0) visit[id] = counter++; // not reaching the output
  const rows = Array.from({length: depth}, () => []);
  for (let id = 0; id < n; id++) rows[layer[id]].push(id);
  for (const row of rows) row.sort((a, b) => visit[a] - visit[b]);

  const pos = new Float64Array(n); // position within the layer, for ordering
  const place = () => {
    for (const row of rows) row.forEach((id, i) => { pos[id] = i - (row.length - 1) / 2; });
  };
  const crossings = () => {
    const segs = trace.edges.map((e) => ({x0: layer[e.from], y0: pos[e.from], x1: layer[e.to], y1: pos[e.to]}));
    return countCrossings(segs);
  };
  place();
  if (trace.edges.length <= CROSSING_LIMIT) {
    let best = crossings();
    let bestRows = rows.map((r) => r.slice());
    for (let sweep = 0; sweep < 2 * SWEEPS && best > 0; sweep++) {
      const down = sweep % 2 === 0;
      const order = down ? rows.keys() : [...rows.keys()].reverse();
      for (const L of order) {
        const row = rows[L];
        const key = new Map();
        for (const id of row) {
          const nb = down ? fromLeft(id) : fromRight(id);
          key.set(id, nb.length ? nb.reduce((s, v) => s + pos[v], 0) / nb.length : pos[id]);
        }
        row.sort((a, b) => key.get(a) - key.get(b) || visit[a] - visit[b]);
        row.forEach((id, i) => { pos[id] = i - (row.length - 1) / 2; });
      }
      const c = crossings();
      if (c < best) {
        best = c;
        bestRows = rows.map((r) => r.slice());
      }
    }
    rows.splice(0, rows.length, ...bestRows);
    place();
  }

  // 3. Across: spacing-respecting least squares towards the neighbours' mean.
  const y = new Float64Array(n);
  for (const row of rows) {
    let at = 0;
    row.forEach((id, i) => {
      if (i) at += half[row[i - 1]] + S.gapAcross + half[id];
      y[id] = at;
    });
    const mid = at / 2;
    for (const id of row) y[id] -= mid;
  }
  const settle = (row, neighbours) => {
    const want = row.map((id) => {
      const nb = neighbours(id);
      return nb.length ? nb.reduce((s, v) => s + y[v], 0) / nb.length : y[id];
    });
    // A chain's nodes hold their line, a longer chain more firmly; the
    // others make room around them.
    const placed = fitOrdered(want, row.map((id, i) => (i ? half[row[i - 1]] + S.gapAcross + half[id] : 0)),
      row.map((id) => (chained(id) ? blockSize[block[id]] ** 3 : 1)));
    row.forEach((id, i) => { y[id] = placed[i]; });
  };
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    for (let L = 1; L < depth; L++) settle(rows[L], fromLeft);
    for (let L = depth - 2; L >= 0; L--) settle(rows[L], fromRight);
  }
  for (let L = 1; L < depth; L++) settle(rows[L], (id) => (chained(id) ? [...fromLeft(id), ...fromRight(id)] : preds[id].concat(succs[id])));
  settle(rows[0], fromRight);

  // Along: evenly spaced layers, the output terminal one more column right.
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
  const height = Math.round(bottom - top + 2 * (S.margin + S.labelRoom));
  const layoutWidth = Math.max(width, Math.ceil(used + 2 * S.margin));

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
  const output = {x: round(left + depth * pitch), y: nodes[out].y, r: 10, label: trace.outputName || 'y'};

  // Ports: a node's edges leave and arrive spread over its rim, ordered by
  // the other end's height, so that arrows into one node do not pile up.
  // Parallel edges (x*x: the same from and to) also bow apart.
  const all = trace.edges.map((e) => ({key: edgeKey(e), from: e.from, to: e.to, arg: e.arg}));
  all.push({key: OUTPUT_EDGE, from: out, to: null, arg: 0});
  const endOf = (edge) => (edge.to == null ? output : nodes[edge.to]);
  const outs = Array.from({length: n}, () => []);
  const ins = Array.from({length: n}, () => []);
  for (const edge of all) {
    outs[edge.from].push(edge);
    if (edge.to != null) ins[edge.to].push(edge);
  }
  const portOut = new Map(), portIn = new Map();
  const spread = (list, node, other, into) => {
    list.sort((a, b) => other(a).y - other(b).y || a.arg - b.arg || a.from - b.from);
    const m = list.length;
    const room = node.kind === 'input' ? 20 : node.r * 0.62;
    const pitch = m > 1 ? Math.min(S.port, (2 * room) / (m - 1)) : 0;
    list.forEach((edge, i) => into.set(edge.key, (i - (m - 1) / 2) * pitch));
  };
  for (let id = 0; id < n; id++) {
    spread(outs[id], nodes[id], endOf, portOut);
    spread(ins[id], nodes[id], (edge) => nodes[edge.from], portIn);
  }
  const bundles = new Map();
  for (const edge of all) bundles.set(`${edge.from}-${edge.to}`, (bundles.get(`${edge.from}-${edge.to}`) || 0) + 1);
  const seen = new Map();
  // Labels, each at the first place along its curve where its box meets no
  // node, no other label and no other edge's arrow: first where the edge is
  // alone (near its source when it is one of several into its target, near
  // its target when its source fans out), then nearer and nearer either
  // end; where every place meets something, the least bad. Greedily in edge
  // order, then twice more, each label again given all the others.
  // A big graph shows only the active step's labels (views/graph.js): they
  // keep their first places, and the layout its speed.
  const few = n <= LABEL_LIMIT;
  const taken = boxes();
  for (const node of few ? nodes : []) taken.add([node.x - node.r, node.y - node.r, 2 * node.r, 2 * node.r, -1, 1000]);
  const curves = all.map((edge, k) => {
    const key = `${edge.from}-${edge.to}`;
    const i = seen.get(key) || 0;
    seen.set(key, i + 1);
    const m = bundles.get(key);
    const bow = m > 1 ? (i - (m - 1) / 2) * 2 * S.bow / (m - 1) : 0;
    const c = curve(nodes[edge.from], endOf(edge), portOut.get(edge.key), portIn.get(edge.key) ?? 0, bow);
    for (const ps of few ? [c.forwardPs, c.backwardPs] : []) {
      for (let j = 1; j < 24; j++) {
        const p = bezier(ps, j / 24);
        taken.add([p.x - 1, p.y - 1, 2, 2, k, 5]);
      }
    }
    const fanOut = outs[edge.from].length > 1, fanIn = edge.to != null && ins[edge.to].length > 1;
    const t = m > 1 ? 0.5 : !fanOut && fanIn ? 0.22 : fanOut && !fanIn ? 0.78 : 0.5;
    // Both labels' places: [anchor, box] at each parameter tried.
    c.spots = [-1, 1].map((side) => [t, ...(few ? LABEL_TS : [])].map((u) => {
      const at = labelAt(side < 0 ? c.forwardPs : c.backwardPs, u, side);
      return [at, [at.x - LW / 2, side < 0 ? at.y - LH : at.y, LW, LH, k, 1000]];
    }));
    c.at = c.spots.map((options) => options[0]);
    return c;
  });
  for (let round = 0; round < (few ? 3 : 1); round++) {
    for (const c of curves) {
      c.at = c.at.map((now, side) => {
        if (round) taken.remove(now[1]);
        let best, least = Infinity;
        for (const o of c.spots[side]) {
          const cost = taken.cost(o[1]);
          if (cost < least) [best, least] = [o, cost];
          if (!cost) break;
        }
        taken.add(best[1]);
        return best;
      });
    }
  }
  const edges = all.map(({key, from, to, arg}, k) => ({key, from, to, arg,
    forward: curves[k].forward, backward: curves[k].backward, valueAt: curves[k].at[0][0], gradAt: curves[k].at[1][0]}));

  return {orientation: 'horizontal', width: layoutWidth, height, nodes, edges, output, minScale: MIN_SCALE};
}

// Least squares positions for `want` (weighted by `weight`, 1 each if not
// given) that keep their order with at least sep[i] between i-1 and i:
// substitute z_i = y_i - (sep_1 + ... + sep_i), which must not decrease,
// and pool adjacent violators.
export function fitOrdered(want, sep, weight) {
  const k = want.length;
  const offset = new Float64Array(k);
  for (let i = 1; i < k; i++) offset[i] = offset[i - 1] + sep[i];
  const blocks = []; // {sum, weight, count}
  for (let i = 0; i < k; i++) {
    const w = weight ? weight[i] : 1;
    let b = {sum: w * (want[i] - offset[i]), weight: w, count: 1};
    for (let top; (top = blocks[blocks.length - 1]) && top.sum / top.weight > b.sum / b.weight;) {
      blocks.pop();
      b = {sum: top.sum + b.sum, weight: top.weight + b.weight, count: top.count + b.count};
    }
    blocks.push(b);
  }
  const outY = new Array(k);
  let i = 0;
  for (const b of blocks) {
    const z = b.sum / b.weight;
    for (let j = 0; j < b.count; j++, i++) outY[i] = z + offset[i];
  }
  return outY;
}

// An edge from a to b as a cubic with horizontal tangents, leaving a at
// height offset `from` and reaching b at `to`, bowed by `bow` across the
// flow; its forward arrow above, the backward one below, and its labels at
// parameter t, lifted clear of the curve's slope there.
function curve(a, b, from, to, bow) {
  const S = DAG_SIZES;
  const rim = (node, dy) => {
    const c = Math.min(Math.abs(dy), node.r * 0.92);
    return Math.sqrt(node.r * node.r - c * c) + 3;
  };
  const path = (k) => {
    const y0 = a.y + from + k, y1 = b.y + to + k;
    const x0 = a.x + rim(a, from + k), x1 = b.x - rim(b, to + k);
    const reach = Math.min((x1 - x0) * 0.45, 100);
    return [{x: x0, y: y0}, {x: x0 + reach, y: y0 + bow}, {x: x1 - reach, y: y1 + bow}, {x: x1, y: y1}];
  };
  const forwardPs = path(-S.gap), backwardPs = path(S.gap);
  return {forwardPs, backwardPs, forward: arrow(forwardPs, false), backward: arrow(backwardPs, true)};
}

// A label's anchor at parameter t of the curve: above it (side -1) or below
// (side 1), lifted clear of the curve's slope there.
function labelAt(ps, t, side) {
  const p = bezier(ps, Math.max(0, t - 0.05)), q = bezier(ps, Math.min(1, t + 0.05)), mid = bezier(ps, t);
  const lift = DAG_SIZES.labelOffset + Math.min(14, Math.abs((q.y - p.y) / ((q.x - p.x) || 1)) * 10);
  return {x: round(mid.x), y: round(mid.y + side * lift)};
}

// Boxes [x, y, width, height, owner, weight] in columns 64 px wide: what a
// box would meet, weighed (each box once: in the column where the two
// begin to overlap), leaving out its owner's (an edge's index) arrows
// (weight 5), though not its other label.
function boxes() {
  const columns = [];
  const each = (b, fn) => {
    for (let i = b[0] >> 6; i <= (b[0] + b[2]) >> 6; i++) fn(columns[i] ||= [], i);
  };
  return {
    add: (b) => each(b, (c) => c.push(b)),
    remove: (b) => each(b, (c) => c.splice(c.indexOf(b), 1)),
    cost(b) {
      let sum = 0;
      each(b, (c, i) => {
        for (const o of c) {
          if ((o[4] !== b[4] || o[5] > 5) && Math.max(b[0], o[0]) >> 6 === i && b[0] < o[0] + o[2] && o[0] < b[0] + b[2] && b[1] < o[1] + o[3] && o[1] < b[1] + b[3]) sum += o[5];
        }
      });
      return sum;
    },
  };
}

const bezier = ([p0, p1, p2, p3], t) => {
  const u = 1 - t;
  const w0 = u * u * u, w1 = 3 * u * u * t, w2 = 3 * u * t * t, w3 = t * t * t;
  return {x: w0 * p0.x + w1 * p1.x + w2 * p2.x + w3 * p3.x, y: w0 * p0.y + w1 * p1.y + w2 * p2.y + w3 * p3.y};
};

// An arrow along the cubic (reversed for the backward one), its head a
// filled triangle (a path, not a marker: ids would collide across graphs),
// and, when asked (a travelling number follows them), points along it.
function arrow(ps, reversed) {
  const [p0, p1, p2, p3] = reversed ? [...ps].reverse() : ps;
  const straight = Math.abs(p0.y - p3.y) < 0.5 && Math.abs(p1.y - p0.y) < 0.5;
  const f = (p) => `${round(p.x)},${round(p.y)}`;
  const d = straight ? `M${f(p0)}L${f(p3)}` : `M${f(p0)}C${f(p1)} ${f(p2)} ${f(p3)}`;
  // The head points along the end tangent (from p2 to p3; horizontal here).
  const tail = straight || (p2.x === p3.x && p2.y === p3.y) ? p0 : p2;
  return {
    from: rp(p0), to: rp(p3), path: d, head: head(tail, p3),
    get points() { return (straight ? [p0, p3] : Array.from({length: 9}, (_, i) => bezier([p0, p1, p2, p3], i / 8))).map(rp); },
  };
}

const rp = (p) => ({x: round(p.x), y: round(p.y)});
