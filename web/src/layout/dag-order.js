// layout/dag-order.js: the order of the nodes within each layer of the
// layered layout (dag.js, phase 3).
import {SWEEPS} from './dag-sizes.js';

// The crossing count is quadratic in edges: beyond this many, the first
// order stands.
const CROSSING_LIMIT = 600;

// Each layer's node ids top to bottom: depth-first from the output, which
// leaves a tree with no crossings at all, then barycentre sweeps (towards
// the mean position of each node's neighbours, chain mates only for a
// chain's nodes), keeping the order with the fewest crossings.
export function orderLayers({trace, n, out, layer, depth}, {fromLeft, fromRight}) {
  const visit = depthFirst(trace, out);
  const rows = Array.from({length: depth}, () => []);
  for (let id = 0; id < n; id++) rows[layer[id]].push(id);
  for (const row of rows) row.sort((a, b) => visit[a] - visit[b]);
  if (trace.edges.length > CROSSING_LIMIT) return rows;

  const pos = new Float64Array(n); // position within the layer
  const place = (row) => row.forEach((id, i) => { pos[id] = i - (row.length - 1) / 2; });
  const crossings = () => {
    const segs = trace.edges.map((e) => ({x0: layer[e.from], y0: pos[e.from], x1: layer[e.to], y1: pos[e.to]}));
    return countCrossings(segs);
  };
  rows.forEach(place);
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
      place(row);
    }
    const c = crossings();
    if (c < best) {
      best = c;
      bestRows = rows.map((r) => r.slice());
    }
  }
  return bestRows;
}

// Each node's rank in a depth-first walk from the output, operands in order
// (iteratively: 1000 nested nodes would overflow no stack, but stay safe),
// then the nodes not reaching the output.
function depthFirst(trace, out) {
  const n = trace.nodes.length;
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
  for (let id = 0; id < n; id++) if (visit[id] < 0) visit[id] = counter++;
  return visit;
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
