// layout/dag-edges.js: the edges of the layered layout (dag.js, phase 6),
// dummy-free cubic curves with horizontal tangents, each as two parallel
// arrows (forward above, backward below) like chain.js's.
import {OUTPUT_EDGE, edgeKey} from '../model/timeline.js';
import {DAG_SIZES, DASH_BUDGET, DASH_FLOOR} from './dag-sizes.js';
import {head, round} from './chain.js';

// Every edge and the output's, with its curve between the placed nodes:
// a node's edges leave and arrive spread over its rim (ports), ordered by
// the other end's height, so that arrows into one node do not pile up;
// parallel edges (x*x: the same from and to) also bow apart. `outs` and
// `ins` list each node's edges; a curve's `parallel` counts its bundle.
// The longest backward (dashed) arrows may get a pathLength (dashLengths).
export function routeEdges({trace, n, out}, nodes, output) {
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
  const curves = all.map((edge) => {
    const key = `${edge.from}-${edge.to}`;
    const i = seen.get(key) || 0;
    seen.set(key, i + 1);
    const m = bundles.get(key);
    const bow = m > 1 ? (i - (m - 1) / 2) * 2 * S.bow / (m - 1) : 0;
    const c = curve(nodes[edge.from], endOf(edge), portOut.get(edge.key), portIn.get(edge.key) ?? 0, bow);
    c.parallel = m;
    return c;
  });
  const dashed = dashLengths(curves.map((c) => c.backward.length));
  curves.forEach((c, k) => {
    if (dashed[k] != null) c.backward.pathLength = dashed[k];
  });
  return {all, curves, outs, ins};
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
// flow; its forward arrow above, the backward one below (their control
// points too: forwardPs, backwardPs, where the labels go).
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

export const bezier = ([p0, p1, p2, p3], t) => {
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
    from: rp(p0), to: rp(p3), path: d, head: head(tail, p3), length: straight ? distance(p0, p3) : curveLength([p0, p1, p2, p3]),
    get points() { return (straight ? [p0, p3] : Array.from({length: 9}, (_, i) => bezier([p0, p1, p2, p3], i / 8))).map(rp); },
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
