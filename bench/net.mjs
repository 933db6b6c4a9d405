// bench/net.mjs: training speed of the network, side by side in one
// headless Chromium run: our C core as WebAssembly (the page's own
// backprop-net.wasm through net-core.js), ConvNetJS (pure JavaScript, whose
// classify2d demo does this very job), and TensorFlow.js with its WASM and
// CPU backends; then our C core natively. Same network (2 -> 8 -> 8 -> 2
// ReLU, softmax cross-entropy), same 500 points, batch 10, plain SGD with
// learning rate 0.1. Rounds interleave the contenders; each figure is the
// median of 5 rounds of about 0.4 s.
//
//   node bench/net.mjs            (after ./dev build)
//
// Prints a table and writes build/bench-net.json. Target: our WASM at least
// 10x ConvNetJS's steps per second.
import {serveAndLaunch} from './chromium.mjs';
import {execFileSync} from 'node:child_process';
import {copyFileSync, existsSync, mkdirSync, writeFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = process.env.BUILD_DIR ? path.resolve(process.env.BUILD_DIR) : path.join(root, 'build');
const modules = path.join(root, 'node_modules');
const site = path.join(build, 'bench', 'net-site');
const need = [
  [path.join(build, 'wasm', 'backprop-net.wasm'), 'run ./dev build'],
  [path.join(build, 'native', 'libbackprop.a'), 'run ./dev build'],
  [path.join(modules, 'convnetjs', 'build', 'convnet-min.js'), 'run npm ci'],
  [path.join(modules, '@tensorflow', 'tfjs', 'dist', 'tf.min.js'), 'run npm ci'],
];
for (const [file, fix] of need) {
  if (!existsSync(file)) {
    console.error(`bench/net.mjs: ${path.relative(root, file)} is missing: ${fix}`);
    process.exit(1);
  }
}

mkdirSync(site, {recursive: true});
copyFileSync(path.join(build, 'wasm', 'backprop-net.wasm'), path.join(site, 'backprop-net.wasm'));
copyFileSync(path.join(root, 'web', 'src', 'net', 'net-core.js'), path.join(site, 'net-core.js'));
copyFileSync(path.join(modules, 'convnetjs', 'build', 'convnet-min.js'), path.join(site, 'convnet.js'));
copyFileSync(path.join(modules, '@tensorflow', 'tfjs', 'dist', 'tf.min.js'), path.join(site, 'tf.js'));
const tfWasm = path.join(modules, '@tensorflow', 'tfjs-backend-wasm', 'dist');
copyFileSync(path.join(tfWasm, 'tf-backend-wasm.min.js'), path.join(site, 'tf-backend-wasm.js'));
for (const f of readdirSync(tfWasm).filter((f) => f.endsWith('.wasm'))) copyFileSync(path.join(tfWasm, f), path.join(site, f));
writeFileSync(path.join(site, 'index.html'), `<!doctype html><meta charset="utf-8">
<script src="convnet.js"></script><script src="tf.js"></script><script src="tf-backend-wasm.js"></script>
<script type="module">
import {instantiateNet} from './net-core.js';
window.ours = await instantiateNet(fetch('backprop-net.wasm'));
document.title = 'ready';
</script>`);

// ------------------------------------------------------------------ native
// The same run natively: a small program over the library.
const nativeSource = path.join(build, 'bench', 'net_native.c');
writeFileSync(nativeSource, `#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <time.h>
#include "backprop.h"
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
int main(void) {
    static double x[1000]; static int label[500]; static size_t order[501];
    bp_data_generate(x, label, BP_DATA_SPIRAL, 500, 2, 0.1, 1);
    const int sizes[] = {2, 8, 8, 2};
    bp_net *net = bp_net_new(sizes, 4, BP_ACT_RELU, 10);
    bp_net_init(net, BP_INIT_HE, 1);
    double best[5];
    unsigned long long step = 0;
    for (int r = 0; r < 5; r++) {
        size_t steps = 0; double t0 = now(), t;
        do { bp_net_train(net, x, label, 500, order, 10, step, 20000, 0, 1, 0.1, NULL); step += 20000; steps += 20000; } while ((t = now() - t0) < 0.4);
        best[r] = steps / t;
    }
    for (int i = 0; i < 5; i++) for (int j = i + 1; j < 5; j++) if (best[j] < best[i]) { double s = best[i]; best[i] = best[j]; best[j] = s; }
    printf("%.0f %.0f %.0f\\n", best[2], best[0], best[4]);
    bp_net_free(net);
    return 0;
}
`);
const nativeBin = path.join(build, 'bench', 'net_native');
execFileSync('cc', ['-O2', '-std=c11', '-I', path.join(root, 'core', 'include'), nativeSource,
  path.join(build, 'native', 'libbackprop.a'), '-lm', '-o', nativeBin], {stdio: ['ignore', 'inherit', 'inherit']});

// ------------------------------------------------------------------ Chromium
const {base, browser, close} = await serveAndLaunch(site);
let results, learning, smooth;
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('bench/net.mjs: page error:', e.message));
  await page.goto(base);
  await page.waitForFunction(() => document.title === 'ready');
  results = await page.evaluate(async () => {
    const N = 500, BATCH = 10, LR = 0.1, ROUND_MS = 400, ROUNDS = 5;
    const data = window.ours.generate('spiral', N, 2, 0.1, 1);
    const xs = data.x, labels = data.label;

    // Each contender: {setup(), run(steps)}; steps per second measured by
    // running slices of steps until ROUND_MS has passed.
    const contenders = {};

    contenders.ours = (() => {
      const m = new window.ours.Net({sizes: [2, 8, 8, 2], maxBatch: BATCH});
      m.init('he', 1);
      m.setData(xs, labels);
      return {slice: 2000, run: (k) => m.train(k, {lr: LR, batch: BATCH})};
    })();

    contenders.convnetjs = (() => {
      const cj = window.convnetjs;
      const net = new cj.Net();
      net.makeLayers([{type: 'input', out_sx: 1, out_sy: 1, out_depth: 2},
        {type: 'fc', num_neurons: 8, activation: 'relu'}, {type: 'fc', num_neurons: 8, activation: 'relu'},
        {type: 'softmax', num_classes: 2}]);
      const trainer = new cj.Trainer(net, {learning_rate: LR, momentum: 0, batch_size: BATCH, l2_decay: 0});
      const vols = Array.from({length: N}, (_, i) => new cj.Vol([xs[2 * i], xs[2 * i + 1]]));
      let at = 0;
      // One SGD step is BATCH samples (the trainer updates every batch_size).
      return {slice: 200, run: (k) => {
        for (let s = 0; s < k * BATCH; s++, at = (at + 1) % N) trainer.train(vols[at], labels[at]);
      }};
    })();

    async function tfContender(backend) {
      const tf = window.tf;
      if (backend === 'wasm') window.tf.wasm.setWasmPaths(location.href.replace(/[^/]*$/, ''));
      await tf.setBackend(backend);
      await tf.ready();
      const model = tf.sequential({layers: [tf.layers.dense({inputShape: [2], units: 8, activation: 'relu'}),
        tf.layers.dense({units: 8, activation: 'relu'}), tf.layers.dense({units: 2})]});
      const optimizer = tf.train.sgd(LR);
      const batches = Array.from({length: N / BATCH}, (_, b) => ({
        x: tf.tensor2d(Float32Array.from(xs.slice(2 * b * BATCH, 2 * (b + 1) * BATCH)), [BATCH, 2]),
        y: tf.oneHot(tf.tensor1d(labels.slice(b * BATCH, (b + 1) * BATCH), 'int32'), 2),
      }));
      let at = 0;
      return {backend, slice: 20, run: (k) => {
        for (let s = 0; s < k; s++, at = (at + 1) % batches.length) {
          const {x, y} = batches[at];
          optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x)), false);
        }
      }};
    }

    function measure(c) {
      c.run(c.slice); // warm
      const t0 = performance.now();
      let steps = 0, t;
      do {
        c.run(c.slice);
        steps += c.slice;
      } while ((t = performance.now() - t0) < ROUND_MS);
      return (1000 * steps) / t;
    }
    const rates = {ours: [], convnetjs: [], 'tfjs-wasm': [], 'tfjs-cpu': []};
    for (let r = 0; r < ROUNDS; r++) {
      rates.ours.push(measure(contenders.ours));
      rates.convnetjs.push(measure(contenders.convnetjs));
      for (const backend of ['wasm', 'cpu']) {
        rates[`tfjs-${backend}`].push(measure(await tfContender(backend)));
      }
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, {median: median(v), min: Math.min(...v), max: Math.max(...v)}]));
  });
  // It learns: the page's defaults (spiral, 3 classes, 300 points, noise 0.1,
  // seed 1; 2 -> 16 -> 16 -> 3 ReLU, He, lr 0.1, batch 10, shuffled), the
  // training accuracy every 50 steps up to 5,000.
  learning = await page.evaluate(() => {
    const data = window.ours.generate('spiral', 300, 3, 0.1, 1);
    const m = new window.ours.Net({sizes: [2, 16, 16, 3], maxBatch: 300});
    m.init('he', 1);
    m.setData(data.x, data.label);
    let first = null, accuracy = 0;
    for (let step = 50; step <= 5000; step += 50) {
      m.train(50, {lr: 0.1, batch: 10, shuffle: true, seed: 1});
      accuracy = m.evaluate().accuracy;
      if (first === null && accuracy >= 0.95) first = {step, accuracy};
    }
    return {first, at5000: accuracy};
  });
} finally {
  await close();
}
// Responsive while training: the page in Network mode at its defaults
// (5 steps a frame, the 100x100 regions redrawn each frame), trained for 3 s
// of frames; long tasks from the browser's own account.
{
  const {base: siteBase, browser: b2, close: close2} = await serveAndLaunch(path.join(build, 'site'));
  try {
    const page = await b2.newPage({viewport: {width: 1280, height: 900}});
    await page.goto(`${siteBase}#graph=network`);
    await page.locator('.net').waitFor();
    await page.evaluate(() => {
      window.longTasks = [];
      new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({type: 'longtask'});
    });
    await page.getByRole('button', {name: 'Train'}).click();
    smooth = await page.evaluate(() => new Promise((resolve) => {
      const start = performance.now();
      let frames = 0;
      const tick = (now) => {
        frames++;
        if (now - start < 3000) requestAnimationFrame(tick);
        else resolve({fps: (1000 * frames) / (now - start), longest: Math.max(0, ...window.longTasks), longTasks: window.longTasks.length,
          steps: Number(document.querySelector('.net').dataset.step)});
      };
      requestAnimationFrame(tick);
    }));
  } finally {
    await close2();
  }
}

const [nMedian, nMin, nMax] = execFileSync(nativeBin, {encoding: 'utf8'}).trim().split(' ').map(Number);
results.native = {median: nMedian, min: nMin, max: nMax};

const fmt = (v) => `${Math.round(v / 100) / 10}k`;
const ratio = results.ours.median / results.convnetjs.median;
console.log('\n### Training a 2 → 8 → 8 → 2 ReLU net (500 points, batch 10, SGD), SGD steps per second\n');
console.log('| | steps/s (median) | range | vs ConvNetJS |');
console.log('|---|---|---|---|');
const names = {ours: 'backprop-viz, WASM in Chromium', native: 'backprop-viz, native C', convnetjs: 'ConvNetJS 0.3 (JavaScript)',
  'tfjs-wasm': 'TensorFlow.js, WASM backend', 'tfjs-cpu': 'TensorFlow.js, CPU backend'};
for (const [k, name] of Object.entries(names)) {
  const r = results[k];
  console.log(`| ${name} | ${fmt(r.median)} | ${fmt(r.min)}–${fmt(r.max)} | ${(r.median / results.convnetjs.median).toFixed(1)}× |`);
}
console.log(`\nTarget: WASM at least 10× ConvNetJS: ${ratio >= 10 ? 'met' : 'NOT met'} (${ratio.toFixed(1)}×).`);
console.log(`\nIt learns (page defaults: spiral, 3 classes, 2 → 16 → 16 → 3 ReLU, He, lr 0.1, batch 10): `
  + (learning.first ? `${(100 * learning.first.accuracy).toFixed(1)}% training accuracy at step ${learning.first.step}` : 'never 95%')
  + `; ${(100 * learning.at5000).toFixed(1)}% at step 5,000. Target: 95% within 5,000 steps: ${learning.first ? 'met' : 'NOT met'}.`);
console.log(`Training in the page at its defaults (5 steps a frame, regions on), 3 s: ${smooth.fps.toFixed(1)} frames/s, `
  + `${smooth.longTasks} long tasks (longest ${smooth.longest.toFixed(0)} ms), ${smooth.steps} steps. `
  + `Target: >= 55 frames/s and no long task over 50 ms: ${smooth.fps >= 55 && smooth.longest <= 50 ? 'met' : 'NOT met'}.`);
writeFileSync(path.join(build, 'bench-net.json'), JSON.stringify({results, ratio, learning, smooth}, null, 2));
