// <backprop-graph> driven by the keyboard alone: Tab reaches every control
// inside its shadow root in order, Enter and Space step and play, typed
// values redraw; the numbers are the CLI's at each point.
import {test, expect, routeFixtures, allReady, figureShows, cliAtStep, shownNumbers} from './embed-fixtures.mjs';
import {cliTrace, AnimationClock} from './fixtures.mjs';

test.use({reducedMotion: 'reduce'});

test('Tab, Enter, Space and typing reach and drive every control', async ({page}) => {
  await routeFixtures(page);
  await page.goto('/fixture/one.html');
  await allReady(page);
  const figure = page.locator('#figure'); // sigmoid-steps, x = 0.5, dL/dy = 1, step 0
  const button = (name) => figure.getByRole('button', {name, exact: true});
  const field = (name) => figure.getByRole('textbox', {name, exact: true});
  const expectAt = async (x, dout, step) => {
    const shown = await figureShows(figure);
    expect({step: shown.step, inputs: shown.inputs, dout: shown.dout}).toEqual({step, inputs: {x}, dout});
    expect(shownNumbers(shown)).toEqual(cliAtStep(cliTrace('sigmoid-steps', x, dout), step));
  };
  const tab = (times, key = 'Tab') => test.step(`${key} × ${times}`, async () => {
    for (let i = 0; i < times; i++) await page.keyboard.press(key);
  });

  await test.step('Tab goes through the figure\'s controls in order (Step back is disabled at step 0)', async () => {
    // The graph's nodes are one tab stop (its first node, x), the controls after it.
    const order = [page.getByRole('link', {name: 'Before the figure'}), figure.getByRole('img', {name: /^x:/}), button('Reset'), button('Play'), button('Step forward'),
      field('x'), field('dL/dy'), button('Copy link'), button('Copy LaTeX'), button('Download SVG'), button('Download PNG'),
      page.getByRole('link', {name: 'After the figure'})];
    for (const target of order) {
      await page.keyboard.press('Tab');
      await expect(target).toBeFocused();
    }
  });

  await test.step('Enter and Space on Step forward', async () => {
    await tab(7, 'Shift+Tab');
    await expect(button('Step forward')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(figure.getByRole('status').first()).toHaveText('Step 1 of 8, forward: ×(−1) gives −0.5000.');
    await page.keyboard.press('Space');
    await expect(figure.getByRole('status').first()).toHaveText('Step 2 of 8, forward: exp gives 0.6065.');
    await expectAt(0.5, 1, 2);
    // To the end and back: the button that turns off hands the focus to the other.
    for (let i = 2; i < 8; i++) await page.keyboard.press('Enter');
    await expect(figure.getByRole('status').first()).toHaveText(/^Step 8 of 8/);
    await expect(button('Step back')).toBeFocused();
    for (let i = 8; i > 2; i--) await page.keyboard.press('Enter');
    await expect(figure.getByRole('status').first()).toHaveText(/^Step 2 of 8/);
    await tab(2); // past Play
    await expect(button('Step forward')).toBeFocused();
  });

  await test.step('typed values', async () => {
    await page.keyboard.press('Tab');
    await expect(field('x')).toBeFocused();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('-2');
    await page.keyboard.press('Tab');
    await expect(field('dL/dy')).toBeFocused();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('3');
    await expect(figure.getByRole('alert')).toBeHidden();
    await expect(figure.getByRole('status').first()).toHaveText('Step 2 of 8, forward: exp gives 7.3891.');
    await expectAt(-2, 3, 2);
  });

  await test.step('Space on Play plays to the end', async () => {
    const clock = new AnimationClock(page);
    await clock.freeze();
    await tab(3, 'Shift+Tab');
    await expect(button('Play')).toBeFocused();
    await page.keyboard.press('Space');
    await expect(button('Pause')).toBeFocused();
    expect(await clock.settle()).toBeGreaterThanOrEqual(5); // a pause before each of steps 3-8
    await expect(button('Play')).toBeFocused();
    await expect(figure.getByRole('status').first()).toHaveText('Step 8 of 8, backward: through ×(−1), −0.3150 × (−1) = 0.3150 reaches x.');
    await expectAt(-2, 3, 8);
  });

  await test.step('Enter on Step back, then on Reset', async () => {
    await page.keyboard.press('Shift+Tab');
    await expect(button('Step back')).toBeFocused();
    await page.keyboard.press('Enter');
    await expectAt(-2, 3, 7);
    await page.keyboard.press('Shift+Tab');
    await expect(button('Reset')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(figure.getByRole('status').first()).toHaveText('Step 0 of 8: x = −2 and dL/dy = 3 given.');
    await expectAt(-2, 3, 0);
  });
});
