// Soak: 10,000 edits of x and 1,000 expression changes in the page, then
// 2,000 cell edits in layer mode, leave the JavaScript heap (after a forced
// collection) and the WebAssembly memory within 1 MB of where a warm-up
// left them, C's live objects as many, and the page still showing the
// right numbers.
import {test, expect, cliTrace} from './fixtures.mjs';
import {exactNumber} from './embed-fixtures.mjs';

test.use({reducedMotion: 'reduce'});

const MB = 1024 * 1024;
const BATCH = 500; // edits per page.evaluate

// A probe of the test's (the app has no hook): as the page instantiates
// its WebAssembly module (however it does), keep its memory, and count the C objects the page
// holds through the core's public API: graphs made by bp_graph_new and not
// yet given to bp_graph_free, blocks from malloc not yet freed. (The
// DevTools protocol's Runtime.queryObjects would find the memory without a
// probe, but hangs on WebAssembly.Memory.prototype in this Chromium.)
function probeWasm() {
  const probe = (window.__testWasm = {memories: [], live: {graphs: 0, blocks: 0}});
  const counted = (fn, key, by) => (...args) => {
    const r = fn(...args);
    if (by > 0 ? r : args[0]) probe.live[key] += by;
    return r;
  };
  const wrap = (made) => {
    const e = (made.instance ?? made).exports;
    for (const v of Object.values(e)) if (v instanceof WebAssembly.Memory) probe.memories.push(v);
    const exports = {...e, bp_graph_new: counted(e.bp_graph_new, 'graphs', 1), bp_graph_free: counted(e.bp_graph_free, 'graphs', -1),
      malloc: counted(e.malloc, 'blocks', 1), free: counted(e.free, 'blocks', -1)};
    return made.instance ? {module: made.module, instance: {exports}} : {exports};
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = async function (...args) { return wrap(await original.apply(this, args)); };
  }
  // The page instantiates the module core-start.js compiled, synchronously.
  const Instance = WebAssembly.Instance;
  WebAssembly.Instance = function (module, imports) { return wrap(new Instance(module, imports)); };
}

// The JS heap after a full collection (DevTools protocol), the size of each
// WebAssembly memory, and the C objects alive.
async function memoryOf(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const {usedSize} = await cdp.send('Runtime.getHeapUsage');
  const {wasm, live} = await page.evaluate(() => ({wasm: window.__testWasm.memories.map((m) => m.buffer.byteLength),
    live: {...window.__testWasm.live}}));
  return {heap: usedSize, wasm, live};
}

// x for edit i: spread over [−20, 20] in steps of 0.02, in no order.
const xAt = (i) => ((i * 7919) % 2001 - 1000) / 50;
// Expression i: five shapes (new variables, new fields, a layered layout),
// and every tenth one a syntax error, which must cost nothing either.
const exprAt = (i) => (i % 10 === 9 ? `(x+${i}*` : [`(x+y)*z+${i}`, `sigmoid(w${i % 5}*x + b)`, `exp(x/${i + 1})*y`,
  `relu(x-${i % 50})^2`, `sqrt(x*x + ${i})*tanh(y)`][i % 5]);

// Type each value into a field as one input event, a batch per evaluate.
async function edit(field, values) {
  for (let start = 0; start < values.length; start += BATCH) {
    await field.evaluate((el, batch) => {
      for (const v of batch) {
        el.value = v;
        el.dispatchEvent(new Event('input', {bubbles: true}));
      }
    }, values.slice(start, start + BATCH));
  }
}
const range = (from, count, f) => Array.from({length: count}, (_, i) => String(f(from + i)));

test('10,000 edits of x and 1,000 expressions: under 1 MB more heap and WebAssembly memory', async ({app, page}) => {
  test.setTimeout(300_000); // some 20 s alone; the machine may be shared
  await page.addInitScript(probeWasm);
  await app.open('#graph=sigmoid-steps&x=0.5&dout=1');
  const cdp = await page.context().newCDPSession(page);
  // By role, which leaves out the hidden fields of the other mode (the
  // expression's own x among them).
  const xField = page.getByRole('textbox', {name: 'x', exact: true});
  const exprField = page.getByRole('textbox', {name: 'Expression', exact: true});
  let edits = 0, exprs = 0;
  async function round(xEdits, exprChanges) {
    await app.chooseGraph('Sigmoid step by step');
    await edit(xField, range(edits, xEdits, xAt));
    edits += xEdits;
    await app.chooseGraph('Your expression');
    await edit(exprField, range(exprs, exprChanges, exprAt));
    exprs += exprChanges;
  }

  await round(1000, 100);
  const warm = await memoryOf(page, cdp);
  expect(warm.wasm, 'one WebAssembly memory in the page').toHaveLength(1);
  expect(warm.live.graphs, 'graphs the page holds after the warm-up').toBeGreaterThan(0);
  await round(10_000, 1000);
  const end = await memoryOf(page, cdp);
  test.info().annotations.push({type: 'memory', description:
    `heap ${warm.heap} -> ${end.heap} B, WebAssembly ${warm.wasm[0]} -> ${end.wasm[0]} B`});
  expect(end.heap - warm.heap, 'JS heap growth (bytes)').toBeLessThanOrEqual(MB);
  expect(end.wasm[0] - warm.wasm[0], 'WebAssembly memory growth (bytes)').toBeLessThanOrEqual(MB);
  // The memory only grows when its first 16 MB run out; the C objects the
  // page holds show a leak long before: as many as after the warm-up.
  expect(end.live, 'C graphs and malloc blocks alive').toEqual(warm.live);

  await test.step('the page still shows the CLI\'s numbers', async () => {
    // The last expression typed (the 1,100th) was a syntax error.
    await expect(exprField).toHaveAttribute('aria-invalid', 'true');
    await app.chooseGraph('Sigmoid step by step');
    const x = xAt(edits - 1);
    await expect(xField).toHaveValue(String(x));
    const cli = cliTrace('sigmoid-steps', x, 1);
    const shown = await app.graphs.getByRole('img').evaluateAll((gs) => gs.map((g) => [g.dataset.value, g.dataset.grad]));
    expect(shown.map(([v, g]) => [exactNumber(v), exactNumber(g)])).toEqual(cli.nodes.map((n) => [n.value, n.grad]));
  });
});

test('2,000 cell edits across the layers: no C memory kept, the grids still the layer\'s', async ({app, page}) => {
  test.setTimeout(300_000);
  await page.addInitScript(probeWasm);
  await app.open('#graph=layer&layer=affine&x=1,0.5;-1,2&w=0.1,0.3,0.5;0.2,0.4,0.6&b=0.1,0.2,0.3&dout=1,2,3;4,5,6&inplace=1');
  const cdp = await page.context().newCDPSession(page);
  const layers = ['affine', 'relu', 'sigmoid', 'softmax-loss'];
  let edits = 0;
  // Each edit a committed cell (one change event, as Enter gives), in
  // every layer in turn (each from its first example), x's first cell
  // taking xAt's values.
  async function round(count) {
    for (const layer of layers) {
      await page.getByRole('radio', {name: {affine: 'Affine', relu: 'ReLU', sigmoid: 'Sigmoid', 'softmax-loss': 'Softmax-with-Loss'}[layer], exact: true}).last().check();
      const values = range(edits, count / layers.length, xAt);
      await page.getByRole('textbox', {name: /^x\[0\](\[0\])?$/}).evaluate((el, batch) => { // x[0][0], or x[0] of a vector
          for (const v of batch) {
            el.value = v;
            el.dispatchEvent(new Event('change', {bubbles: true}));
          }
        }, values);
      edits += values.length;
    }
  }
  await round(400);
  const warm = await memoryOf(page, cdp);
  await round(2000);
  const end = await memoryOf(page, cdp);
  test.info().annotations.push({type: 'memory', description: `heap ${warm.heap} -> ${end.heap} B, WebAssembly ${warm.wasm[0]} -> ${end.wasm[0]} B`});
  expect(end.heap - warm.heap, 'JS heap growth (bytes)').toBeLessThanOrEqual(MB);
  expect(end.wasm[0] - warm.wasm[0], 'WebAssembly memory growth (bytes)').toBeLessThanOrEqual(MB);
  expect(end.live, 'C graphs and malloc blocks alive').toEqual(warm.live);
  // The last layer edited: Softmax-with-Loss, its x[0] the last value typed.
  const x = xAt(edits - 1);
  await expect(page.getByRole('textbox', {name: 'x[0]', exact: true})).toHaveValue(String(x));
  const [[y0, y1, y2]] = await page.locator('section.grid[data-grid="y"] table').evaluate((t) => [...t.rows].map((r) => [...r.cells].map((c) => Number(c.dataset.value))));
  const e = [x, 2.9, 4].map((v) => Math.exp(v - Math.max(x, 4)));
  const s = e[0] + e[1] + e[2];
  [y0, y1, y2].forEach((y, j) => expect(Math.abs(y - e[j] / s)).toBeLessThan(1e-15));
});
