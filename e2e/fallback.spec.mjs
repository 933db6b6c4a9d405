// A static fallback inside <backprop-graph> (an <img> or an inline SVG, its
// light-DOM children) shows where the element never upgrades (scripts off,
// feed readers) and until it has drawn; then the live figure replaces it,
// for the eye and for assistive technology.
import {test, expect, routeFixtures, allReady} from './embed-fixtures.mjs';
import {expectSigmoidFigure} from './sigmoid.mjs';

test.use({reducedMotion: 'reduce'});

const fallbackImg = (page) => page.getByRole('img', {name: 'The sigmoid layer at x = 0.5: y = 0.6225, dL/dx = 0.2350'});
const fallbackSvg = (page) => page.getByRole('img', {name: 'ReLU at x = 2: y = 2, dL/dx = 1.5'});

test('without JavaScript, the fallback image and the inline SVG show', async ({browser}) => {
  const context = await browser.newContext({javaScriptEnabled: false});
  try {
    const page = await context.newPage();
    await routeFixtures(page);
    await page.goto('/fixture/fallback.html');
    await expect(fallbackImg(page)).toBeVisible();
    expect(await fallbackImg(page).evaluate((img) => img.complete && img.naturalWidth)).toBe(320); // the picture, decoded
    await expect(fallbackSvg(page)).toBeVisible();
    await expect(page.getByText('ReLU: y = 2, dL/dx = 1.5')).toBeVisible();
  } finally {
    await context.close();
  }
});

test('with JavaScript, the fallback shows until the element has drawn, then the live figure replaces it', async ({page}) => {
  await routeFixtures(page);
  // At upgrade, before the core is there to draw with: still the fallback
  // (no blank while the core compiles), the element's frame not shown.
  await page.addInitScript(() => {
    customElements.whenDefined('backprop-graph').then(() => {
      const el = document.getElementById('with-img');
      window.__atUpgrade = {ready: el.hasAttribute('ready'), img: el.querySelector('img').checkVisibility(),
        frame: el.shadowRoot.querySelector('.frame').checkVisibility({visibilityProperty: true})};
    });
  });
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/backprop-graph.js', async (route) => { await held; await route.continue(); });
  await page.goto('/fixture/fallback.html', {waitUntil: 'commit'});
  await test.step('while the script is on its way: the fallback', async () => {
    await expect(fallbackImg(page)).toBeVisible();
    await expect(fallbackSvg(page)).toBeVisible();
  });
  release();
  await allReady(page);
  expect(await page.evaluate(() => window.__atUpgrade)).toEqual({ready: false, img: true, frame: false});
  await test.step('drawn: the figures, and the fallbacks hidden and out of the accessibility tree', async () => {
    await expect(fallbackImg(page)).toHaveCount(0);
    await expect(fallbackSvg(page)).toHaveCount(0);
    await expect(page.locator('#with-img > img')).toBeHidden();
    await expect(page.locator('#with-svg > svg')).toBeHidden();
    await expectSigmoidFigure(page.locator('#with-img'), 0.5);
    await expect(page.locator('#with-svg').getByRole('img', {name: /^ReLU:/})).toHaveAccessibleName('ReLU: value 2, gradient 1.5000');
  });
});
