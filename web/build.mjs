// web/build.mjs: bundle the page into build/site/, ready to serve statically.
//
//   node web/build.mjs
//
// build/site/index.html, app.js (one minified ES module: the app and the D3
// submodules it uses), app.css and backprop.wasm: the standalone core module
// (build/wasm/backprop-core.wasm, no Emscripten JavaScript), loaded next to
// app.js through import.meta.url by core.js's instantiateCore.
// network.js and backprop-net.wasm (build/wasm/backprop-net.wasm): Network
// mode's figure and its own module, fetched the first time the mode is shown
// (with the layer file, backprop-graph-layer.js, whose view its one point uses).
// page-dag.js: the expressions' layered layout (layout/dag.js), fetched the
// first time the page shows an expression; page-export.js and words-ko.js
// the same way, on the first export and in Korean.
// Then web/build-embed.mjs: dist/backprop-graph.js (the <backprop-graph>
// element), dist/backprop-network.js, the iframe page embed.html (its first
// picture drawn the same way) and the demo post under demo/.
import {build} from 'esbuild';
import {copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {gzipSync} from 'node:zlib';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {squeeze} from './minify.mjs';
import {buildEmbed, fromChunk, minifiedCss, LAYER_VIEW} from './build-embed.mjs';
import {instantiateCore} from './src/core/core.js';
import {prerenderApp} from './src/svg/prerender.js';
import {escapeText} from './src/svg/mini-dom.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wasmDir = path.join(root, 'build', 'wasm');
const site = path.join(root, 'build', 'site');
const wasm = path.join(wasmDir, 'backprop-core.wasm');
const netWasm = path.join(wasmDir, 'backprop-net.wasm');

for (const file of [wasm, netWasm]) {
  if (!existsSync(file)) {
    console.error(`web/build.mjs: ${path.relative(root, file)} is missing. Build the WebAssembly core first:`);
    console.error('  ./dev build    (or: emcmake cmake -S . -B build/wasm && cmake --build build/wasm)');
    process.exit(1);
  }
}

const GRAPH_WIDTHS = {wide: 1034, narrow: 310}; // (see writePage)

// Both bundles, the page's and the element's, are built alike.
// V8's explicit compile hint (Chromium 136 on; a comment elsewhere).
const EAGER = '//# allFunctionsCalledOnLoad';
const MODULE = {bundle: true, minify: true, format: 'esm', target: 'es2022', legalComments: 'none', logLevel: 'warning'};

rmSync(site, {recursive: true, force: true});
mkdirSync(site, {recursive: true});

try {
  await build({
    entryPoints: [path.join(root, 'web', 'src', 'page', 'main.js')],
    outfile: path.join(site, 'app.js'),
    ...MODULE,
    external: ['./network.js'], // Network mode's file, beside app.js, fetched on first use
  });
  // Every function of app.js runs as the page starts, or may: Chromium then
  // compiles them all on the thread that streams the file in, not one by
  // one on the main thread as each is first called (measured: the first
  // live render some 17 ms sooner, bench/page.mjs's loads).
  await squeeze(path.join(site, 'app.js'), {banner: EAGER});
  // index.html's first script: compiles the core while the page loads (a classic script, async).
  await build({entryPoints: [path.join(root, 'web', 'src', 'page', 'core-start.js')], outfile: path.join(site, 'core-start.js'),
    ...MODULE, format: 'iife'});
  // The page's Korean, beside app.js, fetched when the page first speaks it.
  await build({entryPoints: [path.join(root, 'web', 'src', 'words', 'page-ko.js')], outfile: path.join(site, 'words-ko.js'), ...MODULE});
  // The page's SVG and PNG export, beside app.js, fetched on the first click.
  await build({entryPoints: [path.join(root, 'web', 'src', 'page', 'export-chunk.js')], outfile: path.join(site, 'page-export.js'), ...MODULE});
  // The expressions' layered layout, beside app.js, fetched when the page first shows one.
  await build({entryPoints: [path.join(root, 'web', 'src', 'layout', 'dag.js')], outfile: path.join(site, 'page-dag.js'), ...MODULE});
  await squeeze(path.join(site, 'page-dag.js'));
  await build({
    entryPoints: [path.join(root, 'web', 'src', 'net', 'network.js')],
    outfile: path.join(site, 'network.js'),
    ...MODULE,
    plugins: [{name: 'css-text', setup(b) {
      b.onLoad({filter: /\.css$/}, minifiedCss);
      // The one point's layer view: the layer file's, beside it (Layer mode's too).
      fromChunk(b, path.join(root, 'web', 'src'), LAYER_VIEW, './backprop-graph-layer.js');
    }}],
  });
  await squeeze(path.join(site, 'network.js'));
  await build({
    entryPoints: [path.join(root, 'web', 'app.css')],
    outfile: path.join(site, 'app.css'),
    bundle: true,
    minify: true,
    logLevel: 'warning',
  });
} catch {
  process.exit(1); // esbuild has printed the errors
}
const core = await instantiateCore(readFileSync(wasm)); // the first pictures' (index.html's, embed.html's)
await writePage();
copyFileSync(wasm, path.join(site, 'backprop.wasm'));
copyFileSync(netWasm, path.join(site, 'backprop-net.wasm'));

// index.html with its first picture: the default state's graph and
// chain-rule line drawn by svg/prerender.js, with the core under node, in
// place of the loading line; twice, for two widths of #graphs' content box,
// of which app.css shows one: at the page's full width (.page's max-width
// 1120 px, less its padding and the figure's) and on a 360 px phone (less
// the narrow screens' paddings), where app.js then draws the same elements.
async function writePage() {
  const wide = prerenderApp(core, {width: GRAPH_WIDTHS.wide});
  const narrow = prerenderApp(core, {width: GRAPH_WIDTHS.narrow});
  const graphs = `<div class="prerender wide">${wide.graphs}</div><div class="prerender narrow">${narrow.graphs}</div>`;
  const {chainLine} = wide;
  let html = readFileSync(path.join(root, 'web', 'index.html'), 'utf8');
  for (const [from, to] of [
    ['<div id="graphs" class="graphs"><p class="loading" data-t="loading">Loading…</p></div>', `<div id="graphs" class="graphs">${graphs}</div>`],
    ['<p class="chain-line" id="chain-line"></p>', `<p class="chain-line" id="chain-line">${escapeText(chainLine)}</p>`],
  ]) {
    if (!html.includes(from)) throw new Error(`web/build.mjs: web/index.html has no ${from}`);
    html = html.replace(from, () => to);
  }
  writeFileSync(path.join(site, 'index.html'), html);
}

let total = 0;
const sizes = ['app.js', 'core-start.js', 'app.css', 'backprop.wasm'].map((name) => {
  const bytes = readFileSync(path.join(site, name));
  const gz = gzipSync(bytes, {level: 9}).length;
  total += gz;
  return `${name} ${(gz / 1024).toFixed(1)} KB`;
});
const gz = (name) => (gzipSync(readFileSync(path.join(site, name)), {level: 9}).length / 1024).toFixed(1);
console.log(`build/site: ${sizes.join(', ')} (gzip); total ${(total / 1024).toFixed(1)} KB (target 60 KB); `
  + `Network mode loads network.js ${gz('network.js')} KB and backprop-net.wasm ${gz('backprop-net.wasm')} KB on first use, `
  + `Korean words-ko.js ${gz('words-ko.js')} KB, SVG and PNG export page-export.js ${gz('page-export.js')} KB, expressions' layout page-dag.js ${gz('page-dag.js')} KB`);

try {
  await buildEmbed({root, site, module: MODULE, core});
} catch (error) {
  if (!error.errors) console.error(error); // esbuild has printed its own
  process.exit(1);
}
