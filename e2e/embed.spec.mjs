// <backprop-graph> in host pages: isolation from hostile CSS, many figures,
// attributes and properties, bad values, Korean, the host's dark mode, and
// numbers against the native CLI.
import {test, expect, routeFixtures, allReady} from './embed-fixtures.mjs';
import {cliTrace, pageNumber} from './fixtures.mjs';

test.use({reducedMotion: 'reduce'});

test.beforeEach(async ({page}) => {
  await routeFixtures(page);
});

const nodeNamed = (figure, op) => figure.getByRole('img', {name: new RegExp(`^${op.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`)});

test('several figures under hostile host CSS draw, stay isolated and keep the page laid out', async ({page}) => {
  await page.goto('/fixture/figures.html');
  await allReady(page);
  const steps = page.locator('#steps');
  await test.step('each figure draws its graph despite * { all: unset } and svg { display: none }', async () => {
    for (const id of ['steps', 'fused', 'relu', 'bad', 'expr']) {
      await expect(page.locator(`#${id}`).getByRole('group', {name: /computational graph/})).toBeVisible();
    }
    await expect(nodeNamed(steps, 'exp')).toHaveAttribute('data-value', '0.6065306597126334');
  });
  await test.step('host font-size and colours do not reach inside', async () => {
    const styles = await steps.evaluate((el) => {
      const label = el.shadowRoot.querySelector('text.label.value');
      const button = el.shadowRoot.querySelector('button');
      return {font: getComputedStyle(el.shadowRoot.querySelector('.formula')).fontSize, fill: getComputedStyle(label).fill,
        button: getComputedStyle(button).display};
    });
    expect(parseFloat(styles.font)).toBeLessThan(20);
    expect(styles.fill).not.toBe('rgb(255, 0, 0)');
    expect(styles.button).not.toBe('none');
  });
  await test.step('the figures fit the page width and the text after them follows below', async () => {
    const width = page.viewportSize().width;
    for (const id of ['steps', 'fused', 'relu', 'bad', 'expr']) {
      const box = await page.locator(`#${id}`).boundingBox();
      expect(box.width).toBeLessThanOrEqual(width);
      expect(box.height).toBeGreaterThan(80);
    }
    // (The host's `all: unset` makes the element itself inline: measure its frame.)
    const last = await page.locator('#expr').evaluate((el) => el.shadowRoot.querySelector('.frame').getBoundingClientRect().bottom);
    const after = await page.locator('#after').boundingBox();
    expect(after.y).toBeGreaterThanOrEqual(last - 1);
  });
  await test.step('the figure with a bad attribute explains it; its neighbours work', async () => {
    const bad = page.locator('#bad');
    await expect(bad.getByRole('alert')).toContainText('x: “<img src=x onerror=window.__pwned=1>” is not a number');
    await expect(bad.getByRole('alert')).toContainText('Still showing the last good figure.');
    await expect(nodeNamed(bad, 'σ')).toHaveAttribute('data-value', '0.6224593312018546'); // the default x = 0.5
    await expect(page.locator('#fused').getByRole('alert')).toBeHidden();
    await page.locator('#fused').getByRole('button', {name: 'Step forward'}).click();
    await expect(page.locator('#fused').getByRole('status').first()).toContainText('Step 2 of 2, backward');
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  });
});

test('the numbers of each figure are the native CLI\'s, bit for bit', async ({page}) => {
  await page.goto('/fixture/figures.html');
  await allReady(page);
  for (const [id, graph, x, dout] of [['steps', 'sigmoid-steps', 0.5, 1], ['relu', 'relu', 2, 1.5]]) {
    const cli = cliTrace(graph, x, dout);
    const figure = page.locator(`#${id}`);
    for (const node of cli.nodes.filter((n) => n.op !== 'input')) {
      const g = nodeNamed(figure, node.label);
      expect(pageNumber(await g.getAttribute('data-value'))).toBe(node.value);
      expect(pageNumber(await g.getAttribute('data-grad'))).toBe(node.grad);
    }
    const dx = await figure.evaluate((el) => el.trace.grads.x);
    expect(dx).toBe(cli.grads.x);
  }
  // The fused figure stops after its forward step: y shown, no gradient yet.
  const cli = cliTrace('sigmoid', -2, 3);
  const sigma = nodeNamed(page.locator('#fused'), 'σ');
  expect(pageNumber(await sigma.getAttribute('data-value'))).toBe(cli.output);
  await expect(sigma).toHaveAccessibleName('σ: value 0.1192, gradient 3'); // dL/dy is given
  await expect(nodeNamed(page.locator('#fused'), 'x')).toHaveAccessibleName(/gradient not computed yet/);
  // The expression figure: (x+y)*z at x=-2, y=5, z=-4.
  const grads = await page.locator('#expr').evaluate((el) => el.trace.grads);
  expect(grads).toEqual({x: -4, y: -4, z: 3});
});

test('attribute changes redraw; properties mirror attributes; change events carry the trace', async ({page}) => {
  await page.goto('/fixture/figures.html');
  await allReady(page);
  const fused = page.locator('#fused');
  await test.step('x and step through attributes', async () => {
    const event = fused.evaluate((el) => new Promise((resolve) => el.addEventListener('change', (e) => resolve(e.detail), {once: true})));
    await fused.evaluate((el) => { el.setAttribute('x', '0.5'); el.setAttribute('dout', '1'); el.setAttribute('step', 'end'); });
    const detail = await event;
    expect(detail.step).toBe(2);
    expect(detail.trace.grads.x).toBe(cliTrace('sigmoid', 0.5, 1).grads.x);
    await expect(fused.locator('.formula')).toHaveText('∂L/∂x = ∂L/∂y · y(1 − y) = 1 · 0.6225 · (1 − 0.6225) = 0.2350');
    await expect(fused.getByLabel('x', {exact: true})).toHaveValue('0.5');
  });
  await test.step('properties', async () => {
    await fused.evaluate((el) => { el.graph = 'relu'; el.x = -3; el.step = 0; });
    await expect(fused).toHaveAttribute('graph', 'relu');
    await expect(fused).toHaveAttribute('x', '-3');
    await expect(nodeNamed(fused, 'ReLU')).toHaveAccessibleName('ReLU: value not computed yet, gradient 1');
    expect(await fused.evaluate((el) => [el.graph, el.x, el.step, el.currentStep])).toEqual(['relu', '-3', '0', 0]);
    await fused.getByRole('button', {name: 'Step forward'}).click();
    await expect(nodeNamed(fused, 'ReLU')).toHaveAttribute('data-value', '0');
  });
  await test.step('a bad value keeps the last good state; a good one clears the message', async () => {
    await fused.evaluate((el) => el.setAttribute('graph', 'tanh'));
    await expect(fused.getByRole('alert')).toContainText('graph: “tanh” is not a graph; use relu, sigmoid or sigmoid-steps.');
    await expect(nodeNamed(fused, 'ReLU')).toBeVisible();
    await fused.evaluate((el) => el.setAttribute('graph', 'sigmoid-steps'));
    await expect(fused.getByRole('alert')).toBeHidden();
    await expect(nodeNamed(fused, 'exp')).toBeVisible();
  });
  await test.step('controls and a typed value', async () => {
    await fused.evaluate((el) => el.setAttribute('controls', 'none'));
    await expect(fused.getByRole('button', {name: 'Play'})).toBeHidden();
    await fused.evaluate((el) => el.setAttribute('controls', 'full'));
    await fused.getByLabel('x', {exact: true}).fill('1,5');
    await expect(fused.getByRole('alert')).toContainText("use '.' for decimals, not ','");
    await fused.getByLabel('x', {exact: true}).fill('1.5');
    await expect(fused.getByRole('alert')).toBeHidden();
    expect(await fused.evaluate((el) => el.trace.grads.x)).toBe(cliTrace('sigmoid-steps', 1.5, 1).grads.x);
  });
  await test.step('expr and vars', async () => {
    const expr = page.locator('#expr');
    await expr.evaluate((el) => el.setAttribute('vars', 'x=1,y=2,z=3'));
    await expect.poll(() => expr.evaluate((el) => el.trace.output)).toBe(9);
    await expr.evaluate((el) => el.setAttribute('expr', '(x+'));
    await expect(expr.getByRole('alert')).toContainText('expr: “(x+” could not be read');
    expect(await expr.evaluate((el) => el.trace.output)).toBe(9);
    await expr.evaluate((el) => el.setAttribute('vars', 'x=1;w==2'));
    await expect(expr.getByRole('alert')).toContainText('vars: “x=1;w==2” is not a list like x=-2,y=5.');
  });
});

test('Korean: controls, node names, narration and messages', async ({page}) => {
  await page.goto('/fixture/figures.html');
  await allReady(page);
  const steps = page.locator('#steps');
  await steps.evaluate((el) => { el.setAttribute('lang', 'ko'); el.setAttribute('step', '5'); });
  for (const name of ['재생', '다음 단계', '이전 단계', '처음으로', '링크 복사']) {
    await expect(steps.getByRole('button', {name, exact: true})).toBeVisible();
  }
  await expect(nodeNamed(steps, '/')).toHaveAccessibleName('/: 값 0.6225, 기울기 1');
  await expect(steps.getByRole('status').first()).toHaveText(
    '단계 5/8, 역전파: / 노드에서 상류 1 × 국소적 미분 (−0.3875) = −0.3875, 하류 +1 쪽으로 흘려보냅니다.');
  await steps.evaluate((el) => el.setAttribute('x', 'abc'));
  await expect(steps.getByRole('alert')).toHaveText('x: “abc” — 숫자가 아닙니다 (숫자가 아님). 마지막으로 올바르게 그린 그림을 계속 보여 줍니다.');
  await steps.evaluate((el) => el.setAttribute('lang', 'en'));
  await expect(steps.getByRole('button', {name: 'Play'})).toBeVisible();
});

test('dark mode follows the host page; theme= and the custom properties win', async ({page}) => {
  await page.goto('/fixture/dark.html');
  await allReady(page);
  const themeOf = (id) => page.locator(`#${id}`).evaluate((el) => el.shadowRoot.querySelector('.frame').dataset.theme);
  const inkOf = (id) => page.locator(`#${id}`).evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('text.label.value')).fill);
  expect(await themeOf('auto')).toBe('light');
  const lightInk = await inkOf('auto');
  await page.evaluate(() => document.documentElement.classList.add('dark'));
  await expect.poll(() => themeOf('auto')).toBe('dark');
  expect(await inkOf('auto')).not.toBe(lightInk);
  expect(await themeOf('light')).toBe('light');
  await page.evaluate(() => { document.documentElement.classList.remove('dark'); document.documentElement.dataset.theme = 'dark'; });
  await expect.poll(() => themeOf('auto')).toBe('dark');
  await page.evaluate(() => { document.documentElement.dataset.theme = 'light'; });
  await expect.poll(() => themeOf('auto')).toBe('light');
  await page.emulateMedia({colorScheme: 'dark'});
  await page.evaluate(() => { delete document.documentElement.dataset.theme; });
  await expect.poll(() => themeOf('auto')).toBe('dark');
  await test.step('--backprop-forward, --backprop-backward and --backprop-font', async () => {
    const styled = await page.locator('#styled').evaluate((el) => {
      const r = el.shadowRoot;
      return [getComputedStyle(r.querySelector('text.label.value')).fill, getComputedStyle(r.querySelector('text.label.grad')).fill,
        getComputedStyle(r.querySelector('.frame')).fontFamily];
    });
    expect(styled).toEqual(['rgb(0, 128, 0)', 'rgb(128, 0, 128)', '"DejaVu Serif", serif']);
  });
});

test('autoplay plays to the end once the figure is visible', async ({page}) => {
  await page.goto('/fixture/figures.html');
  await allReady(page);
  const relu = page.locator('#relu');
  const steps = await relu.evaluate((el) => new Promise((resolve) => {
    const seen = [];
    el.addEventListener('change', (e) => { seen.push(e.detail.step); if (e.detail.step === e.detail.count) resolve(seen); });
    el.setAttribute('autoplay', '');
  }));
  expect(steps).toEqual([0, 1, 2]);
});

test('each figure sizes itself to its container', async ({page}) => {
  await page.goto('/fixture/figures.html');
  await allReady(page);
  const steps = page.locator('#steps');
  await page.setViewportSize({width: 420, height: 900});
  await expect(steps.getByRole('group', {name: /computational graph/})).toHaveAttribute('data-orientation', 'vertical');
  const box = await steps.boundingBox();
  expect(box.width).toBeLessThanOrEqual(420);
  await page.setViewportSize({width: 1100, height: 900});
  await expect(steps.getByRole('group', {name: /computational graph/})).toHaveAttribute('data-orientation', 'horizontal');
});
