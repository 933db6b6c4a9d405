// Markdown fences tagged backprop, through the real generators from Debian:
// a tiny site made by each of Jekyll, Hugo and MkDocs (several of their
// highlighting set-ups; e2e/generators.mjs), served, then read in Chromium.
// Each good block becomes a figure with the right numbers, the bad block
// shows its errors inside its own figure while the others work, a code
// block of another language stays as it is, and without JavaScript every
// block stays readable text.
import {test, expect} from '@playwright/test';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {serveDirectory} from './static-server.mjs';
import {expectSigmoidFigure} from './sigmoid.mjs';
import {allReady} from './embed-fixtures.mjs';
import {jekyll, hugo, mkdocs, SUPERFENCES} from './generators.mjs';

test.use({reducedMotion: 'reduce'});

// Each site, and the shape its generator gave the first block (so that each
// case is known to test what it names).
const SITES = [
  {name: 'Jekyll (kramdown, GFM, rouge)', build: (dir) => jekyll(dir),
    shape: /<pre><code class="language-backprop">graph: sigmoid\n/, extra: 1},
  {name: 'Hugo (goldmark, chroma: the defaults)', build: (dir) => hugo(dir),
    shape: /<pre tabindex="0"><code class="language-backprop" data-lang="backprop">graph: sigmoid\n/},
  {name: 'Hugo with highlighting off', build: (dir) => hugo(dir, {highlight: 'codeFences = false'}),
    shape: /<pre><code class="language-backprop">graph: sigmoid\n/},
  {name: 'Hugo with chroma\'s wrappers and a line-number table', build: (dir) => hugo(dir,
    {highlight: 'guessSyntax = true\nlineNos = true\nnoClasses = false', open: '```backprop {class="backprop"}'}),
  shape: /<div class="highlight backprop"><div class="chroma">\s*<table class="lntable">/},
  {name: 'Hugo with chroma\'s wrappers and inline line numbers', build: (dir) => hugo(dir,
    {highlight: 'guessSyntax = true\nlineNos = true\nlineNumbersInTable = false', open: '```backprop {class="backprop"}'}),
  shape: /<div class="highlight backprop"><pre [^>]*><code [^>]*><span [^>]*><span [^>]*>1<\/span><span>graph: sigmoid\n/},
  {name: 'MkDocs (Python-Markdown\'s fenced_code: Debian\'s default)', build: (dir) => mkdocs(dir),
    shape: /<pre><code class="language-backprop">graph: sigmoid\n/},
  // (codehilite alone drops a fence's language: superfences' custom fence keeps it.)
  {name: 'MkDocs with codehilite and superfences\' custom fence', build: (dir) => mkdocs(dir, {extensions: `markdown_extensions:\n  - codehilite\n${SUPERFENCES}`}),
    shape: /<pre class="backprop"><code>graph: sigmoid\n[\s\S]*<div class="highlight"><pre><span><\/span><code><span class="k">def<\/span>/},
  {name: 'MkDocs with pymdownx.highlight and line numbers', build: (dir) => mkdocs(dir,
    {extensions: `markdown_extensions:\n  - pymdownx.highlight:\n      linenums: true\n${SUPERFENCES}`}),
  shape: /<pre class="backprop"><code>graph: sigmoid\n[\s\S]*<table class="highlighttable">/},
];

for (const site of SITES) {
  test(`${site.name}: fenced blocks become figures, a bad one explains itself, without JavaScript they stay text`, async ({page, browser}) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'backprop-fences-'));
    let server;
    try {
      const out = site.build(dir);
      expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toMatch(site.shape);
      server = await serveDirectory(out);
      // A theme's files from a CDN (MkDocs' highlight.js) never load here.
      await page.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
      await page.goto(server.url);

      const figures = page.locator('backprop-graph');
      await expect(figures).toHaveCount(3 + (site.extra ?? 0));
      await allReady(page);
      await test.step('graph: sigmoid, x: 0.5', () => expectSigmoidFigure(figures.nth(0), 0.5));
      await test.step('expr: (x+y)*z at x = -2, y = 5, z = -4: f = -12, and dL/dx = dL/dy = z, dL/dz = x + y', async () => {
        const trace = await figures.nth(1).evaluate((el) => el.trace);
        expect(trace.expr).toBe('(x+y)*z');
        expect(trace.output).toBe(-12);
        expect(trace.grads).toEqual({x: -4, y: -4, z: 3});
        await expect(figures.nth(1).getByRole('img', {name: /^f \(×\):/})).toHaveAccessibleName('f (×): value −12, gradient 1');
      });
      await test.step('the bad block: its errors inside its figure, which draws its good lines', async () => {
        const bad = figures.nth(2);
        await expect(bad.getByRole('alert')).toContainText('Line 2: “colour” is not a setting; use graph, layer, x, dout, w, b, t, t-index, inplace, expr, vars, step, mode, ask, lang, controls, theme, autoplay, app, code, fig7, panels.');
        await expect(bad.getByRole('alert')).toContainText('x: “abc” is not a number');
        await expect(bad.getByRole('img', {name: /^ReLU:/})).toHaveAccessibleName('ReLU: value 0.5000, gradient 1'); // x's default
        for (const i of [0, 1]) await expect(figures.nth(i).getByRole('alert')).toBeHidden();
      });
      if (site.extra) {
        await test.step('kramdown\'s ~~~ fence: sigmoid step by step, stopped at step 5', async () => {
          const steps = figures.nth(3);
          expect(await steps.evaluate((el) => [el.trace.graph, el.currentStep])).toEqual(['sigmoid-steps', 5]);
          await expect(steps.getByRole('img', {name: /^\+1:/})).toHaveAccessibleName(/gradient −0\.3875$/); // −y² at y = 0.6225
        });
      }
      await test.step('the blocks are gone, the Python block stays', async () => {
        await expect(page.getByText('graph: sigmoid')).toHaveCount(0);
        await expect(page.getByText('def relu(x): return max(0, x)')).toBeVisible();
      });
      await test.step('without JavaScript: the blocks, as text', async () => {
        const context = await browser.newContext({javaScriptEnabled: false});
        try {
          const plain = await context.newPage();
          await plain.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
          await plain.goto(server.url);
          await expect(plain.locator('pre').filter({hasText: /graph: sigmoid\s+(\d+\s*)?x: 0\.5/})).toBeVisible(); // (a line number may come between)
          await expect(plain.locator('pre').filter({hasText: 'colour: red'})).toBeVisible();
          await expect(plain.locator('backprop-graph')).toHaveCount(0);
        } finally {
          await context.close();
        }
      });
    } finally {
      server?.close();
      rmSync(dir, {recursive: true, force: true});
    }
  });
}
