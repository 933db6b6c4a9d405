// Fixtures for the embed tests: host pages from e2e/pages/ served under
// /fixture/ (routed by the test, so they never ship in build/site), and a
// `figure(id)` helper that finds a <backprop-graph> and waits for it.
import {test as base, expect} from '@playwright/test';
import {readFileSync} from 'node:fs';

const PAGES = new URL('./pages/', import.meta.url);
const TYPES = {html: 'text/html; charset=utf-8', css: 'text/css', js: 'text/javascript', svg: 'image/svg+xml'};

export async function routeFixtures(page, {csp = null} = {}) {
  await page.route('**/fixture/**', (route) => {
    const name = new URL(route.request().url()).pathname.replace(/^\/fixture\//, '');
    if (!/^[\w.-]+$/.test(name)) return route.fulfill({status: 404, body: 'not found'});
    const headers = {'Content-Type': TYPES[name.split('.').pop()] || 'application/octet-stream'};
    if (csp && name.endsWith('.html')) headers['Content-Security-Policy'] = csp;
    return route.fulfill({status: 200, headers, body: readFileSync(new URL(name, PAGES))});
  });
}

// One <backprop-graph> with these attributes, made by the test on an empty
// page (pages/blank.html), once it has drawn.
export async function figureOnBlankPage(page, attrs) {
  await routeFixtures(page);
  await page.goto('/fixture/blank.html');
  await page.evaluate((a) => {
    const figure = document.createElement('backprop-graph');
    for (const [k, v] of Object.entries(a)) figure.setAttribute(k, v);
    document.body.append(figure);
  }, attrs);
  const figure = page.locator('backprop-graph');
  await expect(figure).toHaveAttribute('ready', '');
  return figure;
}

// Every <backprop-graph> on the page has set its ready attribute.
export async function allReady(page) {
  await expect.poll(() => page.evaluate(() => {
    const all = [...document.querySelectorAll('backprop-graph')];
    return all.length > 0 && all.every((f) => f.hasAttribute('ready'));
  })).toBe(true);
}

export const test = base.extend({
  figure: async ({page}, use) => {
    await use((selector) => page.locator(selector));
  },
});
export {expect};

// ------------------------------------------------- a figure against the CLI

// A data-value or data-grad attribute's text (the shortest text that reads
// back to the same double, or NaN, Infinity, -Infinity, -0) as a number,
// read here rather than with the page's own parser; null when absent.
export function exactNumber(text) {
  if (text == null) return null;
  if (!/^(-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?|NaN|-?Infinity)$/.test(text)) throw new Error(`not an exact number: ${JSON.stringify(text)}`);
  return Number(text);
}

// What a figure shows, read through its public surface: the trace and
// currentStep properties, the narration (its first role=status), and each
// graph node's op, accessible name, data-value and data-grad.
export async function figureShows(figure) {
  const [state, nodes, narration] = await Promise.all([
    figure.evaluate((el) => ({graph: el.trace.graph, step: el.currentStep, count: el.trace.steps.length,
      inputs: {...el.trace.inputs}, dout: el.trace.dout})),
    figure.getByRole('img').evaluateAll((gs) => gs.map((g) => ({op: g.dataset.op, name: g.getAttribute('aria-label'),
      value: g.dataset.value ?? null, grad: g.dataset.grad ?? null}))),
    figure.getByRole('status').first().textContent(),
  ]);
  return {...state, narration, nodes};
}

// Each node's [op, value, gradient] as the CLI's trace has them after `step`
// of its steps, null where not known yet: a value once its forward step is
// done (an input's from the start); a gradient once the backward step into
// the node is done (the output's, dL/dy, from the start). For chains, where
// a node feeds at most one other; it says so otherwise.
export function cliAtStep(trace, step) {
  const feeds = new Map();
  for (const e of trace.edges) feeds.set(e.from, (feeds.get(e.from) ?? 0) + 1);
  if ([...feeds.values()].some((n) => n > 1)) throw new Error('cliAtStep: not a chain');
  const done = trace.steps.slice(0, step);
  const output = trace.nodes.length - 1;
  return trace.nodes.map((n) => [
    n.op,
    n.op === 'input' || done.some((s) => s.phase === 'forward' && s.node === n.id) ? n.value : null,
    n.id === output || done.some((s) => s.phase === 'backward' && s.to === n.id) ? n.grad : null,
  ]);
}

// The same, from what the figure shows.
export const shownNumbers = (shown) => shown.nodes.map((n) => [n.op, exactNumber(n.value), exactNumber(n.grad)]);
