// The npm package as a blog gets it: `npm pack`, then `npm install` of the
// tarball into a fresh project (tests/package/), which (a) bundles a page
// with esbuild, (b) loads the element with no bundler from node_modules and
// (c) type-checks and compiles TypeScript with tsc; each page, served,
// draws a correct figure in Chromium. (d) Its command line draws one too.
import {test, expect} from '@playwright/test';
import {execFileSync} from 'node:child_process';
import {cpSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {serveDirectory} from './static-server.mjs';
import {expectSigmoidFigure, sigmoidAt} from './sigmoid.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const TSC = path.join(root, 'node_modules', '.bin', 'tsc');
// The target (bench/package.mjs reports it too), which the package keeps
// since backprop-graph-shared.js carries once what its files share.
const MAX_TARBALL = 150 * 1024;

test.use({reducedMotion: 'reduce'});
test.describe.configure({mode: 'serial'}); // one packed project for the three pages

let tmp, project, packed, server;

test.beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'backprop-package-'));
  [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']}));
  project = path.join(tmp, 'post');
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({name: 'post', private: true, type: 'module'}));
  // --offline: the package must need nothing from a registry.
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(tmp, packed.filename)], {cwd: project, stdio: 'pipe'});
  cpSync(path.join(root, 'tests', 'package'), project, {recursive: true});
  server = await serveDirectory(project);
});

test.afterAll(() => {
  server?.close();
  if (tmp) rmSync(tmp, {recursive: true, force: true});
});

test('the tarball holds the element, every chunk it imports, its types and the licence, within 150 KB', () => {
  const files = packed.files.map((f) => f.path).sort();
  expect(files).toEqual(['LICENSE', 'README.md', ...readdirSync(path.join(root, 'dist')).map((f) => `dist/${f}`), 'package.json'].sort());
  for (const file of files.filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(path.join(project, 'node_modules', 'backprop-viz', file), 'utf8');
    for (const [, chunk] of text.matchAll(/["'`]\.\/(backprop-graph[\w-]*\.js)["'`]/g)) expect(files).toContain(`dist/${chunk}`);
  }
  expect(files).toContain('dist/backprop-graph-extras.js');
  const manifest = JSON.parse(readFileSync(path.join(project, 'node_modules', 'backprop-viz', 'package.json'), 'utf8'));
  expect(manifest.private).toBeUndefined();
  expect(manifest.license).toBe('MIT');
  expect(manifest.dependencies ?? {}).toEqual({});
  expect(readFileSync(path.join(project, 'node_modules', 'backprop-viz', 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  expect(packed.size).toBeLessThanOrEqual(MAX_TARBALL);
});

test('(a) bundled by esbuild: the figure draws, and the export chunk loads from the bundle', async ({page}) => {
  const result = await build({entryPoints: [path.join(project, 'bundled.js')], outdir: path.join(project, 'out'), bundle: true,
    splitting: true, format: 'esm', minify: true, logLevel: 'silent', absWorkingDir: project, metafile: true});
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs).toContain('node_modules/backprop-viz/dist/backprop-graph.js'); // from the installed package, not the tree
  expect(inputs).toContain('node_modules/backprop-viz/dist/backprop-graph-extras.js');
  await page.goto(server.url + 'bundled.html');
  const figure = page.locator('#bundled');
  await expect(figure).toHaveAttribute('ready', '');
  await expectSigmoidFigure(figure, 0.5);
  const svg = await figure.evaluate((el) => el.svg());
  expect(svg).toMatch(/^<\?xml [^>]*>\s*<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain(`aria-label="σ: value ${sigmoidAt(0.5).y.toFixed(4)}, gradient 1"`);
});

test('(b) no bundler, from node_modules: the figure and a Markdown fence draw, the chunks load from beside the element', async ({page}) => {
  const requested = [];
  page.on('requestfinished', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(server.url + 'plain.html');
  const figure = page.locator('#plain');
  await expect(figure).toHaveAttribute('ready', '');
  await expectSigmoidFigure(figure, 0.5);
  // The fence (graph: relu, x: 2, dout: 1.5) is now a figure: ReLU passes dL/dy where x > 0.
  const fenced = page.locator('backprop-graph:not(#plain)');
  await expect(fenced).toHaveAttribute('ready', '');
  await expect(fenced.getByRole('img', {name: /^ReLU:/})).toHaveAccessibleName('ReLU: value 2, gradient 1.5000');
  await expect(fenced.getByRole('img', {name: /^x:/})).toHaveAttribute('data-grad', '1.5');
  await expect(page.locator('pre')).toHaveCount(0);
  expect(await figure.evaluate((el) => el.svg())).toContain(`aria-label="σ: value ${sigmoidAt(0.5).y.toFixed(4)}, gradient 1"`);
  expect(requested).toEqual(expect.arrayContaining(['/node_modules/backprop-viz/dist/backprop-graph-shared.js',
    '/node_modules/backprop-viz/dist/backprop-graph-fences.js', '/node_modules/backprop-viz/dist/backprop-graph-extras.js']));
});

test('(c) TypeScript: tsc checks the properties, events and tag map against the package types; the page draws', async ({page}) => {
  execFileSync(TSC, ['-p', 'tsconfig.json'], {cwd: project, stdio: 'pipe'}); // throws, with tsc's report, on any error
  const types = readFileSync(path.join(project, 'node_modules', 'backprop-viz', 'dist', 'backprop-graph.d.ts'), 'utf8');
  const detailKeys = /interface BackpropGraphDetail \{([^}]*)\}/.exec(types)[1].match(/^\s*(\w+)\??:/gm).map((k) => k.trim().replace(/\??:$/, '')).sort();
  await page.goto(server.url + 'typed.html');
  const figure = page.locator('#typed');
  await expect(figure).toHaveAttribute('ready', '');
  await expectSigmoidFigure(figure, 0.5);
  const {y, dx} = sigmoidAt(0.5);
  const [shownY, shownDx, step] = (await page.locator('output').textContent()).split(' ');
  expect(Number(shownY)).toBeCloseTo(y, 15);
  expect(Number(shownDx)).toBeCloseTo(dx, 15);
  expect(step).toBe('2/2');
  await expect(page.locator('output')).toHaveAttribute('data-keys', detailKeys.join(','));
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'input,sigmoid 2');
  await expect(figure.getByRole('button', {name: 'Copy link'})).toBeHidden(); // controls = 'minimal', set as a property
});

test('(d) the command line installed with the package draws the figure as an SVG file', () => {
  const svg = execFileSync(path.join(project, 'node_modules', '.bin', 'backprop-viz'), ['svg', '--graph', 'sigmoid', '--x', '0.5'],
    {cwd: project, encoding: 'utf8'});
  expect(svg).toMatch(/^<\?xml [^>]*>\s*<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain(`aria-label="σ: value ${sigmoidAt(0.5).y.toFixed(4)}, gradient 1"`);
  expect(svg).toContain(`aria-label="x: value 0.5000, gradient ${sigmoidAt(0.5).dx.toFixed(4)}"`);
});
