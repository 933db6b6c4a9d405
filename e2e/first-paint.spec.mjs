// The app's first paint (and the iframe page's, below): index.html carries the default state's graph and
// chain-rule line, drawn at build time by svg/prerender.js with the C core
// under node, so that they are on screen before app.js runs; app.js then
// draws the live figure in their place without moving anything.
import {test, expect} from '@playwright/test';
import {cliTrace} from './fixtures.mjs';

// Before any script: the prerendered #graphs as parsed, and the layout
// shifts of the whole load, summed.
function watch() {
  window.__shift = 0;
  window.__shifted = []; // what moved, and when, to say so if anything did
  const describe = (n) => (n ? `${n.nodeName.toLowerCase()}${n.id ? `#${n.id}` : ''}${n.className?.baseVal ?? (n.className ? `.${n.className}` : '')}` : '?');
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__shift += e.value;
      window.__shifted.push({at: Math.round(e.startTime), value: e.value, ready: document.getElementById('app')?.dataset.ready,
        moved: e.sources.map((s) => `${describe(s.node)} ${JSON.stringify([s.previousRect.y, s.previousRect.height])} -> ${JSON.stringify([s.currentRect.y, s.currentRect.height])}`)});
    }
  }).observe({type: 'layout-shift', buffered: true});
  // The prerendered graphs, for a wide box and a narrow one.
  document.addEventListener('readystatechange', () => {
    if (document.readyState !== 'interactive') return;
    window.__prerendered = Object.fromEntries([...document.querySelectorAll('#graphs > .prerender')].map((p) => [p.classList[1], p.innerHTML]));
  });
}

test('without JavaScript, the page shows the default graph with the core\'s numbers', async ({browser}) => {
  const context = await browser.newContext({javaScriptEnabled: false});
  const page = await context.newPage();
  await page.goto('/');
  const trace = cliTrace('sigmoid-steps', 0.5, 1);
  await expect(page.locator('#graphs > .prerender.narrow')).toBeHidden(); // (the phone's)
  const nodes = page.locator('#graphs > .prerender.wide svg.graph g.node');
  await expect(nodes).toHaveCount(trace.nodes.length);
  // x's gradient and every node's value, as the CLI computes them.
  expect(Number(await nodes.first().getAttribute('data-grad'))).toBe(trace.grads.x);
  for (const node of trace.nodes) {
    expect(Number(await nodes.nth(node.id).getAttribute('data-value')), `node ${node.id}`).toBe(node.value);
  }
  const y = 1 / (1 + Math.exp(-0.5));
  await expect(page.getByRole('img', {name: '+1: value 1.6065, gradient −0.3875'})).toHaveCount(1);
  await expect(page.locator('#chain-line')).toHaveText('∂L/∂x = ∂L/∂y · (−1) = (−0.2350) · (−1) = 0.2350');
  expect(y * (1 - y)).toBeCloseTo(trace.grads.x, 15);
  await expect(page.getByLabel('x', {exact: true})).toBeDisabled(); // until app.js runs
  await context.close();
});

for (const [width, height] of [[1280, 800], [1000, 800], [360, 740]]) {
  test(`app.js draws the live figure in place: no layout shift at ${width} px`, async ({browser}) => {
    const context = await browser.newContext({viewport: {width, height}, reducedMotion: 'reduce'});
    const page = await context.newPage();
    await page.addInitScript(watch);
    await page.goto('/');
    await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
    // Two frames after the first render, the observer has had every shift.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const [shift, shifted] = await page.evaluate(() => [window.__shift, window.__shifted]);
    expect(shift, JSON.stringify(shifted)).toBe(0);
    const [prerendered, after] = await page.evaluate(() => [window.__prerendered, document.getElementById('graphs').innerHTML]);
    expect(Object.keys(prerendered)).toEqual(['wide', 'narrow']);
    // At the page's full width and on a 360 px phone, the live graph is the
    // prerendered one that app.css showed, element for element, attribute
    // for attribute (turned a quarter on the phone).
    if (width === 1280) expect(after).toBe(prerendered.wide);
    if (width === 360) expect(after).toBe(prerendered.narrow);
    if (width === 360) expect(after).toContain('data-orientation="vertical"');
    // And it is alive: typing x redraws it.
    await page.getByLabel('x', {exact: true}).fill('2');
    await expect(page.locator('g.node.input')).toHaveAttribute('data-value', '2');
    await context.close();
  });
}

// ------------------------------------------------------------ embed.html
// The iframe page carries the element's default figure too, drawn at build
// time by the element's own skeleton and figure (svg/prerender.js's
// prerenderElement) as its light-DOM children, for a wide frame and a
// narrow one; the element shows them until its first render draws the same
// in its shadow root. embed-first.js hides them before the first paint
// where the hash asks for another figure.

// In the frame, before any of its scripts: the shifts, the prerendered
// pictures as parsed and whether each shows, and, at every animation
// frame until the element has drawn, the pictures that showed.
function watchFrame() {
  if (!location.pathname.endsWith('/embed.html')) { // the host: the heights the frame posts
    window.__heights = [];
    addEventListener('message', (e) => { if (e.data?.type === 'backprop-viz:height') window.__heights.push(e.data.height); });
    return;
  }
  window.__shift = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__shift += e.value; })
    .observe({type: 'layout-shift', buffered: true});
  window.__shown = new Set();
  const seen = () => {
    for (const p of document.querySelectorAll('backprop-graph > .prerender')) if (p.checkVisibility()) window.__shown.add(p.classList[2]);
    const figure = document.querySelector('backprop-graph');
    const frame = figure?.shadowRoot?.querySelector('.frame');
    if (frame && frame.checkVisibility({visibilityProperty: true})) window.__shown.add(`live ${figure.shadowRoot.querySelector('g.node:not(.input)')?.getAttribute('aria-label') ?? 'loading'}`);
    if (!figure?.hasAttribute('ready')) requestAnimationFrame(seen);
  };
  requestAnimationFrame(seen);
  document.addEventListener('readystatechange', () => {
    if (document.readyState !== 'interactive') return;
    window.__prerendered = Object.fromEntries([...document.querySelectorAll('backprop-graph > .prerender')]
      .map((p) => [p.classList[2], {html: p.innerHTML, display: getComputedStyle(p).display}]));
    window.__height = document.documentElement.getBoundingClientRect().height;
  });
}

// The pixels of two same-sized PNG screenshots that differ by more than
// `tolerance` in a channel (decoded by the page's own canvas): [x, y] each.
async function changedPixels(page, a, b, tolerance = 2) {
  return page.evaluate(async ([a, b, tolerance]) => {
    const pixels = async (data) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = new OffscreenCanvas(image.width, image.height);
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      return context.getImageData(0, 0, image.width, image.height);
    };
    const [pa, pb] = [await pixels(a), await pixels(b)];
    if (pa.width !== pb.width || pa.height !== pb.height) return [['size', pa.width, pa.height, pb.width, pb.height]];
    const out = [];
    for (let i = 0; i < pa.data.length; i += 4) {
      if ([0, 1, 2, 3].some((c) => Math.abs(pa.data[i + c] - pb.data[i + c]) > tolerance)) out.push([(i / 4) % pa.width, Math.floor(i / 4 / pa.width)]);
    }
    return out.slice(0, 20);
  }, [a.toString('base64'), b.toString('base64'), tolerance]);
}

// A host page with embed.html in an iframe `width` px wide.
async function frameHost(page, width, hash = '') {
  await page.route('**/embed-host.html', (route) => route.fulfill({contentType: 'text/html', body: '<!doctype html><meta charset="utf-8">'
    + `<body style="margin:0"><iframe src="embed.html${hash}" title="figure" style="width:${width}px;height:900px;border:0;display:block"></iframe></body>`}));
}
const inFrame = (page) => page.frames().find((f) => f.url().includes('/embed.html'));

test('without JavaScript, embed.html shows the default figure with the core\'s numbers, wide and narrow', async ({browser}) => {
  const trace = cliTrace('sigmoid-steps', 0.5, 1);
  for (const [width, shown, hidden] of [[720, 'wide', 'narrow'], [360, 'narrow', 'wide']]) {
    const context = await browser.newContext({javaScriptEnabled: false, viewport: {width, height: 900}});
    const page = await context.newPage();
    await page.goto('/embed.html');
    await expect(page.locator(`backprop-graph > .prerender.${hidden}`)).toBeHidden();
    const picture = page.locator(`backprop-graph > .prerender.${shown}`);
    await expect(picture).toBeVisible();
    await expect(picture.locator('svg.graph')).toHaveAttribute('data-orientation', shown === 'wide' ? 'horizontal' : 'vertical');
    // Every node's value and gradient, as the CLI computes them.
    const nodes = picture.locator('svg.graph g.node');
    await expect(nodes).toHaveCount(trace.nodes.length);
    for (const node of trace.nodes) {
      expect(Number(await nodes.nth(node.id).getAttribute('data-value')), `node ${node.id}`).toBe(node.value);
      expect(Number(await nodes.nth(node.id).getAttribute('data-grad')), `node ${node.id}`).toBe(node.grad);
    }
    expect(trace.grads.x).toBe(trace.nodes[0].grad);
    const y = 1 / (1 + Math.exp(-0.5));
    expect(y * (1 - y)).toBeCloseTo(trace.grads.x, 15); // (the CLI's, against the math)
    await expect(page.getByRole('img', {name: '+1: value 1.6065, gradient −0.3875'})).toHaveCount(1);
    await expect(picture.locator('.formula')).toHaveText('∂L/∂x = ∂L/∂y · (−1) = (−0.2350) · (−1) = 0.2350');
    await expect(picture.getByRole('status').first()).toHaveText('Step 8 of 8, backward: through ×(−1), −0.2350 × (−1) = 0.2350 reaches x.');
    await expect(picture.getByLabel('x', {exact: true})).toHaveValue('0.5');
    await context.close();
  }
});

for (const width of [720, 360]) {
  test(`embed.html in a ${width} px iframe: the element draws its figure over the prerendered one: the same picture, no shift, one height`, async ({browser}) => {
    const context = await browser.newContext({viewport: {width: width + 40, height: 1000}, reducedMotion: 'reduce'});
    const page = await context.newPage();
    await page.addInitScript(watchFrame);
    await frameHost(page, width);
    // embed.js held back: what the reader sees before it runs.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/embed.js', async (route) => { await held; await route.continue(); });
    await page.goto('/embed-host.html', {waitUntil: 'commit'});
    await expect.poll(() => inFrame(page)?.evaluate(() => document.readyState)).toBe('interactive');
    const frame = inFrame(page);
    const iframe = page.locator('iframe');
    const kind = width === 720 ? 'wide' : 'narrow';
    await expect(frame.locator(`backprop-graph > .prerender.${kind}`)).toBeVisible();
    const before = await iframe.screenshot();
    release();
    await expect(frame.locator('backprop-graph')).toHaveAttribute('ready', '');
    // Two frames after the first render, the observer has had every shift.
    await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const seen = await frame.evaluate(() => ({shift: window.__shift, prerendered: window.__prerendered, height: window.__height,
      now: document.documentElement.getBoundingClientRect().height, shown: [...window.__shown],
      live: document.querySelector('backprop-graph').shadowRoot.querySelector('.frame').innerHTML,
      fallback: document.querySelector('backprop-graph').shadowRoot.querySelector('slot').checkVisibility(),
      left: document.querySelectorAll('backprop-graph > *').length}));
    const after = await iframe.screenshot();
    expect(seen.shift).toBe(0);
    // The same picture: every pixel within one step of rasterisation's
    // antialiasing (the live figure's rounded corners come out a level
    // lighter or darker now and then); anything moved or redrawn is far more.
    const changed = await changedPixels(page, before, after);
    if (changed.length) {
      await test.info().attach('before.png', {body: before, contentType: 'image/png'});
      await test.info().attach('after.png', {body: after, contentType: 'image/png'});
    }
    expect(changed, 'the iframe looks the same before and after the upgrade').toEqual([]);
    expect(seen.now).toBe(seen.height);
    // Only the prerendered picture for this width showed before the live one
    // (the live frame: only once drawn, never its loading line).
    expect(seen.prerendered[kind].display).toBe('block');
    expect(seen.shown).toEqual([kind, 'live ×(−1): value −0.5000, gradient −0.2350']);
    expect(seen.fallback).toBe(false);
    expect(seen.left).toBe(0); // (embed.js removes the prerendered figure once replaced)
    // At 720 px the element draws the very elements it was prerendered as
    // (an input's value aside: the live one's is not an attribute); at
    // 360 px its graph is as wide as its frame, the prerendered one as
    // narrow as a 280 px frame's, its nodes in the middle as the live ones.
    if (width === 720) expect(seen.live).toBe(seen.prerendered.wide.html.replace(/ value="[^"]*"/g, ''));
    // The height the page posted: the prerendered figure's, once.
    const heights = await page.evaluate(() => window.__heights);
    expect(heights).toEqual([Math.ceil(seen.height)]);
    // And it is alive: typing x redraws it.
    await frame.getByLabel('x', {exact: true}).fill('2');
    await expect(frame.locator('backprop-graph').getByRole('img', {name: /^exp:/})).toHaveAttribute('data-value', String(Math.exp(-2)));
    await context.close();
  });
}

test('embed.html with a hash for another figure: the default one never shows, then the right one', async ({page}) => {
  await page.addInitScript(watchFrame);
  await frameHost(page, 720, '#graph=relu&x=2&dout=1.5');
  await page.goto('/embed-host.html');
  const frame = inFrame(page);
  await expect(frame.locator('backprop-graph')).toHaveAttribute('ready', '');
  const seen = await frame.evaluate(() => ({prerendered: window.__prerendered, shown: [...window.__shown], off: document.documentElement.dataset.prerender,
    left: document.querySelectorAll('backprop-graph > .prerender').length}));
  expect(seen.off).toBe('off');
  // Parsed but never displayed, at any frame; then removed.
  expect(Object.values(seen.prerendered).map((p) => p.display)).toEqual(['none', 'none']);
  expect(seen.shown.filter((s) => !s.startsWith('live '))).toEqual([]);
  expect(seen.shown.at(-1)).toBe('live ReLU: value 2, gradient 1.5000');
  expect(seen.left).toBe(0);
  const cli = cliTrace('relu', 2, 1.5);
  const relu = frame.getByRole('img', {name: /^ReLU:/});
  expect(Number(await relu.getAttribute('data-value'))).toBe(cli.output);
  expect(Number(await frame.getByRole('img', {name: /^x:/}).getAttribute('data-grad'))).toBe(cli.grads.x);
});

test('embed.html: a hash that names the default state keeps the prerendered figure; a dark screen does not', async ({browser}) => {
  for (const [scheme, hash, kept] of [['light', '#graph=sigmoid-steps&x=0.50&dout=1&step=end&lang=en', true], ['dark', '', false], ['dark', '#theme=light', true]]) {
    const context = await browser.newContext({colorScheme: scheme, reducedMotion: 'reduce'});
    const page = await context.newPage();
    await page.addInitScript(watchFrame);
    await page.goto(`/embed.html${hash}`);
    await expect(page.locator('backprop-graph')).toHaveAttribute('ready', '');
    const seen = await page.evaluate(() => ({prerendered: window.__prerendered, shown: [...window.__shown],
      theme: document.querySelector('backprop-graph').shadowRoot.querySelector('.frame').dataset.theme}));
    expect(seen.prerendered.wide.display, `${scheme} ${hash}`).toBe(kept ? 'block' : 'none');
    expect(seen.shown.filter((s) => !s.startsWith('live ')), `${scheme} ${hash}`).toEqual(kept ? ['wide'] : []);
    expect(seen.theme).toBe(kept ? 'light' : 'dark');
    await context.close();
  }
});
