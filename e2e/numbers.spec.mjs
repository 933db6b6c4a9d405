// Every number on screen is the native CLI's, bit for bit, and worded for
// reading as the page promises: four decimals, or scientific notation where
// that would hide the number; integers as they are; a real minus sign; ∞.
import {test, expect, cliTrace, pageNumber} from './fixtures.mjs';

// That wording, written here from the rule above with Intl's formatter, not
// with the page's own code (web/src/model/number.js).
const fixed4 = new Intl.NumberFormat('en-US', {minimumFractionDigits: 4, maximumFractionDigits: 4, useGrouping: false});
const scientific4 = new Intl.NumberFormat('en-US', {notation: 'scientific', minimumFractionDigits: 3, maximumFractionDigits: 3});
function readable(v) {
  if (Number.isNaN(v)) return 'NaN';
  let s;
  if (!Number.isFinite(v)) s = v < 0 ? '-∞' : '∞';
  else if (v === 0) s = Object.is(v, -0) ? '-0' : '0';
  else if (Number.isInteger(v) && Math.abs(v) < 1e6) s = BigInt(v).toString();
  else if (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5) s = fixed4.format(v);
  else s = scientific4.format(v).replace('E', 'e');
  return s.replaceAll('-', '\u2212');
}

const same = (actual, expected, what) => expect(Object.is(actual, expected), `${what}: page ${actual}, CLI ${expected}`).toBe(true);

// Compare one pane of the page (at its last step, where everything is shown)
// with the CLI's trace.
async function compareGraph(app, pane, trace) {
  const root = pane ? app.paneByTitle(pane) : app.graphs;
  const nodes = root.locator('g.node');
  await expect(nodes).toHaveCount(trace.nodes.length);
  for (const n of trace.nodes) {
    const node = root.getByRole('img', {name: new RegExp(`^${n.label.replace(/[()×+]/g, '\\$&')}:`)});
    same(pageNumber(await node.getAttribute('data-value')), n.value, `${trace.graph} ${n.label} value`);
    same(pageNumber(await node.getAttribute('data-grad')), n.grad, `${trace.graph} ${n.label} grad`);
    await expect(node).toHaveAccessibleName(`${n.label}: value ${readable(n.value)}, gradient ${readable(n.grad)}`);
  }
  // Edge labels: the value above, the gradient (this edge's share) below.
  for (const e of trace.edges) {
    const edge = root.locator(`g.edge[data-key="${e.from}-${e.to}-${e.arg}"]`);
    const value = edge.locator('text.value');
    same(pageNumber(await value.getAttribute('data-value')), trace.nodes[e.from].value, `edge ${e.from}->${e.to} value`);
    await expect(value).toHaveText(readable(trace.nodes[e.from].value));
    const back = trace.steps.find((s) => s.phase === 'backward' && s.node === e.to && s.to === e.from);
    same(pageNumber(await edge.locator('text.grad').getAttribute('data-value')), back.grad, `edge ${e.from}->${e.to} grad`);
  }
  const out = root.locator('g.edge[data-key="out"]');
  same(pageNumber(await out.locator('text.value').getAttribute('data-value')), trace.output, 'output');
  same(pageNumber(await out.locator('text.grad').getAttribute('data-value')), trace.dout, 'dL/dy');
}

async function compareCheck(app, trace) {
  const check = app.page.locator('#check-body');
  same(pageNumber(await check.locator(`[data-key="grad-${trace.graph}"] span.num`).getAttribute('data-value')), trace.grads.x, 'dL/dx');
  same(pageNumber(await check.locator('[data-key="numeric"] .num').getAttribute('data-value')), trace.check.x.numeric, 'numeric');
  same(pageNumber(await check.locator('[data-key="rel-error"] .num').getAttribute('data-value')), trace.check.x.rel_error, 'rel_error');
}

const cases = [
  ['sigmoid-steps', '0.5', '1'],
  ['sigmoid-steps', '0', '1'],
  ['sigmoid-steps', '-0', '-2.5'],
  ['sigmoid-steps', '-800', '1'],
  ['sigmoid-steps', '800', '1'],
  ['sigmoid', '-800', '1'],
  ['sigmoid', '800', '-3'],
  ['sigmoid', '-1.25', '0.1'],
  ['relu', '0', '1'],
  ['relu', '-0', '1'],
  ['relu', '-3', '2'],
  ['relu', '2.5', '-1'],
];

for (const [graph, x, dout] of cases) {
  test(`${graph} at x = ${x}, dL/dy = ${dout} matches the CLI`, async ({app}) => {
    await test.step('open the graph and type the numbers', async () => {
      await app.open(`#graph=${graph}`);
      await app.x.fill(x);
      await app.dout.fill(dout);
      await expect(app.page).toHaveURL(new RegExp(`x=${x.replace('.', '\\.')}&dout=${dout.replace('.', '\\.')}`));
    });
    const trace = cliTrace(graph, x, dout);
    await test.step('graph numbers', () => compareGraph(app, null, trace));
    await test.step('gradient check', () => compareCheck(app, trace));
  });
}

test('both: the step-by-step and the fused sigmoid, each as the CLI has them', async ({app}) => {
  for (const [x, dout] of [['0.5', '1'], ['-800', '1'], ['3', '-0.5']]) {
    await test.step(`x = ${x}, dL/dy = ${dout}`, async () => {
      await app.open(`#graph=both&x=${x}&dout=${dout}`);
      await compareGraph(app, 'Sigmoid step by step', cliTrace('sigmoid-steps', x, dout));
      await compareGraph(app, 'Sigmoid, fused', cliTrace('sigmoid', x, dout));
    });
  }
});

test('the words for the numbers, written out', async ({app}) => {
  const named = async (hash, names) => {
    await app.open(hash);
    for (const [op, name] of names) await expect(app.node(op)).toHaveAccessibleName(name);
  };
  await named('#graph=sigmoid-steps&x=0.5&dout=1', [
    ['x', 'x: value 0.5000, gradient 0.2350'],
    ['×(−1)', '×(−1): value −0.5000, gradient −0.2350'],
    ['exp', 'exp: value 0.6065, gradient −0.3875'],
    ['+1', '+1: value 1.6065, gradient −0.3875'],
    ['/', '/: value 0.6225, gradient 1'],
  ]);
  await expect(app.graphs.locator('g.edge[data-key="out"] text.value')).toHaveText('0.6225');
  await named('#graph=sigmoid-steps&x=-800&dout=1', [
    ['x', 'x: value −800, gradient NaN'],
    ['exp', 'exp: value ∞, gradient −0'],
    ['/', '/: value 0, gradient 1'],
  ]);
  await named('#graph=relu&x=-0&dout=-2.5', [['x', 'x: value −0, gradient −0'], ['ReLU', 'ReLU: value 0, gradient −2.5000']]);
  await named('#graph=sigmoid&x=-40&dout=1e300', [['x', 'x: value −40, gradient 4.248e282'], ['σ', 'σ: value 4.248e−18, gradient 1.000e300']]);
});

test('x = −800: the step graph marks ∞ and NaN and explains them; the fused one shows 0', async ({app}) => {
  await app.open('#graph=both&x=-800&dout=1');
  const steps = 'Sigmoid step by step';
  await expect(app.node('exp', steps)).toHaveClass(/nonfinite/);
  await expect(app.node('exp', steps)).toHaveAccessibleName(/value ∞/);
  await expect(app.node('x', steps)).toHaveAccessibleName(/gradient NaN/);
  await expect(app.node('x', 'Sigmoid, fused')).toHaveAccessibleName('x: value −800, gradient 0');
  await expect(app.node('x', 'Sigmoid, fused')).not.toHaveClass(/nonfinite/);
  const notes = app.page.getByRole('region', {name: 'Why ∞ and NaN?'});
  await expect(notes).toBeVisible();
  await expect(notes).toContainText('exp(800) overflows');
  await expect(notes).toContainText('0 · ∞');
  await expect(notes).toContainText('frameworks fuse sigmoid');
});

test('the precise toggle shows every digit', async ({app}) => {
  await app.open('#graph=sigmoid&x=0.5&dout=1');
  await expect(app.node('σ')).toHaveAccessibleName('σ: value 0.6225, gradient 1');
  await app.page.getByLabel('Full precision').check();
  await expect(app.node('σ')).toHaveAccessibleName('σ: value 0.6224593312018546, gradient 1');
  await expect(app.page).toHaveURL(/precise=1/);
});
