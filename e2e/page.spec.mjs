// Loading, failure, sizes, motion and the look of the default view.
import {test, expect, strictCsp} from './fixtures.mjs';
import {DAG_SIZES} from '../web/src/layout/dag-sizes.js';

// How far from its arrow an edge's label stands at most (layout/dag-labels.js).
const DAG_LABEL_REACH = DAG_SIZES.labelOffset + 14 + 1;

test('a visible loading state until the WebAssembly core is ready', async ({app, page}) => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/backprop.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  await expect(app.status).toHaveText('Loading the WebAssembly core…');
  // The default graph is there already (index.html carries it), its inputs not yet.
  await expect(page.locator('#graphs > .prerender.wide svg.graph g.node')).toHaveCount(5);
  await expect(page.locator('#graphs > .prerender.narrow')).toBeHidden();
  await expect(app.x).toBeDisabled();
  release();
  await app.ready();
  await expect(app.status).toHaveText(/^Ready\./);
  await expect(app.x).toBeEnabled();
});

test('if the WebAssembly file cannot be loaded, the page says so', async ({app, page}) => {
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto('/');
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'failed');
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('The computing core could not be loaded');
  await expect(alert).toContainText('backprop.wasm');
  await expect(app.status).toHaveText('The computing core could not be loaded.');
  await expect(page.locator('svg.graph')).toHaveCount(0);
  await expect(page.locator('#graphs')).not.toContainText('Loading');
});

test('index.html compiles the core early (core-start.js), once; without that script, or served as another type, the page fetches it itself', async ({app, page}) => {
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('/backprop.wasm')) wasm.push(r.url()); });
  await app.open();
  expect(await page.evaluate(async () => (await globalThis[Symbol.for('backprop-viz core start')]) instanceof WebAssembly.Module)).toBe(true);
  expect(wasm).toHaveLength(1);
  await expect(app.status).toHaveText(/^Ready\./);

  await page.route('**/core-start.js', (route) => route.abort());
  wasm.length = 0;
  await page.reload();
  await app.ready();
  expect(await page.evaluate(() => Symbol.for('backprop-viz core start') in globalThis)).toBe(false);
  expect(wasm).toHaveLength(1);
  await expect(page.locator('#graphs').getByRole('img', {name: /^\/:/})).toHaveAttribute('data-grad', '1');

  // A server that sends the core without application/wasm: its streaming
  // compile is refused, and the page compiles the bytes it fetches again.
  await page.unroute('**/core-start.js');
  await page.route('**/backprop.wasm', async (route) => route.fulfill({response: await route.fetch(), contentType: 'application/octet-stream'}));
  wasm.length = 0;
  await page.reload();
  await app.ready();
  expect(await page.evaluate(() => globalThis[Symbol.for('backprop-viz core start')].then(() => 'compiled', (e) => e.name))).toBe('TypeError');
  expect(wasm).toHaveLength(2);
  await expect(page.locator('#graphs').getByRole('img', {name: /^\/:/})).toHaveAttribute('data-grad', '1');
});

test.describe('reduced motion', () => {
  test.use({reducedMotion: 'reduce'});
  test('steps change without motion', async ({app, page}) => {
    await app.open('#graph=sigmoid-steps&x=0.5&dout=1&step=0');
    await app.stepForward.click();
    await expect(app.status).toHaveText(/^Step 1 of 8/);
    await expect(page.locator('g.token')).toHaveCount(0);
    await expect(page.locator('g.edge[data-key="1-2-0"] text.value')).toHaveText('−0.5000');
    await expect(page.locator('text.arriving')).toHaveCount(0);
  });
});

test.describe('with motion', () => {
  test.use({reducedMotion: 'no-preference'});

  test('the value travels along the edge, then lands on it', async ({app, page, clock}) => {
    await app.open('#graph=sigmoid-steps&x=0.5&dout=1&step=0&speed=0.5');
    await clock.freeze();
    await app.stepForward.click();
    const edge = page.locator('g.edge[data-key="1-2-0"]');
    const label = edge.locator('text.value');
    const token = page.locator('g.token.forward');
    await test.step('in flight: the token runs from the edge\'s start to its end', async () => {
      await expect(token).toHaveCount(1);
      await expect(label).toHaveClass(/arriving/);
      await expect(label).toHaveText('−0.5000');
      const flight = await token.evaluate((g) => g.getAnimations().map((a) => ({
        keyframes: a.effect.getKeyframes().map((k) => k.transform),
        duration: a.effect.getTiming().duration,
        text: g.querySelector('text').textContent,
      })));
      expect(flight).toHaveLength(1);
      const [{keyframes, duration, text}] = flight;
      expect(duration).toBe(1300); // 650 ms at speed 0.5
      expect(text).toBe('−0.5000');
      const shaft = await edge.locator('path.shaft.forward').getAttribute('d');
      const [x0, y0, x1, y1] = shaft.match(/-?\d+(\.\d+)?/g).map(Number);
      expect(keyframes.map((k) => k.match(/-?\d+(\.\d+)?/g).map(Number))).toEqual([[x0, y0], [x1, y1]]);
    });
    await test.step('finished: the token is gone and the label shows', async () => {
      // The token's flight, and the CSS transitions of the labels and rings.
      expect(await clock.finishAll()).toBeGreaterThanOrEqual(1);
      await expect(token).toHaveCount(0);
      await expect(label).not.toHaveClass(/arriving/);
      await expect(label).toHaveText('−0.5000');
      await expect(app.status).toHaveText('Step 1 of 8, forward: ×(−1) gives −0.5000.');
    });
  });

  test('on an edge along a lane the number rides beside the dot, at its label\'s distance from the arrow', async ({app, page, clock}) => {
    // x+x+x+x+x: x's edges to the later sums run along a lane below the
    // first; at step 6 f's gradient goes back along it to x.
    await app.open('#graph=expr&expr=x%2Bx%2Bx%2Bx%2Bx&vars=x=1&step=5');
    await clock.freeze();
    await app.stepForward.click();
    await expect(app.status).toHaveText(/^Step 6 of 12, backward: through f, 1 × 1 = 1 reaches x/);
    const token = page.locator('g.token.backward');
    await expect(token).toHaveCount(1);
    const lane = await page.locator('g.edge[data-key="0-4-1"] path.shaft.backward').getAttribute('d');
    expect(lane).toMatch(/^M[^L]*C[^L]*L[^L]*C/); // (a cubic out of the lane, a line, a cubic into x)
    const [dx, dy] = await token.locator('text').evaluate((t) => [Number(t.getAttribute('x')), Number(t.getAttribute('y'))]);
    // Below the dot (a gradient), as far as a label stands from its arrow.
    expect(dy).toBeGreaterThan(0);
    expect(Math.hypot(dx, dy)).toBeLessThanOrEqual(DAG_LABEL_REACH);
    await clock.finishAll();
    await expect(token).toHaveCount(0);
  });

  test('a number in flight is not cut short by the first size report', async ({page, clock}) => {
    // Count the page's redraws once it is ready: each writes the status line
    // anew, and the writes of one task come to the observer as one batch.
    await page.addInitScript(() => {
      window.__renders = 0;
      new MutationObserver((records) => {
        const ready = document.getElementById('app')?.dataset.ready === 'true';
        const status = records.some((r) => r.target.closest?.('#status') || r.target.parentElement?.closest('#status'));
        if (ready && status) window.__renders += 1;
      }).observe(document, {childList: true, characterData: true, subtree: true});
    });
    await page.goto('/#graph=sigmoid-steps&x=0.5&dout=1&step=0');
    await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
    await clock.freeze();
    // Three frames: the resize observer's first report arrives in the first,
    // and a redraw it asked for would run in the next.
    const renders = await page.evaluate(async () => {
      for (let i = 0; i < 3; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
      return window.__renders;
    });
    expect(renders).toBe(1);
  });
});

test.describe('on a phone', () => {
  test.use({viewport: {width: 360, height: 740}, hasTouch: true, isMobile: true, reducedMotion: 'reduce'});
  for (const graph of ['sigmoid-steps', 'both', 'relu']) {
    test(`${graph}: nothing overflows horizontally and everything is reachable`, async ({app, page}) => {
      await app.open(`#graph=${graph}&x=-800&dout=1`);
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      expect(widths[0]).toBeLessThanOrEqual(widths[1]);
      for (const box of await page.locator('svg.graph, svg.plot, .panel, .controls').filter({visible: true}).all()) {
        const b = await box.boundingBox();
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width).toBeLessThanOrEqual(360);
      }
      await expect(app.play).toBeVisible();
      await expect(app.x).toBeVisible();
      await app.stepBack.tap();
      await expect(app.status).toHaveText(/^Step 7 of 8|^Step 1 of 2/);
    });
  }
  test('the plot works by touch', async ({app, page}) => {
    await app.open('#graph=sigmoid&x=0.5&dout=1');
    const plot = page.getByRole('slider', {name: /^Plot of σ/});
    await plot.scrollIntoViewIfNeeded();
    const box = await plot.boundingBox();
    await page.touchscreen.tap(box.x + box.width * 0.8, box.y + box.height / 2);
    await expect.poll(async () => Number(await app.x.inputValue())).toBeGreaterThan(2);
  });
});

// Layer mode's figure and the expressions' layout are files of their own,
// fetched when the mode is first shown. One that does not come is said,
// asked for once (not again and again, as the layer file was), the rest of
// the page still works, and the mode's next showing asks again.
for (const [file, mode, hash, drawn] of [
  ['backprop-graph-layer.js', 'Layer', '#graph=layer&layer=relu', '.layer-figure'],
  ['page-dag.js', 'Your expression', '#graph=expr&expr=(x%2By)*z', 'svg.graph g.node[data-op="mul"]'],
]) {
  test(`a mode's file that does not load (${file}): said, asked for once, asked again when the mode is shown again`, async ({app, page}) => {
    const asked = [];
    page.on('request', (r) => { if (r.url().endsWith('/' + file)) asked.push(r.url()); });
    await page.route('**/' + file, (route) => route.fulfill({status: 404, body: 'missing'}));
    await app.open('#graph=sigmoid-steps&x=0.5&dout=1');
    await page.evaluate((h) => { location.hash = h; }, hash);
    await expect(app.status).toContainText(`${file} could not be loaded`);
    // Frames go by, and the page does not ask again.
    for (let i = 0; i < 10; i++) await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    expect(asked).toHaveLength(1);
    await app.chooseGraph('Sigmoid step by step');
    await page.getByLabel('x', {exact: true}).fill('2');
    await expect(page.locator('g.node.input')).toHaveAttribute('data-value', '2');
    expect(asked).toHaveLength(1);
    await page.unroute('**/' + file);
    await app.chooseGraph(mode);
    await expect(page.locator('#graphs ' + drawn).first()).toBeVisible();
    await expect(app.status).not.toContainText('could not be loaded');
    expect(asked).toHaveLength(2);
  });
}

test('a link opened in a mode whose file does not load: said; choosing the mode again fetches it again', async ({app, page}) => {
  await page.route('**/page-dag.js', (route) => route.fulfill({status: 404, body: 'missing'}));
  await page.goto('/#graph=expr&expr=a*b');
  await expect(app.status).toContainText('page-dag.js could not be loaded');
  await page.unroute('**/page-dag.js');
  await page.getByRole('radio', {name: 'Your expression', exact: true}).click();
  await expect(page.locator('#graphs svg.graph g.node[data-op="mul"]')).toHaveCount(1);
  await expect(app.status).not.toContainText('could not be loaded');
});

test('an expression\'s link draws the expression first: its layout\'s file comes with the core', async ({app, page}) => {
  // What the page shows the moment it says it is ready (data-ready), not after.
  await page.addInitScript(() => {
    new MutationObserver((changes, observer) => {
      if (document.getElementById('app')?.dataset.ready !== 'true') return;
      observer.disconnect();
      window.atReady = {nodes: document.querySelectorAll('#graphs svg.graph g.node').length, status: document.getElementById('status').textContent};
    }).observe(document, {attributes: true, attributeFilter: ['data-ready'], subtree: true});
  });
  await page.goto('/#graph=expr&expr=x*sigmoid(x)&vars=x=1.5&expand=1');
  await app.ready();
  const first = await page.evaluate(() => window.atReady);
  expect(first.status).toMatch(/^Ready\./);
  expect(first.nodes).toBe(6); // x; the expanded sigmoid's ×(−1), exp, +1, /; and ×
  await expect(app.node('x')).toHaveAttribute('data-value', '1.5');
});

test('while a mode\'s file is on its way the player waits: Play, Step and Reset off; Back goes back', async ({app, page}) => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/page-dag.js', async (route) => { await held; await route.continue(); });
  await app.open('#graph=relu&x=1&dout=1');
  await expect(app.status).toHaveText(/Step 2 of 2/);
  const relu = new URL(page.url()).hash; // (as the page wrote it)
  await page.evaluate(() => { location.hash = '#graph=expr&expr=a*b'; });
  await expect(app.status).toHaveText('Loading…');
  for (const b of [app.play, app.stepForward, app.stepBack, app.reset, app.timeline]) await expect(b).toBeDisabled();
  // Back, to the ReLU the page showed: the page follows, and keeps that link.
  await page.goBack();
  await expect(page.locator('input[name="graph"][value="relu"]')).toBeChecked();
  await expect(app.play).toBeEnabled();
  await expect(app.status).toHaveText(/Step 2 of 2/);
  // The file's arrival leaves the page where the reader is.
  const arrived = page.waitForResponse('**/page-dag.js');
  release();
  await arrived;
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect(page.locator('input[name="graph"][value="relu"]')).toBeChecked();
  expect(new URL(page.url()).hash).toBe(relu);
  // And the expression, chosen again, draws and steps.
  await app.chooseGraph('Your expression');
  await expect(page.locator('#graphs svg.graph g.node[data-op="mul"]')).toHaveCount(1);
  await app.reset.click();
  await app.stepForward.click();
  await expect(app.status).toHaveText(/^Step 1 of \d+/);
  await expect(app.play).toBeEnabled();
});

test.describe('the default view', () => {
  test.use({reducedMotion: 'reduce', viewport: {width: 1280, height: 800}, colorScheme: 'light'});
  test('looks as it did', async ({app, page}) => {
    await app.open();
    await expect(app.status).toHaveText(/^Ready\. Step 8 of 8/);
    await expect(page).toHaveScreenshot('default-view.png', {maxDiffPixelRatio: 0.005, animations: 'disabled'});
    await expect(app.status).toHaveText(/^Ready\. Step 8 of 8/);
  });
});

test('runs under a strict Content-Security-Policy', async ({app, page}) => {
  const violations = await strictCsp(page);
  await app.open('#graph=sigmoid-steps&x=-800&dout=1&step=3');
  await app.stepForward.click();
  await expect(app.status).toHaveText(/^Step 4 of 8/);
  expect(violations).toEqual([]);
});
