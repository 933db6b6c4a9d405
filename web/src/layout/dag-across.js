// layout/dag-across.js: where each node of the layered layout (dag.js,
// phase 4) sits across the flow, within its layer's order.
import {DAG_SIZES, SWEEPS} from './dag-sizes.js';

// Each node's position across (centred on 0): the rows packed, then a few
// sweeps each way pull every node towards the mean of its neighbours, in
// least squares that keep the order and the spacing, so that a parent sits
// level with its operands and a chain runs straight.
export function positionsAcross({n, depth, half}, rows, {fromLeft, fromRight, around, hold}) {
  const S = DAG_SIZES;
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
    const placed = fitOrdered(want, row.map((id, i) => (i ? half[row[i - 1]] + S.gapAcross + half[id] : 0)), row.map(hold));
    row.forEach((id, i) => { y[id] = placed[i]; });
  };
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    for (let L = 1; L < depth; L++) settle(rows[L], fromLeft);
    for (let L = depth - 2; L >= 0; L--) settle(rows[L], fromRight);
  }
  for (let L = 1; L < depth; L++) settle(rows[L], around);
  settle(rows[0], fromRight);
  return y;
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
