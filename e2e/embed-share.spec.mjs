// The iframe form, shareable links (figure -> app, app -> app), export as
// SVG, PNG and LaTeX, the strict Content-Security-Policy, and script
// injection through attributes and the hash.
import {test, expect, routeFixtures, allReady} from './embed-fixtures.mjs';
import {cliTrace, pageNumber} from './fixtures.mjs';
import {readFileSync} from 'node:fs';

test.use({reducedMotion: 'reduce'});

test.beforeEach(async ({page}) => {
  await routeFixtures(page);
});

test('the iframe posts its height and the parent sizes it without scrollbars', async ({page}) => {
  await page.goto('/fixture/frame.html');
  const iframe = page.locator('iframe.backprop');
  const inner = page.frameLocator('iframe.backprop');
  await expect(inner.locator('backprop-graph')).toHaveAttribute('ready', '');
  await expect(inner.getByRole('status').first()).toContainText('Step 7 of 8, backward: through exp');
  // The parent's script set the height from the message: the frame's
  // document fits exactly.
  await expect.poll(async () => {
    const set = await iframe.evaluate((f) => parseFloat(f.style.height) || 0);
    const content = await iframe.evaluate((f) => f.contentDocument.documentElement.getBoundingClientRect().height);
    return set > 200 && Math.abs(set - Math.ceil(content)) <= 1;
  }).toBe(true);
  expect(await iframe.evaluate((f) => f.contentDocument.documentElement.scrollHeight <= f.clientHeight)).toBe(true);
  await test.step('a narrower parent makes a taller figure, and the frame follows', async () => {
    const before = await iframe.evaluate((f) => parseFloat(f.style.height));
    await page.setViewportSize({width: 420, height: 800});
    await expect.poll(() => iframe.evaluate((f) => parseFloat(f.style.height))).toBeGreaterThan(before);
  });
});

test('a figure\'s "Copy link" opens the app at the same state and step', async ({page, context}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/fixture/figures.html');
  await allReady(page);
  const steps = page.locator('#steps');
  await steps.evaluate((el) => { el.setAttribute('x', '-1.25'); el.setAttribute('dout', '2'); });
  await steps.getByRole('button', {name: 'Step back'}).click();
  await steps.getByRole('button', {name: 'Step back'}).click();
  await steps.getByRole('button', {name: 'Copy link'}).click();
  await expect(steps.getByRole('status').last()).toHaveText('Link copied.');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/\/index\.html#graph=sigmoid-steps&x=-1\.25&dout=2&step=6$/);
  const shown = await steps.evaluate((el) => [...el.shadowRoot.querySelectorAll('g.node')].map((g) => [g.dataset.value ?? null, g.dataset.grad ?? null]));

  await page.goto(link);
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByRole('slider', {name: 'Timeline'})).toHaveValue('6');
  await expect(page.getByLabel('x', {exact: true})).toHaveValue('-1.25');
  const app = await page.locator('#graphs g.node').evaluateAll((gs) => gs.map((g) => [g.dataset.value ?? null, g.dataset.grad ?? null]));
  expect(app).toEqual(shown);
  const cli = cliTrace('sigmoid-steps', -1.25, 2);
  expect(pageNumber(app[4][0])).toBe(cli.output);
});

test('the app\'s own "Copy link" round-trips its state, the step included', async ({page, context}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/#graph=sigmoid&x=1.5&dout=-2');
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
  await page.getByRole('button', {name: 'Step back'}).click();
  await page.getByRole('button', {name: 'Copy link'}).click();
  await expect(page.locator('#status')).toHaveText('Link copied.');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(link).hash).toBe('#graph=sigmoid&x=1.5&dout=-2&step=1');
  const before = await page.locator('#graphs g.node').evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label')));
  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByRole('slider', {name: 'Timeline'})).toHaveValue('1');
  expect(await page.locator('#graphs g.node').evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label')))).toEqual(before);
});

test('an expression travels by the same grammar: figure link -> app, an older link -> iframe', async ({page, context}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/fixture/figures.html');
  await allReady(page);
  const expr = page.locator('#expr');
  await expr.evaluate((el) => { el.setAttribute('controls', 'full'); el.setAttribute('step', '3'); });
  await expr.getByRole('button', {name: 'Copy link'}).click();
  await expect(expr.getByRole('status').last()).toHaveText('Link copied.');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(link).hash).toBe('#graph=expr&dout=1&expr=(x%2By)*z&vars=x=-2,y=5,z=-4&step=3');

  await page.goto(link);
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByLabel('Expression', {exact: true})).toHaveValue('(x+y)*z');
  for (const [name, v] of [['x', '-2'], ['y', '5'], ['z', '-4']]) await expect(page.getByLabel(name, {exact: true})).toHaveValue(v);
  await expect(page.getByRole('slider', {name: 'Timeline'})).toHaveValue('3');

  // Before this grammar, links carried each variable as a key of its own.
  // x*y at x = 2, y = 3: f = 6, df/dx = y = 3, df/dy = x = 2.
  await page.goto('/embed.html#expr=x*y&x=2&y=3&dout=1');
  await allReady(page);
  expect(await page.locator('backprop-graph').evaluate((el) => [el.trace.output, el.trace.grads])).toEqual([6, {x: 3, y: 2}]);
  await expect(page.getByRole('alert')).toBeHidden();
});

test('without clipboard access, the link shows in a field to copy by hand', async ({page}) => {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined}));
  await page.goto('/fixture/figures.html');
  await allReady(page);
  const fused = page.locator('#fused');
  await fused.getByRole('button', {name: 'Copy link'}).click();
  const field = fused.getByLabel('Text to copy');
  await expect(field).toBeVisible();
  await expect(field).toHaveValue(/index\.html#graph=sigmoid&x=-2&dout=3&step=1$/);
  await expect(field).toBeFocused();
  await page.goto('/');
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
  await page.getByRole('button', {name: 'Copy link'}).click();
  await expect(page.getByLabel('Copy this link:')).toHaveValue(/#graph=sigmoid-steps&x=0\.5&dout=1&step=8$/);
});

test('export: a standalone SVG, a PNG at twice the size, and the chain rule as LaTeX', async ({page, context}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/fixture/figures.html');
  await allReady(page);
  const fused = page.locator('#fused');
  await fused.evaluate((el) => { el.setAttribute('x', '0.5'); el.setAttribute('dout', '1'); el.setAttribute('step', 'end'); });
  await expect(fused.locator('.formula')).toContainText('= 0.2350');
  let exported = null; // the SVG file's viewBox, for the PNG's size

  await test.step('SVG', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), fused.getByRole('button', {name: 'Download SVG'}).click()]);
    expect(download.suggestedFilename()).toBe('backprop-sigmoid-step2.svg');
    const text = readFileSync(await download.path(), 'utf8');
    const parsed = await page.evaluate((t) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      const root = doc.documentElement;
      return {root: root.localName, ns: root.namespaceURI, error: doc.querySelector('parsererror') != null,
        texts: [...doc.querySelectorAll('text')].map((n) => n.textContent), styled: doc.querySelectorAll('[fill]').length,
        classes: doc.querySelectorAll('[class], [style], script').length, width: root.getAttribute('width'),
        viewBox: root.getAttribute('viewBox')};
    }, text);
    exported = parsed.viewBox;
    expect(parsed).toMatchObject({root: 'svg', ns: 'http://www.w3.org/2000/svg', error: false, classes: 0});
    expect(parsed.texts).toEqual(expect.arrayContaining(['0.6225', '0.2350', 'σ']));
    expect(parsed.styled).toBeGreaterThan(5);
    expect(Number(parsed.width)).toBeGreaterThan(200);
  });
  await test.step('PNG', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), fused.getByRole('button', {name: 'Download PNG'}).click()]);
    expect(download.suggestedFilename()).toBe('backprop-sigmoid-step2.png');
    const png = readFileSync(await download.path());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    // The figure's own viewBox is the exported file's, and the PNG twice its size.
    const box = await fused.evaluate((el) => { const b = el.shadowRoot.querySelector('svg.graph').viewBox.baseVal; return [b.x, b.y, b.width, b.height]; });
    expect(box.join(' ')).toBe(exported);
    expect(box[2]).toBeGreaterThan(200);
    expect(box[3]).toBeGreaterThan(50);
    expect(width).toBe(Math.round(box[2] * 2));
    expect(height).toBe(Math.round(box[3] * 2));
  });
  await test.step('LaTeX', async () => {
    await fused.getByRole('button', {name: 'Copy LaTeX'}).click();
    await expect(fused.getByRole('status').last()).toHaveText('LaTeX copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      '\\frac{\\partial L}{\\partial x} = \\frac{\\partial L}{\\partial y}\\cdot y(1-y) = 1\\cdot 0.6225\\cdot (1-0.6225) = 0.2350');
  });
});

test('under a strict Content-Security-Policy: no violation, no console error', async ({page}) => {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  const response = await page.goto('/csp/demo/');
  expect(response.headers()['content-security-policy']).toContain("style-src 'self'");
  await allReady(page);
  expect(await page.locator('backprop-graph').count()).toBeGreaterThanOrEqual(9);
  const fig8 = page.locator('#fig8 backprop-graph');
  await fig8.getByRole('button', {name: '이전 단계'}).click();
  await fig8.getByRole('button', {name: '재생'}).click();
  await expect(fig8.getByRole('status').first()).toContainText('단계 2/2');
  await page.getByRole('button', {name: 'English'}).click();
  await expect(fig8.getByRole('button', {name: 'Play'})).toBeVisible();
  await page.getByRole('button', {name: 'Dark theme'}).click();
  await expect.poll(() => fig8.evaluate((el) => el.shadowRoot.querySelector('.frame').dataset.theme)).toBe('dark');
  const [download] = await Promise.all([page.waitForEvent('download'), fig8.getByRole('button', {name: 'Download SVG'}).click()]);
  expect(download.suggestedFilename()).toMatch(/\.svg$/);
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
  expect(errors).toEqual([]);
});

test('the iframe page under the strict policy, and the app too', async ({page}) => {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto('/csp/embed.html#graph=relu&x=2&lang=ko');
  await allReady(page);
  await expect(page.getByRole('button', {name: '재생'})).toBeVisible();
  await page.goto('/csp/');
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
  await page.getByRole('button', {name: 'Step back'}).click();
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
  expect(errors).toEqual([]);
});

test('script injection through attributes and the hash does nothing but explain', async ({page}) => {
  await test.step('the iframe page\'s hash', async () => {
    await page.goto('/embed.html#graph=<script>window.__pwned=1</script>&x=<img src=x onerror=window.__pwned=1>&lang=<b>ko</b>');
    await allReady(page);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('graph: “<script>window.__pwned=1</script>” is not a graph');
    await expect(alert).toContainText('x: “<img src=x onerror=window.__pwned=1>” is not a number');
    await expect(page.getByRole('img', {name: /^exp:/})).toBeVisible(); // the defaults
    expect(await page.evaluate(() => [window.__pwned, document.querySelectorAll('img, script:not([src])').length])).toEqual([undefined, 0]);
  });
  await test.step('attributes set by a script', async () => {
    await page.evaluate(() => {
      const f = document.querySelector('backprop-graph');
      f.setAttribute('expr', '<svg onload=window.__pwned=1>');
      f.setAttribute('vars', '"><img src=x onerror=window.__pwned=1>=1');
      f.setAttribute('app', 'javascript:window.__pwned=1');
    });
    await expect(page.getByRole('alert')).toContainText('expr: “<svg onload=window.__pwned=1>” could not be read');
    await page.getByRole('button', {name: 'Copy link'}).click();
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  });
  await test.step('the app\'s hash', async () => {
    await page.goto('/#graph=<script>window.__pwned=1</script>&x=<img src=x onerror=window.__pwned=1>');
    await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
    await expect(page.getByLabel('x', {exact: true})).toHaveValue('0.5');
    expect(await page.evaluate(() => [window.__pwned, document.querySelectorAll('img').length])).toEqual([undefined, 0]);
  });
});
