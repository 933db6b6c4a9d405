// layout/dag-labels.js: where the layered layout (dag.js, phase 7) writes
// each edge's value and gradient.
import {LABEL_BOX, DAG_SIZES} from './dag-sizes.js';
import {along} from './dag-edges.js';
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
  for (const node of few ? nodes : []) taken.add([node.x - node.r, node.y - node.r, 2 * node.r, 2 * node.r, -1, 1000]);
  // Both labels' places: [anchor, box] at each parameter tried.
  const spots = all.map((edge, k) => {
    const c = curves[k];
    for (const ps of few ? [c.forwardPs, c.backwardPs] : []) {
      for (let j = 1; j < 24; j++) {
        const p = along(ps, j / 24);
        taken.add([p.x - 1, p.y - 1, 2, 2, k, 5]);
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
