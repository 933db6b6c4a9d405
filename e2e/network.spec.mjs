// The page's Network mode and <backprop-network> (issue 11): a run in the
// browser equals the CLI's run of the same settings to the bit (data, initial
// weights, batches, every step), its accuracy agrees with a forward pass done
// here in JavaScript from the CLI's weights, and the reader's controls (one
// step, Train on the test's clock, points added by click and keyboard, links,
// a phone, Korean, strict CSP, the element) do what they say.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test, expect, CLI, strictCsp} from './fixtures.mjs';
import {routeFixtures} from './embed-fixtures.mjs';

const SETTINGS = {data: 'spiral', classes: 3, points: 300, noise: 0.1, seed: 1, units: '16,16', act: 'relu', init: 'he',
  lr: 0.1, batch: 10, shuffle: 1};
const link = (settings, steps) => `#graph=network&${Object.entries({...settings, steps}).map(([k, v]) => `${k}=${v}`).join('&')}`;

// The CLI's run of these settings: the data, the initial weights, `steps`
// SGD steps; {losses, accuracy, params, loss (over every point, after)}.
function cliRun(s, steps, added = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'net-'));
  const run = (args) => execFileSync(CLI, args, {encoding: 'utf8', maxBuffer: 1 << 26});
  const classes = ['spiral', 'gauss'].includes(s.data) ? s.classes : 2;
  const data = path.join(dir, 'd.csv'), params = path.join(dir, 'p.json'), trained = path.join(dir, 't.json');
  const csv = run(['data', s.data, '--n', String(s.points), '--classes', String(classes), '--noise', String(s.noise), '--seed', String(s.seed)]);
  writeFileSync(data, csv + added.map(([x, y, c]) => `${x},${y},${c}\n`).join(''));
  writeFileSync(params, run(['net', 'init', '--layers', `2,${s.units ? `${s.units},` : ''}${classes}`, '--activation', s.act, '--init', s.init,
    '--seed', String(s.seed)]));
  const result = JSON.parse(run(['net', 'train', '--params', params, '--data', data, '--lr', String(s.lr), '--batch', String(s.batch),
    '--steps', String(steps), ...(s.shuffle ? ['--shuffle', '--seed', String(s.seed)] : []), '--json']));
  writeFileSync(trained, JSON.stringify(result.params));
  const after = JSON.parse(run(['net', 'grad', '--params', trained, '--data', data, '--json']));
  const rows = csv.trim().split('\n').slice(1).map((line) => line.split(',').map(Number)).concat(added);
  return {losses: result.loss, accuracy: result.accuracy, params: result.params, loss: after.loss, rows};
}

// Training accuracy from the CLI's weights, by a forward pass written here:
// Affine, the activation, ..., argmax (the first largest, as C's).
function accuracyOf(params, rows) {
  const act = params.activation === 'relu' ? (v) => Math.max(0, v) : (v) => 1 / (1 + Math.exp(-v));
  let right = 0;
  for (const [x1, x2, label] of rows) {
    let h = [x1, x2];
    params.layers.forEach(({W, b}, l) => {
      h = b.map((bk, k) => h.reduce((sum, v, j) => sum + v * W[j][k], bk));
      if (l < params.layers.length - 1) h = h.map(act);
    });
    right += h.indexOf(Math.max(...h)) === label;
  }
  return right / rows.length;
}

const figureOf = (scope) => scope.locator('.net');
async function reached(scope, steps) {
  const fig = figureOf(scope);
  await expect(fig).toHaveAttribute('data-step', String(steps));
  await expect(fig).not.toHaveAttribute('data-replaying', /.*/);
}
const value = (scope, name) => scope.locator('.net-stat').filter({hasText: name}).locator('output').getAttribute('data-value');

async function openNetwork(app, page, hash) {
  await app.open(hash);
  await expect(figureOf(page)).toBeVisible();
}

test('a link replays the CLI\'s run to the bit: the loss after 400 steps, the last batch\'s, the accuracy', async ({app, page}) => {
  await openNetwork(app, page, link(SETTINGS, 400));
  await reached(page, 400);
  const cli = cliRun(SETTINGS, 400);
  expect(Number(await value(page, 'Loss'))).toBe(cli.loss);
  expect(Number(await page.locator('.net-curve').getAttribute('data-last'))).toBe(cli.losses.at(-1));
  expect(Number(await value(page, 'Training accuracy'))).toBe(cli.accuracy);
  expect(cli.accuracy).toBe(accuracyOf(cli.params, cli.rows));
  // It learns: from about ln 3 (three classes, small logits) to well below.
  expect(cli.losses[0]).toBeGreaterThan(0.9);
  expect(cli.loss).toBeLessThan(0.6);
  expect(cli.accuracy).toBeGreaterThan(0.7);
  await expect(page.locator('.net-summary')).toContainText('Step 400.');
});

test('choosing Network, then One step three times: the CLI\'s three steps; Reset goes back to step 0', async ({app, page}) => {
  await app.open();
  await app.chooseGraph('Network');
  await expect(figureOf(page)).toBeVisible();
  await expect(page.locator('#app')).toHaveAttribute('data-mode', 'network');
  await expect(page.locator('#graphs')).toBeHidden();
  // No batch yet: the loss chart says what will draw it.
  const empty = page.getByText('No batch yet: Train or One step draws the loss here.');
  await expect(empty).toBeVisible();
  await expect(page.locator('.net-curve')).toHaveAttribute('aria-label', 'Loss of each batch: No batch yet: Train or One step draws the loss here.');
  const one = page.getByRole('button', {name: 'One step'});
  for (let i = 1; i <= 3; i++) {
    await one.click();
    await reached(page, i);
    await expect(empty).toBeHidden();
  }
  const cli = cliRun(SETTINGS, 3);
  expect(Number(await value(page, 'Loss'))).toBe(cli.loss);
  expect(Number(await page.locator('.net-curve').getAttribute('data-last'))).toBe(cli.losses[2]);
  await expect(page).toHaveURL(/#graph=network&.*&steps=3$/);
  await page.locator('.net-buttons').getByRole('button', {name: 'Reset'}).click();
  await reached(page, 0);
  expect(Number(await value(page, 'Loss'))).toBe(cliRun(SETTINGS, 0).loss);
  await expect(empty).toBeVisible();
  // Back to a graph: its controls, and the page's own link.
  await app.chooseGraph('ReLU');
  await expect(figureOf(page)).toBeHidden();
  await expect(page.locator('#graphs svg.graph')).toBeVisible();
  await expect(page).toHaveURL(/#graph=relu/);
});

test('Train runs on the test\'s clock: each animation frame trains the chosen steps; Pause stops there', async ({app, page}) => {
  await page.clock.install();
  await openNetwork(app, page, link(SETTINGS, 0));
  await reached(page, 0);
  await page.getByLabel('Steps per frame').selectOption('5');
  await page.getByRole('button', {name: 'Train'}).click();
  await page.clock.runFor(1000);
  await page.getByRole('button', {name: 'Pause'}).click();
  const steps = Number(await figureOf(page).getAttribute('data-step'));
  expect(steps).toBeGreaterThan(0);
  expect(steps % 5).toBe(0);
  await reached(page, steps);
  await page.clock.runFor(1000);
  await reached(page, steps); // paused: nothing moves
  expect(Number(await value(page, 'Loss'))).toBe(cliRun(SETTINGS, steps).loss);
  await expect(page).toHaveURL(new RegExp(`steps=${steps}$`));
  // The link, opened afresh, replays the run: the very same loss curve.
  const curve = await page.locator('.net-curve-line').getAttribute('points');
  expect(curve.split(' ').length).toBeGreaterThan(10);
  const again = await page.context().newPage();
  await again.goto(page.url());
  await reached(again, steps);
  expect(await again.locator('.net-curve-line').getAttribute('points')).toBe(curve);
  // The plot's text equivalent, for screen readers.
  const accuracy = Number(await value(again, 'Training accuracy'));
  await expect(again.locator('.net-summary')).toHaveText(new RegExp(`^Step ${steps}\\. Training accuracy ${Math.round(accuracy * 1000) / 10}%, `
    + 'loss \\d\\.\\d{4}\\. 300 points: 100 in class 1, 100 in class 2, 100 in class 3\\.$'));
  await expect(again.locator('.net-summary')).toHaveAttribute('aria-live', 'polite');
});

// What the figure shows at rest, read from the page: the header's stats as
// shown, the caption, and the one point's pass (every grid, by id).
async function atRest(scope) {
  const header = scope.locator('.net-stat');
  const shown = async (name) => (await header.filter({hasText: name}).locator('output').textContent()).trim();
  return {step: await shown('Step'), loss: await shown('Loss'), accuracy: await shown('Training accuracy'),
    caption: await scope.locator('.net-summary').textContent(), grids: await shownGrids(scope.locator('.net-sample'))};
}

// Train for `ms` of the test's clock, then Pause: the step reached, and the
// figure at rest there, its caption saying the header's step and numbers.
async function trainThenPause(page, scope, ms) {
  await scope.getByRole('button', {name: 'Train'}).click();
  await page.clock.runFor(ms);
  await scope.getByRole('button', {name: 'Pause'}).click();
  const steps = Number(await figureOf(scope).getAttribute('data-step'));
  await reached(scope, steps);
  const paused = await atRest(scope);
  expect(paused.step).toBe(String(steps));
  expect(paused.caption).toMatch(new RegExp(`^Step ${steps}\\. Training accuracy ${paused.accuracy.replace('.', '\\.')}, `
    + `loss ${paused.loss.replace('.', '\\.')}\\. `));
  return {steps, paused};
}

test('after One step, Train and Pause, the caption and the one point\'s pass show the header\'s step, as the link reopened does', async ({app, page}) => {
  await page.emulateMedia({reducedMotion: 'reduce'}); // the cells appear at once
  await page.clock.install();
  await openNetwork(app, page, link(SETTINGS, 0));
  await reached(page, 0);
  await page.getByRole('button', {name: 'One step'}).click();
  await reached(page, 1);
  const first = await atRest(page);
  expect(first.caption).toMatch(/^Step 1\. /);
  const {steps, paused} = await trainThenPause(page, page, 1000);
  expect(steps).toBeGreaterThan(1);
  await expect(page).toHaveURL(new RegExp(`steps=${steps}$`));
  expect(paused.caption).toContain('. 300 points');
  // The one point's pass at these weights: W[0][0] as the CLI's run of
  // `steps` steps has it, and every grid as the same link, reopened, shows.
  const w00 = paused.grids.w[0][0];
  expect(w00).toBe(cliRun(SETTINGS, steps).params.layers[0].W[0][0]);
  expect(w00).not.toBe(first.grids.w[0][0]);
  const again = await page.context().newPage();
  await again.emulateMedia({reducedMotion: 'reduce'});
  await again.goto(page.url());
  await reached(again, steps);
  const reopened = await atRest(again);
  expect(reopened.grids.w[0][0]).toBe(w00);
  expect(paused).toEqual(reopened);
});

test('<backprop-network>: after Train and Pause, the caption and the one point\'s pass show the header\'s step', async ({page}) => {
  await page.emulateMedia({reducedMotion: 'reduce'});
  await page.clock.install();
  await routeFixtures(page);
  await page.goto('/fixture/network.html');
  const el = page.locator('backprop-network');
  await expect(el).toHaveAttribute('ready', '');
  await reached(el, 200);
  const before = await atRest(el);
  expect(before.caption).toMatch(/^Step 200\. /);
  const {steps, paused} = await trainThenPause(page, el, 500);
  expect(steps).toBeGreaterThan(200);
  const s = {...SETTINGS, data: 'moons', units: '8,8', batch: 16, lr: 0.2};
  const {W, b} = cliRun(s, steps).params.layers[0];
  expect(paused.grids.w).toEqual(W);
  expect(paused.grids.b).toEqual([b]);
});

test('leaving Network mode while a link replays, then coming back: the replay goes on to the link\'s step', async ({app, page}) => {
  await page.clock.install({time: new Date('2026-01-01T00:00:00Z')});
  await page.clock.pauseAt(new Date('2026-01-01T00:00:01Z')); // no frame but the test's
  await openNetwork(app, page, link(SETTINGS, 40000)); // 10 frames of 4000 steps
  await expect(figureOf(page)).toHaveAttribute('data-replaying', 'true');
  await expect(page.locator('#status')).toHaveText('Ready.'); // (the mode's file is in: leaving it pauses the figure)
  await page.clock.runFor(50); // three frames of the replay
  await page.getByRole('radio', {name: 'ReLU', exact: true}).first().check();
  await page.clock.runFor(1000);
  await expect(figureOf(page)).not.toHaveAttribute('data-step', '40000'); // cut short, hidden
  await page.getByRole('radio', {name: 'Network', exact: true}).check();
  await page.clock.runFor(2000);
  await reached(page, 40000);
  expect(Number(await value(page, 'Loss'))).toBe(cliRun(SETTINGS, 40000).loss);
});

test('a point added by a click joins the data: the same run replayed with it, as the CLI runs the file with that row', async ({app, page}) => {
  const s = {...SETTINGS, data: 'moons', units: '8', batch: 20};
  await openNetwork(app, page, link(s, 50));
  await reached(page, 50);
  await page.getByRole('radio', {name: 'Class 2'}).check();
  const plot = page.locator('.net-plot svg').first();
  const box = await plot.boundingBox();
  await page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.25);
  await expect(page).toHaveURL(/&add=[^&]+,1$/);
  await reached(page, 50);
  const added = new URLSearchParams(page.url().split('#')[1]).get('add').split(';').map((p) => p.split(',').map(Number));
  expect(added).toHaveLength(1);
  const [[x, y]] = added;
  expect(x).toBeGreaterThan(0); // right half of the plot
  expect(y).toBeGreaterThan(0); // upper half
  await expect(page.locator('.net-summary')).toContainText('301 points');
  expect(Number(await value(page, 'Loss'))).toBe(cliRun(s, 50, added).loss);
});

test('keyboard only: the arrows move the plot\'s cursor, Enter adds a point of the chosen class', async ({app, page}) => {
  const s = {...SETTINGS, data: 'xor', units: '4', shuffle: 0};
  await openNetwork(app, page, link(s, 10));
  await reached(page, 10);
  await page.getByRole('radio', {name: 'Class 1'}).focus();
  await page.keyboard.press('ArrowRight'); // class 2
  await expect(page.getByRole('radio', {name: 'Class 2'})).toBeChecked();
  const plot = page.getByRole('application');
  await plot.focus();
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowUp']) await page.keyboard.press(key);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/&add=[^&]+,1$/);
  const [[x, y]] = new URLSearchParams(page.url().split('#')[1]).get('add').split(';').map((p) => p.split(',').map(Number));
  expect(x).toBeGreaterThan(0);
  expect(y).toBeGreaterThan(0);
  expect(x).toBeGreaterThan(y); // two steps right, one up, from the centre
  await reached(page, 10);
  expect(Number(await value(page, 'Loss'))).toBe(cliRun(s, 10, [[x, y, 1]]).loss);
});

test('a setting typed in: the run replays to the same step; a bad value says why and changes nothing', async ({app, page}) => {
  await openNetwork(app, page, link(SETTINGS, 100));
  await reached(page, 100);
  const lr = page.getByLabel('Learning rate');
  await lr.fill('0.05');
  await lr.press('Enter');
  await expect(page).toHaveURL(/&lr=0\.05&/);
  await reached(page, 100);
  expect(Number(await value(page, 'Loss'))).toBe(cliRun({...SETTINGS, lr: 0.05}, 100).loss);
  const hidden = page.getByLabel('Hidden layers', {exact: true});
  await hidden.fill('16,0');
  await hidden.press('Enter');
  await expect(hidden).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Up to 6 whole numbers from 1 to 64, separated by commas.')).toBeVisible();
  await expect(page).toHaveURL(/&units=16,16&/);
});

test('a link that does not read: each bad key named, the defaults used', async ({app, page}) => {
  await openNetwork(app, page, '#graph=network&units=0&lr=nan&data=swirl&steps=5');
  await reached(page, 5);
  for (const key of ['data', 'units', 'lr']) await expect(page.getByText(`The link's ${key} was not understood; the default is used.`)).toBeVisible();
  expect(Number(await value(page, 'Loss'))).toBe(cliRun({...SETTINGS, shuffle: 1}, 5).loss);
});

test('a followed link (hashchange) runs its own settings', async ({app, page}) => {
  await openNetwork(app, page, link(SETTINGS, 20));
  await reached(page, 20);
  const s = {...SETTINGS, data: 'circles', units: '6,6', act: 'sigmoid', init: 'xavier'};
  await page.evaluate((h) => { location.hash = h; }, link(s, 30));
  await reached(page, 30);
  await expect(page.getByLabel('Activation')).toHaveValue('sigmoid');
  expect(Number(await value(page, 'Loss'))).toBe(cliRun(s, 30).loss);
});

test('in Korean: the figure speaks it, and the link keeps lang', async ({app, page}) => {
  await openNetwork(app, page, `${link(SETTINGS, 10)}&lang=ko`);
  await reached(page, 10);
  await expect(page.getByRole('button', {name: '한 단계'})).toBeVisible();
  await page.getByRole('button', {name: '한 단계'}).click();
  await reached(page, 11);
  await expect(page).toHaveURL(/steps=11&lang=ko$/);
  await page.getByRole('button', {name: 'English'}).click();
  await expect(page.getByRole('button', {name: 'One step'})).toBeVisible();
  await reached(page, 11);
});

test.describe('on a phone', () => {
  test.use({viewport: {width: 360, height: 740}, hasTouch: true, isMobile: true});
  test('nothing overflows the page; a tap adds a point', async ({app, page}) => {
    await openNetwork(app, page, link(SETTINGS, 30));
    await reached(page, 30);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await page.locator('.net-plot').boundingBox();
    expect(box.width).toBeLessThanOrEqual(360);
    await page.locator('.net-plot svg').first().tap({position: {x: box.width / 2, y: box.height / 2}});
    await expect(page).toHaveURL(/&add=/);
    await reached(page, 30);
  });
});

test('Network mode runs under a strict Content-Security-Policy: its file, its module, its sheet', async ({app, page}) => {
  const violations = await strictCsp(page);
  await openNetwork(app, page, link(SETTINGS, 10));
  await reached(page, 10);
  const background = await page.locator('.net-plot').evaluate((e) => getComputedStyle(e).aspectRatio);
  expect(background).toBe('1 / 1'); // the adopted sheet applies
  expect(violations).toEqual([]);
});

test('<backprop-network> on a post: the link\'s keys as attributes, the same run as the CLI\'s', async ({page}) => {
  await routeFixtures(page);
  await page.goto('/fixture/network.html');
  const el = page.locator('backprop-network');
  await expect(el).toHaveAttribute('ready', '');
  await reached(el, 200);
  const s = {...SETTINGS, data: 'moons', units: '8,8', batch: 16, lr: 0.2};
  const cli = cliRun(s, 200);
  expect(Number(await value(el, 'Loss'))).toBe(cli.loss);
  expect(Number(await value(el, 'Training accuracy'))).toBe(accuracyOf(cli.params, cli.rows));
  // A change of attribute: the new run.
  await el.evaluate((e) => e.setAttribute('steps', '250'));
  await reached(el, 250);
  expect(Number(await value(el, 'Loss'))).toBe(cliRun(s, 250).loss);
  const changed = el.evaluate((e) => new Promise((resolve) => e.addEventListener('change', (ev) => resolve(ev.detail.link), {once: true})));
  await el.getByRole('button', {name: 'One step'}).click();
  expect(await changed).toMatch(/^graph=network&data=moons&.*&steps=251$/);
});

// The one point's pass as the CLI gives it: `net grad --activations` over
// a file of that one row, with the run's weights.
function onePoint(params, row) {
  const dir = mkdtempSync(path.join(tmpdir(), 'net-one-'));
  writeFileSync(path.join(dir, 'p.json'), JSON.stringify(params));
  writeFileSync(path.join(dir, 'd.csv'), `x1,x2,label\n${row.join(',')}\n`);
  return JSON.parse(execFileSync(CLI, ['net', 'grad', '--params', path.join(dir, 'p.json'), '--data', path.join(dir, 'd.csv'),
    '--activations', '--json'], {encoding: 'utf8'}));
}

// What each of the network's layers must show, grid by grid, from the CLI
// (rows of one point: a vector is its one row), in the figure's order.
function expectedLayers(params, one, label) {
  const L = params.layers.length, act = params.activation;
  const layers = [];
  one.passes.forEach((p, l) => {
    const {W, b} = params.layers[l], g = one.layers[l];
    layers.push({name: `Affine ${l + 1}`, grids: {x: p.x, w: W, b: [b], out: p.z, dout: p.dz, dx: p.dx, dw: g.dW, db: [g.db]}});
    if (l === L - 1) return;
    const next = one.passes[l + 1];
    layers.push({name: `${act === 'relu' ? 'ReLU' : 'Sigmoid'} ${l + 1}`, grids: {x: p.z, out: next.x, dout: next.dx, dx: p.dz,
      ...(act === 'relu' ? {mask: p.z.map((r) => r.map((z) => z <= 0))} : {})}});
  });
  const z = one.passes[L - 1].z;
  layers.push({name: 'Softmax-with-Loss', grids: {x: z, t: [z[0].map((_, c) => (c === label ? 1 : 0))], y: one.y, loss: [[one.loss]],
    dx: one.passes[L - 1].dz}});
  return layers;
}

// Every cell of every grid the one point's figure shows, as numbers
// (mask: booleans), by grid id; a cell not computed yet is null.
const shownGrids = (panel) => panel.locator('.layer-figure .lanes .grid').evaluateAll((grids) => Object.fromEntries(grids.map((g) => [g.dataset.grid,
  [...g.querySelectorAll('tr')].map((tr) => [...tr.cells].map((td) => (td.dataset.value == null ? null
    : td.dataset.value === 'true' || td.dataset.value === 'false' ? td.dataset.value === 'true' : Number(td.dataset.value))))])));

test('one point through the network: each layer as the book\'s, every cell `backprop net grad --activations` gives for a batch of that point', async ({app, page}) => {
  await page.emulateMedia({reducedMotion: 'reduce'}); // the cells appear at once
  const s = {...SETTINGS, units: '5,4'};
  await openNetwork(app, page, link(s, 120));
  await reached(page, 120);
  const cli = cliRun(s, 120);
  const i = 41; // the 42nd point
  const label = cli.rows[i][2];
  const one = onePoint(cli.params, cli.rows[i]);
  // The CLI's own forward pass agrees with one written here: z = x·W + b,
  // summed from b left to right as C sums, ReLU; the loss from its y.
  let h = [cli.rows[i][0], cli.rows[i][1]];
  cli.params.layers.forEach(({W, b}, l) => {
    expect(one.passes[l].x[0]).toEqual(h);
    h = b.map((bk, k) => h.reduce((sum, v, j) => sum + v * W[j][k], bk));
    expect(one.passes[l].z[0]).toEqual(h);
    h = h.map((v) => Math.max(0, v));
  });
  expect(one.loss).toBeCloseTo(-Math.log(one.y[0][label]), 12);
  const want = expectedLayers(cli.params, one, label);

  const panel = page.locator('.net-sample');
  const point = page.getByLabel('Point', {exact: true});
  await point.fill(String(i + 1));
  await point.press('Enter');
  await expect(panel).toHaveAttribute('data-layer', '0');
  await expect(panel).toContainText('Affine 1, forward.');
  await expect(panel).not.toContainText('editHint'); // no edit hint (nor its key) where no cell is edited
  await expect(page.getByRole('list', {name: 'The layers of the network'}).getByRole('button'))
    .toHaveText(want.map((l) => l.name));
  // Layer by layer, with the keyboard alone: forward through every layer,
  // then back; at the end of each, every grid it has computed is the CLI's.
  const by = page.getByLabel('Step by', {exact: true});
  await by.focus();
  await page.keyboard.press('ArrowDown');
  await expect(by).toHaveValue('layer');
  const player = page.getByRole('group', {name: 'Player of the point\'s pass'});
  const forward = player.getByRole('button', {name: 'Step forward'});
  await forward.focus();
  const seen = [];
  for (let k = 0; k < 2 * want.length; k++) {
    await page.keyboard.press('Enter');
    const layer = k < want.length ? k : 2 * want.length - 1 - k;
    const phase = k < want.length ? 'forward' : 'backward';
    await expect(panel).toHaveAttribute('data-layer', String(layer));
    await expect(panel).toHaveAttribute('data-phase', phase);
    seen.push(`${want[layer].name} ${phase}`);
    const shown = await shownGrids(panel);
    const grids = want[layer].grids;
    expect(Object.keys(shown).sort()).toEqual(Object.keys(grids).sort());
    for (const [id, cells] of Object.entries(grids)) {
      // Forward: the inputs and what forward writes; the gradients still to come.
      const late = phase === 'forward' && ['dout', 'dx', 'dw', 'db'].includes(id);
      expect(shown[id], `${want[layer].name} ${phase}: ${id}`).toEqual(late ? cells.map((r) => r.map(() => null)) : cells);
    }
  }
  expect(seen).toEqual([...want.map((l) => `${l.name} forward`), ...want.map((l) => `${l.name} backward`).reverse()]);
  await expect(forward).toBeDisabled();
  // Cell by cell: the scrubber (arrow keys) and Step back walk the cells;
  // the step panel and the figure's line write the cell's arithmetic.
  await by.focus();
  await page.keyboard.press('ArrowUp');
  await expect(by).toHaveValue('cell');
  const timeline = player.getByRole('slider', {name: 'Timeline'});
  const end = Number(await timeline.getAttribute('max'));
  expect(end).toBe(5 + 5 + 4 + 4 + 3 + 2 + 1 + (4 + 12 + 3) + 4 + (5 + 20 + 4) + 5 + (2 + 10 + 5));
  await expect(timeline).toHaveValue(String(end));
  await timeline.focus();
  await page.keyboard.press('Home');
  await expect(timeline).toHaveValue('0');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(panel).toHaveAttribute('data-step', '2');
  const first = await shownGrids(panel);
  expect(first.out).toEqual([[one.passes[0].z[0][0], one.passes[0].z[0][1], null, null, null]]);
  await expect(panel.locator('.layer-line')).toHaveText(/^out\[1\] = x\[0\] · W\[0\]\[1\] \+ x\[1\] · W\[1\]\[1\] \+ b\[1\] = /);
  await expect(panel.locator('.net-sample-step h3')).toHaveText('Forward: out[1] step 2 of 22');
  await player.getByRole('button', {name: 'Step back'}).press('Enter');
  await expect(timeline).toHaveValue('1');
  // A layer's button goes to it: ReLU 2, forward, its first cell.
  await page.getByRole('button', {name: 'ReLU 2'}).press('Enter');
  await expect(panel).toHaveAttribute('data-layer', '3');
  await expect(panel).toHaveAttribute('data-step', '1');
  expect((await shownGrids(panel)).mask[0][0]).toBe(one.passes[1].z[0][0] <= 0);
  // Shift-click picks the point nearest the click.
  const plot = page.locator('.net-plot svg').first();
  await plot.scrollIntoViewIfNeeded();
  const box = await plot.boundingBox();
  await page.keyboard.down('Shift');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.up('Shift');
  await expect(page).not.toHaveURL(/&add=/);
  await expect(point).not.toHaveValue(String(i + 1));
  const picked = Number(await point.inputValue()) - 1;
  const d = ([a, b]) => a * a + b * b;
  expect(cli.rows.every((r) => d(r) >= d(cli.rows[picked]))).toBe(true);
});

test.describe('the one point on a phone', () => {
  test.use({viewport: {width: 360, height: 740}, hasTouch: true, isMobile: true});
  test('its grids scroll inside their box; nothing overflows the page; in Korean', async ({app, page}) => {
    await openNetwork(app, page, `${link({...SETTINGS, units: '16,16'}, 30)}&lang=ko`);
    await reached(page, 30);
    const panel = page.locator('.net-sample');
    await page.getByRole('button', {name: 'Affine 2'}).click();
    await expect(panel).toHaveAttribute('data-layer', '2');
    await expect(page.getByRole('group', {name: '이 점의 계산 재생'}).getByRole('button', {name: '다음 단계'})).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // W is 16×16: wider than the phone, it scrolls in its own box.
    const cells = panel.locator('.grid[data-grid="w"] .cells');
    const [scroll, client] = await cells.evaluate((e) => [e.scrollWidth, e.clientWidth]);
    expect(scroll).toBeGreaterThan(client);
    const figure = await panel.boundingBox();
    expect(figure.x + figure.width).toBeLessThanOrEqual(360);
  });
});
