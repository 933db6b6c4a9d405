// layout/dag-lanes.js: lanes for the long edges of the layered layout
// (dag.js, between phases 5 and 6). An edge that skips layers is drawn
// straight across them (dag-edges.js) unless that would take it through a
// node in between (x+x+x+x: x's edges to the later sums ran through the
// first): such an edge then runs along a lane, a line across those layers
// clear of their nodes and of the lanes already taken, on whichever side
// of them the detour is shortest, the shorter edges nearer the nodes; the
// edges of one source share one lane.
// Only where every edge is labelled (dag.js's few): a bigger graph keeps
// its straight edges, and the layout its speed.
import {edgeKey} from '../model/timeline.js';
import {DAG_SIZES, LABEL_BOX} from './dag-sizes.js';
import {bezier, bundleBows, cubic} from './dag-edges.js';

// An edge is blocked when its straight curve would pass this close to the
// rim of a node between: its nearer arrow, its ends spread over its nodes'
// rims, a number's height of room.
const BLOCK = 24;
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
  const taken = new Map(); // layer -> [{y, lane}] of what runs across it (lane: null for a straight edge)
  const take = (L, y, lane) => (taken.get(L) || taken.set(L, []).get(L)).push({y, lane});
  const long = trace.edges.filter((e) => layer[e.to] - layer[e.from] >= 2)
    .sort((p, q) => layer[p.to] - layer[p.from] - (layer[q.to] - layer[q.from]) || p.from - q.from || p.to - q.to || p.arg - q.arg);
  // First the edges that run straight: their heights across the layers
  // between are taken, as lanes are.
  // Parallel edges (x*x) bow apart (dag-edges.js): tested as drawn.
  const bows = bundleBows(trace.edges);
  const bowOf = new Map(trace.edges.map((e, k) => [e, bows[k].bow]));
  const blocked = [];
  for (const edge of long) {
    const straight = curveY(nodes[edge.from], nodes[edge.to], bowOf.get(edge));
    const between = [];
    for (let L = layer[edge.from] + 1; L < layer[edge.to]; L++) between.push(L);
    // Blocked where it would pass a node of a layer between: at the
    // layer's column, or beside it (a steep edge), along the curve.
    const room = (n) => half[n.id] + DAG_SIZES.gap + BLOCK;
    if (between.some((L) => (byLayer.get(L) || []).some((n) => straight.points.some((p) => Math.hypot(p.x - n.x, p.y - n.y) < room(n))
      || Math.abs(straight(columnX(L)) - n.y) < room(n)))) blocked.push(edge);
    else for (const L of between) take(L, straight(columnX(L)), null);
  }
  // Then the blocked edges, the shorter first, each on the lane nearest its
  // ends that is clear, or, as near, on one its source's edges already
  // take, if that is clear across its layers: x's edges to the later sums
  // of x+x+...+x share one, leaving it each at its own node, as a bus does.
  const sourceLanes = new Map(); // source -> its lanes [{y, layers}]
  for (const edge of blocked) {
    const a = nodes[edge.from], b = nodes[edge.to];
    const between = [];
    for (let L = layer[edge.from] + 1; L < layer[edge.to]; L++) between.push(L);
    const cost = (y) => Math.abs(y - a.y) + Math.abs(y - b.y);
    // What a lane must keep clear of, layer by layer: [lo, hi] intervals.
    const walls = (except) => between.flatMap((L) => [
      ...(byLayer.get(L) || []).map((n) => [n.y - half[n.id] - DAG_SIZES.gap - CLEAR, n.y + half[n.id] + DAG_SIZES.gap + CLEAR]),
      ...(taken.get(L) || []).filter((t) => except == null || t.lane !== except).map(({y}) => [y - LANE_PITCH, y + LANE_PITCH]),
    ]);
    const clear = (y, ws) => ws.every(([lo, hi]) => y <= lo || y >= hi);
    const own = walls(null);
    let best = null, least = Infinity;
    for (const y of own.flatMap(([lo, hi]) => [lo, hi])) {
      if (!clear(y, own)) continue;
      if (cost(y) < least - 1e-9 || (Math.abs(cost(y) - least) <= 1e-9 && y > best.y)) [best, least] = [{y, layers: new Set()}, cost(y)];
    }
    for (const lane of sourceLanes.get(edge.from) || []) {
      if (cost(lane.y) <= least + 1e-9 && clear(lane.y, walls(lane))) {
        best = lane;
        break;
      }
    }
    if (!best.layers.size) (sourceLanes.get(edge.from) || sourceLanes.set(edge.from, []).get(edge.from)).push(best);
    lanes.set(edgeKey(edge), best.y);
    for (const L of between) {
      if (best.layers.has(L)) continue;
      best.layers.add(L);
      take(L, best.y, best);
    }
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
// a's centre to b's (as dag-edges.js draws it, near enough; bowed by `bow`
// across the flow, as parallel edges are), as a polyline of 32 chords, read
// at x; its points as `points`.
function curveY(a, b, bow = 0) {
  const ps = cubic(a.x, a.y, b.x, b.y, bow);
  const points = Array.from({length: 33}, (_, i) => bezier(ps, i / 32));
  const at = (x) => {
    let lo = 0, hi = points.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (points[mid].x < x) lo = mid; else hi = mid;
    }
    const [p, q] = [points[lo], points[hi]];
    return q.x === p.x ? p.y : p.y + ((q.y - p.y) * (x - p.x)) / (q.x - p.x);
  };
  at.points = points;
  return at;
}
