// layout/dag-lanes.js: lanes for the long edges of the layered layout
// (dag.js, between phases 5 and 6). An edge that skips layers is drawn
// straight across them (dag-edges.js) unless that would take it through a
// node in between (x+x+x+x: x's edges to the later sums ran through the
// first): such an edge then runs along a lane, a line across those layers
// clear of their nodes and of the lanes already taken, on whichever side
// of them the detour is shortest, the shorter edges nearer the nodes.
// Only where every edge is labelled (dag.js's few): a bigger graph keeps
// its straight edges, and the layout its speed.
import {edgeKey} from '../model/timeline.js';
import {DAG_SIZES, LABEL_BOX} from './dag-sizes.js';

// Between a node's rim and a lane's nearer arrow: room for a label of the
// node's own edges and one of the lane's, one above the other.
const CLEAR = 2 * (DAG_SIZES.labelOffset + LABEL_BOX.height) - DAG_SIZES.gap - 18;
// Between two lanes: their arrows and a label between them.
const LANE_PITCH = 2 * DAG_SIZES.gap + DAG_SIZES.labelOffset + LABEL_BOX.height + 6;
// Beyond a lane, for its label, within the drawing.
const LANE_ROOM = DAG_SIZES.gap + LABEL_BOX.height + 6;

// The lanes (edge key -> y) of the edges that need one, given the placed
// nodes and each layer's x (columnX).
export function laneEdges({trace, layer, half}, nodes, columnX) {
  const lanes = new Map();
  const byLayer = new Map();
  for (const node of nodes) (byLayer.get(node.layer) || byLayer.set(node.layer, []).get(node.layer)).push(node);
  const taken = new Map(); // layer -> [y, ...] of the lanes across it
  const long = trace.edges.filter((e) => layer[e.to] - layer[e.from] >= 2)
    .sort((p, q) => layer[p.to] - layer[p.from] - (layer[q.to] - layer[q.from]) || p.from - q.from || p.to - q.to || p.arg - q.arg);
  // First the edges that run straight: their heights across the layers
  // between are taken, as lanes are.
  const blocked = [];
  for (const edge of long) {
    const a = nodes[edge.from], b = nodes[edge.to];
    const straight = curveY(a, b);
    const heights = [];
    for (let L = layer[edge.from] + 1; L < layer[edge.to]; L++) heights.push([L, straight(columnX(L))]);
    // Blocked where it would pass a node of a layer between.
    if (heights.some(([L, y]) => (byLayer.get(L) || []).some((n) => Math.abs(y - n.y) < half[n.id] + DAG_SIZES.gap + CLEAR))) blocked.push(edge);
    else for (const [L, y] of heights) (taken.get(L) || taken.set(L, []).get(L)).push(y);
  }
  for (const edge of blocked) {
    const a = nodes[edge.from], b = nodes[edge.to];
    const between = [];
    for (let L = layer[edge.from] + 1; L < layer[edge.to]; L++) between.push(L);
    // What a lane must keep clear of, layer by layer: [lo, hi] intervals.
    const walls = between.flatMap((L) => [
      ...(byLayer.get(L) || []).map((n) => [n.y - half[n.id] - DAG_SIZES.gap - CLEAR, n.y + half[n.id] + DAG_SIZES.gap + CLEAR]),
      ...(taken.get(L) || []).map((y) => [y - LANE_PITCH, y + LANE_PITCH]),
    ]);
    const free = (y) => walls.every(([lo, hi]) => y <= lo || y >= hi);
    let best = null, least = Infinity;
    for (const y of walls.flatMap(([lo, hi]) => [lo, hi])) {
      if (!free(y)) continue;
      const cost = Math.abs(y - a.y) + Math.abs(y - b.y);
      if (cost < least - 1e-9 || (Math.abs(cost - least) <= 1e-9 && y > best)) [best, least] = [y, cost];
    }
    lanes.set(edgeKey(edge), best);
    for (const L of between) (taken.get(L) || taken.set(L, []).get(L)).push(best);
  }
  return lanes;
}

// How far the lanes reach beyond the nodes, above (top) and below
// (bottom), for the drawing's height: the room a lane's arrows and label
// need, past the room dag.js keeps above and below the nodes.
export function laneReach(lanes, nodes, half) {
  let top = Infinity, bottom = -Infinity, laneTop = Infinity, laneBottom = -Infinity;
  for (const n of nodes) {
    top = Math.min(top, n.y - half[n.id] - DAG_SIZES.labelRoom);
    bottom = Math.max(bottom, n.y + half[n.id] + DAG_SIZES.labelRoom);
  }
  for (const y of lanes.values()) {
    laneTop = Math.min(laneTop, y - LANE_ROOM);
    laneBottom = Math.max(laneBottom, y + LANE_ROOM);
  }
  return {above: Math.max(0, top - laneTop), below: Math.max(0, laneBottom - bottom)};
}

// The straight edge's height at x: the cubic with horizontal tangents from
// a's centre to b's (as dag-edges.js draws it, near enough), solved for x.
function curveY(a, b) {
  const reach = Math.min((b.x - a.x) * 0.45, 100);
  const ps = [a.x, a.x + reach, b.x - reach, b.x];
  const cubic = (p, t) => {
    const u = 1 - t;
    return u * u * u * p[0] + 3 * u * u * t * p[1] + 3 * u * t * t * p[2] + t * t * t * p[3];
  };
  return (x) => {
    let lo = 0, hi = 1;
    for (let i = 0; i < 30; i++) {
      const mid = (lo + hi) / 2;
      if (cubic(ps, mid) < x) lo = mid; else hi = mid;
    }
    return cubic([a.y, a.y, b.y, b.y], (lo + hi) / 2);
  };
}
