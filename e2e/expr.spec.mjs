// The reader's own expression: typed, parsed by the core, laid out, and
// every number on screen the core's, bit for bit, and the native CLI's:
// bit for bit too, except where the C library is called (sin, cos, tanh,
// log, pow: glibc natively, musl in WebAssembly), within 2 ulps.
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {test, expect, CLI, pageNumber} from './fixtures.mjs';
import {instantiateCore} from '../web/src/core/core.js';
import {traceDifferences} from '../tests/trace-diff.mjs';
import {DASH_BUDGET, DASH_FLOOR} from '../web/src/layout/dag-sizes.js';

test.use({reducedMotion: 'reduce'});

// The module the page runs, here in node.
const core = instantiateCore(readFileSync(new URL('../build/site/backprop.wasm', import.meta.url)));

// A double as the CLI reads it: JavaScript's shortest round trip, -0 kept.
const text = (v) => (Object.is(v, -0) ? '-0' : String(v));

const special = {NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity};
function cliExpr(expr, vars, {dout = 1, expand = false} = {}) {
  const args = ['trace', '--expr', expr, ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}=${text(v)}`]),
    '--dout', text(dout), '--json'];
  if (expand) args.push('--expand');
  return JSON.parse(execFileSync(CLI, args, {encoding: 'utf8'}),
    (k, v) => (typeof v === 'string' && v in special && k !== 'label' ? special[v] : v));
}

const same = (actual, expected, what) => expect(Object.is(actual, expected), `${what}: page ${actual}, core ${expected}`).toBe(true);

// The whole graph at its last step: every node's value and gradient
// (data-value, data-grad; none where the node has no gradient), the output and
// the gradient check, against the module's trace; and that trace against the
// CLI's, node by node (tests/trace-diff.mjs).
async function compareWithCli(page, expr, vars, {dout = 1, expand = false} = {}) {
  const trace = (await core).trace({expr, expand, inputs: vars, dout});
  expect(traceDifferences(cliExpr(expr, vars, {dout, expand}), trace)).toEqual([]);
  const graph = page.locator('#graphs svg.graph');
  await expect(graph.locator('g.node')).toHaveCount(trace.nodes.length);
  await expect(graph).toHaveAttribute('data-step', String(trace.steps.length));
  const shown = await graph.locator('g.node').evaluateAll((gs) => gs.map((g) => ({
    id: Number(g.dataset.id), op: g.dataset.op, value: g.getAttribute('data-value'), grad: g.getAttribute('data-grad'),
  })));
  for (const n of trace.nodes) {
    const s = shown.find((x) => x.id === n.id);
    expect(s.op).toBe(n.op);
    same(pageNumber(s.value), n.value, `node ${n.id} (${n.label}) value`);
    if (n.grad === null) expect(s.grad, `node ${n.id} (${n.label}) has no gradient`).toBeNull();
    else same(pageNumber(s.grad), n.grad, `node ${n.id} (${n.label}) grad`);
  }
  same(pageNumber(await graph.locator('g.edge[data-key="out"] text.value').getAttribute('data-value')), trace.output, 'output');
  for (const [name, grad] of Object.entries(trace.grads)) {
    const row = page.locator(`#check-body tr[data-var="${name}"]`);
    const cells = row.locator('span.num');
    same(pageNumber(await cells.nth(0).getAttribute('data-value')), grad, `dL/d${name}`);
    same(pageNumber(await cells.nth(1).getAttribute('data-value')), trace.check[name].numeric, `${name} numeric`);
    same(pageNumber(await cells.nth(2).getAttribute('data-value')), trace.check[name].rel_error, `${name} rel_error`);
  }
}

const PRESETS = [
  ['(x+y)·z', '(x+y)*z', {x: -2, y: 5, z: -4}],
  ['neuron', 'sigmoid(w0*x0 + w1*x1 + w2)', {w0: 2, x0: -1, w1: -3, x1: -2, w2: -3}],
  ['apples', 'apple*count*tax', {apple: 100, count: 2, tax: 1.1}],
  ['x·x + exp(x)', 'x*x + exp(x)', {x: 0.5}],
];

for (const [button, expr, vars] of PRESETS) {
  test(`preset ${expr} matches the CLI`, async ({app, page}) => {
    await app.open('#graph=relu');
    await app.chooseGraph('Your expression');
    await page.getByRole('button', {name: button, exact: true}).click();
    await expect(page.getByLabel('Expression', {exact: true})).toHaveValue(expr);
    for (const [name, v] of Object.entries(vars)) await expect(page.getByLabel(name, {exact: true})).toHaveValue(String(v));
    await compareWithCli(page, expr, vars);
    await expect(page).toHaveURL(new RegExp(`graph=expr&dout=1&expr=${encodeURIComponent(expr).replace(/[()*]/g, '\\$&')}`));
  });
}

test('typing an expression and its variables gives the CLI numbers', async ({app, page}) => {
  await app.open('#graph=expr');
  await test.step('type the expression: one field per variable appears', async () => {
    await page.getByLabel('Expression', {exact: true}).fill('x*y + sin(x) / (1 + y*y)');
    await expect(page.locator('#vars .field')).toHaveCount(2);
    await expect(page.getByLabel('x', {exact: true})).toBeVisible();
    await expect(page.getByLabel('y', {exact: true})).toBeVisible();
  });
  await test.step('type the numbers', async () => {
    await page.getByLabel('x', {exact: true}).fill('1.5');
    await page.getByLabel('y', {exact: true}).fill('-0.25');
    await page.getByLabel('dL/df', {exact: true}).fill('2');
  });
  await compareWithCli(page, 'x*y + sin(x) / (1 + y*y)', {x: 1.5, y: -0.25}, {dout: 2});
  await test.step('a bad number keeps the last good one, with the reason', async () => {
    await page.getByLabel('y', {exact: true}).fill('0,5');
    await expect(page.locator('#var-y-error')).toHaveText("y: use '.' for decimals, not ','. Still showing y = -0.25.");
    await expect(page.getByLabel('y', {exact: true})).toHaveAttribute('aria-invalid', 'true');
    await compareWithCli(page, 'x*y + sin(x) / (1 + y*y)', {x: 1.5, y: -0.25}, {dout: 2});
  });
});

test('a parse error shows a caret under its column, and the last graph stays', async ({app, page}) => {
  await app.open('#graph=expr&expr=(x%2By)*z&vars=x=-2,y=5,z=-4');
  const field = page.getByLabel('Expression', {exact: true});
  await field.fill('(x+y)*');
  const error = page.locator('#expr-error');
  await expect(error).toBeVisible();
  await expect(page.locator('#expr-caret')).toHaveText('(x+y)*\n      ^');
  await expect(page.locator('#expr-message')).toHaveText(
    "column 7: expected a number, a variable or '(' but the expression ended. Still showing the last expression that parsed.");
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/column 7: expected a number/);
  await compareWithCli(page, '(x+y)*z', {x: -2, y: 5, z: -4});
  await expect(page).toHaveURL(/expr=\(x%2By\)\*z/);

  await field.fill('x + foo(y)');
  await expect(page.locator('#expr-caret')).toHaveText('x + foo(y)\n    ^');
  await expect(page.locator('#expr-message')).toContainText("column 5: unknown function 'foo'");

  await field.fill('(x+y)*z*2');
  await expect(error).toBeHidden();
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await compareWithCli(page, '(x+y)*z*2', {x: -2, y: 5, z: -4});
});

test('a link with a bad expression shows the error and a graph', async ({app, page}) => {
  await app.open('#graph=expr&expr=x%2B%2B');
  await expect(page.locator('#expr-error')).toBeVisible();
  await expect(page.getByLabel('Expression', {exact: true})).toHaveValue('x++');
  await expect(page.locator('#graphs g.node').first()).toBeVisible();
});

test('fan-out: x*x + x at x = 3 sends three gradients back into x, and the total adds up', async ({app, page}) => {
  await app.open('#graph=expr&expr=x*x%2Bx&vars=x=3&step=0');
  const trace = cliExpr('x*x+x', {x: 3});
  const into = trace.steps.map((s, i) => ({...s, step: i + 1})).filter((s) => s.phase === 'backward' && s.to === 0);
  expect(into.map((s) => s.total)).toEqual([1, 4, 7]);
  // Two distinct curves from x into the ×, as arg 0 and arg 1.
  await expect(page.locator('g.edge[data-key="0-1-0"] path.shaft.forward')).toHaveCount(1);
  await expect(page.locator('g.edge[data-key="0-1-1"] path.shaft.forward')).toHaveCount(1);
  expect(await page.locator('g.edge[data-key="0-1-0"] path.shaft.forward').getAttribute('d'))
    .not.toBe(await page.locator('g.edge[data-key="0-1-1"] path.shaft.forward').getAttribute('d'));

  const panel = page.locator('#step-body');
  for (const [k, s] of into.entries()) {
    await app.timeline.fill(String(s.step));
    await expect(app.status).toContainText(`Step ${s.step} of ${trace.steps.length}, backward`);
    const total = panel.locator('p.total');
    await expect(total).toHaveAttribute('data-share', String(k + 1));
    await expect(total).toHaveAttribute('data-shares', '3');
    await expect(total).toHaveAttribute('data-total', String(s.total));
    const sum = k === 0 ? `dL/dx so far ${s.total}` : `dL/dx so far ${into[k - 1].total} + ${s.grad} = ${s.total}`;
    await expect(total).toContainText(`x is used 3 times: share ${k + 1} of 3.`);
    await expect(total).toContainText(sum);
    await expect(panel.locator('math').first()).toHaveAttribute('aria-label', `backward: dL/dx gets ${s.upstream} times ${s.local} = ${s.grad}`);
    await expect(app.status).toContainText(`reaches x, whose gradient so far is ${s.total}`);
    // The edge's own share below it.
    const edge = page.locator(`g.edge[data-key="0-${s.node}-${s.arg}"] text.grad`);
    await expect(edge).toHaveAttribute('data-value', String(s.grad));
  }
  await expect(panel.locator('p.total .done')).toBeVisible();
  await expect(page.locator('g.node[data-id="0"]')).toHaveAttribute('data-grad', '7');
});

test('the forward formula substitutes the numbers', async ({app, page}) => {
  await app.open('#graph=expr&expr=(x%2By)*z&vars=x=-2,y=5,z=-4&step=1');
  const math = page.locator('#step-body .formula');
  await expect(math).toContainText('q');
  await expect(page.locator('#step-body math').first()).toHaveAttribute('aria-label', 'forward: q = 3');
  await expect(page.locator('#step-body .formula')).toContainText('−2');
  await app.stepForward.click();
  await expect(page.locator('#step-body math').first()).toHaveAttribute('aria-label', 'forward: f = −12');
});

test('σ fused or expanded into its elementary nodes', async ({app, page}) => {
  const [, expr, vars] = PRESETS[1];
  await app.open('#graph=expr');
  await page.getByRole('button', {name: 'neuron', exact: true}).click();
  await compareWithCli(page, expr, vars);
  await expect(page.locator('g.node[data-op="sigmoid"]')).toHaveCount(1);
  await page.getByLabel('Expand σ into its elementary nodes').check();
  await compareWithCli(page, expr, vars, {expand: true});
  await expect(page.locator('g.node[data-op="sigmoid"]')).toHaveCount(0);
  await expect(page.locator('g.node[data-op="exp"]')).toHaveCount(1);
  await expect(page).toHaveURL(/expand=1/);
  await page.reload();
  await app.ready();
  await expect(page.getByLabel('Expand σ into its elementary nodes')).toBeChecked();
  await compareWithCli(page, expr, vars, {expand: true});
});

test('keyboard: the expression, a preset, the toggle, a variable and the plot', async ({app, page}) => {
  await app.open('#graph=expr');
  const field = page.getByLabel('Expression', {exact: true});
  await field.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('a*b');
  await expect(page.locator('#vars .field')).toHaveCount(2);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', {name: '(x+y)·z', exact: true})).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', {name: 'neuron', exact: true})).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(field).toHaveValue('sigmoid(w0*x0 + w1*x1 + w2)');
  await page.getByRole('button', {name: 'apples', exact: true}).focus();
  await page.keyboard.press('Space');
  await expect(field).toHaveValue('apple*count*tax');
  const expand = page.getByLabel('Expand σ into its elementary nodes');
  await expand.focus();
  await page.keyboard.press('Space');
  await expect(expand).toBeChecked();
  // The variables stand beside the graph, after the player and the figure's
  // tools: Tab reaches them, and nothing before them is skipped.
  const order = [];
  for (let i = 0; i < 20 && !(await page.getByLabel('apple', {exact: true}).evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => document.activeElement.id));
  }
  // (Step forward is disabled at the last step.)
  // (The graph's nodes, one tab stop, before the figure's tools; its first node has no id.
  // Fig. 7's checkbox is off: this expression has no sigmoid.)
  expect(order).toEqual(['reset', 'step-back', 'play', 'timeline', 'speed', 'precise', 'predict', 'code', '', 'copy-link', 'copy-latex', 'download-svg', 'download-png', 'var-apple']);
  await expect(page.getByLabel('apple', {exact: true})).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('50');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('apple slider')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  const apple = Number(await page.getByLabel('apple slider').inputValue());
  expect(apple).toBeGreaterThan(50);
  await expect(page.getByLabel('apple', {exact: true})).toHaveValue(String(apple));
  await compareWithCli(page, 'apple*count*tax', {apple, count: 2, tax: 1.1});

  await page.getByLabel('Plot over').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Plot over')).toHaveValue('count');
  await expect(page.locator('#plot-title')).toContainText('over count');
  await expect(page).toHaveURL(/plot=count/);
});

test('the curve is sampled by the core over the chosen variable', async ({app, page}) => {
  await app.open('#graph=expr&expr=x*x%2Bexp(x)&vars=x=0.5');
  await expect(page.locator('#plot-title')).toContainText('over x from −6 to 6');
  const plot = page.locator('svg.plot');
  await expect(plot).toHaveAttribute('aria-valuetext', 'x = 0.5000');
  await plot.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByLabel('x', {exact: true})).toHaveValue('0.6');
  await compareWithCli(page, 'x*x + exp(x)', {x: 0.6});
});

test('links: the hash carries the expression; share.js-style links open too', async ({app, page}) => {
  await app.open('#graph=expr&expr=x*y&vars=x=2,y=3&step=1');
  await expect(page.getByLabel('Expression', {exact: true})).toHaveValue('x*y');
  await expect(page.locator('#graphs svg.graph')).toHaveAttribute('data-step', '1');
  await app.open('#expr=a%2Bb&a=2&b=-3&dout=1');
  await expect(page.getByLabel('Expression', {exact: true})).toHaveValue('a+b');
  await expect(page.getByLabel('a', {exact: true})).toHaveValue('2');
  await expect(page.getByLabel('b', {exact: true})).toHaveValue('-3');
  // The built-in graphs still have their x and dL/dy.
  await app.chooseGraph('ReLU');
  await expect(app.x).toBeVisible();
  await expect(page.locator('#expr-controls')).toBeHidden();
  await expect(page.getByText('dL/dy', {exact: true})).toBeVisible();
});

test('phone width: the graph scrolls instead of shrinking past reading', async ({app, page}) => {
  await page.setViewportSize({width: 360, height: 740});
  await app.open('#graph=expr&expr=sigmoid(w0*x0%2Bw1*x1%2Bw2)&vars=w0=2,x0=-1,w1=-3,x1=-2,w2=-3');
  const body = page.locator('.pane-body.scroll');
  const {client, scroll} = await body.evaluate((el) => ({client: el.clientWidth, scroll: el.scrollWidth}));
  expect(scroll).toBeGreaterThan(client);
  const box = await page.locator('g.node[data-op="sigmoid"] circle').boundingBox();
  expect(box.width).toBeGreaterThan(2 * 24 * 0.69);
  // Drawn at the least scale (0.7), its arrows are at most a device pixel
  // wide, hairlines to the rasteriser: 1.6 would be 1.12 px, stroked whole
  // for each tile. The active step's stay thick.
  const widths = async () => page.locator('#graphs svg.graph').evaluate((svg) => {
    const scale = svg.getScreenCTM().a * devicePixelRatio;
    const px = (el) => parseFloat(getComputedStyle(el).strokeWidth) * scale;
    return {scale, plain: px(svg.querySelector('g.edge:not([class*="active-"]) path.shaft')),
      active: px(svg.querySelector('g.edge[class*="active-"] path.shaft.' + (svg.querySelector('g.edge.active-forward') ? 'forward' : 'backward')))};
  });
  const narrow = await widths();
  expect(narrow.scale).toBeCloseTo(0.7, 2);
  expect(narrow.plain).toBeLessThanOrEqual(1);
  expect(narrow.plain).toBeGreaterThan(0.95);
  expect(narrow.active).toBeCloseTo(3.2 * 0.7, 2);
  // Drawn at full size, they keep their 1.6.
  await page.setViewportSize({width: 1280, height: 740});
  await expect.poll(async () => (await widths()).scale).toBe(1);
  expect((await widths()).plain).toBeCloseTo(1.6, 5);
});

test('a big graph names only the nodes of the active step; a small one names every op node', async ({app, page}) => {
  await app.open('#graph=expr&expr=' + encodeURIComponent('x*x + x') + '&vars=x=3');
  const small = page.locator('#graphs svg.graph');
  await expect(small.locator('g.node.op')).toHaveCount(2);
  await expect(small.locator('g.node.op text.symbol')).toHaveCount(2);

  // 30 neurons over shared w, x: 151 nodes (119 ops), past LABEL_LIMIT's 120.
  const expr = Array.from({length: 30}, () => 'sigmoid(w*x + 0.5)').join(' + ');
  for (const step of [40, 200]) {
    await app.open(`#graph=expr&expr=${encodeURIComponent(expr)}&vars=w=1,x=2&step=${step}`);
    const graph = page.locator('#graphs svg.graph');
    await expect(graph).toHaveAttribute('data-step', String(step));
    const {nodes, named, active, ends} = await graph.evaluate((svg) => ({
      nodes: svg.querySelectorAll('g.node').length,
      named: [...svg.querySelectorAll('g.node')].filter((g) => g.querySelector(':scope > text.symbol')).map((g) => Number(g.dataset.id)).sort((a, b) => a - b),
      active: Number(svg.querySelector('g.node.active').dataset.id),
      ends: [...svg.querySelectorAll('g.edge[class*="active-"]')].flatMap((g) => g.dataset.key.split('-').slice(0, 2).map(Number)),
    }));
    expect(nodes).toBe(151);
    expect(ends.length).toBeGreaterThan(0);
    // Every node of the step that is an op node, and no other.
    const opIds = await graph.locator('g.node.op').evaluateAll((gs) => gs.map((g) => Number(g.dataset.id)));
    const want = [...new Set([active, ...ends])].filter((id) => opIds.includes(id)).sort((a, b) => a - b);
    expect(named).toEqual(want);
    expect(named.length).toBeGreaterThan(0);
  }
});

test('a link\'s plot= naming no variable of the expression is not written back; the first variable is plotted', async ({app, page}) => {
  await app.open('#graph=expr&expr=x*y&vars=x=1,y=2&plot=zz');
  await expect(page.locator('#plot-var')).toHaveValue('x');
  await app.stepBack.click(); // (the link is written again)
  await expect(page).toHaveURL(/#graph=expr&dout=1&expr=x\*y&vars=x=1,y=2&step=2$/);
  expect(page.url()).not.toContain('plot=');
});

// The browser dashes an arrow along all of it whenever it paints any part
// of it: x+x+…+x's 1000 arrows out of x, across the graph, asked for 61
// million px of dashes and took seconds a frame. Counted, not timed.
test('x used 1000 times: its long arrows ask the browser for few dashes', async ({app, page}) => {
  await app.open(`#graph=expr&expr=${encodeURIComponent('x' + '+x'.repeat(999))}&vars=x=1`);
  const graph = page.locator('#graphs svg.graph');
  await expect(graph.locator('g.node')).toHaveCount(1000);
  const {arrows, stretched, dashed} = await graph.evaluate((svg) => {
    const shafts = [...svg.querySelectorAll('path.shaft.backward')];
    const own = (p) => p.getAttribute('pathLength');
    return {arrows: shafts.length, stretched: shafts.filter((p) => own(p) != null).length,
      dashed: shafts.reduce((sum, p) => sum + (own(p) != null ? Number(own(p)) : p.getTotalLength()), 0)};
  });
  expect(arrows).toBe(1999); // 1998 edges and the output's
  expect(stretched).toBeGreaterThan(900);
  expect(dashed).toBeLessThanOrEqual(DASH_BUDGET + DASH_FLOOR * arrows);
});

// A step changes the graph and the step panel; the check, the curve and the
// variables' fields depend on the expression and its values only, and were
// written again at every step (300 rows and 300 fields for 300 variables).
// Counted as DOM mutations, not timed.
test('a step rewrites neither the check, the curve nor the variables; a new value does', async ({app, page}) => {
  const expr = 'v0*' + Array.from({length: 29}, (_, i) => `v${i + 1}`).join('+');
  await app.open(`#graph=expr&expr=${encodeURIComponent(expr)}&step=40`);
  await expect(page.locator('#check-body tr[data-var]')).toHaveCount(30);
  await expect(page.locator('#vars div.field')).toHaveCount(30);
  const watch = () => page.evaluate(() => {
    window.__mutations = {check: 0, plot: 0, vars: 0};
    for (const [key, id] of [['check', 'check-body'], ['plot', 'plot'], ['vars', 'vars']]) {
      new MutationObserver((records) => { window.__mutations[key] += records.length; })
        .observe(document.getElementById(id), {subtree: true, childList: true, attributes: true, characterData: true});
    }
  });
  const mutations = () => page.evaluate(() => new Promise((r) => setTimeout(() => r(window.__mutations), 0)));
  await watch();
  for (const button of [app.stepForward, app.stepBack, app.stepBack]) await button.click();
  await expect(page.locator('#graphs svg.graph')).toHaveAttribute('data-step', '39');
  expect(await mutations()).toEqual({check: 0, plot: 0, vars: 0});
  await page.getByLabel('v1', {exact: true}).fill('2'); // dL/dv0 = v1
  await expect(page.locator('#check-body tr[data-var="v0"] span.num').first()).toHaveAttribute('data-value', '2');
  const after = await mutations();
  expect(after.check).toBeGreaterThan(0);
  expect(after.plot).toBeGreaterThan(0);
  expect(after.vars).toBeGreaterThan(0);
});
