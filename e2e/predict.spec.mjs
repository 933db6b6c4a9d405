// Predict mode (mode=predict): each backward step waits for the reader's
// answer. Scoring of right, wrong and wrong-again answers against the
// CLI's numbers; nothing revealed early (the DOM's text, the accessibility
// tree, the step panel, the check panel, the link); the player stopping
// before a question; keyboard only; expressions and layers; a 360 px
// phone; Korean.
import {test, expect, cliTrace, cliExprTrace, cliLayer, layerGrid} from './fixtures.mjs';
import {figureOnBlankPage} from './embed-fixtures.mjs';

test.use({reducedMotion: 'reduce'});

const steps = cliTrace('sigmoid-steps', 0.5, 1); // the core's trace, natively
const grad = (k) => steps.steps[k - 1].grad; // step k's gradient (backward steps 5 to 8)

// The page's box and its parts.
const box = (scope) => scope.getByRole('region', {name: 'Predict'});
const answer = (scope, name) => box(scope).getByRole('textbox', {name: `Your answer for ${name}`});

// The whole text of the page, its shadow roots' too, and its accessibility tree.
async function everything(page) {
  const text = await page.evaluate(() => {
    const walk = (root) => [root.textContent, ...[...root.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => walk(e.shadowRoot))].join(' ');
    return walk(document.body);
  });
  return `${text}\n${await page.locator('body').ariaSnapshot()}`;
}

test('the page: right, wrong and wrong again, scored; nothing shown before it is answered', async ({page, app, clock}) => {
  expect(grad(5)).toBe(-0.3874556190002601);
  expect(grad(8)).toBe(0.2350037122015945);
  await app.open('#graph=sigmoid-steps&x=0.5&dout=1&mode=predict');
  const predict = box(page);
  await expect(predict).toContainText('No answers yet · 4 to go');
  // It opens after the forward pass: y is known, the first gradient is not.
  await expect(page.locator('svg.graph')).toHaveAttribute('data-step', '4');

  await test.step('Play stops before the first question and asks it', async () => {
    await app.stepBack.click();
    await clock.freeze();
    await app.play.click();
    expect(await clock.settle()).toBe(1); // step 4's pause, finished; then it waits (nothing more to play)
    await expect(answer(page, '∂L/∂x')).toBeFocused();
    await expect(page.locator('svg.graph')).toHaveAttribute('data-step', '4');
    await expect(predict).toContainText('Step 5 of 8, backward through /: what is ∂L/∂x?');
    await expect(app.play).toHaveAttribute('aria-pressed', 'false');
  });

  await test.step('nothing gives −0.3875 away: text, accessibility tree, panels, link', async () => {
    const all = await everything(page);
    for (const shown of ['0.3875', '0.38745']) expect(all).not.toContain(shown);
    await expect(page.locator('.predict-mark text')).toHaveText('?');
    expect(await page.locator('[data-grad]').evaluateAll((els) => els.map((e) => e.dataset.grad))).toEqual(['1']); // only the given dL/dy
    await expect(page.locator('#check-body')).toBeEmpty();
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('step=4&mode=predict');
    // Step forward and the timeline go no further.
    await app.stepForward.click();
    await app.timeline.evaluate((el) => { el.value = '8'; el.dispatchEvent(new Event('input')); });
    await expect(page.locator('svg.graph')).toHaveAttribute('data-step', '4');
    expect(await everything(page)).not.toContain('0.3875');
  });

  await test.step('wrong: the hint fills in upstream and local derivative, the product blank', async () => {
    await answer(page, '∂L/∂x').fill('0.3875');
    await answer(page, '∂L/∂x').press('Enter');
    await expect(predict.getByRole('status')).toHaveText('Not quite. Fill in the product: ∂L/∂x = ∂L/∂y · (−y²) = 1 · (−0.6225²) = 1 · (−0.3875) = ?');
    await expect(answer(page, '∂L/∂x')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('svg.graph')).toHaveAttribute('data-step', '4');
    // Away and back: the same question, its hint again (its miss counted).
    await app.stepBack.click();
    await expect(predict.getByRole('status')).toBeEmpty();
    await expect(page.locator('svg.graph')).toHaveAttribute('data-step', '3');
    await app.stepForward.click(); // step 4, given
    await expect(page.locator('svg.graph')).toHaveAttribute('data-step', '4');
    await expect(predict.getByRole('status')).toBeEmpty();
    await app.stepForward.click(); // the question
    await expect(predict.getByRole('status')).toContainText('Not quite. Fill in the product:');
    await expect(answer(page, '∂L/∂x')).toBeFocused();
  });

  await test.step('wrong again: revealed, worked out, and the figure moves on', async () => {
    await answer(page, '∂L/∂x').fill('-0.39');
    await answer(page, '∂L/∂x').press('Enter');
    await expect(predict.getByRole('status')).toHaveText('✗ The answer: ∂L/∂x = ∂L/∂y · (−y²) = 1 · (−0.6225²) = 1 · (−0.3875) = −0.3875');
    await expect(page.locator('svg.graph')).toHaveAttribute('data-step', '5');
    await expect(page.locator('text.label.grad[data-value="-0.3874556190002601"]')).toHaveText('−0.3875');
    await expect(predict).toContainText('0 of 1 right first time · 3 to go');
  });

  await test.step('right first time: ✓, within 0.5% or as shown', async () => {
    await predict.getByRole('button', {name: 'Next question'}).click();
    await answer(page, '∂L/∂x').fill('-0.3875'); // step 6 (+1): the same
    await answer(page, '∂L/∂x').press('Enter');
    await expect(predict.getByRole('status')).toHaveText('✓ Right: ∂L/∂x = −0.3875');
    await predict.getByRole('button', {name: 'Next question'}).click();
    expect(grad(7)).toBeCloseTo(-0.2350037122015945, 15);
    await answer(page, '∂L/∂x').fill('-0.2345'); // 0.2% off
    await answer(page, '∂L/∂x').press('Enter');
    await expect(predict).toContainText('2 of 3 right first time · 1 to go');
    await predict.getByRole('button', {name: 'Next question'}).click();
    await answer(page, '∂L/∂x').fill('0.24'); // 2% off: wrong, then right
    await answer(page, '∂L/∂x').press('Enter');
    await expect(predict.getByRole('status')).toContainText('= (−0.2350) · (−1) = ?');
    await answer(page, '∂L/∂x').fill('0.235');
    await answer(page, '∂L/∂x').press('Enter');
    await expect(predict).toContainText('All done: 2 of 4 right first time.');
    await expect(page.locator('svg.graph')).toHaveAttribute('data-step', '8');
    await expect(page.getByRole('img', {name: /^x:/})).toHaveAttribute('data-grad', String(grad(8)));
    await expect(page.locator('#check-body')).not.toBeEmpty(); // the check once everything is answered
  });

  await test.step('Restart: the score from zero, the questions again', async () => {
    await predict.getByRole('button', {name: 'Restart'}).click();
    await expect(predict).toContainText('No answers yet · 4 to go');
    await expect(page.locator('svg.graph')).toHaveAttribute('data-step', '4');
  });
});

test('the toggle, forward values too, and the link that keeps them', async ({page, app}) => {
  await app.open('#graph=sigmoid&x=0.5');
  await page.getByLabel('Predict: type each gradient before it is shown').check();
  await expect(box(page)).toContainText('1 to go');
  await page.getByLabel('Forward values too').check();
  await expect(box(page)).toContainText('2 to go');
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#graph=sigmoid&x=0.5&dout=1&step=0&mode=predict&ask=all');
  await app.stepForward.click();
  await expect(box(page)).toContainText('Step 1 of 2, forward through σ: what is y?');
  expect(await everything(page)).not.toContain('0.6225');
  await box(page).getByRole('button', {name: 'Show me'}).click();
  await expect(box(page).getByRole('status')).toHaveText('The answer: y = σ(x) = 1/(1 + exp(−x)) = σ(0.5000) = 0.6225');
  await expect(box(page)).toContainText('0 of 1 right first time · 1 to go');
  // The same link opens the same questions (once the page has written it:
  // it does so at the next frame).
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#graph=sigmoid&x=0.5&dout=1&step=1&mode=predict&ask=all');
  await page.reload();
  await app.ready();
  await expect(box(page)).toContainText('1 to go');
  await expect(page.getByLabel('Forward values too')).toBeChecked();
  await page.getByLabel('Predict: type each gradient before it is shown').uncheck();
  await expect(box(page)).toHaveCount(0);
  await app.stepForward.click();
  await expect(page.locator('svg.graph')).toHaveAttribute('data-step', '2'); // watching again: nothing waits
});

test('an expression: each share of the gradient asked, from the CLI\'s trace', async ({page, app}) => {
  const trace = cliExprTrace('(x+y)*z', {x: -2, y: 5, z: -4}, 1);
  await app.open('#graph=expr&expr=(x%2By)*z&vars=x=-2,y=5,z=-4&mode=predict');
  await expect(box(page)).toContainText('4 to go');
  for (let k = 3; k <= 6; k++) {
    await app.stepForward.click();
    const field = box(page).getByRole('textbox');
    await expect(field).toBeFocused();
    await field.fill(String(trace.steps[k - 1].grad));
    await field.press('Enter');
    await expect(box(page).getByRole('status')).toContainText('✓ Right');
  }
  await expect(box(page)).toContainText('All done: 4 of 4 right first time.');
  expect(trace.grads).toEqual({x: -4, y: -4, z: 3});
});

test('keyboard only: step, answer, next, in the element, and its link', async ({page}) => {
  const figure = await figureOnBlankPage(page, {graph: 'sigmoid', x: '0.5', mode: 'predict'});
  await expect(figure.locator('.predict')).toContainText('1 to go');
  // The graph's nodes are one tab stop (x, explained, no number given away), then the box.
  await page.keyboard.press('Tab');
  await expect(figure.getByRole('img', {name: /^x:/})).toBeFocused();
  await expect(figure.getByRole('tooltip')).toHaveText(/^x: an input\./);
  await page.keyboard.press('Tab');
  await expect(box(figure).getByRole('button', {name: 'Next question'})).toBeFocused();
  await page.keyboard.press('Enter');
  const field = answer(figure, '∂L/∂x');
  await expect(field).toBeFocused();
  expect(await everything(page)).not.toContain('0.2350');
  await page.keyboard.type('0.2');
  await page.keyboard.press('Enter');
  await expect(figure.getByRole('status').filter({hasText: 'Not quite'})).toHaveText('Not quite. Fill in the product: ∂L/∂x = ∂L/∂y · y(1 − y) = 1 · 0.6225 · (1 − 0.6225) = 1 · 0.2350 = ?');
  await expect(field).toBeFocused();
  await page.keyboard.type('0.2350037');
  await page.keyboard.press('Enter');
  await expect(box(figure)).toContainText('All done: 0 of 1 right first time.');
  await expect(box(figure).getByRole('button', {name: 'Restart'})).toBeFocused();
  expect(await figure.evaluate((el) => el.currentStep)).toBe(2);
  const link = await figure.evaluate((el) => new URL(el.link()).hash);
  expect(link).toBe('#graph=sigmoid&x=0.5&dout=1&step=2&mode=predict');
});

test('a bad mode keeps predict mode on, as a bad value of any attribute keeps the last good one', async ({page}) => {
  const figure = await figureOnBlankPage(page, {graph: 'sigmoid', x: '0.5', mode: 'predict'});
  await expect(figure.locator('.predict')).toContainText('1 to go');
  await figure.evaluate((el) => el.setAttribute('mode', 'quiz'));
  await expect(figure.getByRole('alert')).toContainText('mode: “quiz” is not allowed');
  await expect(figure.locator('.predict')).toContainText('1 to go');
  expect(new URL(await figure.evaluate((el) => el.link())).hash).toContain('mode=predict');
  await figure.evaluate((el) => el.setAttribute('mode', 'watch'));
  await expect(figure.locator('.predict')).toHaveCount(0);
  await expect(figure.getByRole('alert')).toHaveCount(0);
  expect(new URL(await figure.evaluate((el) => el.link())).hash).not.toContain('mode=');
});

test('layers: a cell waits, the hint is its arithmetic, the score counts cells', async ({page}) => {
  const cli = cliLayer('relu', {x: '1,-0.5;-2,3', dout: '1,1;1,1'});
  expect(cli.dx).toEqual([[1, 0], [0, 1]]);
  const figure = await figureOnBlankPage(page, {layer: 'relu', x: '1,-0.5;-2,3', dout: '1,1;1,1', mode: 'predict'});
  await expect(box(figure)).toContainText('4 to go');
  expect(await layerGrid(figure, 'dx')).toEqual([[null, null], [null, null]]);
  await figure.getByRole('button', {name: 'Step forward'}).click();
  await expect(figure.locator('section.grid[data-grid="dx"] td.asking')).toHaveText('?');
  await answer(figure, 'dx[0][0]').fill('0');
  await answer(figure, 'dx[0][0]').press('Enter');
  await expect(box(figure).getByRole('status')).toHaveText('Not quite. Fill in the product: dx[0][0] = dout[0][0] · 1 = 1 · 1 = ?, mask[0][0] is False');
  await answer(figure, 'dx[0][0]').fill(String(cli.dx[0][0]));
  await answer(figure, 'dx[0][0]').press('Enter');
  expect(await layerGrid(figure, 'dx')).toEqual([[1, null], [null, null]]);
  for (const [i, j] of [[0, 1], [1, 0], [1, 1]]) {
    await box(figure).getByRole('button', {name: 'Next question'}).click();
    await answer(figure, `dx[${i}][${j}]`).fill(String(cli.dx[i][j]));
    await answer(figure, `dx[${i}][${j}]`).press('Enter');
  }
  await expect(box(figure)).toContainText('All done: 3 of 4 right first time.');
  expect(await layerGrid(figure, 'dx')).toEqual(cli.dx);

  await test.step('Softmax-with-Loss: a row of cells at once', async () => {
    const soft = cliLayer('softmax-loss', {x: '0.3,2.9,4.0', t: '0,0,1'});
    await figure.evaluate((el) => { el.setAttribute('layer', 'softmax-loss'); el.setAttribute('x', '0.3,2.9,4.0'); el.setAttribute('t', '0,0,1'); });
    await expect(box(figure)).toContainText('1 to go');
    await figure.getByRole('button', {name: 'Step forward'}).click();
    const dx = soft.dx[0];
    expect(await everything(page)).not.toContain((dx[2]).toFixed(4).replace('-', '−'));
    for (let j = 0; j < 3; j++) await answer(figure, `dx[${j}]`).fill(String(dx[j]));
    await answer(figure, 'dx[2]').press('Enter');
    await expect(box(figure)).toContainText('All done: 4 of 5 right first time.'); // the score runs on
    expect(await layerGrid(figure, 'dx')).toEqual([dx]);
  });
});

test('the page\'s Layer mode, and Korean on a 360 px phone', async ({page, app}) => {
  await page.setViewportSize({width: 360, height: 800});
  await app.open('#graph=layer&layer=sigmoid&x=-1,0,1;2,-2,0.5&dout=1,-0.5,2;0.5,1,-1&mode=predict&lang=ko');
  const predict = page.getByRole('region', {name: '예측하기'});
  await expect(predict).toContainText('남은 문제: 6');
  await page.getByRole('button', {name: '다음 단계'}).click();
  await expect(predict).toContainText('단계 7/12: dx[0][0] 값은?');
  await predict.getByRole('button', {name: '답 보기'}).click();
  await expect(predict.getByRole('status')).toContainText('정답: dx[0][0] = dout[0][0] · out[0][0] · (1 − out[0][0]) = 1 · 0.2689 · (1 − 0.2689) = 0.1966');
  await expect(predict).toContainText('한 번에 맞힘: 1문제 중 0 · 남은 문제: 5');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const b = await predict.boundingBox();
  expect(b.x).toBeGreaterThanOrEqual(0);
  expect(b.x + b.width).toBeLessThanOrEqual(360);
  await predict.getByRole('button', {name: '다음 문제'}).click();
  await expect(predict.getByRole('textbox', {name: 'dx[0][1] 답'})).toBeFocused();
});
