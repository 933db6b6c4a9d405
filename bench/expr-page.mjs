// bench/expr-page.mjs: the page with a large expression of the reader's own,
// in headless Chromium against the local static server.
//
//   node bench/expr-page.mjs            (after node web/build.mjs)
//
// Prints and writes build/bench-expr-page.json:
//   relayout   a ~500-node expression typed into the field (one input event)
//              until every node is in the DOM and laid out by the browser:
//              parse, trace, DAG layout, SVG join, step panel, check, curve.
//              Two expressions alternate, so each run builds a new graph.
//              Median of 11 runs (after 2 warm-ups)            target <= 100 ms
//   painted    the same, until the next animation frame (the frame that
//              shows it)                                        reported
//   step       one step forward on that graph, p50              reported
//   ... painted  the same, until the second animation frame after it
//              begins: the step's frame is drawn and rasterised by then,
//              so this is at least two frames (33 ms at 60 Hz)      reported
//   elements   SVG elements and text elements of the graph        reported
// Then two graphs that are big another way, each opened as a link:
//   fan-out    x+x+...+x, 1000 terms (1999 characters): 1998 edges out of
//              one x, the longest across the whole graph
//   variables  v0+v1+...+v299 (1389 characters): 300 variables, 300 fields
// each: the link until ready and painted; a step back and forward (until
// done in script and layout, and until painted), p50 of 10; a new value of
// its first variable typed (the same two), p50 of 5.  step painted <= 100 ms
import {serveAndLaunch} from './chromium.mjs';
import {writeFileSync, existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = process.env.BUILD_DIR ? path.resolve(process.env.BUILD_DIR) : path.join(root, 'build');
const site = path.join(build, 'site');
if (!existsSync(path.join(site, 'index.html'))) {
  console.error('bench/expr-page.mjs: build/site is missing; run node web/build.mjs first');
  process.exit(1);
}

// A sum of neuron-like terms over shared variables (as bench/expr.c), about
// 5 nodes a term once the variables are shared; `shift` rotates the kinds
// so that two expressions of one size differ.
function expression(terms, shift = 0) {
  const kinds = ['sigmoid(w*x + 0.5)', 'tanh(x*y - w)', 'exp(-x*x) * y', 'relu(w - y) / (1 + x*x)'];
  return Array.from({length: terms}, (_, i) => kinds[(i + shift) % 4]).join(' + ');
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The graphs big another way (see the top).
const WIDE = [
  ['fan-out', 'x' + '+x'.repeat(999), 'x=1'],
  ['variables', Array.from({length: 300}, (_, i) => `v${i}`).join('+'), ''],
];

// One of them opened as a link, stepped and edited; medians in ms.
async function wide(browser, base, expr, vars) {
  const context = await browser.newContext({viewport: {width: 1280, height: 800}, reducedMotion: 'reduce'});
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(`${base}#graph=expr&expr=${encodeURIComponent(expr)}${vars ? `&vars=${vars}` : ''}`);
  await page.waitForSelector('#app[data-ready="true"]', {timeout: 600_000});
  const ready = Date.now() - t0;
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  const painted = Date.now() - t0;
  const runs = await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const svg = document.querySelector('#graphs svg.graph');
    const out = {steps: [], stepsPainted: [], edits: [], editsPainted: []};
    const time = async (act, done, painted) => {
      await frame();
      const t0 = performance.now();
      act();
      svg.getBoundingClientRect();
      out[done].push(performance.now() - t0);
      await frame();
      await frame();
      out[painted].push(performance.now() - t0);
    };
    for (const id of ['step-back', 'step-forward']) {
      for (let i = 0; i < 5; i++) await time(() => document.getElementById(id).click(), 'steps', 'stepsPainted');
    }
    const field = document.querySelector('#vars input[type="text"]');
    for (let i = 0; i < 5; i++) {
      await time(() => {
        field.value = String(1.25 + i / 4);
        field.dispatchEvent(new Event('input', {bubbles: true}));
      }, 'edits', 'editsPainted');
    }
    return {...out, nodes: svg.querySelectorAll('g.node').length, width: Number(svg.getAttribute('width')), height: Number(svg.getAttribute('height'))};
  });
  await context.close();
  const result = {chars: expr.length, nodes: runs.nodes, width: runs.width, height: runs.height, link_ready_ms: ready, link_painted_ms: painted,
    step_median_ms: round(median(runs.steps)), step_painted_median_ms: round(median(runs.stepsPainted)),
    edit_median_ms: round(median(runs.edits)), edit_painted_median_ms: round(median(runs.editsPainted))};
  result.targets = {step_painted_median_ms: {max: 100, ok: result.step_painted_median_ms <= 100}};
  return result;
}
const round = (v, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

const {base, browser, close} = await serveAndLaunch(site);
let results;
try {
  const context = await browser.newContext({viewport: {width: 1280, height: 800}, reducedMotion: 'reduce'});
  const page = await context.newPage();
  await page.goto(base + '#graph=expr');
  await page.waitForSelector('#app[data-ready="true"]');
  const texts = [expression(95, 0), expression(95, 1)];
  const runs = await page.evaluate(async (texts) => {
    const field = document.getElementById('expr');
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const out = [];
    for (let i = 0; i < 13; i++) {
      await frame();
      const text = texts[i % 2];
      const t0 = performance.now();
      field.value = text;
      field.dispatchEvent(new Event('input', {bubbles: true}));
      const svg = document.querySelector('#graphs svg.graph');
      const nodes = svg.querySelectorAll('g.node').length;
      svg.getBoundingClientRect(); // style and layout of everything drawn
      document.querySelector('#graphs g.node:last-of-type').getBBox();
      const drawn = performance.now() - t0;
      await frame();
      const painted = performance.now() - t0;
      if (field.getAttribute('aria-invalid') === 'true') throw new Error(document.getElementById('expr-message').textContent);
      out.push({drawn, painted, nodes});
    }
    // Steps on the last graph.
    const steps = [], stepsPainted = [];
    document.getElementById('reset').click();
    for (let i = 0; i < 21; i++) {
      await frame();
      const t0 = performance.now();
      document.getElementById('step-forward').click();
      document.querySelector('#graphs svg.graph').getBoundingClientRect();
      steps.push(performance.now() - t0);
      await frame();
      await frame();
      stepsPainted.push(performance.now() - t0);
    }
    const svg = document.querySelector('#graphs svg.graph');
    return {out: out.slice(2), steps, stepsPainted, elements: svg.querySelectorAll('*').length, texts: svg.querySelectorAll('text').length};
  }, texts);
  const nodes = runs.out[0].nodes;
  results = {
    nodes,
    expression_chars: texts[0].length,
    relayout_median_ms: round(median(runs.out.map((r) => r.drawn))),
    painted_median_ms: round(median(runs.out.map((r) => r.painted))),
    step_median_ms: round(median(runs.steps)),
    step_painted_median_ms: round(median(runs.stepsPainted)),
    svg_elements: runs.elements,
    svg_texts: runs.texts,
    runs: runs.out.length,
  };
  results.targets = {relayout_median_ms: {max: 100, ok: results.relayout_median_ms <= 100}};
  await context.close();
  results.wide = {};
  for (const [name, expr, vars] of WIDE) results.wide[name] = await wide(browser, base, expr, vars);
} finally {
  await close();
}

const mark = (ok) => (ok ? 'ok' : 'OVER');
console.log(`expression page, ${results.nodes} nodes (${results.expression_chars} characters), median of ${results.runs}:`);
console.log(`  set the expression -> all nodes drawn and laid out ${results.relayout_median_ms.toFixed(1).padStart(7)} ms   <= 100 ms   ${mark(results.targets.relayout_median_ms.ok)}`);
console.log(`  ... until the next frame                          ${results.painted_median_ms.toFixed(1).padStart(7)} ms`);
console.log(`  one step forward on that graph                    ${results.step_median_ms.toFixed(1).padStart(7)} ms`);
console.log(`  ... until painted (two frames at least)           ${results.step_painted_median_ms.toFixed(1).padStart(7)} ms`);
console.log(`  the graph's SVG: ${results.svg_elements} elements, ${results.svg_texts} of them text`);
for (const [name, r] of Object.entries(results.wide)) {
  const ms = (v) => `${v.toFixed(1).padStart(7)} ms`;
  console.log(`${name}: ${r.nodes} nodes (${r.chars} characters), drawn ${r.width} x ${r.height} px:`);
  console.log(`  opened as a link: ready ${r.link_ready_ms} ms, painted ${r.link_painted_ms} ms`);
  console.log(`  a step, p50                                       ${ms(r.step_median_ms)}`);
  console.log(`  ... until painted                                 ${ms(r.step_painted_median_ms)}   <= 100 ms   ${mark(r.targets.step_painted_median_ms.ok)}`);
  console.log(`  a new value of a variable, p50                    ${ms(r.edit_median_ms)}`);
  console.log(`  ... until painted                                 ${ms(r.edit_painted_median_ms)}`);
}
writeFileSync(path.join(build, 'bench-expr-page.json'), JSON.stringify(results, null, 2) + '\n');
