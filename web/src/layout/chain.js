// layout/chain.js: trace -> positions (pure data, no DOM).
//
// Nodes go in columns by depth (inputs first, each node one column right of
// its deepest argument), left to right as in the reference figures; a final
// column holds the output terminal y. Each edge gets two parallel arrows: the
// forward one above (pointing with the data) and the backward one below
// (pointing back), with the value written above and the gradient below. When
// the width is too small for that, even scaled down a little, the same
// picture is turned a quarter: data flows top to bottom, values on the left,
// gradients on the right.
import {OUTPUT_EDGE, edgeKey, outputNode} from '../model/timeline.js';

export const SIZES = {
  radius: 27, // an op node's circle
  terminal: 12, // half the width kept for an input or output label
  gap: 7, // half the distance between an edge's two arrows
  minEdge: 64, // the shortest horizontal edge that still fits a label like "−0.3875"
  minEdgeVertical: 40, // labels sit beside a vertical edge, so it can be short
  rowHeight: 86, // between rows of nodes in one column
  margin: 12,
  labelOffset: 9, // from an arrow to its label
};

function depths(trace) {
  const depth = [];
  for (const n of trace.nodes) depth[n.id] = n.args.length ? 1 + Math.max(...n.args.map((a) => depth[a])) : 0;
  return depth;
}

// The columns: node ids by depth, in creation order within a column.
function columns(trace) {
  const depth = depths(trace);
  const cols = [];
  for (const n of trace.nodes) (cols[depth[n.id]] ||= []).push(n.id);
  return {depth, cols};
}

// How wide a horizontal drawing of this trace must be at least.
export function minWidth(trace) {
  return length(columns(trace).cols, SIZES.minEdge);
}

// The extent along the flow for edges of at least minEdge between rims.
function length(cols, minEdge) {
  return 2 * SIZES.margin + 4 * SIZES.terminal + cols.length * (2 * SIZES.radius + 6 + minEdge);
}

// Narrower than its minWidth, a horizontal drawing is laid out at that width
// and drawn scaled down to fit (views/graph.js): a 600-700 px blog column
// keeps the reference's left-to-right picture, its labels 13-15 px. Below
// this width, where they would shrink past about 11 px, it turns a quarter.
export const VERTICAL_BELOW = 480;

export function layoutGraph(trace, {width = 640, orientation = 'auto'} = {}) {
  const least = minWidth(trace);
  const horizontal = orientation === 'auto' ? width >= Math.min(least, VERTICAL_BELOW) : orientation === 'horizontal';
  if (horizontal) width = Math.max(width, least);
  const {depth, cols} = columns(trace);
  const r = SIZES.radius, t = SIZES.terminal, m = SIZES.margin;
  const rows = Math.max(...cols.map((c) => c.length));
  const ncols = cols.length + 1; // + the output terminal

  // Along the flow: evenly spaced centres; across it: rows centred.
  const across = Math.max(rows * SIZES.rowHeight, 96);
  const along = (horizontal ? width : length(cols, SIZES.minEdgeVertical)) - 2 * m;
  const first = m + 2 * t, last = m + along - 2 * t;
  const pitch = (last - first) / (ncols - 1);
  const at = (col, row, count) => {
    const a = first + col * pitch;
    const c = across / 2 + (row - (count - 1) / 2) * SIZES.rowHeight;
    return horizontal ? {x: a, y: c} : {x: c + (width - across) / 2, y: a};
  };

  const nodes = trace.nodes.map((n) => {
    const col = cols[depth[n.id]];
    const p = at(depth[n.id], col.indexOf(n.id), col.length);
    const kind = n.op === 'input' ? 'input' : 'op';
    return {id: n.id, kind, op: n.op, label: n.label, x: p.x, y: p.y, r: kind === 'input' ? t : r};
  });
  const outId = outputNode(trace);
  const outPoint = at(ncols - 1, 0, 1);
  const output = {x: horizontal ? outPoint.x : nodes[outId].x, y: horizontal ? nodes[outId].y : outPoint.y, r: t, label: 'y'};

  const edge = (key, from, to, extra) => ({key, ...extra, ...arrows(from, to, horizontal)});
  const edges = trace.edges.map((e) => edge(edgeKey(e), nodes[e.from], nodes[e.to], {from: e.from, to: e.to, arg: e.arg}));
  edges.push(edge(OUTPUT_EDGE, nodes[outId], output, {from: outId, to: null, arg: 0}));

  return {
    orientation: horizontal ? 'horizontal' : 'vertical',
    width,
    height: horizontal ? across : along + 2 * m,
    nodes, edges, output,
  };
}

// Two parallel arrows between the rims of a and b: forward a -> b shifted
// to the "above" side, backward b -> a shifted to the "below" side, and where
// their labels go.
function arrows(a, b, horizontal) {
  const dx = b.x - a.x, dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len, uy = dy / len;
  // "Above" is up when the flow runs right, and left when it runs down.
  const nx = horizontal ? uy : -uy, ny = horizontal ? -ux : ux;
  const g = SIZES.gap, o = SIZES.labelOffset;
  const start = {x: a.x + ux * (a.r + 3), y: a.y + uy * (a.r + 3)};
  const end = {x: b.x - ux * (b.r + 3), y: b.y - uy * (b.r + 3)};
  const shift = (p, k) => ({x: round(p.x + nx * k), y: round(p.y + ny * k)});
  const mid = {x: (start.x + end.x) / 2, y: (start.y + end.y) / 2};
  const arrow = (from, to) => ({from, to, head: head(from, to)});
  return {
    forward: arrow(shift(start, g), shift(end, g)),
    backward: arrow(shift(end, -g), shift(start, -g)),
    // Where the labels go; graph.css anchors them for the orientation (the
    // value's end or bottom, the gradient's start or top, here).
    valueAt: shift(mid, g + o),
    gradAt: shift(mid, -(g + o)),
  };
}

// A filled arrowhead at `to`, drawn as a path (markers would need ids, which
// collide when several graphs share a page). dag.js's too.
export function head(from, to, size = 8) {
  const dx = to.x - from.x, dy = to.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len, uy = dy / len;
  const bx = to.x - ux * size, by = to.y - uy * size;
  const w = size * 0.5;
  return `M${round(to.x)},${round(to.y)}L${round(bx - uy * w)},${round(by + ux * w)}L${round(bx + uy * w)},${round(by - ux * w)}Z`;
}

export const round = (v) => Math.round(v * 10) / 10;
