// Comparing two traces of one computation: the native CLI's (glibc) and the
// WebAssembly core's (musl).
import {ulps, within, LIBM_ULPS} from './ulps.mjs';

// The first difference between a (CLI) and b (WASM), or null. Keys only one
// side has are differences too, except the CLI's English warning message.
// Numbers agree when at most maxUlps apart (0: the same double).
export function diff(a, b, where, maxUlps = 0) {
  if (typeof a === 'number' && typeof b === 'number') {
    if (within(a, b, maxUlps)) return null;
    return `${where}: CLI ${a} vs WASM ${b}` + (maxUlps ? ` (${ulps(a, b)} ulps apart, at most ${maxUlps})` : '');
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
    return a === b ? null : `${where}: CLI ${JSON.stringify(a)} vs WASM ${JSON.stringify(b)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('message');
  for (const k of keys) {
    const d = diff(a[k], b[k], `${where}.${k}`, maxUlps);
    if (d) return d;
  }
  return null;
}

// The differences between the CLI's trace c and the WASM core's w, node by
// node. A number computed from the same operands on both sides must be the
// same double, except the result of a C library call (log, pow, tanh, sin,
// cos: glibc natively, musl in WASM, each within an ulp of the true value,
// not always the same ulp), which may be LIBM_ULPS away. A number whose
// operands already differ (a difference passed on from a library call) is not
// compared, only counted in stats.passedOn: how far it may move depends on
// what later operations make of the difference, and 1 - y*y after a tanh
// near 1, or a sum that cancels, magnifies it without bound. For the same
// reason the gradient check's numeric estimate (f's difference divided by
// 2h, about 1e-5) is compared only where no library call is involved; its
// step h always is. Without library calls this is bit for bit throughout.
const LIBRARY = {
  sin: {value: LIBM_ULPS, local: LIBM_ULPS},   // sin(a); local cos(a)
  cos: {value: LIBM_ULPS, local: LIBM_ULPS},   // cos(a); local -sin(a)
  tanh: {value: LIBM_ULPS},                     // tanh(a); local 1 - y*y, exact given y
  log: {value: LIBM_ULPS},                      // log(a); local 1/a, exact
  // pow(a, b); locals b * pow(a, b - 1) and y * log(a): a library result times
  // a number that is not a power of two, where a step of the result may
  // become two steps of the product before it rounds once more.
  pow: {value: LIBM_ULPS, local: 2 * LIBM_ULPS + 1},
};

export function traceDifferences(c, w, stats = {compared: 0, passedOn: 0, differing: 0, worst: 0}) {
  const found = [];
  const structure = diff(c, w, 'structure', Infinity);  // keys, ops, labels, edges, warning kinds
  if (structure) return [structure];
  const same = (pairs) => pairs.every(([p, q]) => Object.is(p, q));
  const expect = (what, operands, p, q, bound = 0) => {
    if (!same(operands)) { stats.passedOn++; return; }
    stats.compared++;
    const apart = ulps(p, q);
    stats.differing += apart > 0;
    stats.worst = Math.max(stats.worst, apart);
    if (!within(p, q, bound)) found.push(`${what}: CLI ${p} vs WASM ${q}, ${apart} ulps apart (at most ${bound})`);
  };
  const operandsOf = (n) => n.args.map((id) => [c.nodes[id].value, w.nodes[id].value]);
  for (const n of c.nodes)
    expect(`node ${n.id} (${n.label}) value`, operandsOf(n), n.value, w.nodes[n.id].value, LIBRARY[n.op]?.value);
  const totals = [new Map(), new Map()];  // each side's running gradient per node
  c.steps.forEach((s, k) => {
    const t = w.steps[k], n = c.nodes[s.node], m = w.nodes[s.node];
    if (s.phase === 'forward') return expect(`step ${k + 1} value`, [[n.value, m.value]], s.value, t.value);
    expect(`step ${k + 1} upstream`, [[n.grad, m.grad]], s.upstream, t.upstream);
    expect(`step ${k + 1} local`, [...operandsOf(n), [n.value, m.value]], s.local, t.local, LIBRARY[n.op]?.local);
    expect(`step ${k + 1} grad`, [[s.upstream, t.upstream], [s.local, t.local]], s.grad, t.grad);
    const before = [totals[0].get(s.to) ?? null, totals[1].get(s.to) ?? null];
    expect(`step ${k + 1} total`, [before, [s.grad, t.grad]], s.total, t.total);
    totals[0].set(s.to, s.total);
    totals[1].set(s.to, t.total);
  });
  for (const n of c.nodes) {
    const into = [[totals[0].get(n.id) ?? null, totals[1].get(n.id) ?? null]];  // none: the output's dL/dy
    if (n.grad !== null) expect(`node ${n.id} (${n.label}) grad`, into, n.grad, w.nodes[n.id].grad);
  }
  const last = c.nodes.length - 1;
  expect('output', [[c.nodes[last].value, w.nodes[last].value]], c.output, w.output);
  const library = c.nodes.some((n) => LIBRARY[n.op]);
  for (const name of Object.keys(c.grads)) {
    const input = c.nodes.find((n) => n.op === 'input' && n.label === name);
    const grad = [[input.grad, w.nodes[input.id].grad]];
    expect(`dL/d${name}`, grad, c.grads[name], w.grads[name]);
    expect(`check ${name} analytic`, grad, c.check[name].analytic, w.check[name].analytic);
    expect(`check ${name} step`, [[input.value, w.nodes[input.id].value]], c.check[name].step, w.check[name].step);
    if (library) continue;
    expect(`check ${name} numeric`, [], c.check[name].numeric, w.check[name].numeric);
    expect(`check ${name} rel_error`, [], c.check[name].rel_error, w.check[name].rel_error);
  }
  return found;
}
