// The app's first paint: index.html carries the default state's graph and
// chain-rule line, drawn at build time by svg/prerender.js with the C core
// under node, so that they are on screen before app.js runs; app.js then
// draws the live figure in their place without moving anything.
import {test, expect} from '@playwright/test';
import {cliTrace} from './fixtures.mjs';

// Before any script: the prerendered #graphs as parsed, and the layout
// shifts of the whole load, summed.
function watch() {
  window.__shift = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__shift += e.value; })
    .observe({type: 'layout-shift', buffered: true});
  // The prerendered graphs, for a wide box and a narrow one.
  document.addEventListener('readystatechange', () => {
    if (document.readyState !== 'interactive') return;
    window.__prerendered = Object.fromEntries([...document.querySelectorAll('#graphs > .prerender')].map((p) => [p.classList[1], p.innerHTML]));
  });
}

test('without JavaScript, the page shows the default graph with the core\'s numbers', async ({browser}) => {
  const context = await browser.newContext({javaScriptEnabled: false});
  const page = await context.newPage();
  await page.goto('/');
  const trace = cliTrace('sigmoid-steps', 0.5, 1);
  await expect(page.locator('#graphs > .prerender.narrow')).toBeHidden(); // (the phone's)
  const nodes = page.locator('#graphs > .prerender.wide svg.graph g.node');
  await expect(nodes).toHaveCount(trace.nodes.length);
  // x's gradient and every node's value, as the CLI computes them.
  expect(Number(await nodes.first().getAttribute('data-grad'))).toBe(trace.grads.x);
  for (const node of trace.nodes) {
    expect(Number(await nodes.nth(node.id).getAttribute('data-value')), `node ${node.id}`).toBe(node.value);
  }
  const y = 1 / (1 + Math.exp(-0.5));
  await expect(page.getByRole('img', {name: '+1: value 1.6065, gradient −0.3875'})).toHaveCount(1);
  await expect(page.locator('#chain-line')).toHaveText('∂L/∂x = ∂L/∂y · (−1) = (−0.2350) · (−1) = 0.2350');
  expect(y * (1 - y)).toBeCloseTo(trace.grads.x, 15);
  await expect(page.getByLabel('x', {exact: true})).toBeDisabled(); // until app.js runs
  await context.close();
});

for (const [width, height] of [[1280, 800], [1000, 800], [360, 740]]) {
  test(`app.js draws the live figure in place: no layout shift at ${width} px`, async ({browser}) => {
    const context = await browser.newContext({viewport: {width, height}, reducedMotion: 'reduce'});
    const page = await context.newPage();
    await page.addInitScript(watch);
    await page.goto('/');
    await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
    // Two frames after the first render, the observer has had every shift.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await page.evaluate(() => window.__shift)).toBe(0);
    const [prerendered, after] = await page.evaluate(() => [window.__prerendered, document.getElementById('graphs').innerHTML]);
    expect(Object.keys(prerendered)).toEqual(['wide', 'narrow']);
    // At the page's full width and on a 360 px phone, the live graph is the
    // prerendered one that app.css showed, element for element, attribute
    // for attribute (turned a quarter on the phone).
    if (width === 1280) expect(after).toBe(prerendered.wide);
    if (width === 360) expect(after).toBe(prerendered.narrow);
    if (width === 360) expect(after).toContain('data-orientation="vertical"');
    // And it is alive: typing x redraws it.
    await page.getByLabel('x', {exact: true}).fill('2');
    await expect(page.locator('g.node.input')).toHaveAttribute('data-value', '2');
    await context.close();
  });
}
