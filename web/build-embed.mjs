// web/build-embed.mjs: the embeddable figure, called by web/build.mjs after
// the page (build/site is fresh by then).
//
//   dist/backprop-graph.js        <backprop-graph>, one self-contained ES module
//                                 (the WebAssembly core inside, deflated, base64;
//                                 both squeezed by web/minify.mjs)
//   dist/backprop-graph-extras.js the panels and the SVG/PNG export, which the
//                                 element fetches from beside itself on first use
//   dist/backprop-graph-layer.js  the layer figure (layer="relu" …), which the
//                                 element and the page fetch from beside
//                                 themselves the first time they show a layer
//   dist/backprop-graph-code.js   the code view, Fig. 7's derivation and the nodes'
//                                 explanations, fetched the same way on first use
//   dist/backprop-network.js      <backprop-network>, the network that learns (its
//                                 own WebAssembly module inside; its one point's
//                                 layer view imported from the layer file beside it)
//   dist/backprop-graph-fences.js the reader of Markdown fences tagged backprop,
//                                 fetched the same way by a page that has one
//   dist/backprop-graph.d.ts      the element's types, for the npm package
//   dist/backprop-viz.mjs         the package's command line: backprop-viz svg
//                                 (its core read from backprop-graph.js beside it)
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
const fromFences = (b, src, files) => fromChunk(b, src, files, './backprop-graph-fences.js');
// The network's one point shows its layers with the layer file's view.
export const LAYER_VIEW = ['figure/layer-view.js'];

export async function buildEmbed({root, site, module, core}) {
  const wasm = readFileSync(path.join(root, 'build', 'wasm', 'backprop-core.wasm'));
  const packed = (await deflateSmallest(wasm)).toString('base64');
  const dist = path.join(root, 'dist');
  const src = path.join(root, 'web', 'src');
  mkdirSync(dist, {recursive: true});
  // Bundle web/src/ENTRY into dist/NAME, squeezed, and serve it too.
  async function distFile(name, entry, banner, plugin) {
    const file = path.join(dist, name);
    await build({entryPoints: [path.join(root, 'web', 'src', entry)], outfile: file, ...module,
      loader: {'.css': 'text'}, banner: {js: banner}, plugins: plugin ? [plugin] : [],
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
  // Their words are the fences chunk's (words/figure.js: it exports them),
  // imported from beside them rather than carried twice.
  const panels = await distFile('backprop-graph-extras.js', 'element/extras.js', PANELS_BANNER, {name: 'extras', setup(b) {
    cssText.setup(b);
    fromFences(b, src, ['words/figure.js']);
  }});
  // The layer figure, for the element and the page alike (build/site has
  // it beside app.js too).
  const layer = await distFile('backprop-graph-layer.js', 'figure/layer-chunk.js', LAYER_BANNER, cssText);
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
  });
  copyFileSync(path.join(root, 'web', 'src', 'element', 'backprop-graph.d.ts'), path.join(dist, 'backprop-graph.d.ts'));
  // The package's command line (backprop-viz svg), for node, with the
  // stylesheets as written, compacted (svg/styles.js reads them). Its core is the
  // element's, read from dist/backprop-graph.js beside it (one copy in the
  // package): make sure svg/packed-core.js finds there what was packed.
  if (packedCore(readFileSync(out, 'utf8')) !== packed) throw new Error('web/build-embed.mjs: svg/packed-core.js does not find the core in dist/backprop-graph.js');
  // Its words and the attributes' grammar are the fences chunk's (which
  // exports what the command line uses), imported from beside it.
  const cli = path.join(dist, 'backprop-viz.mjs');
  await build({entryPoints: [path.join(root, 'web', 'src', 'svg', 'cli.js')], outfile: cli, bundle: true, minify: true,
    format: 'esm', platform: 'node', target: 'node18', legalComments: 'none', logLevel: 'warning',
    banner: {js: CLI_BANNER}, plugins: [{name: 'from-fences', setup(b) {
      fromFences(b, src, ['words/figure.js', 'words/figure-ko.js', 'model/state.js']);
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
  execFileSync(process.execPath, [cli, '--help'], {stdio: 'ignore'}); // links: the fences chunk has every name it imports
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
  const gz = gzipSync(readFileSync(out), {level: 9}).length;
  const kb = (file) => (gzipSync(readFileSync(file), {level: 9}).length / 1024).toFixed(1);
  console.log(`dist/backprop-graph.js: ${(gz / 1024).toFixed(1)} KB gzip (target 50 KB, everything but the network; 40 KB before predict mode and the code view); loaded on first use: backprop-graph-extras.js ${kb(panels)} KB, backprop-graph-layer.js ${kb(layer)} KB, backprop-graph-code.js ${kb(code)} KB, backprop-graph-fences.js ${kb(fences)} KB, backprop-graph-predict.js ${kb(predict)} KB`);
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
