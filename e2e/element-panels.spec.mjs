// <backprop-graph panels="check,plot">: the page's gradient check and curve
// in a figure, loaded only when asked for; numbers from the C core.
import {test, expect, figureOnBlankPage} from './embed-fixtures.mjs';
import {cliTrace} from './fixtures.mjs';

test.use({reducedMotion: 'reduce'});

test('without panels, no panel and no request for their code', async ({page}) => {
  const asked = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  const figure = await figureOnBlankPage(page, {graph: 'sigmoid', x: '0.5'});
  await expect(figure.locator('.panels')).toBeHidden();
  expect(asked).not.toContain('/backprop-graph-extras.js');
});

test('the gradient check: backprop beside the central difference, as the page shows it', async ({page}) => {
  const figure = await figureOnBlankPage(page, {graph: 'sigmoid', x: '0.5', dout: '2', panels: 'check'});
  const panel = figure.locator('.check-panel');
  await expect(panel.getByRole('heading', {name: 'Gradient check'})).toBeVisible();
  const cli = cliTrace('sigmoid', 0.5, 2);
  // dL/dx = 2 · σ(0.5)(1 − σ(0.5)) = 0.4700074244…
  await expect(panel.locator('[data-key="grad-sigmoid"] dd')).toHaveText('0.4700');
  await expect(panel.locator('[data-key="grad-sigmoid"] [data-value]')).toHaveAttribute('data-value', String(cli.grads.x));
  await expect(panel.locator('[data-key="numeric"] [data-value]')).toHaveAttribute('data-value', String(cli.check.x.numeric));
  await expect(panel.locator('.verdict')).toHaveText('✓ Backprop and the difference quotient agree.');
  await expect(figure.locator('.plot-panel')).toBeHidden();
});

test('the curve: drawn by the core, and a pick on it moves x everywhere', async ({page}) => {
  const figure = await figureOnBlankPage(page, {graph: 'relu', x: '1', dout: '1', panels: 'check,plot'});
  const plot = figure.getByRole('slider', {name: /^Plot of ReLU/});
  await expect(plot).toHaveAttribute('aria-valuetext', 'x = 1');
  await expect(figure.locator('.plot-panel .note')).toHaveText('ReLU(x), and dL/dy · ReLU′(x) computed by the C layer over x from −6 to 6.');
  await plot.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(figure.getByLabel('x', {exact: true})).toHaveValue('0.9');
  await expect(plot).toHaveAttribute('aria-valuetext', 'x = 0.9000');
  const cli = cliTrace('relu', 0.9, 1);
  await expect(figure.locator('g.node[data-op="relu"]')).toHaveAttribute('data-value', String(cli.output));
  await expect(figure.locator('.check-panel [data-key="grad-relu"] [data-value]')).toHaveAttribute('data-value', String(cli.grads.x));
});

test('an expression: the check of every input and the curve over its first variable, in Korean', async ({page}) => {
  const figure = await figureOnBlankPage(page, {expr: '(x+y)*z', vars: 'x=-2,y=5,z=-4', panels: 'plot,check', lang: 'ko'});
  await expect(figure.locator('.check-panel h3')).toHaveText('기울기 확인');
  await expect(figure.locator('.check-panel tbody tr')).toHaveCount(3);
  // df/dx = z = −4, df/dy = z = −4, df/dz = x + y = 3.
  await expect(figure.locator('.check-panel tbody tr').nth(0)).toContainText('−4');
  await expect(figure.locator('.check-panel tbody tr').nth(2)).toContainText('3');
  await expect(figure.locator('.plot-panel h3')).toHaveText('곡선');
  await expect(figure.getByRole('slider', {name: /x/})).toHaveAttribute('aria-valuetext', 'x = −2');
});

test('a bad panels value is explained and the figure keeps drawing', async ({page}) => {
  const figure = await figureOnBlankPage(page, {graph: 'relu', x: '2', panels: 'check,chart'});
  await expect(figure.getByRole('alert')).toContainText('panels: “check,chart” is not allowed; use check, plot.');
  await expect(figure.locator('g.node[data-op="relu"]')).toHaveAttribute('data-value', '2');
});
