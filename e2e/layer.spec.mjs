// The page's Layer mode (issue 10): the book's ReLU, Sigmoid, Affine and
// Softmax-with-Loss over matrices, their numbers against hand-derived
// values and the native CLI, stepped cell by cell, the aliasing lesson,
// grids edited by keyboard, share links, both languages, a phone.
import {readFileSync} from 'node:fs';
import {test, expect, cliLayer, layerGrid, strictCsp} from './fixtures.mjs';

test.use({reducedMotion: 'reduce'});

const sigmoid = (x) => 1 / (1 + Math.exp(-x));
// Close to within a few units in the last place (the core's exp is its own).
const near = (got, want, rel = 4e-16 * 4) => {
  expect(got.length).toBe(want.length);
  got.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - want[i][j]), `[${i}][${j}] ${v} vs ${want[i][j]}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(want[i][j])))));
};

async function chooseLayerMode(app, page) {
  await app.chooseGraph('Layer');
  await expect(page.locator('.layer-figure')).toBeVisible();
}

test('each of the book\'s examples, at its last step: every grid against hand-derived values', async ({app, page}) => {
  await app.open();
  await chooseLayerMode(app, page);
  const preset = (name) => page.getByRole('group', {name: 'Examples'}).getByRole('button', {name});

  await test.step('ReLU, the post\'s x: the mask is x <= 0, the gradient stops where it is True', async () => {
    await preset('ReLU: the book’s x').click();
    await expect(app.status).toHaveText(/^Step 8 of 8, backward: dx\[1\]\[1\] = dout\[1\]\[1\] · 1 = 1 · 1 = 1, mask\[1\]\[1\] is False\.$/);
    expect(await layerGrid(page, 'x')).toEqual([[1, -0.5], [-2, 3]]);
    expect(await layerGrid(page, 'out')).toEqual([[1, 0], [0, 3]]);
    expect(await layerGrid(page, 'mask')).toEqual([[0, 1], [1, 0]]);
    expect(await layerGrid(page, 'dout')).toEqual([[1, 1], [1, 1]]);
    expect(await layerGrid(page, 'dx')).toEqual([[1, 0], [0, 1]]);
    await expect(page.locator('section.grid[data-grid="x"] .shape')).toHaveText('2×2');
  });
  await test.step('Sigmoid over a 2×3 batch: y = 1/(1 + e^−x), dx = dout · y(1 − y)', async () => {
    await preset('Sigmoid: a 2×3 batch').click();
    const x = [[-1, 0, 1], [2, -2, 0.5]], dout = [[1, -0.5, 2], [0.5, 1, -1]];
    await expect(app.status).toHaveText(/^Step 12 of 12/);
    const y = x.map((r) => r.map(sigmoid));
    near(await layerGrid(page, 'out'), y);
    near(await layerGrid(page, 'dx'), y.map((r, i) => r.map((v, j) => dout[i][j] * v * (1 - v))));
    await expect(page.locator('section.grid[data-grid="out"] .shape')).toHaveText('2×3');
  });
  await test.step('Affine with X (2,), W (2×3), B (3,): the book\'s chapter 3 numbers', async () => {
    await preset('Affine: X (2,)').click();
    await expect(app.status).toHaveText(/^Step 14 of 14, backward: db\[2\] = dout\[2\] = 3\.$/);
    near(await layerGrid(page, 'out'), [[0.3, 0.7, 1.1]]);
    near(await layerGrid(page, 'dx'), [[2.2, 2.8]]); // dout · Wᵀ with dout = (1, 2, 3)
    expect(await layerGrid(page, 'dw')).toEqual([[1, 2, 3], [0.5, 1, 1.5]]); // xᵀ · dout
    expect(await layerGrid(page, 'db')).toEqual([[1, 2, 3]]);
    for (const [grid, shape] of [['x', '(2,)'], ['w', '2×3'], ['b', '(3,)'], ['out', '(3,)'], ['dw', '2×3']]) {
      await expect(page.locator(`section.grid[data-grid="${grid}"] .shape`)).toHaveText(shape);
    }
  });
  await test.step('Affine over a batch of N = 2: db sums dout over the batch (the book\'s (5, 7, 9))', async () => {
    await preset('Affine: a batch, N = 2').click();
    await expect(app.status).toHaveText(/^Step 19 of 19/);
    near(await layerGrid(page, 'out'), [[0.3, 0.7, 1.1], [0.4, 0.7, 1]]);
    near(await layerGrid(page, 'dx'), [[2.2, 2.8], [4.9, 6.4]]);
    expect(await layerGrid(page, 'dw')).toEqual([[-3, -3, -3], [8.5, 11, 13.5]]);
    expect(await layerGrid(page, 'db')).toEqual([[5, 7, 9]]);
  });
  await test.step('Softmax-with-Loss, x = (0.3, 2.9, 4.0), t = (0, 0, 1): dx = y − t', async () => {
    await preset('Softmax-with-Loss: the book’s x, t').click();
    await expect(app.status).toHaveText('Step 3 of 3, backward: dx = (y − t)/N = ((0.0182, 0.2452, 0.7366) − (0, 0, 1))/1 = (0.0182, 0.2452, −0.2634).');
    const e = [0.3, 2.9, 4].map((v) => Math.exp(v - 4));
    const sum = e.reduce((a, b) => a + b);
    const y = e.map((v) => v / sum);
    near(await layerGrid(page, 'y'), [y], 1e-15);
    near(await layerGrid(page, 'y'), [[0.0182113, 0.2451918, 0.7365969]], 1e-6);
    const [[loss]] = await layerGrid(page, 'loss');
    expect(Math.abs(loss - 0.3057145)).toBeLessThan(1e-7);
    expect(Math.abs(loss + Math.log(y[2]))).toBeLessThan(1e-15);
    const [[y0, y1, y2]] = await layerGrid(page, 'y');
    expect(await layerGrid(page, 'dx')).toEqual([[y0, y1, y2 - 1]]); // (y − t)/1, to the bit
    near(await layerGrid(page, 'dx'), [[0.0182113, 0.2451918, -0.2634031]], 1e-6);
  });
});

test('vectors against today\'s CLI (backprop layer relu|sigmoid --x a,b,… --json), to the bit', async ({app, page}) => {
  for (const [layer, x, dout] of [['relu', '1,-0.5,-2,3,-0,NaN', '0.5,-1,2,1.5,7,1'], ['sigmoid', '-1,0,1,2,-800,30', '1,-0.5,2,0.5,1,-1']]) {
    await app.open(`#graph=layer&layer=${layer}&x=${x}&dout=${dout}`);
    const cli = cliLayer(layer, {x, dout});
    expect(await layerGrid(page, 'out')).toEqual(cli.out);
    expect(await layerGrid(page, 'dx')).toEqual(cli.dx);
    if (cli.mask) expect(await layerGrid(page, 'mask')).toEqual(cli.mask);
  }
});

test('matrices against the CLI: every field of every layer, to the bit', async ({app, page}) => {
  const cases = [
    ['relu', {x: '1,-0.5;-2,3', dout: '0.5,-1;2,1.5'}],
    ['sigmoid', {x: '-1,0,1;2,-2,0.5', dout: '1,-0.5,2;0.5,1,-1'}],
    ['affine', {x: '1,0.5;-1,2', w: '0.1,0.3,0.5;0.2,0.4,0.6', b: '0.1,0.2,0.3', dout: '1,2,3;4,5,6'}],
    ['affine', {x: '1,0.5', w: '0.1,0.3,0.5;0.2,0.4,0.6', b: '0.1,0.2,0.3', dout: '1,2,3'}],
    ['softmax-loss', {x: '0.3,2.9,4.0;1,2,3', t: '0,0,1;1,0,0'}],
    ['softmax-loss', {x: '0.3,2.9,4.0;1,2,3', 't-index': '2,0'}],
  ];
  for (const [layer, args] of cases) {
    await test.step(`${layer} ${JSON.stringify(args)}`, async () => {
      await app.open(`#graph=layer&layer=${layer}&${Object.entries(args).map(([k, v]) => `${k}=${v}`).join('&')}`);
      const cli = cliLayer(layer, args);
      for (const field of ['out', 'mask', 'y', 'dx', 'dw', 'db']) if (cli[field]) expect(await layerGrid(page, field), field).toEqual(cli[field]);
      if (cli.loss != null) expect(await layerGrid(page, 'loss')).toEqual([[cli.loss]]);
    });
  }
});

test('cell by cell: the player steps through the cells, writing each one\'s arithmetic', async ({app, page, clock}) => {
  await app.open('#graph=layer&layer=relu&x=1,-0.5;-2,3&dout=1,1;1,1&step=0');
  const cell = (grid, i, j) => page.locator(`section.grid[data-grid="${grid}"] td[data-i="${i}"][data-j="${j}"]`);
  const line = page.locator('.layer-line');
  await expect(app.status).toHaveText('Ready. Step 0 of 8: x: 2×2, dout: 2×2 given. ReLU: out = x where x > 0, else 0; mask = (x ≤ 0); dx = dout where mask is False, else 0.');
  await expect(page.getByRole('gridcell', {name: 'out[0][0]: not computed yet'})).toBeVisible();

  await app.stepForward.click();
  await app.stepForward.click();
  await expect(line).toHaveText('out[0][1] = 0, mask[0][1] = (x[0][1] ≤ 0) = (−0.5000 ≤ 0) = True');
  await expect(page.getByRole('gridcell', {name: 'out[0][1] = 0'})).toHaveClass(/\bactive\b/);
  await expect(page.getByRole('gridcell', {name: 'mask[0][1] = True'})).toHaveClass(/\bactive\b/);
  await expect(cell('x', 0, 1)).toHaveClass(/\breads\b/);
  await expect(page.getByRole('gridcell', {name: 'out[1][0]: not computed yet'})).toBeVisible();
  await expect(page.locator('#step-body')).toContainText('Forward: out[0][1]');

  await app.timeline.fill('6');
  await expect(line).toHaveText('dx[0][1] = dout[0][1] · 0 = 1 · 0 = 0, mask[0][1] is True');
  await expect(app.status).toHaveText('Step 6 of 8, backward: dx[0][1] = dout[0][1] · 0 = 1 · 0 = 0, mask[0][1] is True.');
  await expect(cell('dout', 0, 1)).toHaveClass(/\breads\b/);
  await expect(cell('mask', 0, 1)).toHaveClass(/\breads\b/);
  await expect(page.getByRole('gridcell', {name: 'dx[0][1] = 0'})).toHaveClass(/\bactive\b/);
  await expect(page.locator('#step-body')).toContainText('Backward needs only the mask');
  // The graphs' panels have nothing to say about a layer.
  await expect(page.locator('#check-body')).toBeHidden();
  await expect(page.locator('#plot')).toBeHidden();

  await test.step('Play, on the same player as the graphs, to the end', async () => {
    await app.reset.click();
    await expect(app.status).toHaveText(/^Ready\. Step 0 of 8/); // the state the page opened with
    await clock.freeze();
    await app.play.click();
    await expect(app.pause).toBeVisible();
    await clock.settle();
    await expect(app.status).toHaveText(/^Step 8 of 8/);
    await expect(app.play).toBeVisible();
    expect(await layerGrid(page, 'dx')).toEqual([[1, 0], [0, 1]]);
  });
});

test.describe('with motion', () => {
  test.use({reducedMotion: 'no-preference'});
  test('a step\'s cell appears and the cells it reads flash, on the test\'s clock', async ({app, page, clock}) => {
    await app.open('#graph=layer&layer=affine&step=0');
    await clock.freeze();
    await app.stepForward.click();
    await expect.poll(() => clock.pending()).toBeGreaterThan(1); // the written cell and the cells read
    expect(await clock.finishAll()).toBeGreaterThan(1);
    await expect(page.getByRole('gridcell', {name: 'out[0] = 0.3000'})).toHaveClass(/\bactive\b/);
  });
});

test('the aliasing lesson: the book\'s in-place backward corrupts the reader\'s dout, the core\'s leaves it', async ({app, page}) => {
  await app.open('#graph=layer&layer=relu&x=1,-0.5;-2,3&dout=0.5,-1;2,1.5&step=4');
  const toggle = page.getByRole('checkbox', {name: 'Book’s in-place backward'});
  await expect(toggle).not.toBeChecked();
  await expect(page.locator('.alias')).toBeHidden();
  await toggle.check();
  await expect(page).toHaveURL(/&inplace=1/);
  const lesson = page.locator('.alias');
  await expect(lesson.getByRole('heading')).toHaveText('Whose dout is it?');
  await expect(lesson).toContainText('dout[self.mask] = 0');
  await expect(lesson).toContainText('a second branch');
  // Before the backward pass, both are the reader's dout.
  expect(await layerGrid(page, 'dout-book')).toEqual([[0.5, -1], [2, 1.5]]);
  await app.stepForward.click();
  await app.stepForward.click(); // dx[0][1]: masked
  expect(await layerGrid(page, 'dout-book')).toEqual([[0.5, 0], [2, 1.5]]);
  await app.timeline.fill('8');
  expect(await layerGrid(page, 'dout-book')).toEqual([[0.5, 0], [0, 1.5]]); // zeros where the mask is True
  expect(await layerGrid(page, 'dout-core')).toEqual([[0.5, -1], [2, 1.5]]); // read back from C memory: untouched
  expect(await layerGrid(page, 'dx')).toEqual([[0.5, 0], [0, 1.5]]);

  await test.step('the other layers write nothing into dout, and say so', async () => {
    await page.getByRole('radio', {name: 'Sigmoid', exact: true}).last().check();
    await expect(lesson).toContainText('Sigmoid’s backward writes no element of dout');
    await expect(lesson).toContainText('dx = dout * self.out * (1.0 - self.out)');
    await expect(page.locator('section.grid[data-grid="dout-book"]')).toBeHidden();
    await toggle.uncheck();
    await expect(lesson).toBeHidden();
    await expect(page).not.toHaveURL(/inplace/);
  });
});

test('grid cells edited by keyboard: Enter commits, arrows move, Escape restores, rows and columns', async ({app, page}) => {
  await app.open('#graph=layer&layer=relu&x=1,-0.5;-2,3&dout=1,1;1,1');
  const field = (name) => page.getByRole('textbox', {name, exact: true});
  await field('x[0][1]').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('2.5');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('gridcell', {name: 'out[0][1] = 2.5000'})).toBeVisible();
  await expect(page.getByRole('gridcell', {name: 'mask[0][1] = False'})).toBeVisible();
  await expect(page).toHaveURL(/x=1,2\.5;-2,3/);
  await expect(field('x[0][1]')).toBeFocused(); // Enter keeps the cell, its text selected

  await test.step('arrows: up and down always, left and right at the text\'s edge', async () => {
    await page.keyboard.press('ArrowDown');
    await expect(field('x[1][1]')).toBeFocused();
    await page.keyboard.press('ArrowLeft'); // the whole text is selected: leaves
    await expect(field('x[1][0]')).toBeFocused();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft'); // inside the text: the caret moves
    await expect(field('x[1][0]')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(field('x[0][0]')).toBeFocused();
    await page.keyboard.press('ArrowUp'); // the first row: stays
    await expect(field('x[0][0]')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(field('x[0][1]')).toBeFocused();
  });
  await test.step('text that is not a number: marked and explained, the last good number in force; Escape restores it', async () => {
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('0,5');
    await page.keyboard.press('Enter');
    await expect(field('x[0][1]')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('.layer-message')).toHaveText('x[0][1]: “0,5” is not a number (use \'.\' for decimals, not \',\').');
    await expect(page.getByRole('gridcell', {name: 'out[0][1] = 2.5000'})).toBeVisible();
    await app.stepBack.click(); // a redraw keeps the cell's text and its message
    await expect(page.locator('.layer-message')).toHaveText(/^x\[0\]\[1\]: “0,5”/);
    await expect(field('x[0][1]')).toHaveValue('0,5');
    await field('x[0][1]').focus();
    await page.keyboard.press('Escape');
    await expect(field('x[0][1]')).toHaveValue('2.5');
    await expect(field('x[0][1]')).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('.layer-message')).toBeHidden();
  });
  await test.step('a row added to x gives dout a row of ones; a column, one of each', async () => {
    await app.stepForward.click(); // (the step before was 7)
    await expect(app.status).toHaveText(/^Step 8 of 8\b/);
    await page.getByRole('button', {name: 'Add a row (x)'}).click();
    await expect(page.locator('section.grid[data-grid="x"] .shape')).toHaveText('3×2');
    await expect(app.status).toHaveText(/^Step 12 of 12\b/); // at the end, it stays at the end: 6 cells, 2 steps each
    expect(await layerGrid(page, 'x')).toEqual([[1, 2.5], [-2, 3], [0, 0]]);
    expect(await layerGrid(page, 'dout')).toEqual([[1, 1], [1, 1], [1, 1]]);
    await page.getByRole('button', {name: 'Add a column (x)'}).click();
    expect(await layerGrid(page, 'dout')).toEqual([[1, 1, 1], [1, 1, 1], [1, 1, 1]]);
    await expect(page).toHaveURL(/x=1,2\.5,0;-2,3,0;0,0,0&dout=1,1,1;1,1,1;1,1,1/);
    await page.getByRole('button', {name: 'Remove a row (x)'}).click();
    await page.getByRole('button', {name: 'Step back'}).click(); // not at the end: the step stays where it was
    await expect(app.status).toHaveText(/^Step 11 of 12\b/);
    await page.getByRole('button', {name: 'Remove a column (x)'}).click();
    expect(await layerGrid(page, 'x')).toEqual([[1, 2.5], [-2, 3]]);
    await expect(app.status).toHaveText(/^Step 8 of 8\b/); // 11 clamped to the last
  });
  await test.step('Affine: a column of W adds one to b and dout; beyond 8, a message', async () => {
    await page.getByRole('radio', {name: 'Affine', exact: true}).check();
    await page.getByRole('button', {name: 'Add a column (W)'}).click();
    for (const [grid, shape] of [['w', '2×4'], ['b', '(4,)'], ['out', '(4,)'], ['dout', '(4,)'], ['db', '(4,)']]) {
      await expect(page.locator(`section.grid[data-grid="${grid}"] .shape`)).toHaveText(shape);
    }
    expect(await layerGrid(page, 'dout')).toEqual([[1, 2, 3, 1]]);
    for (let k = 0; k < 4; k++) await page.getByRole('button', {name: 'Add a column (W)'}).click();
    await expect(page.locator('section.grid[data-grid="w"] .shape')).toHaveText('2×8');
    await expect(page.locator('.layer-message')).toBeHidden();
    await page.getByRole('button', {name: 'Add a column (W)'}).click();
    await expect(page.locator('section.grid[data-grid="w"] .shape')).toHaveText('2×8');
    await expect(page.locator('.layer-message')).toHaveText('Matrices here are 1×1 to 8×8; larger ones are the command line’s (backprop layer).');
    // In the page's other language at once, and gone with the matrices it was about.
    await page.getByRole('button', {name: '한국어'}).click();
    await expect(page.locator('.layer-message')).not.toHaveText(/Matrices here/);
    await expect(page.locator('.layer-message')).toHaveText(/8×8/);
    await page.getByRole('button', {name: 'English'}).click();
    await expect(page.locator('.layer-message')).toHaveText(/^Matrices here are 1×1 to 8×8/);
    await page.locator('#layer-controls').getByRole('radio', {name: 'ReLU', exact: true}).check();
    await expect(page.locator('.layer-message')).toBeHidden();
  });
  await test.step('a cell that holds no number is explained in the language shown', async () => {
    await page.getByRole('textbox', {name: 'x[0][0]', exact: true}).fill('zz');
    await page.keyboard.press('Enter');
    await expect(page.locator('.layer-message')).toHaveText(/^x\[0\]\[0\]: “zz” is not a number/);
    await page.getByRole('button', {name: '한국어'}).click();
    await expect(page.locator('.layer-message')).toHaveText(/^x\[0\]\[0\]: “zz” — 숫자가 아닙니다/);
  });
});

test('a share link holds the matrices, the step and the lesson; a link that does not fit says why', async ({app, page, context}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.open('#graph=layer&layer=softmax-loss&x=0.3,2.9,4.0;1,2,3&t=0,0,1;1,0,0&step=2&inplace=1');
  await expect(app.status).toHaveText(/^Ready\. Step 2 of 5, forward: y\[1\] = softmax\(x\[1\]\) = softmax\(1, 2, 3\) = /);
  const shown = {y: await layerGrid(page, 'y'), t: await layerGrid(page, 't')};
  await page.getByRole('button', {name: 'Copy link'}).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#graph=layer&layer=softmax-loss&x=0\.3,2\.9,4;1,2,3&t=0,0,1;1,0,0&inplace=1&step=2$/);
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('#app')).toHaveAttribute('data-ready', 'true');
  expect(await layerGrid(other, 'y')).toEqual(shown.y);
  expect(await layerGrid(other, 't')).toEqual(shown.t);
  await expect(other.getByRole('checkbox', {name: 'Book’s in-place backward'})).toBeChecked();
  await expect(other.getByRole('status')).toHaveText(/^Ready\. Step 2 of 5/);

  await test.step('Copy LaTeX: the step\'s arithmetic, matrices as bmatrix', async () => {
    await page.getByRole('button', {name: 'Copy LaTeX'}).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^y\[1\] = \\operatorname\{softmax\}\(x\[1\]\) = \\operatorname\{softmax\}\(1, 2, 3\) = \\begin\{bmatrix\}0\.0900 & 0\.2447 & 0\.6652\\end\{bmatrix\}$/);
  });
  await test.step('a link whose W does not fit x: the example instead, and why', async () => {
    await other.goto('/#graph=layer&layer=affine&x=1,2,3&w=1,2;3,4');
    await expect(other.locator('.layer-message')).toHaveText('W is 2×2 but x is (3,): W needs 3 rows, one per column of x. Showing Affine with its example’s matrices instead.');
    expect(await layerGrid(other, 'x')).toEqual([[1, 0.5]]);
  });
});

test('the grids as SVG and PNG', async ({app, page}) => {
  await app.open('#graph=layer&layer=affine&step=4');
  await expect(page.locator('section.grid[data-grid="out"]')).toBeVisible(); // the layer file is here: the export has a figure
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', {name: 'Download SVG'}).click()]);
  expect(download.suggestedFilename()).toBe('backprop-layer-affine-step4.svg');
  const parsed = await page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    return {root: doc.documentElement.localName, error: doc.querySelector('parsererror') != null,
      styled: doc.querySelectorAll('[class], [style], script').length, texts: [...doc.querySelectorAll('text')].map((n) => n.textContent),
      fills: [...doc.querySelectorAll('rect')].map((r) => r.getAttribute('fill')).filter(Boolean).length};
  }, readFileSync(await download.path(), 'utf8'));
  expect(parsed).toMatchObject({root: 'svg', error: false, styled: 0});
  // Every grid's name and shape, the given numbers, and what step 4 knows: out, dx[0].
  expect(parsed.texts).toEqual(expect.arrayContaining(['x: (2,)', 'W: 2×3', 'b: (3,)', 'out: (3,)', 'dx: (2,)', 'dW: 2×3', '0.3000', '0.7000', '1.1000', '2.2000', '→', '←']));
  expect(parsed.texts).not.toContain('2.8000'); // dx[1]: step 4 has not reached it
  expect(parsed.fills).toBeGreaterThan(20);
  const png = await Promise.all([page.waitForEvent('download'), page.getByRole('button', {name: 'Download PNG'}).click()]);
  const bytes = readFileSync(await png[0].path());
  expect([...bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  await expect(page.locator('.export-holder')).toHaveCount(0); // the drawing made for the file is gone
});

test('in Korean: the grids\' words, the narration, the lesson', async ({app, page}) => {
  await app.open('#graph=layer&layer=relu&x=1,-0.5;-2,3&dout=1,1;1,1&step=6&inplace=1&lang=ko');
  await expect(page.getByRole('status')).toHaveText('준비되었습니다. 단계 6/8, 역전파: dx[0][1] = dout[0][1] · 0 = 1 · 0 = 0, mask[0][1] = True.');
  await expect(page.getByRole('radio', {name: '계층'})).toBeChecked();
  await expect(page.locator('.layer-legend')).toHaveText(/양수\s*음수\s*이번 단계가 쓰는 칸\s*읽는 칸/);
  await expect(page.getByRole('checkbox', {name: '책의 제자리(in-place) 역전파'})).toBeChecked();
  await expect(page.locator('.alias')).toContainText('dout은 누구의 것일까요?');
  await expect(page.getByRole('button', {name: '행 추가 (x)'})).toBeVisible();
  await expect(page.locator('#step-body')).toContainText('역전파: dx[0][1]');
  await page.getByRole('button', {name: 'English'}).click();
  await expect(page.getByRole('status')).toHaveText(/^Step 6 of 8, backward: dx\[0\]\[1\]/);
  await expect(page.locator('.layer-legend')).toHaveText(/positive\s*negative/);
});

test.describe('on a phone', () => {
  test.use({viewport: {width: 360, height: 740}, hasTouch: true, isMobile: true});
  test('8×8 grids scroll inside their own boxes; nothing overflows the page', async ({app, page}) => {
    const m = (rows, cols, f) => Array.from({length: rows}, (_, i) => Array.from({length: cols}, (_, j) => f(i, j)).join(',')).join(';');
    await app.open(`#graph=layer&layer=affine&x=${m(8, 8, (i, j) => (i - j) / 4)}&w=${m(8, 8, (i, j) => ((i * j) % 5) - 2.25)}` +
      `&b=${m(1, 8, (i, j) => j / 8)}&dout=${m(8, 8, () => -1.5)}&inplace=1`);
    await expect(app.status).toHaveText(/^Ready\. Step 200 of 200/);
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]);
    for (const box of await page.locator('.layer-figure section.grid, .controls, .panel').filter({visible: true}).all()) {
      const b = await box.boundingBox();
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(360);
    }
    // W's cells are wider than the phone: its own box scrolls.
    const cells = page.locator('section.grid[data-grid="w"] .cells');
    expect(await cells.evaluate((c) => c.scrollWidth > c.clientWidth)).toBe(true);
    await app.stepBack.tap();
    await expect(app.status).toHaveText(/^Step 199 of 200, backward: db\[6\] = /);
  });
});

test('layer mode runs under a strict Content-Security-Policy: its file, its sheet', async ({app, page}) => {
  const violations = await strictCsp(page);
  await app.open('#graph=layer&layer=relu&x=1,-0.5;-2,3&step=3');
  await page.getByRole('textbox', {name: 'x[0][0]', exact: true}).fill('-7');
  await page.getByRole('textbox', {name: 'x[0][0]', exact: true}).press('Enter');
  await expect(page.getByRole('gridcell', {name: 'mask[0][0] = True'})).toBeVisible();
  // Styled by the adopted sheet: a masked cell's tint, an active cell's outline.
  expect(await page.getByRole('gridcell', {name: 'mask[0][0] = True'}).evaluate((td) => getComputedStyle(td).fontWeight)).toBe('700');
  expect(violations).toEqual([]);
});

test('a layer link followed from a graph (the layer file not yet loaded) shows its own matrices', async ({app, page}) => {
  await app.open('#graph=relu&x=2&dout=1');
  await page.evaluate(() => { location.hash = '#graph=layer&layer=affine&x=2,-1&w=1,0;0,1&b=0.5,-0.5&dout=3,4&step=2'; });
  await expect(page.getByRole('status')).toHaveText('Step 2 of 10, forward: out[1] = x[0] · W[0][1] + x[1] · W[1][1] + b[1] = 2 · 0 + (−1) · 1 + (−0.5000) = −1.5000.');
  expect(await layerGrid(page, 'w')).toEqual([[1, 0], [0, 1]]);
  await expect(page).toHaveURL(/#graph=layer&layer=affine&x=2,-1&dout=3,4&w=1,0;0,1&b=0\.5,-0\.5&step=2$/);
});

test('NaN, ±∞ and −0 in a grid: each edit runs the layer again, and C says what they give', async ({app, page}) => {
  await app.open('#graph=layer&layer=relu&x=NaN,1&dout=1,1');
  expect(await layerGrid(page, 'out')).toEqual([[NaN, 1]]);
  expect(await layerGrid(page, 'mask')).toEqual([[0, 0]]); // NaN is not <= 0: it passes
  const cell = page.getByRole('textbox', {name: 'x[0]', exact: true});
  for (const [text, out, mask] of [['-Infinity', 0, 1], ['Infinity', Infinity, 0], ['-0', 0, 1], ['NaN', NaN, 0]]) {
    await cell.fill(text);
    await cell.press('Enter');
    await expect.poll(() => layerGrid(page, 'out')).toEqual([[out, 1]]);
    expect(await layerGrid(page, 'mask')).toEqual([[mask, 0]]);
  }
  await expect(page.getByRole('gridcell', {name: 'out[0] = NaN'})).toHaveClass(/\bnonfinite\b/);
});
