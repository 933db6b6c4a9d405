// bench/page.mjs: the page's own numbers, in headless Chromium against the
// local static server.
//
//   node bench/page.mjs            (after node web/build.mjs)
//
// Prints and writes build/bench-page.json:
//   weight      app.js + app.css + backprop.wasm, gzip -9            target <= 60 KB
//   navigation  navigation start -> first graph drawn (performance
//               mark backprop:first-render), median of 15 cold loads,
//               the numbers checked against the native CLI          target median <= 150 ms
//   edit        one edit of x (an input event on the field) until
//               every number is updated and laid out, p95 of 300    target p95 <= 16 ms
//   drag        the longest task (PerformanceObserver longtask)
//               while dragging across the plot                      target none over 50 ms
import {serveAndLaunch} from './chromium.mjs';
import {execFileSync} from 'node:child_process';
import {readFileSync, writeFileSync, existsSync, mkdirSync} from 'node:fs';
import {gzipSync} from 'node:zlib';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = process.env.BUILD_DIR ? path.resolve(process.env.BUILD_DIR) : path.join(root, 'build');
const site = path.join(build, 'site');
const cli = path.join(build, 'native', 'bin', 'backprop');
if (!existsSync(path.join(site, 'index.html'))) {
  console.error('bench/page.mjs: build/site is missing; run node web/build.mjs first');
  process.exit(1);
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const round = (v, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

// ------------------------------------------------------------------ weight
const weight = {};
for (const f of ['app.js', 'app.css', 'backprop.wasm']) weight[f] = gzipSync(readFileSync(path.join(site, f)), {level: 9}).length;
const weightKB = Object.values(weight).reduce((a, b) => a + b, 0) / 1024;

// ------------------------------------------------------------------ server
const {base, browser, close} = await serveAndLaunch(site);
const results = {};
try {
  // -------------------------------------------------------------- navigation
  const expected = JSON.parse(execFileSync(cli, ['trace', 'sigmoid-steps', '--x', '0.5', '--dout', '1', '--json'], {encoding: 'utf8'}));
  const loads = [];
  for (let i = 0; i < 16; i++) {
    const context = await browser.newContext({viewport: {width: 1280, height: 800}, reducedMotion: 'reduce'});
    const page = await context.newPage();
    await page.goto(base + '#graph=sigmoid-steps&x=0.5&dout=1');
    await page.waitForSelector('#app[data-ready="true"]');
    const [ms, grad] = await page.evaluate(() => [
      performance.getEntriesByName('backprop:first-render')[0].startTime,
      document.querySelector('g.node.input').getAttribute('data-grad'),
    ]);
    if (Number(grad) !== expected.grads.x) throw new Error(`first graph shows dL/dx ${grad}, CLI ${expected.grads.x}`);
    if (i > 0) loads.push(ms); // the first load warms the disk cache
    await context.close();
  }

  const context = await browser.newContext({viewport: {width: 1280, height: 800}, reducedMotion: 'reduce'});
  const page = await context.newPage();
  await page.goto(base + '#graph=sigmoid-steps&x=0.5&dout=1');
  await page.waitForSelector('#app[data-ready="true"]');

  // -------------------------------------------------------------------- edit
  const edits = await page.evaluate(() => {
    const field = document.getElementById('x');
    const times = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      field.value = String(-6 + (i % 120) * 0.1 + (i >= 120 ? 0.013 : 0));
      field.dispatchEvent(new Event('input', {bubbles: true}));
      document.body.getBoundingClientRect(); // style and layout of the new numbers
      void document.body.offsetHeight;
      times.push(performance.now() - t0);
    }
    return times;
  });

  // -------------------------------------------------------------------- drag
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration)))
      .observe({type: 'longtask'});
  });
  const plot = page.locator('svg.plot');
  await plot.scrollIntoViewIfNeeded();
  const box = await plot.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.1, y);
  await page.mouse.down();
  for (let i = 0; i <= 120; i++) await page.mouse.move(box.x + box.width * (0.1 + (0.8 * i) / 120), y);
  await page.mouse.up();
  // A frame after the drag, so that the observer has delivered its entries.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const longTasks = await page.evaluate(() => window.__longTasks);
  const movedTo = Number(await page.locator('#x').inputValue());
  if (!(movedTo > 3)) throw new Error(`dragging did not move x (x = ${movedTo})`);
  await context.close();

  Object.assign(results, {
    weight_gzip_kb: round(weightKB),
    weight_gzip_bytes: weight,
    navigation_median_ms: round(quantile(loads, 0.5)),
    navigation_runs_ms: loads.map((v) => round(v)),
    edit_p95_ms: round(quantile(edits, 0.95), 2),
    edit_median_ms: round(quantile(edits, 0.5), 2),
    drag_long_tasks: longTasks.length,
    drag_longest_task_ms: round(Math.max(0, ...longTasks)),
  });
  results.targets = {
    weight_gzip_kb: {max: 60, ok: results.weight_gzip_kb <= 60},
    navigation_median_ms: {max: 150, ok: results.navigation_median_ms <= 150},
    edit_p95_ms: {max: 16, ok: results.edit_p95_ms <= 16},
    drag_longest_task_ms: {max: 50, ok: longTasks.every((d) => d <= 50)},
  };
} finally {
  await close();
}

const mark = (ok) => (ok ? 'ok' : 'OVER');
const t = results.targets;
console.log('page benchmark (headless Chromium, local server)');
console.log(`  weight, JS + CSS + WASM gzip   ${results.weight_gzip_kb.toFixed(1).padStart(7)} KB   target <= 60 KB    ${mark(t.weight_gzip_kb.ok)}`);
console.log(`  navigation to first graph      ${results.navigation_median_ms.toFixed(1).padStart(7)} ms   median <= 150 ms   ${mark(t.navigation_median_ms.ok)}`);
console.log(`  edit of x, all numbers updated ${results.edit_p95_ms.toFixed(2).padStart(7)} ms   p95 <= 16 ms       ${mark(t.edit_p95_ms.ok)}`);
console.log(`  drag on the plot, longest task ${results.drag_longest_task_ms.toFixed(1).padStart(7)} ms   none > 50 ms       ${mark(t.drag_longest_task_ms.ok)}`);
mkdirSync(build, {recursive: true});
writeFileSync(path.join(build, 'bench-page.json'), JSON.stringify(results, null, 2) + '\n');
