// layout/dag-edges.js: the edges of the layered layout (dag.js, phase 6),
// dummy-free cubic curves with horizontal tangents, each as two parallel
// arrows (forward above, backward below) like chain.js's; an edge given a
// lane (dag-lanes.js) runs along it, from a cubic into it to one out of it.
import {OUTPUT_EDGE, edgeKey} from '../model/timeline.js';
import {DAG_SIZES, DASH_BUDGET, DASH_FLOOR} from './dag-sizes.js';
import {head, round} from './chain.js';

// Every edge and the output's, with its curve between the placed nodes:
// a node's edges leave and arrive spread over its rim (ports), ordered by
// the other end's height, so that arrows into one node do not pile up;
// parallel edges (x*x: the same from and to) also bow apart. `outs` and
// `ins` list each node's edges; a curve's `parallel` counts its bundle.
// The longest backward (dashed) arrows may get a pathLength (dashLengths).
// `lanes`: the height (edge key -> y) of each edge that has a lane.
export function routeEdges({trace, n, out, layer}, nodes, output, lanes = new Map()) {
  const S = DAG_SIZES;
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
  // The edges that leave a node along one lane leave it as one, at one port.
  const slot = (edge, from) => (from && lanes.has(edge.key) ? `lane ${lanes.get(edge.key)}` : edge.key);
  const spread = (list, node, other, into, from) => {
    list.sort((a, b) => other(a).y - other(b).y || a.arg - b.arg || a.from - b.from);
    const slots = [...new Set(list.map((edge) => slot(edge, from)))];
    const m = slots.length;
    const room = node.kind === 'input' ? 20 : node.r * 0.62;
    const pitch = m > 1 ? Math.min(S.port, (2 * room) / (m - 1)) : 0;
    for (const edge of list) into.set(edge.key, (slots.indexOf(slot(edge, from)) - (m - 1) / 2) * pitch);
  };
  // The other end as seen from a node's rim: a lane's height if it has one.
  const via = (edge, node) => (lanes.has(edge.key) ? {y: lanes.get(edge.key)} : node);
  for (let id = 0; id < n; id++) {
    spread(outs[id], nodes[id], (edge) => via(edge, endOf(edge)), portOut, true);
    spread(ins[id], nodes[id], (edge) => via(edge, nodes[edge.from]), portIn, false);
  }
  const bows = bundleBows(all);
  const curves = all.map((edge, k) => {
    const {bow, parallel} = bows[k];
    const lane = lanes.has(edge.key) && {y: lanes.get(edge.key), x0: nodes[edge.from].x + (nodes[edge.to].x - nodes[edge.from].x) / (layer[edge.to] - layer[edge.from]),
      x1: nodes[edge.to].x - (nodes[edge.to].x - nodes[edge.from].x) / (layer[edge.to] - layer[edge.from])};
    const c = curve(nodes[edge.from], endOf(edge), portOut.get(edge.key), portIn.get(edge.key) ?? 0, bow, lane);
    c.parallel = parallel;
    return c;
  });
  const dashed = dashLengths(curves.map((c) => c.backward.length));
  curves.forEach((c, k) => {
    if (dashed[k] != null) c.backward.pathLength = dashed[k];
  });
  return {all, curves, outs, ins};
}

// Of each edge of `edges`, how far it bows across the flow and how many
// edges its bundle (the same from and to: x*x) has; bundles bow apart.
export function bundleBows(edges) {
  const bundles = new Map(), seen = new Map();
  for (const e of edges) bundles.set(`${e.from}-${e.to}`, (bundles.get(`${e.from}-${e.to}`) || 0) + 1);
  return edges.map((e) => {
    const key = `${e.from}-${e.to}`, i = seen.get(key) || 0, m = bundles.get(key);
    seen.set(key, i + 1);
    return {bow: m > 1 ? ((i - (m - 1) / 2) * 2 * DAG_SIZES.bow) / (m - 1) : 0, parallel: m};
  });
}

// The length each dashed arrow's dash pattern is laid along (SVG's
// pathLength), or null where it is its own: the arrows share DASH_BUDGET px
// of dashes, the shorter ones exactly, the longer ones an equal part of
// what remains (no less than DASH_FLOOR each): a drawing asks for at most
// DASH_BUDGET px of dashes and DASH_FLOOR px an arrow, however long its
// arrows (a 1000-way fan-out's sum to 61 million px).
function dashLengths(lengths) {
  const sorted = Float64Array.from(lengths).sort();
  let rest = DASH_BUDGET, level = Infinity;
  for (let i = 0; i < sorted.length; i++) {
    const share = rest / (sorted.length - i);
    if (sorted[i] > share) {
      level = Math.max(DASH_FLOOR, Math.floor(share));
      break;
    }
    rest -= sorted[i];
  }
  return lengths.map((length) => (length > level ? level : null));
}

// An edge from a to b as a cubic with horizontal tangents, leaving a at
// height offset `from` and reaching b at `to`, bowed by `bow` across the
// flow, or along a lane (its height y, from x0 to x1): a cubic into it, a
// line, a cubic out of it. Its forward arrow above, the backward one below;
// their cubic segments too (forwardPs, backwardPs: where the labels go).
function curve(a, b, from, to, bow, lane) {
  const S = DAG_SIZES;
  const rim = (node, dy) => {
    const c = Math.min(Math.abs(dy), node.r * 0.92);
    return Math.sqrt(node.r * node.r - c * c) + 3;
  };
  const path = (k) => {
    const y0 = a.y + from + k, y1 = b.y + to + k;
    const x0 = a.x + rim(a, from + k), x1 = b.x - rim(b, to + k);
    if (!lane) return [cubic(x0, y0, x1, y1, bow)];
    const y = lane.y + k;
    const segments = [cubic(x0, y0, lane.x0, y, 0)];
    if (lane.x1 > lane.x0) segments.push(line({x: lane.x0, y}, {x: lane.x1, y}));
    segments.push(cubic(lane.x1, y, x1, y1, 0));
    return segments;
  };
  const forwardPs = path(-S.gap), backwardPs = path(S.gap);
  return {forwardPs, backwardPs, forward: arrow(forwardPs, false), backward: arrow(backwardPs, true)};
}

// The cubic from (x0, y0) to (x1, y1) with horizontal tangents, bowed by
// dy across the flow: every edge's curve, or its part into and out of a lane.
export function cubic(x0, y0, x1, y1, dy = 0) {
  const reach = Math.min((x1 - x0) * 0.45, 100);
  return [{x: x0, y: y0}, {x: x0 + reach, y: y0 + dy}, {x: x1 - reach, y: y1 + dy}, {x: x1, y: y1}];
}

// A straight segment as a cubic (for bezier and along).
const line = (p, q) => [p, {x: p.x + (q.x - p.x) / 3, y: p.y + (q.y - p.y) / 3}, {x: p.x + (2 * (q.x - p.x)) / 3, y: p.y + (2 * (q.y - p.y)) / 3}, q];

export const bezier = ([p0, p1, p2, p3], t) => {
  const u = 1 - t;
  const w0 = u * u * u, w1 = 3 * u * u * t, w2 = 3 * u * t * t, w3 = t * t * t;
  return {x: w0 * p0.x + w1 * p1.x + w2 * p2.x + w3 * p3.x, y: w0 * p0.y + w1 * p1.y + w2 * p2.y + w3 * p3.y};
};

// The point at t (0 to 1) along cubic segments, each its share of t by
// its extent along the flow.
export function along(segments, t) {
  if (segments.length === 1) return bezier(segments[0], t);
  const total = segments.reduce((sum, ps) => sum + Math.abs(ps[3].x - ps[0].x), 0);
  let rest = Math.min(1, Math.max(0, t)) * total;
  for (const ps of segments) {
    const span = Math.abs(ps[3].x - ps[0].x);
    if (rest <= span || ps === segments[segments.length - 1]) return bezier(ps, span ? Math.min(1, rest / span) : 1);
    rest -= span;
  }
}

// An arrow along the cubic segments (reversed for the backward one), its
// head a filled triangle (a path, not a marker: ids would collide across
// graphs), and, when asked (a travelling number follows them), points
// along it.
function arrow(segments, reversed) {
  const parts = reversed ? segments.map((ps) => [...ps].reverse()).reverse() : segments;
  const flat = (ps) => Math.abs(ps[0].y - ps[3].y) < 0.5 && Math.abs(ps[1].y - ps[0].y) < 0.5 && Math.abs(ps[2].y - ps[3].y) < 0.5;
  const f = (p) => `${round(p.x)},${round(p.y)}`;
  const first = parts[0][0], [, , p2, p3] = parts[parts.length - 1];
  const d = `M${f(first)}` + parts.map((ps) => (flat(ps) ? `L${f(ps[3])}` : `C${f(ps[1])} ${f(ps[2])} ${f(ps[3])}`)).join('');
  // The head points along the end tangent (from p2 to p3; horizontal here).
  const tail = flat(parts[parts.length - 1]) || (p2.x === p3.x && p2.y === p3.y) ? parts[parts.length - 1][0] : p2;
  const length = parts.reduce((sum, ps) => sum + (flat(ps) ? distance(ps[0], ps[3]) : curveLength(ps)), 0);
  return {
    from: rp(first), to: rp(p3), path: d, head: head(tail, p3), length,
    get points() {
      if (parts.length === 1 && flat(parts[0])) return [first, p3].map(rp);
      const m = 8 * parts.length;
      return Array.from({length: m + 1}, (_, i) => along(parts, i / m)).map(rp);
    },
  };
}

const rp = (p) => ({x: round(p.x), y: round(p.y)});
const distance = (a, b) => Math.hypot(b.x - a.x, b.y - a.y);

// A cubic's length, as a polyline of 16 chords (within a fraction of a
// percent for these gentle curves).
function curveLength(ps) {
  let length = 0, last = ps[0];
  for (let i = 1; i <= 16; i++) {
    const p = bezier(ps, i / 16);
    length += distance(last, p);
    last = p;
  }
  return length;
}
