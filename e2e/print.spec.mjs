// Printed, figures are light whatever the theme, the host's colours or the
// reader's scheme, and show no controls; their numbers stay. The app page
// prints light too, without its controls.
import {test, expect, figureOnBlankPage} from './embed-fixtures.mjs';
import {expectSigmoidFigure} from './sigmoid.mjs';

test.use({reducedMotion: 'reduce'});

const LIGHT = {background: 'rgb(255, 255, 255)', text: 'rgb(27, 28, 31)', value: 'rgb(27, 28, 31)', grad: 'rgb(194, 65, 12)'};

// The figure's look, read from its shadow root's computed styles.
const look = (figure) => figure.evaluate((el) => {
  const style = (selector) => getComputedStyle(el.shadowRoot.querySelector(selector));
  return {background: style('.frame').backgroundColor, text: style('.frame').color,
    value: style('text.label.value').fill, grad: style('text.label.grad').fill, bar: style('.bar').display};
});

test('a dark figure on a dark page prints light, without its controls, with its numbers', async ({page}) => {
  await page.emulateMedia({colorScheme: 'dark'});
  const figure = await figureOnBlankPage(page, {graph: 'sigmoid', x: '0.5', theme: 'dark',
    style: '--backprop-background: #111; --backprop-text: #eee'});
  await test.step('on screen: dark, with its bar', async () => {
    const screen = await look(figure);
    expect(screen.background).toBe('rgb(17, 17, 17)');
    expect(screen.value).toBe('rgb(238, 240, 244)');
    expect(screen.bar).toBe('flex');
  });
  await page.emulateMedia({media: 'print'});
  await test.step('printed: light, no bar', async () => {
    expect(await look(figure)).toEqual({...LIGHT, bar: 'none'});
    await expect(figure.getByRole('button', {name: 'Play'})).toBeHidden();
    await expect(figure.getByLabel('x', {exact: true})).toBeHidden();
    await expectSigmoidFigure(figure, 0.5);
  });
});

test('the app page prints light, without its controls, with its graph', async ({page}) => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.goto('/');
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
  const light = await background();
  await page.emulateMedia({colorScheme: 'dark'});
  const dark = await background();
  expect(dark).not.toBe(light);
  await page.emulateMedia({colorScheme: 'dark', media: 'print'});
  expect(await background()).toBe(light);
  for (const hidden of [page.getByRole('button', {name: 'Play'}), page.getByLabel('x', {exact: true}), page.getByRole('button', {name: 'Copy link'})]) {
    await expect(hidden).toBeHidden();
  }
  await expect(page.locator('#graphs').getByRole('img', {name: /^\/:/})).toHaveAccessibleName(/^\/: value 0\.6225, gradient 1$/);
});

test('printed, Layer and Network modes keep their numbers and drop what drives them', async ({page}) => {
  await page.goto('/#graph=layer&layer=affine');
  const grids = page.locator('.layer-figure');
  await expect(grids.getByRole('button', {name: /^Add a row/}).first()).toBeVisible();
  await page.emulateMedia({media: 'print'});
  for (const hidden of [grids.getByRole('button', {name: /^(Add|Remove) a (row|column)/}).first(), grids.getByRole('checkbox'), page.getByRole('button', {name: 'Play'})]) {
    await expect(hidden).toBeHidden();
  }
  await expect(grids.locator('section.grid[data-grid="out"]')).toBeVisible();

  await page.emulateMedia({media: 'screen'});
  await page.goto('/#graph=network');
  const train = page.getByRole('button', {name: 'Train'});
  await expect(train).toBeVisible();
  await page.emulateMedia({media: 'print'});
  for (const hidden of [train, page.getByRole('button', {name: 'One step'}), page.getByRole('combobox').first(),
    page.getByRole('spinbutton').first(), page.getByRole('radiogroup').first()]) {
    await expect(hidden).toBeHidden();
  }
  await expect(page.locator('.net-stats')).toBeVisible();
});

test('printed, a dark figure\'s gradient check is in the light theme\'s green', async ({page}) => {
  const figure = await figureOnBlankPage(page, {graph: 'sigmoid', x: '0.5', theme: 'dark', panels: 'check'});
  const verdict = figure.locator('.verdict.ok');
  await expect(verdict).toHaveCSS('color', 'rgb(74, 222, 128)');
  await page.emulateMedia({media: 'print'});
  await expect(verdict).toHaveCSS('color', 'rgb(21, 128, 61)'); // #15803d, on white
});
