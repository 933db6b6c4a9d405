// <backprop-graph layer="…">: the layer figure in a blog post. Its numbers
// against hand-derived values and against the page (one component), bad
// attributes explained inside the figure, its link opening the page at
// the same state, export, both languages, its file fetched only when used.
import {readFileSync} from 'node:fs';
import {test, expect, figureOnBlankPage, routeFixtures} from './embed-fixtures.mjs';
import {layerGrid} from './fixtures.mjs';

test.use({reducedMotion: 'reduce'});

test('layer="relu" with the post\'s x: mask, out and dx, and its shapes', async ({page}) => {
  const figure = await figureOnBlankPage(page, {layer: 'relu', x: '1,-0.5;-2,3', dout: '1,1;1,1'});
  expect(await layerGrid(figure, 'out')).toEqual([[1, 0], [0, 3]]);
  expect(await layerGrid(figure, 'mask')).toEqual([[0, 1], [1, 0]]);
  expect(await layerGrid(figure, 'dx')).toEqual([[1, 0], [0, 1]]);
  await expect(figure.locator('section.grid[data-grid="x"] .shape')).toHaveText('2×2');
  await expect(figure.getByRole('status').first()).toHaveText('Step 8 of 8, backward: dx[1][1] = dout[1][1] · 1 = 1 · 1 = 1, mask[1][1] is False.');
  // The graphs' number fields give way to the grids'.
  await expect(figure.getByRole('group', {name: 'Inputs'})).toBeHidden();
  await figure.getByRole('button', {name: 'Step back'}).click();
  await expect(figure.locator('.layer-line')).toHaveText('dx[1][0] = dout[1][0] · 0 = 1 · 0 = 0, mask[1][0] is True');
  const detail = await figure.evaluate((el) => ({step: el.currentStep, layer: el.layer, x: el.x}));
  expect(detail).toEqual({step: 7, layer: 'relu', x: '1,-0.5;-2,3'});
  // A shape edited at the last step stays at the last; elsewhere the step stays.
  await figure.getByRole('button', {name: 'Step forward'}).click();
  await figure.getByRole('button', {name: 'Add a row (x)'}).click();
  await expect(figure.getByRole('status').first()).toHaveText(/^Step 12 of 12\b/); // 6 cells, 2 steps each
  await figure.getByRole('button', {name: 'Step back'}).click();
  await figure.getByRole('button', {name: 'Add a column (x)'}).click();
  await expect(figure.getByRole('status').first()).toHaveText(/^Step 11 of 18\b/);
});

test('layer="affine" with w and b, and layer="softmax-loss" with t or t-index', async ({page}) => {
  const affine = await figureOnBlankPage(page, {layer: 'affine', x: '1,0.5;-1,2', w: '0.1,0.3,0.5;0.2,0.4,0.6', b: '0.1,0.2,0.3', dout: '1,2,3;4,5,6'});
  expect(await layerGrid(affine, 'dw')).toEqual([[-3, -3, -3], [8.5, 11, 13.5]]);
  expect(await layerGrid(affine, 'db')).toEqual([[5, 7, 9]]);
  const out = await layerGrid(affine, 'out');
  [[0.3, 0.7, 1.1], [0.4, 0.7, 1]].forEach((row, i) => row.forEach((v, j) => expect(Math.abs(out[i][j] - v)).toBeLessThan(1e-15)));

  for (const labels of [{t: '0,0,1'}, {'t-index': '2'}]) {
    await page.evaluate((l) => {
      document.body.textContent = '';
      const f = document.createElement('backprop-graph');
      f.setAttribute('layer', 'softmax-loss');
      f.setAttribute('x', '0.3,2.9,4.0');
      for (const [k, v] of Object.entries(l)) f.setAttribute(k, v);
      document.body.append(f);
    }, labels);
    const figure = page.locator('backprop-graph');
    await expect(figure).toHaveAttribute('ready', '');
    const [[y0, y1, y2]] = await layerGrid(figure, 'y');
    [[y0, 0.0182113], [y1, 0.2451918], [y2, 0.7365969]].forEach(([got, want]) => expect(Math.abs(got - want)).toBeLessThan(1e-7));
    const [[loss]] = await layerGrid(figure, 'loss');
    expect(Math.abs(loss - 0.3057145)).toBeLessThan(1e-7);
    expect(await layerGrid(figure, 'dx')).toEqual([[y0, y1, y2 - 1]]);
    await expect(figure.locator('section.grid[data-grid="t"] .grid-name')).toHaveText(labels.t ? 't' : 't (t-index)');
    expect(await layerGrid(figure, 't')).toEqual([[0, 0, 1]]); // the class index as the row C reads
  }
});

test('the element and the page show the same grids and the same words (one component)', async ({page}) => {
  const attrs = {layer: 'sigmoid', x: '-1,0,1;2,-2,0.5', dout: '1,-0.5,2;0.5,1,-1', step: '9'};
  const figure = await figureOnBlankPage(page, attrs);
  const element = {out: await layerGrid(figure, 'out'), dx: await layerGrid(figure, 'dx'), line: await figure.locator('.layer-line').textContent(),
    cells: await figure.locator('td.cell').evaluateAll((tds) => tds.map((td) => `${td.className}|${td.getAttribute('aria-label') ?? ''}`))};
  await page.goto(`/#graph=layer&${Object.entries(attrs).map(([k, v]) => `${k}=${v}`).join('&')}`);
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
  expect(await layerGrid(page, 'out')).toEqual(element.out);
  expect(await layerGrid(page, 'dx')).toEqual(element.dx);
  await expect(page.locator('.layer-line')).toHaveText(element.line);
  expect(await page.locator('td.cell').evaluateAll((tds) => tds.map((td) => `${td.className}|${td.getAttribute('aria-label') ?? ''}`))).toEqual(element.cells);
  expect(element.line).toBe('dx[0][2] = dout[0][2] · out[0][2] · (1 − out[0][2]) = 2 · 0.7311 · (1 − 0.7311) = 0.3932');
});

test('bad attributes are explained inside the figure, in its language, and the last good figure stays', async ({page}) => {
  const figure = await figureOnBlankPage(page, {layer: 'relu', x: '1,-0.5;-2,3'});
  const alert = figure.getByRole('alert').filter({hasText: /\S/});
  await figure.evaluate((el) => el.setAttribute('x', '1,2;3'));
  await expect(alert).toHaveText('x[1] has length 1 but x[0] has length 2: every row needs as many numbers. Still showing the last good figure.');
  expect(await layerGrid(figure, 'x')).toEqual([[1, -0.5], [-2, 3]]);
  await figure.evaluate((el) => el.setAttribute('dout', '1,1,1'));
  await expect(alert).toContainText('dout is (3,) but the layer’s output is 2×2: they must have the same shape.');
  await figure.evaluate((el) => { el.removeAttribute('dout'); el.setAttribute('x', '1,abc'); el.setAttribute('lang', 'ko'); });
  await expect(alert).toHaveText('x[1]: “abc” — 숫자가 아닙니다 (숫자가 아님). 마지막으로 올바르게 그린 그림을 계속 보여 줍니다.');
  await figure.evaluate((el) => { el.setAttribute('layer', 'affine'); el.setAttribute('x', '1,2,3'); el.setAttribute('w', '1,2;3,4'); el.setAttribute('lang', 'en'); });
  await expect(alert).toContainText('W is 2×2 but x is (3,): W needs 3 rows, one per column of x. Showing Affine with its example’s matrices instead.');
  await figure.evaluate((el) => el.setAttribute('layer', 'dropout'));
  await expect(alert).toContainText('layer: “dropout” is not allowed; use relu, sigmoid, affine, softmax-loss.');
  await figure.evaluate((el) => { for (const k of ['layer', 'x', 'w']) el.removeAttribute(k); el.setAttribute('x', '2'); });
  await expect(figure.getByRole('img', {name: /^ReLU|^×\(−1\)/}).first()).toBeVisible(); // back to a graph: x a number again
  await expect(alert).toBeHidden();
});

test('no grid overflows its box (a scrollbar under it where scrollbars take room): element, page, network', async ({page}) => {
  const overflowing = (root) => root.evaluate((r) => [...(r.shadowRoot ?? r).querySelectorAll('.cells')]
    .filter((c) => c.scrollWidth > c.clientWidth || c.scrollHeight > c.clientHeight)
    .map((c) => `${c.closest('[data-grid]')?.dataset.grid}: ${c.scrollWidth}×${c.scrollHeight} in ${c.clientWidth}×${c.clientHeight}`));
  for (const attrs of [{layer: 'relu', x: '1,-0.5;-2,3'}, {layer: 'affine', x: '1,0.5;-1,2', w: '0.1,0.3,0.5;0.2,0.4,0.6', b: '0.1,0.2,0.3'}]) {
    const figure = await figureOnBlankPage(page, attrs);
    expect(await figure.evaluate((el) => el.shadowRoot.querySelectorAll('.cells').length)).toBeGreaterThan(3);
    expect(await overflowing(figure)).toEqual([]);
  }
  for (const hash of ['#graph=layer&layer=softmax-loss', '#graph=network']) {
    await page.goto('/' + hash);
    await expect(page.locator('.cells').first()).toBeVisible();
    expect(await overflowing(page.locator('body'))).toEqual([]);
  }
});

test('a layer no figure knows, from the start: said inside the figure, which shows ReLU and works', async ({page}) => {
  for (const layer of ['conv', '', 'RELU']) {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const figure = await figureOnBlankPage(page, {layer, x: '1,-2'}); // (ready: the figure is up)
    await expect(figure.getByRole('alert').filter({hasText: /\S/})).toContainText(`layer: “${layer}” is not allowed; use relu, sigmoid, affine, softmax-loss.`);
    expect(await layerGrid(figure, 'out')).toEqual([[1, 0]]); // ReLU of (1, −2)
    await figure.evaluate((el) => el.setAttribute('layer', 'sigmoid'));
    await expect(figure.getByRole('alert').filter({hasText: /\S/})).toBeHidden();
    expect((await layerGrid(figure, 'out'))[0][0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 4);
    expect(errors).toEqual([]);
    page.removeAllListeners('pageerror');
  }
});

test('a layer figure\'s link opens the page at the same state; the aliasing toggle and the step travel with it', async ({page, context}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const figure = await figureOnBlankPage(page, {layer: 'relu', x: '1,-0.5;-2,3', dout: '0.5,-1;2,1.5', step: '6'});
  await figure.getByRole('checkbox', {name: 'Book’s in-place backward'}).check();
  expect(await layerGrid(figure, 'dout-book')).toEqual([[0.5, 0], [2, 1.5]]);
  await figure.getByRole('textbox', {name: 'x[1][1]', exact: true}).fill('-4');
  await figure.getByRole('textbox', {name: 'x[1][1]', exact: true}).press('Enter');
  await figure.getByRole('button', {name: 'Copy link'}).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/\/index\.html#graph=layer&layer=relu&x=1,-0\.5;-2,-4&dout=0\.5,-1;2,1\.5&inplace=1&step=6$/);
  await page.goto(link);
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
  expect(await layerGrid(page, 'mask')).toEqual([[0, 1], [1, 1]]);
  expect(await layerGrid(page, 'dout-book')).toEqual([[0.5, 0], [2, 1.5]]);
  await expect(page.getByRole('status')).toHaveText(/^Ready\. Step 6 of 8/);
});

test('export: the grids as SVG; LaTeX with matrices as bmatrix', async ({page, context}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const figure = await figureOnBlankPage(page, {layer: 'relu', x: '1,-0.5;-2,3', dout: '1,1;1,1', step: '0'});
  await figure.getByRole('button', {name: 'Copy LaTeX'}).click();
  await expect(figure.getByRole('status').last()).toHaveText('LaTeX copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    'x = \\begin{bmatrix}1 & -0.5000\\\\-2 & 3\\end{bmatrix},\\quad \\mathrm{dout} = \\begin{bmatrix}1 & 1\\\\1 & 1\\end{bmatrix}');
  const [download] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', {name: 'Download SVG'}).click()]);
  expect(download.suggestedFilename()).toBe('backprop-layer-relu-step0.svg');
  const texts = await page.evaluate((t) => [...new DOMParser().parseFromString(t, 'image/svg+xml').querySelectorAll('text')].map((n) => n.textContent),
    readFileSync(await download.path(), 'utf8'));
  expect(texts).toEqual(expect.arrayContaining(['x: 2×2', 'out: 2×2', 'mask: 2×2', 'dx: 2×2', '−0.5000', '3']));
});

test('the layer file is fetched only by a figure that shows a layer', async ({page}) => {
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await routeFixtures(page);
  await figureOnBlankPage(page, {graph: 'relu', x: '2'});
  expect(fetched.filter((p) => p.endsWith('backprop-graph-layer.js'))).toEqual([]);
  await page.locator('backprop-graph').evaluate((el) => { el.setAttribute('layer', 'sigmoid'); el.setAttribute('x', '0'); });
  await expect(page.locator('backprop-graph section.grid[data-grid="out"]')).toBeVisible();
  expect(fetched.filter((p) => p.endsWith('backprop-graph-layer.js'))).toEqual(['/backprop-graph-layer.js']);
  expect(await layerGrid(page.locator('backprop-graph'), 'out')).toEqual([[0.5]]);
});

test('the iframe page: a layer from its hash', async ({page}) => {
  await page.goto('/embed.html#layer=affine&x=1,0.5&w=0.1,0.3,0.5;0.2,0.4,0.6&b=0.1,0.2,0.3&dout=1,2,3&step=3&lang=ko');
  const figure = page.locator('backprop-graph');
  await expect(figure).toHaveAttribute('ready', '');
  await expect(figure.getByRole('status').first()).toHaveText('단계 3/14, 순전파: out[2] = x[0] · W[0][2] + x[1] · W[1][2] + b[2] = 1 · 0.5000 + 0.5000 · 0.6000 + 0.3000 = 1.1000.');
  expect(await layerGrid(figure, 'w')).toEqual([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]);
  await page.evaluate(() => { location.hash = '#layer=relu&x=-1,2'; });
  await expect(figure.locator('section.grid[data-grid="mask"]')).toBeVisible();
  expect(await layerGrid(figure, 'mask')).toEqual([[1, 0]]);
});
