// Stepping, playing, the timeline, the URL and the keyboard.
import {test, expect} from './fixtures.mjs';

test.use({reducedMotion: 'reduce'});

test('loads ready at the last step, and says so', async ({app}) => {
  await app.open();
  await expect(app.status).toHaveText(/^Ready\. Step 8 of 8, backward/);
  await expect(app.stepForward).toBeDisabled();
  await expect(app.page.locator('#step-body')).toContainText('Backward through');
});

test('stepping forward and back moves the highlight and the status line', async ({app}) => {
  await app.open('#graph=sigmoid-steps&x=0.5&dout=1');
  await test.step('reset to step 0', async () => {
    await app.reset.click();
    await expect(app.status).toHaveText('Step 0 of 8: x = 0.5000 and dL/dy = 1 given.');
    await expect(app.stepBack).toBeDisabled();
    await expect(app.graphs.locator('g.node.active')).toHaveCount(0);
    await expect(app.node('exp')).toHaveAccessibleName('exp: value not computed yet, gradient not computed yet');
  });
  await test.step('forward through ×(−1) and exp', async () => {
    await app.stepForward.click();
    await expect(app.status).toHaveText('Step 1 of 8, forward: ×(−1) gives −0.5000.');
    await expect(app.node('×(−1)')).toHaveClass(/active/);
    await app.stepForward.click();
    await expect(app.status).toHaveText('Step 2 of 8, forward: exp gives 0.6065.');
    await expect(app.node('exp')).toHaveClass(/active/);
    await expect(app.node('×(−1)')).not.toHaveClass(/active/);
    await expect(app.graphs.locator('g.edge[data-key="2-3-0"]')).toHaveClass(/active/);
    await expect(app.page.locator('#step-body')).toContainText('Forward through exp');
    await expect(app.timeline).toHaveValue('2');
    await expect(app.page).toHaveURL(/step=2/);
  });
  await test.step('back to step 1', async () => {
    await app.stepBack.click();
    await expect(app.status).toHaveText('Step 1 of 8, forward: ×(−1) gives −0.5000.');
    await expect(app.node('×(−1)')).toHaveClass(/active/);
    await expect(app.node('exp')).toHaveAccessibleName(/^exp: value not computed yet/);
  });
  await test.step('the timeline jumps to the first backward step', async () => {
    await app.timeline.fill('5');
    await expect(app.status).toHaveText('Step 5 of 8, backward: through /, 1 × (−0.3875) = −0.3875 reaches +1.');
    await expect(app.node('/')).toHaveClass(/active/);
    await expect(app.page.locator('#step-body math').first()).toHaveAccessibleName('backward: dL/dx = 1 times −0.3875 = −0.3875');
  });
});

test('Play runs every step to the last, then offers Play again', async ({app, clock}) => {
  await app.open('#graph=sigmoid-steps&x=0.5&dout=1&step=0');
  await clock.freeze();
  await app.play.click();
  await expect(app.pause).toBeVisible();
  // Each step waits on one pause (an animation) before the next: finishing
  // it is what moves the player on, so every step is seen, in order.
  for (let step = 1; step < 8; step++) {
    await expect(app.status).toHaveText(new RegExp(`^Step ${step} of 8`));
    expect(await clock.finishAll()).toBe(1);
  }
  await expect(app.status).toHaveText('Step 8 of 8, backward: through ×(−1), −0.2350 × (−1) = 0.2350 reaches x.');
  await expect(app.play).toBeVisible();
  expect(await clock.pending()).toBe(0);
  await expect(app.node('x')).toHaveAccessibleName('x: value 0.5000, gradient 0.2350');
});

test('Pause stops where it is, and Play goes on from there', async ({app, clock}) => {
  await app.open('#graph=sigmoid-steps&x=0.5&dout=1&step=0');
  await clock.freeze();
  await app.play.click();
  await expect(app.status).toHaveText('Step 1 of 8, forward: ×(−1) gives −0.5000.');
  expect(await clock.pending()).toBe(1); // the pause before step 2
  await app.pause.click();
  await expect(app.play).toBeVisible();
  await expect(app.play).toHaveAttribute('aria-pressed', 'false');
  expect(await clock.pending()).toBe(0); // nothing is left to move it on
  await expect(app.status).toHaveText('Step 1 of 8, forward: ×(−1) gives −0.5000.');
  await expect(app.timeline).toHaveValue('1');
  await app.play.click();
  await expect(app.pause).toBeVisible();
  await expect(app.status).toHaveText('Step 2 of 8, forward: exp gives 0.6065.');
});

test('editing x or dL/dy updates every number at the current step', async ({app}) => {
  await app.open('#graph=sigmoid-steps&x=0.5&dout=1&step=6');
  await app.x.fill('1');
  await expect(app.status).toHaveText(/^Step 6 of 8/);
  await expect(app.node('exp')).toHaveAccessibleName('exp: value 0.3679, gradient −0.5344');
  await expect(app.node('x')).toHaveAccessibleName('x: value 1, gradient not computed yet');
  await app.dout.fill('-2');
  await expect(app.node('exp')).toHaveAccessibleName('exp: value 0.3679, gradient 1.0689');
  await expect(app.page).toHaveURL(/#graph=sigmoid-steps&x=1&dout=-2&step=6/);
});

test('the URL hash restores a state, and the sliders set x and dL/dy', async ({app}) => {
  await app.open('#graph=relu&x=-1.5&dout=2&step=1');
  await expect(app.page.getByRole('radio', {name: 'ReLU', exact: true})).toBeChecked();
  await expect(app.x).toHaveValue('-1.5');
  await expect(app.status).toHaveText('Ready. Step 1 of 2, forward: ReLU gives 0.');
  await app.page.getByRole('slider', {name: 'x slider'}).fill('2');
  await expect(app.x).toHaveValue('2');
  await expect(app.node('ReLU')).toHaveAccessibleName('ReLU: value 2, gradient 2');
  await app.page.getByRole('slider', {name: 'upstream gradient slider'}).fill('-1.5');
  await expect(app.dout).toHaveValue('-1.5');
  await expect(app.node('ReLU')).toHaveAccessibleName('ReLU: value 2, gradient −1.5000');
});

test('choosing a graph shows it whole', async ({app}) => {
  await app.open();
  await app.chooseGraph('Sigmoid');
  await expect(app.node('σ')).toBeVisible();
  await expect(app.status).toHaveText(/^Step 2 of 2/);
  await app.chooseGraph('Both');
  await expect(app.paneByTitle('Sigmoid step by step')).toBeVisible();
  await expect(app.paneByTitle('Sigmoid, fused')).toBeVisible();
  await expect(app.page.locator('#check-body')).toContainText('Both graphs give the same dL/dx.');
});

test('keyboard only', async ({app, page}) => {
  await app.open('#graph=sigmoid-steps&x=0.5&dout=1');
  const tabTo = async (locator, limit = 30) => {
    for (let i = 0; i < limit; i++) {
      if (await locator.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press('Tab');
    }
    await expect(locator).toBeFocused();
  };
  await test.step('pick ReLU with the arrow keys', async () => {
    await tabTo(page.getByRole('radio', {name: 'Sigmoid step by step'}));
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByRole('radio', {name: 'Sigmoid', exact: true})).toBeChecked();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByRole('radio', {name: 'ReLU', exact: true})).toBeChecked();
    await expect(app.node('ReLU')).toBeVisible();
  });
  await test.step('type x', async () => {
    await tabTo(app.x);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('-2');
    await expect(app.node('x')).toHaveAccessibleName('x: value −2, gradient 0');
  });
  await test.step('Reset, then step with Enter and Space', async () => {
    await tabTo(app.reset);
    await page.keyboard.press('Enter');
    await expect(app.status).toHaveText(/^Step 0 of 2/);
    await tabTo(app.stepForward);
    await page.keyboard.press('Space');
    await expect(app.status).toHaveText('Step 1 of 2, forward: ReLU gives 0.');
    await page.keyboard.press('Enter');
    await expect(app.status).toHaveText(/^Step 2 of 2, backward/);
    // At the end Step forward is off; the focus went to Step back, not to the page.
    await expect(app.stepForward).toBeDisabled();
    await expect(app.stepBack).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(app.status).toHaveText(/^Step 0 of 2/);
    await expect(app.stepBack).toBeDisabled();
    await expect(app.stepForward).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(app.status).toHaveText(/^Step 2 of 2, backward/);
  });
  await test.step('the timeline with arrow keys', async () => {
    await tabTo(app.timeline);
    await page.keyboard.press('ArrowLeft');
    await expect(app.status).toHaveText(/^Step 1 of 2/);
  });
  await test.step('the plot with arrow keys', async () => {
    await tabTo(page.getByRole('slider', {name: /^Plot of ReLU/}));
    await page.keyboard.press('ArrowRight');
    await expect(app.x).toHaveValue('-1.9');
  });
});

test('dragging on the plot sets x', async ({app, page}) => {
  await app.open('#graph=sigmoid&x=0.5&dout=1');
  const plot = page.getByRole('slider', {name: /^Plot of σ/});
  await plot.scrollIntoViewIfNeeded();
  const box = await plot.boundingBox();
  // The plotted range is −6 to 6 between the margins (46 px left, 14 px right of 567).
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2, {steps: 4});
  await page.mouse.up();
  const x = Number(await app.x.inputValue());
  expect(x).toBeLessThan(-2);
  await expect(app.node('x')).toHaveAttribute('data-value', String(x));
});
