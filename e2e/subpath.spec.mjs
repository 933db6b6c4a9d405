// build/site from any static host under any sub-path: served here under
// /some/dir/ (a link to build/site inside an otherwise empty root), the app,
// the iframe page and the demo post load everything they need from under
// that path (nothing is asked of the root, nothing is missing) and show the
// right numbers; and no page of the site links to a root-absolute URL.
import {test, expect} from '@playwright/test';
import {mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {serveDirectory} from './static-server.mjs';
import {expectSigmoidFigure, sigmoidAt} from './sigmoid.mjs';
import {allReady} from './embed-fixtures.mjs';

const site = fileURLToPath(new URL('../build/site', import.meta.url));
const SUB = 'some/dir/';

test.use({reducedMotion: 'reduce'});

let tmp, server, base;

test.beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'backprop-subpath-'));
  mkdirSync(path.join(tmp, 'some'));
  symlinkSync(site, path.join(tmp, 'some', 'dir'), 'dir');
  server = await serveDirectory(tmp);
  base = server.url + SUB;
});

test.afterAll(() => {
  server?.close();
  if (tmp) rmSync(tmp, {recursive: true, force: true});
});

// Every request the page makes over http, and those that failed.
function watchRequests(page) {
  const seen = {urls: [], failed: []};
  page.on('request', (r) => { if (r.url().startsWith('http')) seen.urls.push(r.url()); });
  page.on('response', (r) => { if (r.status() >= 400) seen.failed.push(`${r.status()} ${r.url()}`); });
  page.on('requestfailed', (r) => seen.failed.push(`${r.failure()?.errorText} ${r.url()}`));
  return seen;
}

function expectAllUnder(seen) {
  expect(seen.failed).toEqual([]);
  expect(seen.urls.length).toBeGreaterThan(0);
  for (const url of seen.urls) expect(url.startsWith(base), url).toBe(true);
}

test('the app page under /some/dir/ loads its script, styles and core from there and computes', async ({page}) => {
  const seen = watchRequests(page);
  await page.goto(base);
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
  const y = page.locator('#graphs').getByRole('img', {name: /^\/:/});
  expect(Number(await y.getAttribute('data-value'))).toBeCloseTo(sigmoidAt(0.5).y, 15);
  await expect(y).toHaveAccessibleName(/^\/: value 0\.6225, gradient 1$/);
  expect(seen.urls).toContain(base + 'backprop.wasm');
  expectAllUnder(seen);
});

test('the iframe page under /some/dir/ draws its figure, and its link points to the app beside it', async ({page}) => {
  const seen = watchRequests(page);
  await page.goto(base + 'embed.html#graph=sigmoid&x=0.5&dout=1');
  const figure = page.locator('backprop-graph');
  await expect(figure).toHaveAttribute('ready', '');
  await expectSigmoidFigure(figure, 0.5);
  expect(await figure.evaluate((el) => el.link())).toBe(`${base}index.html#graph=sigmoid&x=0.5&dout=1&step=2`);
  expectAllUnder(seen);
});

test('the demo post under /some/dir/demo/ draws every figure, exports one, and links back to the app', async ({page}) => {
  const seen = watchRequests(page);
  await page.goto(base + 'demo/');
  await allReady(page);
  const fused = page.locator('backprop-graph[graph="sigmoid"]').last(); // Fig. 8, Korean
  const sigma = fused.getByRole('img', {name: /^σ:/});
  expect(Number(await sigma.getAttribute('data-value'))).toBeCloseTo(sigmoidAt(0.5).y, 15);
  await expect(sigma).toHaveAccessibleName('σ: 값 0.6225, 기울기 1');
  const svg = await fused.evaluate((el) => el.svg()); // the extras chunk, from beside the element
  expect(svg).toContain('aria-label="σ: 값 0.6225, 기울기 1"');
  expect(seen.urls).toContain(base + 'backprop-graph-extras.js');
  expectAllUnder(seen);
  await page.getByRole('link', {name: 'backprop-viz'}).click();
  await expect(page).toHaveURL(new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(#|$)`)); // the app may write its state in the hash
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
});

test('no page or stylesheet of build/site names a root-absolute URL', () => {
  const files = readdirSync(site, {recursive: true}).filter((f) => /\.(html|css)$/.test(f));
  expect(files).toEqual(expect.arrayContaining(['index.html', 'embed.html', path.join('demo', 'index.html')]));
  for (const file of files) {
    const text = readFileSync(path.join(site, file), 'utf8');
    const absolute = [...text.matchAll(/\b(?:src|href|action)\s*=\s*["']?\s*(\/[^"'\s>]*)|url\(\s*["']?(\/[^)"']*)/gi)].map((m) => m[1] ?? m[2]);
    expect(absolute, file).toEqual([]);
  }
});
