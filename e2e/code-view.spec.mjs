// The code view (code="python" | "c"), Fig. 7's derivation (fig7) and the
// nodes' explanations, on <backprop-graph> and on the page: the highlighted
// line follows Play, Step and the timeline, its value comments are the
// CLI's numbers, the tabs and the nodes work by keyboard alone, both
// languages, and a 360 px phone. The clock is the test's (AnimationClock).
import {test, expect, figureOnBlankPage, routeFixtures, allReady} from './embed-fixtures.mjs';
import {cliTrace, AnimationClock, App} from './fixtures.mjs';

test.use({reducedMotion: 'reduce'});

// A number as the listings write it: four decimals, an ASCII minus (a test's
// own formatting, not the page's).
const four = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(4));

// The line marked current in a code view, and every highlighted line.
const current = (scope) => scope.locator('.code-listing [aria-current="step"]');
const hot = (scope) => scope.locator('.code-listing .line.hot');

// The Python lines of the step graph sigmoid-steps at x, dL/dy: one per
// step, each with its value from the CLI's trace.
function stepLines(x, dout) {
  const t = cliTrace('sigmoid-steps', x, dout);
  const code = ['q1 = -1 * x', 'q2 = np.exp(q1)', 'q3 = q2 + 1', 'y = 1 / q3',
    'dq3 = dy * (-y ** 2)', 'dq2 = dq3 * 1', 'dq1 = dq2 * np.exp(q1)', 'dx = dq1 * -1'];
  const ops = ['×(-1)', 'exp', '+1', '/', '/', '+1', 'exp', '×(-1)'];
  const names = ['q1', 'q2', 'q3', 'y', 'dq3', 'dq2', 'dq1', 'dx'];
  return t.steps.map((s, i) => `${code[i]}  # ${ops[i]}: ${names[i]} = ${four(s.phase === 'forward' ? s.value : s.total)}`);
}

test('the highlighted line follows Play, Step back and Step forward, with the CLI\'s values', async ({page}) => {
  const figure = await figureOnBlankPage(page, {graph: 'sigmoid-steps', x: '-1.25', dout: '2', step: '0', code: 'python'});
  const expected = stepLines(-1.25, 2);
  await expect(figure.getByRole('tab', {name: 'Python'})).toHaveAttribute('aria-selected', 'true');
  await expect(current(figure)).toHaveCount(0); // step 0: nothing has run

  await test.step('Play: every step\'s line in turn, as the player reaches it', async () => {
    const clock = new AnimationClock(page);
    await clock.freeze();
    // Record each line marked current as the listing is redrawn.
    await figure.evaluate((el) => {
      window.seen = [];
      const listing = el.shadowRoot.querySelector('.code-listing code');
      new MutationObserver(() => {
        const line = listing.querySelector('[aria-current="step"]')?.textContent ?? null;
        if (line && line !== window.seen.at(-1)) window.seen.push(line);
      }).observe(listing, {childList: true});
    });
    await figure.getByRole('button', {name: 'Play'}).click();
    await expect(current(figure)).toHaveText(expected[0]);
    expect(await clock.settle()).toBeGreaterThanOrEqual(7);
    await expect(figure.getByRole('button', {name: 'Play'})).toBeVisible();
    expect(await page.evaluate(() => window.seen)).toEqual(expected);
  });

  await test.step('Step back and Step forward move it one line', async () => {
    await figure.getByRole('button', {name: 'Step back'}).click();
    await expect(current(figure)).toHaveText(expected[6]);
    await expect(hot(figure)).toHaveCount(1);
    await figure.getByRole('button', {name: 'Step back'}).click();
    await expect(current(figure)).toHaveText(expected[5]);
    await figure.getByRole('button', {name: 'Step forward'}).click();
    await expect(current(figure)).toHaveText(expected[6]);
    // Lines not run yet show no value; those run show theirs.
    await expect(figure.locator('.code-listing .line').filter({hasText: /^dx = dq1/})).toHaveText('dx = dq1 * -1');
  });

  await test.step('the C tab: the core\'s own lines, the step\'s values', async () => {
    const t = cliTrace('sigmoid-steps', -1.25, 2);
    await figure.getByRole('tab', {name: 'C'}).click();
    await expect(figure.getByRole('tab', {name: 'C'})).toHaveAttribute('aria-selected', 'true');
    const s = t.steps[6]; // exp, backward: upstream × local = contribution
    await expect(current(figure)).toHaveText(`            double contribution = upstream * local;  // contribution = ${four(s.grad)}`);
    await expect(hot(figure)).toHaveText([
      `            double upstream = node->grad;  // upstream = ${four(s.upstream)}`,
      `            double local = local_derivative(g, node, which);  // local = ${four(s.local)}`,
      `            double contribution = upstream * local;  // contribution = ${four(s.grad)}`,
      `            g->nodes[to].grad += contribution;  // ×(-1): grad = ${four(s.total)}`,
      `    case BP_OP_EXP: return y;  // y = ${four(t.nodes[2].value)}`,
    ]);
  });
});

test('on the page: the timeline moves the highlight; the tab and the options round-trip in the link', async ({page}) => {
  const app = new App(page);
  await app.open('#graph=sigmoid-steps&x=0.5&dout=1&step=0&code=python');
  const view = page.locator('#code-view');
  const expected = stepLines(0.5, 1);
  await expect(view.getByRole('tab', {name: 'Python'})).toHaveAttribute('aria-selected', 'true');
  for (const step of [3, 8, 5, 1]) {
    await app.timeline.fill(String(step));
    await expect(current(view)).toHaveText(expected[step - 1]);
  }
  await view.getByRole('tab', {name: 'C'}).click();
  await expect(page.getByRole('combobox', {name: 'Code'})).toHaveValue('c');
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#graph=sigmoid-steps&x=0.5&dout=1&step=1&code=c');
  await page.reload();
  await app.ready();
  await expect(view.getByRole('tab', {name: 'C'})).toHaveAttribute('aria-selected', 'true');
  await expect(current(view)).toHaveText(`        node->value = eval_node(g, node);  // ×(-1): value = -0.5000`);
  await page.getByRole('combobox', {name: 'Code'}).selectOption('');
  await expect(view).toBeHidden();
});

test('Fig. 7 in the demo post: dL/dy·y²·exp(−x) and Eq. (6) with the CLI\'s numbers, equal to dL/dx', async ({page}) => {
  await page.goto('/demo/#en');
  await allReady(page);
  const fig7 = page.locator('#fig7 backprop-graph');
  const t = cliTrace('sigmoid', 0.5, 1);
  const f = t.steps[1].fig7;
  // Fig. 7's form equals the fused dL/dx (to rounding: it is a different product).
  expect(Math.abs(f.grad - t.grads.x)).toBeLessThanOrEqual(1e-16);
  const derivation = fig7.locator('.derivation');
  await expect(derivation).toHaveAttribute('data-fig7-grad', String(f.grad));
  await expect(derivation).toHaveAttribute('data-grad', String(t.grads.x));
  await expect(fig7.locator('.formula').first()).toHaveText(
    `∂L/∂x = ∂L/∂y · y² · exp(−x) = 1 · ${four(f.y)}² · ${four(f.exp_neg_x)} = 1 · ${four(f.y2)} · ${four(f.exp_neg_x)} = ${four(f.grad)}`);
  const labels = await derivation.locator('math[aria-label]').evaluateAll((ms) => ms.map((m) => m.getAttribute('aria-label')));
  expect(labels).toEqual([
    `Fig. 7: ∂L/∂x = ∂L/∂y · y² · exp(−x) = 1 · ${four(f.y)}² · ${four(f.exp_neg_x)} = 1 · ${four(f.y2)} · ${four(f.exp_neg_x)} = ${four(f.grad)}`,
    `Eq. (6), line 1: ∂L/∂y · y² · exp(−x) = ∂L/∂y · 1/(1 + exp(−x))² · exp(−x) = 1 · 1/${four(f.denom)}² · ${four(f.exp_neg_x)}`,
    `Eq. (6), line 2: ∂L/∂y · 1/(1 + exp(−x)) · exp(−x)/(1 + exp(−x)) = 1 · ${four(f.y)} · ${four(f.ratio)}`,
    `Eq. (6), line 3: ∂L/∂y · y(1 − y) = 1 · ${four(f.y)} · (1 − ${four(f.y)}) = ${four(t.grads.x)}`,
  ]);
  // The same figure in Korean, and at a new x: the numbers follow.
  await page.getByRole('button', {name: '한국어'}).click();
  await expect(derivation.locator('math[aria-label]').first()).toHaveAttribute('aria-label', /^Fig\. 7: /);
  await expect(fig7.locator('.fig7 h3')).toHaveText('Fig. 7과 식 (6)');
  await fig7.evaluate((el) => el.setAttribute('x', '-2'));
  const t2 = cliTrace('sigmoid', -2, 1);
  await expect(derivation).toHaveAttribute('data-fig7-grad', String(t2.steps[1].fig7.grad));
  await expect(derivation).toHaveAttribute('data-grad', String(t2.grads.x));
});

test('keyboard only: the tabs by arrow keys, the nodes one tab stop, each explained', async ({page}) => {
  await routeFixtures(page);
  await page.goto('/fixture/blank.html');
  await page.evaluate(() => {
    document.body.innerHTML = '<a href="#">Before</a><backprop-graph graph="sigmoid-steps" x="0.5" dout="1" step="5" code="python"></backprop-graph>';
  });
  await allReady(page);
  const figure = page.locator('backprop-graph');
  await page.getByRole('link', {name: 'Before'}).focus();
  await test.step('Tab reaches the first node; the arrows move along the graph', async () => {
    await page.keyboard.press('Tab');
    await expect(figure.getByRole('img', {name: /^x:/})).toBeFocused();
    await expect(figure.getByRole('tooltip')).toHaveText(/^x: an input\./);
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    const slash = figure.getByRole('img', {name: /^\/:/});
    await expect(slash).toBeFocused();
    await expect(figure.getByRole('tooltip')).toHaveText(/^\/: y = 1\/x, so ∂y\/∂x = −1\/x² = −y²\./);
    await expect(slash).toHaveAttribute('aria-describedby', 'node-why');
    await page.keyboard.press('Home');
    await expect(figure.getByRole('img', {name: /^x:/})).toBeFocused();
    await page.keyboard.press('End');
    await expect(slash).toBeFocused();
  });
  await test.step('one tab stop for the graph: Tab leaves it, Shift+Tab comes back to the last node', async () => {
    await page.keyboard.press('Tab');
    await expect(figure.getByRole('tooltip')).toBeHidden();
    await page.keyboard.press('Shift+Tab');
    await expect(figure.getByRole('img', {name: /^\/:/})).toBeFocused();
  });
  await test.step('the tabs: Python | C by the arrow keys, the listing reachable', async () => {
    const python = figure.getByRole('tab', {name: 'Python'});
    await python.focus();
    await page.keyboard.press('ArrowRight');
    const c = figure.getByRole('tab', {name: 'C'});
    await expect(c).toBeFocused();
    await expect(c).toHaveAttribute('aria-selected', 'true');
    await expect(python).toHaveAttribute('tabindex', '-1');
    await expect(current(figure)).toHaveText(/^ {12}double contribution = upstream \* local;/);
    await page.keyboard.press('Tab');
    await expect(figure.locator('.code-listing')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('End');
    await expect(c).toBeFocused();
    await page.keyboard.press('Home');
    await expect(python).toHaveAttribute('aria-selected', 'true');
  });
});

test('hover explains a node; in Korean; a 360 px phone keeps it all in its column', async ({page}) => {
  await page.setViewportSize({width: 360, height: 800});
  const figure = await figureOnBlankPage(page, {graph: 'sigmoid', x: '0.5', dout: '1', code: 'c', fig7: '', lang: 'ko'});
  await figure.getByRole('img', {name: /^σ/}).hover();
  await expect(figure.getByRole('tooltip')).toHaveText(/^σ: y = σ\(x\) = 1\/\(1 \+ exp\(−x\)\), 따라서 ∂y\/∂x = y² · exp\(−x\) = y\(1 − y\)\./);
  await page.mouse.move(1, 1);
  await expect(figure.getByRole('tooltip')).toBeHidden();
  await expect(figure.getByRole('tablist', {name: '코드'})).toBeVisible();
  await expect(current(figure)).toHaveText(/double contribution = upstream \* local;  \/\/ contribution = 0\.2350$/);
  // Nothing wider than the phone: the page does not scroll sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const box = await figure.locator('.code-listing').boundingBox();
  expect(box.x + box.width).toBeLessThanOrEqual(360);
});

test('a figure\'s link carries code and fig7; without them no code file is fetched', async ({page, context}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  const figure = await figureOnBlankPage(page, {graph: 'sigmoid', x: '0.5', dout: '1'});
  await expect(figure.locator('.formula')).toHaveText('∂L/∂x = ∂L/∂y · y(1 − y) = 1 · 0.6225 · (1 − 0.6225) = 0.2350');
  expect(fetched.filter((p) => p.endsWith('backprop-graph-code.js'))).toEqual([]);
  await figure.evaluate((el) => { el.fig7 = ''; el.code = 'python'; });
  await expect(figure.locator('.derivation')).toBeVisible();
  await figure.getByRole('tab', {name: 'C'}).click();
  await figure.getByRole('button', {name: 'Copy link'}).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(link).hash).toBe('#graph=sigmoid&x=0.5&dout=1&step=2&code=c&fig7=1');
  // Copy LaTeX copies the line as shown, in Fig. 7's form: y = 0.6225,
  // y² = 0.3875, exp(−0.5) = 0.6065, and 0.3875 · 0.6065 = 0.2350.
  const fig7Latex = '\\frac{\\partial L}{\\partial x} = \\frac{\\partial L}{\\partial y}\\cdot y^2\\cdot \\exp(-x)'
    + ' = 1\\cdot 0.6225^2\\cdot 0.6065 = 1\\cdot 0.3875\\cdot 0.6065 = 0.2350';
  await figure.getByRole('button', {name: 'Copy LaTeX'}).click();
  await expect(figure.getByRole('status').last()).toHaveText('LaTeX copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(fig7Latex);
  expect(fetched.filter((p) => p.endsWith('backprop-graph-code.js'))).toEqual(['/backprop-graph-code.js']);
  await page.goto(link);
  await new App(page).ready();
  await expect(page.locator('#code-view').getByRole('tab', {name: 'C'})).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#step-body .derivation')).toHaveAttribute('data-grad', '0.2350037122015945');
  await expect(page.locator('#chain-line')).toHaveText(/^∂L\/∂x = ∂L\/∂y · y² · exp\(−x\) = /);
  await page.getByRole('button', {name: 'Copy LaTeX'}).click();
  await expect(page.locator('#status')).toHaveText('LaTeX copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(fig7Latex);
});

// The layer figure's code view. Affine over x = [[1, 0.5], [-1, 2]],
// W = [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]], b = [0.1, 0.2, 0.3] by hand:
// out[0][1] = 1·0.3 + 0.5·0.4 + 0.2 = 0.7, and with dout = [[1, 2, 3], [4, 5, 6]]
// dx[1][0] = 4·0.1 + 5·0.3 + 6·0.5 = 4.9.
const AFFINE = {layer: 'affine', x: '1,0.5;-1,2', w: '0.1,0.3,0.5;0.2,0.4,0.6', b: '0.1,0.2,0.3', dout: '1,2,3;4,5,6'};

test('a layer figure\'s code: the book\'s class and the core\'s functions, the step\'s cell on the line that writes it', async ({page}) => {
  const figure = await figureOnBlankPage(page, {...AFFINE, step: '2', code: 'python'});
  await expect(current(figure)).toHaveText('        out = np.dot(x, self.W) + self.b  # out[0, 1] = 0.7000');
  await expect(figure.locator('.code-note')).toHaveText(/^The book’s Affine class/);
  await expect(figure.locator('.derivation')).toHaveCount(0);
  // Steps 1-6 are out's cells; then dx's, row by row: step 9 is dx[1][0].
  await figure.evaluate((el) => { el.setAttribute('step', '9'); });
  await expect(current(figure)).toHaveText('        dx = np.dot(dout, self.W.T)  # dx[1, 0] = 4.9000');
  await figure.getByRole('tab', {name: 'C'}).click();
  // Row-major: dx is 2×2, so cell (1, 0) is element 2.
  await expect(current(figure)).toHaveText('                        const double *dout, size_t n, size_t d, size_t m);  // dx[2] = 4.9000');
  await expect(figure.locator('.code-listing')).toContainText('void bp_affine_backward(double *dx, double *dw, double *db, const double *x, const double *w,');
  const link = new URL(await figure.evaluate((el) => el.link()));
  await figure.evaluate((el) => el.removeAttribute('code'));
  await expect(figure.locator('.code-listing')).toBeHidden();
  // Its link opens the page's Layer mode at this step, on the C tab.
  expect(link.hash).toMatch(/^#graph=layer&layer=affine&.*&step=9&code=c$/);
  await page.goto(link.pathname + link.hash);
  await new App(page).ready();
  await expect(current(page.locator('#code-view'))).toHaveText('                        const double *dout, size_t n, size_t d, size_t m);  // dx[2] = 4.9000');
});

test('the page\'s Layer mode shows the code view: Code is offered, Fig. 7\'s form is not', async ({page}) => {
  const app = new App(page);
  await app.open('#graph=layer&layer=relu&x=1,-0.5;-2,3&dout=0.5,-1;2,1.5&step=2&code=python');
  const view = page.locator('#code-view');
  // Step 2 is out[0][1]: x = -0.5 is masked.
  await expect(current(view)).toHaveText('        out[self.mask] = 0  # out[0, 1] = 0');
  await expect(hot(view)).toHaveText(['        self.mask = (x <= 0)  # mask[0, 1] = True', '        out = x.copy()  # out[0, 1] = -0.5000',
    '        out[self.mask] = 0  # out[0, 1] = 0']);
  const select = page.locator('#code');
  await expect(select).toBeVisible();
  await expect(page.locator('#fig7')).toBeHidden();
  // Step 6 is dx[0][1]: the mask stops dout = -1.
  for (let i = 0; i < 4; i++) await page.locator('#step-forward').click();
  await expect(current(view)).toHaveText('        dx = dout  # dx[0, 1] = 0');
  await select.selectOption('c');
  await expect(current(view)).toHaveText('void bp_relu_backward(double *dx, const unsigned char *mask, const double *dout, size_t n);  // dx[1] = 0');
  await select.selectOption('');
  await expect(view).toBeHidden();
});

test('the page offers Fig. 7\'s form only where a fused sigmoid is shown', async ({page}) => {
  const app = new App(page);
  const fig7 = page.getByRole('checkbox', {name: 'Sigmoid as Fig. 7'});
  for (const [hash, offered] of [['#graph=sigmoid', true], ['#graph=relu', false], ['#graph=sigmoid-steps', false],
    ['#graph=both', false], // (its steps, chain line and step panel are the first pane's: the step graph)
    ['#graph=expr&expr=sigmoid(w*x)&vars=w=1,x=2', true], ['#graph=expr&expr=(x%2By)*z', false],
    ['#graph=expr&expr=sigmoid(w*x)&vars=w=1,x=2&expand=1', false]]) {
    await app.open(hash);
    if (offered) await expect(fig7, hash).toBeEnabled();
    else await expect(fig7, hash).toBeDisabled();
  }
});
