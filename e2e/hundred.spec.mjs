// A hundred <backprop-graph> figures on one page (e2e/pages/hundred.html):
// every one draws, at its own step, the CLI's numbers for its x and dL/dy.
// (How long they take is bench/embed.mjs's to measure, not a test's.)
import {test, expect, routeFixtures, allReady, cliAtStep, shownNumbers} from './embed-fixtures.mjs';
import {cliTrace} from './fixtures.mjs';

test.use({reducedMotion: 'reduce'});

test('a hundred figures on one page, each with the CLI\'s numbers', async ({page}) => {
  await routeFixtures(page);
  await page.goto('/fixture/hundred.html');
  await allReady(page);
  // One read of every figure: its attributes, what it says it shows, and
  // its graph nodes (open shadow roots).
  const figures = await page.evaluate(() => [...document.querySelectorAll('backprop-graph')].map((el) => ({
    attrs: {graph: el.getAttribute('graph'), x: el.getAttribute('x'), dout: el.getAttribute('dout'), step: el.getAttribute('step')},
    graph: el.trace.graph, step: el.currentStep, count: el.trace.steps.length,
    nodes: [...el.shadowRoot.querySelectorAll('[role="img"]')].map((g) => ({op: g.dataset.op, value: g.dataset.value ?? null,
      grad: g.dataset.grad ?? null})),
  })));
  expect(figures).toHaveLength(100);
  const seen = new Set();
  for (const [i, f] of figures.entries()) {
    const {graph, x, dout, step} = f.attrs;
    const cli = cliTrace(graph, x, dout);
    const at = step == null ? cli.steps.length : Number(step);
    expect({graph: f.graph, step: f.step, count: f.count}, `figure ${i + 1}: ${graph} x=${x} dout=${dout} step=${step}`)
      .toEqual({graph, step: at, count: cli.steps.length});
    expect(shownNumbers(f), `figure ${i + 1}: ${graph} x=${x} dout=${dout} step=${at}`).toEqual(cliAtStep(cli, at));
    seen.add(`${graph}@${at}`);
  }
  // The page covers every step of every graph (its point).
  expect(seen.size).toBe(3 + 3 + 9);
});
