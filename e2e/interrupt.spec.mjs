// Changes while an animation plays, with motion on: attributes of a
// <backprop-graph>, graph switches in the figure and in the page. The test
// owns the clock (frozen, then every animation run to its end), so a number
// is in flight when the change comes however slow the machine; the figure
// must then end in the state its inputs say, with the CLI's numbers.
import {test, expect, routeFixtures, allReady, figureShows, cliAtStep, shownNumbers} from './embed-fixtures.mjs';
import {cliTrace, cliExprTrace, App, AnimationClock} from './fixtures.mjs';

test.use({reducedMotion: 'no-preference'});

// The figure stands still at `step` of the CLI's trace, not playing.
async function expectStill(figure, clock, cli, step) {
  expect(await clock.pending()).toBe(0);
  const shown = await figureShows(figure);
  expect({graph: shown.graph, step: shown.step}).toEqual({graph: cli.graph, step});
  expect(shownNumbers(shown)).toEqual(cliAtStep(cli, step));
  await expect(figure.getByRole('button', {name: 'Play'})).toHaveAttribute('aria-pressed', 'false');
}

const set = (figure, attrs) => figure.evaluate((el, a) => {
  for (const [k, v] of Object.entries(a)) if (v == null) el.removeAttribute(k); else el.setAttribute(k, v);
}, attrs);

test.describe('a figure', () => {
  let figure, clock;
  test.beforeEach(async ({page}) => {
    await routeFixtures(page);
    await page.goto('/fixture/figures.html');
    await allReady(page);
    figure = page.locator('#steps'); // sigmoid-steps, x = 0.5, dL/dy = 1, at its end
    clock = new AnimationClock(page);
    await clock.freeze();
  });

  // Play from the start; the first step's number is on its way.
  async function playing() {
    await figure.getByRole('button', {name: 'Play'}).click();
    await expect(figure.getByRole('button', {name: 'Pause'})).toHaveAttribute('aria-pressed', 'true');
    expect(await clock.pending()).toBe(1);
  }

  test('x and dL/dy change mid-flight: the play goes on to the end of the new trace', async () => {
    await playing();
    await set(figure, {x: '-1.25', dout: '2'});
    // Seven more steps, each a travel and (but the last) a pause.
    expect(await clock.settle()).toBeGreaterThanOrEqual(7);
    await expectStill(figure, clock, cliTrace('sigmoid-steps', -1.25, 2), 8);
  });

  test('the graph switched during the pause between steps: the play stops at the new graph\'s step', async () => {
    await playing();
    expect(await clock.finishAll()).toBe(1); // step 1 lands; the pause before step 2 begins
    await expect.poll(() => figure.evaluate((el) => el.currentStep)).toBe(1);
    expect(await clock.pending()).toBe(1);
    await set(figure, {graph: 'relu', x: '-3'});
    expect(await clock.settle()).toBe(0); // the pause was cancelled, not finished
    await expectStill(figure, clock, cliTrace('relu', -3, 1), 2);
    await set(figure, {graph: 'sigmoid', step: '1'});
    await expectStill(figure, clock, cliTrace('sigmoid', -3, 1), 1);
  });

  test('step set mid-flight: the play stops there', async () => {
    await playing();
    await set(figure, {step: '3'});
    expect(await clock.settle()).toBe(0);
    await expectStill(figure, clock, cliTrace('sigmoid-steps', 0.5, 1), 3);
  });

  test('an expression replaces the graph while Step forward\'s number travels', async () => {
    await set(figure, {step: '2'});
    await figure.getByRole('button', {name: 'Step forward'}).click();
    expect(await clock.pending()).toBe(1);
    await set(figure, {step: null, vars: 'x=-2,y=5,z=-4', expr: '(x+y)*z'});
    expect(await clock.settle()).toBe(0);
    await expectStill(figure, clock, cliExprTrace('(x+y)*z', {x: -2, y: 5, z: -4}, 1), 6);
  });
});

test.describe('the page', () => {
  // The page playing from step 0, the first step's number on its way.
  async function playing(page) {
    const app = new App(page);
    const clock = new AnimationClock(page);
    await app.open('#graph=sigmoid-steps&x=0.5&dout=1&step=0');
    await clock.freeze();
    await app.play.click();
    await expect(app.pause).toBeVisible();
    return {app, clock};
  }

  async function expectEnd(app, clock, cli, step) {
    expect(await clock.pending()).toBe(0);
    await expect(app.play).toBeVisible();
    await expect(app.timeline).toHaveValue(String(step));
    const nodes = await app.graphs.getByRole('img').evaluateAll((gs) => gs.map((g) => ({op: g.dataset.op,
      value: g.dataset.value ?? null, grad: g.dataset.grad ?? null})));
    expect(shownNumbers({nodes})).toEqual(cliAtStep(cli, step));
  }

  test('the graph switched while the player plays: it stops, at the new graph\'s end', async ({page}) => {
    const {app, clock} = await playing(page);
    expect(await clock.finishAll()).toBe(1); // step 1 lands
    await expect(app.timeline).toHaveValue('1');
    await app.chooseGraph('ReLU');
    expect(await clock.settle()).toBe(0); // the pause before step 2 was cancelled
    await expectEnd(app, clock, cliTrace('relu', 0.5, 1), 2);
  });

  test('x typed while the player plays: it plays on to the end of the new trace', async ({page}) => {
    const {app, clock} = await playing(page);
    await app.x.fill('-2');
    expect(await clock.settle()).toBeGreaterThanOrEqual(7);
    await expectEnd(app, clock, cliTrace('sigmoid-steps', -2, 1), 8);
  });
});
