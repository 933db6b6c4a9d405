// layout/dag-labels.js: where the layered layout (dag.js, phase 7) writes
// each edge's value and gradient.
import {LABEL_BOX, DAG_SIZES} from './dag-sizes.js';
import {along, bezier} from './dag-edges.js';
import {round} from './chain.js';

const [LW, LH] = [LABEL_BOX.width, LABEL_BOX.height];
// Where else along its curve a label may go when its place is taken.
const LABEL_TS = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85, 0.9];

// Each edge's [value anchor, gradient anchor], at the first place along its
// curve where the label's box meets no node, no other label and no other
// edge's arrow: first where the edge is alone (near its source when it is
// one of several into its target, near its target when its source fans
// out), then nearer and nearer either end; where every place meets
// something, the least bad. Greedily in edge order, then twice more, each
// label again given all the others. Unless `few` (a big graph shows only
// the active step's labels: views/graph.js), each keeps its first place,
// and the layout its speed.
export function placeLabels(all, curves, nodes, outs, ins, few) {
  const taken = boxes();
  for (const node of few ? nodes : []) {
    taken.add([node.x - node.r, node.y - node.r, 2 * node.r, 2 * node.r, -1, 1000]);
    // Its name above it (q₁: views/graph.js writes it at -r - 5).
    if (node.symbol != null && node.kind === 'op') taken.add([node.x - 11, node.y - node.r - 13, 22, 13, -1, 50]);
  }
  // Both labels' places: [anchor, box] at each parameter tried.
  const lines = new Map(), points = new Set(); // (the arrows' boxes, once each)
  const spots = all.map((edge, k) => {
    const c = curves[k];
    // The arrows: a curve as points along it, a lane's line as one thin
    // box (the edges that share a lane, and their curves into it, once:
    // a point where one is already, a line as long as the longest).
    for (const segments of few ? [c.forwardPs, c.backwardPs] : []) {
      for (const ps of segments) {
        if (segments.length > 1 && ps[0].y === ps[3].y && ps[1].y === ps[0].y) {
          const [x0, x1] = [Math.min(ps[0].x, ps[3].x), Math.max(ps[0].x, ps[3].x)];
          const line = lines.get(ps[0].y);
          if (line && line[0] <= x0 && x1 <= line[0] + line[2]) continue;
          if (line) taken.remove(line);
          const box = line ? [Math.min(x0, line[0]), ps[0].y - 1, Math.max(x1, line[0] + line[2]) - Math.min(x0, line[0]), 2, -2, 5] : [x0, ps[0].y - 1, x1 - x0, 2, k, 5];
          lines.set(ps[0].y, box);
          taken.add(box);
          continue;
        }
        for (let j = segments.length > 1 ? 0 : 1; j < 24; j++) {
          const p = bezier(ps, j / 24);
          const key = Math.round(p.x / 2) * 65536 + Math.round(p.y / 2);
          if (points.has(key)) continue;
          points.add(key);
          taken.add([p.x - 1, p.y - 1, 2, 2, k, 5]);
        }
      }
    }
    const fanOut = outs[edge.from].length > 1, fanIn = edge.to != null && ins[edge.to].length > 1;
    const t = c.parallel > 1 ? 0.5 : !fanOut && fanIn ? 0.22 : fanOut && !fanIn ? 0.78 : 0.5;
    return [-1, 1].map((side) => [t, ...(few ? LABEL_TS : [])].map((u) => {
      const at = labelAt(side < 0 ? c.forwardPs : c.backwardPs, u, side);
      return [at, [at.x - LW / 2, side < 0 ? at.y - LH : at.y, LW, LH, k, 1000]];
    }));
  });
  const chosen = spots.map((both) => both.map((options) => options[0]));
  for (let pass = 0; pass < (few ? 3 : 1); pass++) {
    spots.forEach((both, k) => {
      chosen[k] = chosen[k].map((now, side) => {
        if (pass) taken.remove(now[1]);
        let best, least = Infinity;
        for (const o of both[side]) {
          const cost = taken.cost(o[1]);
          if (cost < least) [best, least] = [o, cost];
          if (!cost) break;
        }
        taken.add(best[1]);
        return best;
      });
    });
  }
  return chosen.map(([value, grad]) => [value[0], grad[0]]);
}

// A label's anchor at parameter t of the curve: above it (side -1) or below
// (side 1), lifted clear of the curve's slope there.
function labelAt(ps, t, side) {
  const p = along(ps, Math.max(0, t - 0.05)), q = along(ps, Math.min(1, t + 0.05)), mid = along(ps, t);
  const lift = DAG_SIZES.labelOffset + Math.min(14, Math.abs((q.y - p.y) / ((q.x - p.x) || 1)) * 10);
  return {x: round(mid.x), y: round(mid.y + side * lift)};
}

// Boxes [x, y, width, height, owner, weight] in cells 64 px square: what a
// box would meet, weighed (each box once: in the cell where the two begin
// to overlap), leaving out its owner's (an edge's index) arrows (weight 5),
// though not its other label.
function boxes() {
  const cells = new Map();
  const each = (b, fn) => {
    for (let i = b[0] >> 6; i <= (b[0] + b[2]) >> 6; i++) {
      for (let j = b[1] >> 6; j <= (b[1] + b[3]) >> 6; j++) {
        const key = i * 65536 + j;
        let cell = cells.get(key);
        if (!cell) cells.set(key, (cell = []));
        fn(cell, i, j);
      }
    }
  };
  return {
    add: (b) => each(b, (c) => c.push(b)),
    remove: (b) => each(b, (c) => c.splice(c.indexOf(b), 1)),
    cost(b) {
      let sum = 0;
      each(b, (c, i, j) => {
        for (const o of c) {
          if ((o[4] !== b[4] || o[5] > 5) && Math.max(b[0], o[0]) >> 6 === i && Math.max(b[1], o[1]) >> 6 === j
            && b[0] < o[0] + o[2] && o[0] < b[0] + b[2] && b[1] < o[1] + o[3] && o[1] < b[1] + b[3]) sum += o[5];
        }
      });
      return sum;
    },
  };
}
