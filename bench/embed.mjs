// bench/embed.mjs: what a blog pays for <backprop-graph>, in headless
// Chromium against the local static server.
//
//   node bench/embed.mjs            (after node web/build.mjs)
//
// Prints and writes build/bench-embed.json:
//   weight   dist/backprop-graph.js and the backprop-graph-shared.js it
//            imports, gzip -9 each: everything an embed needs (the
//            element, its views and styles, the WebAssembly core)       target <= 50 KB (everything but the network; its lazy chunks apart)
//   ready    a page with ten figures (e2e/pages/ten.html): navigation
//            start -> the last figure's `ready` event, median of 15 cold
//            loads (one warm-up load first), each checked for dL/dx      target median <= 300 ms
//   ready    the same for a hundred figures (e2e/pages/hundred.html),
//            median of 7 loads (a long post, figures within a second)  target median <= 1000 ms
import {serveAndLaunch} from './chromium.mjs';
import {readFileSync, writeFileSync, existsSync} from 'node:fs';
import {gzipSync} from 'node:zlib';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = process.env.BUILD_DIR ? path.resolve(process.env.BUILD_DIR) : path.join(root, 'build');
const site = path.join(build, 'site');
const bundle = path.join(root, 'dist', 'backprop-graph.js');
const shared = path.join(root, 'dist', 'backprop-graph-shared.js'); // its one import
if (!existsSync(bundle) || !existsSync(shared) || !existsSync(path.join(site, 'backprop-graph.js'))) {
  console.error('bench/embed.mjs: dist/backprop-graph.js or backprop-graph-shared.js is missing; run node web/build.mjs first');
  process.exit(1);
}
const TARGETS = {weightKB: 50, readyMs: 300, hundredReadyMs: 1000};
const RUNS = 15;
const HUNDRED_RUNS = 7;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (v, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

// ------------------------------------------------------------------ weight
const files = [bundle, shared].map((file) => readFileSync(file));
const weight = {raw: files.reduce((n, b) => n + b.length, 0), gzip: files.reduce((n, b) => n + gzipSync(b, {level: 9}).length, 0)};

// ------------------------------------------------------------------ server
const {base, browser, close} = await serveAndLaunch(site);

// Milliseconds from navigation start to the last of `count` figures' ready
// event on e2e/pages/NAME, for each of `runs` cold loads after one warm-up.
async function readyTimes(name, count, runs) {
  const html = readFileSync(path.join(root, 'e2e', 'pages', name));
  const loads = [];
  for (let i = 0; i <= runs; i++) {
    const context = await browser.newContext({viewport: {width: 1000, height: 800}, reducedMotion: 'reduce'});
    const page = await context.newPage();
    // The figure pages are test fixtures, not part of the site: route them.
    await page.route(`**/fixture/${name}`, (r) => r.fulfill({contentType: 'text/html', body: html}));
    // Record each figure's ready time before any script of the page runs.
    await page.addInitScript(() => {
      window.__ready = [];
      document.addEventListener('ready', (e) => window.__ready.push([performance.now(), e.detail.trace.grads.x]), true);
    });
    await page.goto(base + 'fixture/' + name);
    await page.waitForFunction((n) => window.__ready.length === n, count);
    const ready = await page.evaluate(() => window.__ready);
    if (ready.some(([, g]) => typeof g !== 'number')) throw new Error('a figure became ready without a gradient');
    if (i > 0) loads.push(Math.max(...ready.map(([t]) => t))); // the first load warms the disk cache
    await context.close();
  }
  return loads;
}

let loads, hundred;
try {
  loads = await readyTimes('ten.html', 10, RUNS);
  hundred = await readyTimes('hundred.html', 100, HUNDRED_RUNS);
} finally {
  await close();
}

const readiness = (times, target) => ({runs: times.length, medianMs: round(median(times)), minMs: round(Math.min(...times)),
  maxMs: round(Math.max(...times)), targetMs: target, ok: median(times) <= target});
const results = {
  weight: {files: ['dist/backprop-graph.js', 'dist/backprop-graph-shared.js'], bytes: weight.raw, gzipBytes: weight.gzip, gzipKB: round(weight.gzip / 1024),
    targetKB: TARGETS.weightKB, ok: weight.gzip / 1024 <= TARGETS.weightKB},
  tenFiguresReady: readiness(loads, TARGETS.readyMs),
  hundredFiguresReady: readiness(hundred, TARGETS.hundredReadyMs),
};
writeFileSync(path.join(build, 'bench-embed.json'), JSON.stringify(results, null, 2) + '\n');
const mark = (ok) => (ok ? 'ok' : 'OVER');
console.log('| embed | measured | target | |');
console.log('| --- | --- | --- | --- |');
console.log(`| dist/backprop-graph.js + backprop-graph-shared.js, gzip | ${results.weight.gzipKB} KB | <= ${TARGETS.weightKB} KB | ${mark(results.weight.ok)} |`);
for (const [what, r] of [['ten figures', results.tenFiguresReady], ['a hundred figures', results.hundredFiguresReady]]) {
  console.log(`| ${what} ready after load, median of ${r.runs} | ${r.medianMs} ms | <= ${r.targetMs} ms | ${mark(r.ok)} |`);
}
console.error(`bench: wrote ${path.relative(process.cwd(), path.join(build, 'bench-embed.json'))}`);
