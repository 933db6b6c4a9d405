// The page exports its figure as the element does: a standalone SVG, a PNG
// at twice the size, and the step's chain rule as LaTeX.
import {readFileSync} from 'node:fs';
import {test, expect} from './fixtures.mjs';

test.use({reducedMotion: 'reduce'});

test('the page: SVG, PNG and LaTeX of the figure at its step', async ({app, page, context}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.open('#graph=sigmoid-steps&x=0.5&dout=1&step=5');
  await expect(page.locator('#chain-line')).toHaveText('∂L/∂x = ∂L/∂y · (−y²) = 1 · (−0.6225²) = −0.3875');

  await test.step('SVG', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', {name: 'Download SVG'}).click()]);
    expect(download.suggestedFilename()).toBe('backprop-sigmoid-steps-step5.svg');
    await expect(app.status).toHaveText('Saved backprop-sigmoid-steps-step5.svg.');
    const text = readFileSync(await download.path(), 'utf8');
    const parsed = await page.evaluate((t) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      const root = doc.documentElement;
      return {root: root.localName, error: doc.querySelector('parsererror') != null, classes: doc.querySelectorAll('[class], [style], script').length,
        texts: [...doc.querySelectorAll('text')].map((n) => n.textContent), viewBox: root.getAttribute('viewBox')};
    }, text);
    expect(parsed).toMatchObject({root: 'svg', error: false, classes: 0});
    // The numbers known at step 5: every forward value, and the gradient through /.
    expect(parsed.texts).toEqual(expect.arrayContaining(['0.5000', '−0.5000', '0.6065', '1.6065', '0.6225', '−0.3875', '/', 'exp']));
    const box = await page.locator('#graphs svg.graph').evaluate((svg) => `0 0 ${svg.viewBox.baseVal.width} ${svg.viewBox.baseVal.height}`);
    expect(parsed.viewBox).toBe(box);
  });
  await test.step('PNG', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', {name: 'Download PNG'}).click()]);
    expect(download.suggestedFilename()).toBe('backprop-sigmoid-steps-step5.png');
    const png = readFileSync(await download.path());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [w, h] = await page.locator('#graphs svg.graph').evaluate((svg) => [svg.viewBox.baseVal.width, svg.viewBox.baseVal.height]);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Math.round(w * 2), Math.round(h * 2)]);
  });
  await test.step('LaTeX', async () => {
    await page.getByRole('button', {name: 'Copy LaTeX'}).click();
    await expect(app.status).toHaveText('LaTeX copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      '\\frac{\\partial L}{\\partial x} = \\frac{\\partial L}{\\partial y}\\cdot (-y^2) = 1\\cdot (-0.6225^2) = -0.3875');
  });
});

test('Both: one file with both graphs, each under its title', async ({app, page}) => {
  // At x = −800 the two forms part: the step graph's dL/dx is NaN (exp(800) = ∞, then 0 · ∞), the fused one's 0.
  await app.open('#graph=both&x=-800&dout=1');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', {name: 'Download SVG'}).click()]);
  expect(download.suggestedFilename()).toBe('backprop-both-step8.svg');
  const parsed = await page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    const panes = [...doc.documentElement.children].filter((n) => n.localName === 'g');
    return {error: doc.querySelector('parsererror') != null, height: Number(doc.documentElement.getAttribute('height')),
      panes: panes.map((g) => [...g.querySelectorAll('text')].map((n) => n.textContent))};
  }, readFileSync(await download.path(), 'utf8'));
  expect(parsed.error).toBe(false);
  expect(parsed.panes).toHaveLength(2);
  expect(parsed.panes[0][0]).toBe('Sigmoid step by step');
  expect(parsed.panes[0]).toEqual(expect.arrayContaining(['exp', '/', '∞', 'NaN']));
  expect(parsed.panes[1][0]).toBe(await page.locator('.pane-title').nth(1).textContent());
  expect(parsed.panes[1]).toEqual(expect.arrayContaining(['σ', '0']));
  expect(parsed.panes[1]).not.toContain('NaN');
  const heights = await page.locator('#graphs svg.graph').evaluateAll((s) => s.map((g) => g.viewBox.baseVal.height));
  expect(parsed.height).toBeGreaterThan(heights[0] + heights[1]);
});

test('without clipboard access, the LaTeX shows in a field to copy by hand', async ({app, page}) => {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined}));
  await app.open('#graph=relu&x=2&dout=3&step=2');
  await page.getByRole('button', {name: 'Copy LaTeX'}).click();
  const field = page.getByLabel('Text to copy');
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('\\frac{\\partial L}{\\partial x} = \\frac{\\partial L}{\\partial y}\\cdot [x > 0] = 3\\cdot [2 > 0] = 3');
  // Another step: what the field held is not the page's any more, so it goes.
  await app.stepBack.click();
  await expect(field).toBeHidden();
});

test('under a Content-Security-Policy without img-src blob:, PNG says what it needs; SVG still saves', async ({app, page}) => {
  await page.goto('/csp/#graph=relu&x=2');
  await app.ready();
  await page.getByRole('button', {name: 'Download PNG'}).click();
  await expect(app.status).toContainText('a Content-Security-Policy must allow (img-src blob:)');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', {name: 'Download SVG'}).click()]);
  expect(download.suggestedFilename()).toBe('backprop-relu-step2.svg');
});
