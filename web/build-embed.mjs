// web/build-embed.mjs: the embeddable figure, called by web/build.mjs after
// the page (build/site is fresh by then).
//
//   dist/backprop-graph.js        <backprop-graph>, an ES module (the WebAssembly
//                                 core inside, deflated, base64; both squeezed by
//                                 web/minify.mjs) and its one import:
//   dist/backprop-graph-shared.js the modules that the element, its chunks and the
//                                 command line share (SHARED below), once
//   dist/backprop-graph-extras.js the panels and the SVG/PNG export, which the
//                                 element fetches from beside itself on first use
//   dist/backprop-graph-layer.js  the layer figure (layer="relu" …), which the
//                                 element and the page fetch from beside
//                                 themselves the first time they show a layer
//   dist/backprop-graph-code.js   the code view, Fig. 7's derivation and the nodes'
//                                 explanations, fetched the same way on first use
//   dist/backprop-network.js      <backprop-network>, the network that learns (its
//                                 own WebAssembly module inside; its one point's
//                                 layer view imported from the layer file beside it;
//                                 neither imports the shared file)
//   dist/backprop-graph-fences.js the reader of Markdown fences tagged backprop,
//                                 fetched the same way by a page that has one
//   dist/backprop-graph.d.ts      the element's types, for the npm package
//   dist/backprop-viz.mjs         the package's command line: backprop-viz svg
//                                 (its core read from backprop-graph.js beside it,
//                                 its modules from the shared file)
//   build/site/backprop-graph*.js the same files, for the served pages
//   build/site/embed.html, embed.js   the iframe form (#graph=…&x=…), with the
//                                 default figure drawn inside, and embed-first.js
//   build/site/demo/              the demo post (web/demo/)
import {build} from 'esbuild';
import {chmodSync, copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {gzipSync} from 'node:zlib';
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {squeeze, deflateSmallest} from './minify.mjs';
import {packedCore} from './src/svg/packed-core.js';
import {compactCss} from './src/svg/styles.js';
import {prerenderElement} from './src/svg/prerender.js';

const BANNER = '// <backprop-graph> from backprop-viz: live backpropagation figures, the C core inside as WebAssembly.';

const LAYER_BANNER = '// <backprop-graph> layer figure (ReLU, Sigmoid, Affine, Softmax-with-Loss over matrices), loaded by backprop-graph.js and the page on first use.';
const PREDICT_BANNER = '// <backprop-graph> predict mode (each gradient waits for the reader\'s answer), loaded by backprop-graph.js and the page on first use.';
const CODE_BANNER = '// <backprop-graph> code view (the post\'s Python classes and the C core\'s lines), Fig. 7\'s derivation and the nodes\' explanations, loaded by backprop-graph.js on first use.';
const FENCES_BANNER = '// <backprop-graph> Markdown fences (```backprop), loaded by backprop-graph.js from beside it on a page that has one.';

const NETWORK_BANNER = '// <backprop-network> from backprop-viz: a network that learns, its backprop visible; the C core inside as WebAssembly.';

const CLI_BANNER = '#!/usr/bin/env node';

const SHARED_BANNER = '// <backprop-graph> shared modules (the core\'s calls, the words, numbers and notation), imported by backprop-graph.js and the files beside it.';

const PANELS_BANNER = '// <backprop-graph> extras (panels, SVG and PNG export), loaded by backprop-graph.js from beside it on first use.';

// A stylesheet (with what it imports), minified, as a string module.
export async function minifiedCss(args) {
  const css = await build({entryPoints: [args.path], bundle: true, minify: true, write: false, logLevel: 'warning'});
  return {contents: css.outputFiles[0].text, loader: 'text'};
}

// Imports of FILES (paths under web/src/), as imports of CHUNK beside the
// bundle (which exports what its importers use): one copy of them in the
// package and in the reader's cache.
export function fromChunk(b, src, files, chunk) {
  const wanted = new Set(files.map((f) => path.join(src, f)));
  b.onResolve({filter: /\.js$/}, (args) => (wanted.has(path.resolve(args.resolveDir, args.path))
    ? {path: chunk, external: true} : undefined));
}
// The network's one point shows its layers with the layer file's view.
export const LAYER_VIEW = ['figure/layer-view.js'];

// The modules that several files of the package use, with what they import:
// the core's calls, the figure's words and numbers, the attributes' grammar,
// the notation, the graph's drawing and layout. backprop-graph-shared.js
// carries them once (only what the others import from them), and the
// element, its chunks and the command line import them from beside
// themselves: the element statically (its one import), the rest when they
// load. (The layer file and the network carry their own copies; see below.)
export const SHARED = ['core/core.js', 'core/packed.js', 'words/figure.js', 'words/figure-ko.js', 'words/ops.js', 'model/number.js',
  'model/state.js', 'model/symbols.js', 'model/timeline.js', 'views/notation.js', 'views/formula.js', 'figure/player.js', 'element/config.js',
  'views/graph.js', 'figure/source.js'];
const SHARED_FILE = './backprop-graph-shared.js';

// SHARED and the modules they import, as paths under SRC.
export async function sharedModules(src) {
  const {metafile} = await build({stdin: {contents: SHARED.map((f) => `export * from './${f}';`).join('\n'), resolveDir: src},
    bundle: true, write: false, metafile: true, format: 'esm', absWorkingDir: src, logLevel: 'warning'});
  return Object.keys(metafile.inputs).filter((f) => !f.startsWith('<'));
}

// The names the built FILES import from the shared file (they are minified:
// import{a as b,c}from"./backprop-graph-shared.js").
function sharedNames(files) {
  const names = new Set();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const from = [...text.matchAll(/\b(?:import|export)\s*\{([^}]*)\}\s*from\s*["']\.\/backprop-graph-shared\.js["']/g)];
    if (from.length !== text.split('backprop-graph-shared.js').length - 1) throw new Error(`web/build-embed.mjs: ${path.basename(file)} imports the shared file in a way the build does not read`);
    for (const [, list] of from) for (const item of list.split(',')) names.add(item.trim().split(/\s+as\s+/)[0]);
  }
  return names;
}

// The shared file's entry: of each of MODULES (under SRC), the NAMES it exports.
async function sharedEntry(src, modules, names) {
  const lines = [];
  const left = new Set(names);
  for (const file of modules) {
    const {metafile} = await build({entryPoints: [path.join(src, file)], write: false, metafile: true, format: 'esm', outdir: 'x', logLevel: 'warning'});
    const mine = Object.values(metafile.outputs)[0].exports.filter((name) => names.has(name));
    for (const name of mine) {
      if (!left.delete(name)) throw new Error(`web/build-embed.mjs: two shared modules export ${name}; rename one`);
    }
    if (mine.length) lines.push(`export {${mine.join(', ')}} from './${file}';`);
  }
  if (left.size) throw new Error(`web/build-embed.mjs: no shared module exports ${[...left].join(', ')}`);
  return lines.join('\n');
}

export async function buildEmbed({root, site, module, core}) {
  const wasm = readFileSync(path.join(root, 'build', 'wasm', 'backprop-core.wasm'));
  const packed = (await deflateSmallest(wasm)).toString('base64');
  const dist = path.join(root, 'dist');
  const src = path.join(root, 'web', 'src');
  mkdirSync(dist, {recursive: true});
  const shared = await sharedModules(src);
  const fromShared = {name: 'from-shared', setup(b) { fromChunk(b, src, shared, SHARED_FILE); }};
  // Bundle ENTRY (a file under web/src/, or {contents} of a module there)
  // into dist/NAME, squeezed, and serve it too. It imports the shared
  // modules from the shared file, unless it is `whole`.
  async function distFile(name, entry, banner, plugin, {whole = false} = {}) {
    const file = path.join(dist, name);
    const from = typeof entry === 'string' ? {entryPoints: [path.join(src, entry)]} : {stdin: {...entry, resolveDir: src}};
    await build({...from, outfile: file, ...module, loader: {'.css': 'text'}, banner: {js: banner},
      plugins: [plugin, !whole && fromShared].filter(Boolean),
      external: ['./backprop-graph-*.js']}); // the chunks beside it, imported as they are
    await squeeze(file, {banner});
    copyFileSync(file, path.join(site, name));
    return file;
  }
  // The virtual module `backprop:wasm`: the core, deflated, as base64 text.
  const inlineWasm = (b) => {
    b.onResolve({filter: /^backprop:wasm$/}, () => ({path: 'wasm', namespace: 'backprop'}));
    b.onLoad({filter: /.*/, namespace: 'backprop'}, () => ({contents: `export default ${JSON.stringify(packed)};`, loader: 'js'}));
  };
  const out = await distFile('backprop-graph.js', 'element/backprop-graph.js', BANNER, {
    name: 'inline-wasm',
    setup(b) {
      inlineWasm(b);
      // views/graph.js's share of d3-selection (see mini-selection.js).
      b.onResolve({filter: /^d3-selection$/}, () => ({path: path.join(root, 'web', 'src', 'views', 'mini-selection.js')}));
      // The shadow root's stylesheet (with graph.css, which it imports),
      // minified, as a string.
      b.onLoad({filter: /element\.css$/}, minifiedCss);
    },
  });
  // The panels (panels="check,plot") and the export, fetched by the element
  // from beside itself only when a reader asks for one.
  const cssText = {name: 'css-text', setup(b) { b.onLoad({filter: /\.css$/}, minifiedCss); }};
  const panels = await distFile('backprop-graph-extras.js', 'element/extras.js', PANELS_BANNER, cssText);
  // The layer figure, for the element and the page alike (build/site has
  // it beside app.js too). The page and <backprop-network> load it without
  // the element, so it is whole: they need not fetch the shared file (of
  // which they would use a little) for it.
  const layer = await distFile('backprop-graph-layer.js', 'figure/layer-chunk.js', LAYER_BANNER, cssText, {whole: true});
  // The code view, Fig. 7 and the explanations (a code or fig7 attribute, a
  // node focused or hovered), the same way.
  const code = await distFile('backprop-graph-code.js', 'figure/code-chunk.js', CODE_BANNER, cssText);
  const fences = await distFile('backprop-graph-fences.js', 'element/fences.js', FENCES_BANNER);
  // Predict mode (mode="predict"), for the element and the page alike.
  const predict = await distFile('backprop-graph-predict.js', 'figure/predict.js', PREDICT_BANNER, cssText);
  // <backprop-network>: a file of its own, with the network's module inside.
  const netPacked = (await deflateSmallest(readFileSync(path.join(root, 'build', 'wasm', 'backprop-net.wasm')))).toString('base64');
  const network = await distFile('backprop-network.js', 'net/backprop-network.js', NETWORK_BANNER, {
    name: 'network',
    setup(b) {
      b.onResolve({filter: /^backprop:net-wasm$/}, () => ({path: 'net-wasm', namespace: 'backprop'}));
      b.onLoad({filter: /.*/, namespace: 'backprop'}, () => ({contents: `export default ${JSON.stringify(netPacked)};`, loader: 'js'}));
      b.onLoad({filter: /\.css$/}, minifiedCss);
      fromChunk(b, src, LAYER_VIEW, './backprop-graph-layer.js');
    },
  }, {whole: true}); // (as the layer file: a page may have the network alone)
  copyFileSync(path.join(root, 'web', 'src', 'element', 'backprop-graph.d.ts'), path.join(dist, 'backprop-graph.d.ts'));
  // The package's command line (backprop-viz svg), for node, with the
  // stylesheets as written, compacted (svg/styles.js reads them). Its core is the
  // element's, read from dist/backprop-graph.js beside it (one copy in the
  // package): make sure svg/packed-core.js finds there what was packed.
  if (packedCore(readFileSync(out, 'utf8')) !== packed) throw new Error('web/build-embed.mjs: svg/packed-core.js does not find the core in dist/backprop-graph.js');
  // Its words, the attributes' grammar and the core's calls are the shared
  // file's, imported from beside it.
  const cli = path.join(dist, 'backprop-viz.mjs');
  await build({entryPoints: [path.join(root, 'web', 'src', 'svg', 'cli.js')], outfile: cli, bundle: true, minify: true,
    format: 'esm', platform: 'node', target: 'node18', legalComments: 'none', logLevel: 'warning',
    banner: {js: CLI_BANNER}, plugins: [fromShared, {name: 'css', setup(b) {
      // The stylesheets as svg/styles.js reads them, less their comments.
      // Of element.css, only the frame's two rules, which are all it reads;
      // of layer.css, the layer figure's colours and the exported drawing's rules.
      b.onLoad({filter: /\.css$/}, (args) => {
        const css = compactCss(readFileSync(args.path, 'utf8'));
        const rule = (sel) => {
          const i = css.indexOf(`${sel} {`);
          if (i < 0) throw new Error(`web/build-embed.mjs: ${path.basename(args.path)} has no "${sel}" rule`);
          return css.slice(i, css.indexOf('}', i) + 1);
        };
        if (args.path.endsWith('element.css')) return {contents: `${rule('.frame')}\n${rule('.frame[data-theme="dark"]')}\n`, loader: 'text'};
        if (args.path.endsWith('layer.css')) {
          const drawing = css.match(/(?<=^|\} )svg\.layer-svg [^{]*\{[^}]*\}/g);
          return {contents: [rule('.layer-figure'), rule('.frame[data-theme="dark"] .layer-figure'), ...drawing].join('\n'), loader: 'text'};
        }
        return {contents: css, loader: 'text'};
      });
    }}]});
  await squeeze(cli); // (terser keeps the #! line)
  chmodSync(cli, 0o755);
  // The shared file: of the shared modules, what the others import.
  const names = sharedNames([out, panels, code, fences, predict, cli]);
  const sharedFile = await distFile('backprop-graph-shared.js', {contents: await sharedEntry(src, shared, names)}, SHARED_BANNER, null, {whole: true});
  execFileSync(process.execPath, [cli, '--help'], {stdio: 'ignore'}); // links: the shared file has every name it imports
  writeEmbedPage({root, site, core});
  // Its one blocking script, which hides that picture where the hash asks
  // for another figure (element/embed-first.js).
  await build({entryPoints: [path.join(root, 'web', 'src', 'element', 'embed-first.js')], outfile: path.join(site, 'embed-first.js'),
    ...module, format: 'iife'});
  // The iframe page's script, with state.js's grammar inside; the element it
  // imports stays the file above.
  await build({entryPoints: [path.join(root, 'web', 'src', 'element', 'embed-page.js')], outfile: path.join(site, 'embed.js'),
    ...module, external: ['./backprop-graph.js']});
  // Its stylesheet, with the element's (which styles that picture) inside.
  await build({entryPoints: [path.join(root, 'web', 'embed.css')], outfile: path.join(site, 'embed.css'), bundle: true, minify: true, logLevel: 'warning'});
  copyFileSync(path.join(root, 'web', 'favicon.svg'), path.join(site, 'favicon.svg')); // an icon from 'self', for strict CSP pages
  cpSync(path.join(root, 'web', 'demo'), path.join(site, 'demo'), {recursive: true});
  const bytes = (file) => gzipSync(readFileSync(file), {level: 9}).length;
  const kb = (file) => (bytes(file) / 1024).toFixed(1);
  console.log(`dist/backprop-graph.js: ${((bytes(out) + bytes(sharedFile)) / 1024).toFixed(1)} KB gzip with the backprop-graph-shared.js it imports (${kb(out)} KB + ${kb(sharedFile)} KB; target 50 KB, everything but the network; 40 KB before predict mode and the code view); loaded on first use: backprop-graph-extras.js ${kb(panels)} KB, backprop-graph-layer.js ${kb(layer)} KB, backprop-graph-code.js ${kb(code)} KB, backprop-graph-fences.js ${kb(fences)} KB, backprop-graph-predict.js ${kb(predict)} KB`);
  console.log(`dist/backprop-network.js: ${kb(network)} KB gzip (target 45 KB)`);
}

// The graph widths embed.html carries a drawing for (embed.css shows one):
// a 720 px iframe's, the least at which the graph is drawn left to right
// (wider, the element spreads its nodes; narrower, it scales the drawing
// down, as embed.css does this one), and a 280 px iframe's, drawn top to
// bottom: its nodes are in the middle at any width, so that it is the
// element's at every width up to the wide one's; less the frame's borders
// and paddings and the 2 px the element keeps (28 px).
export const EMBED_WIDTHS = {narrow: 280 - 28, wide: 720 - 28};

// embed.html with the element's default figure inside, drawn by
// svg/prerender.js with the core under node: its light-DOM children, which
// it shows until its first render draws the same in its shadow root.
function writeEmbedPage({root, site, core}) {
  const from = '<backprop-graph></backprop-graph>';
  let html = readFileSync(path.join(root, 'web', 'embed.html'), 'utf8');
  if (!html.includes(from)) throw new Error(`web/build-embed.mjs: web/embed.html has no ${from}`);
  const pictures = Object.entries(EMBED_WIDTHS).map(([name, width]) => prerenderElement(core, {width})
    .replace('<div class="frame"', `<div class="frame prerender ${name}"`));
  html = html.replace(from, () => `<backprop-graph>${pictures.join('')}</backprop-graph>`);
  writeFileSync(path.join(site, 'embed.html'), html);
}
