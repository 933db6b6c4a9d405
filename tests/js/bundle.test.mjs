// The element's bundle (dist/backprop-graph.js) reaches no page-only code by
// any import chain: esbuild's own account of what it bundles, from the
// element's entry, with the build's resolution (web/build-embed.mjs).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {fromChunk, LAYER_VIEW, sharedModules} from '../../web/build-embed.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('the element bundles the figure\'s words and views, none of the page\'s', async () => {
  const result = await build({
    entryPoints: [path.join(root, 'web/src/element/backprop-graph.js')],
    bundle: true, write: false, metafile: true, format: 'esm', logLevel: 'silent', loader: {'.css': 'text'},
    plugins: [{
      name: 'as-the-build',
      setup(b) {
        b.onResolve({filter: /^backprop:wasm$/}, () => ({path: 'wasm', namespace: 'stub'}));
        b.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default ""', loader: 'js'}));
        b.onResolve({filter: /^d3-selection$/}, () => ({path: path.join(root, 'web/src/views/mini-selection.js')}));
      },
    }],
    external: ['./backprop-graph-*.js'], // the chunks beside it, as the build keeps them
  });
  const files = Object.keys(result.metafile.inputs).filter((f) => f.startsWith('web/src/')).map((f) => f.slice('web/src/'.length));
  assert.deepEqual(files.filter((f) => f.startsWith('words/')).sort(), ['words/figure-ko.js', 'words/figure.js', 'words/ops.js']);
  assert.deepEqual(files.filter((f) => f.startsWith('page/')), []);
  for (const pageView of ['views/steps.js', 'views/expr-steps.js', 'views/check.js', 'views/expr-check.js', 'views/plot.js', 'views/mathml.js']) {
    assert.ok(!files.includes(pageView), pageView);
  }
  assert.ok(files.includes('views/formula.js') && files.includes('core/core.js'), files.join(' '));
  // Layer mode is its own file (figure/layer-chunk.js), and LaTeX the extras':
  // the element's carries neither, nor the matrix grammar.
  for (const lazy of ['model/matrix.js', 'model/layer.js', 'words/layer.js', 'views/latex.js', 'figure/exporting.js']) assert.ok(!files.includes(lazy), lazy);
  assert.deepEqual(files.filter((f) => /\blayer/.test(f)), []);
  // The code view, Fig. 7 and the explanations are the code chunk's: the
  // element carries only the nodes' focus (figure/node-focus.js).
  for (const lazy of ['figure/code-view.js', 'figure/code-source.js', 'figure/explain.js', 'views/fig7.js', 'words/code.js', 'views/code.css']) {
    assert.ok(!files.includes(lazy), lazy);
  }
  assert.ok(files.includes('figure/node-focus.js'));
});

// The files under web/src/ that a chunk's entry bundles.
async function chunkFiles(entry) {
  const result = await build({
    entryPoints: [path.join(root, 'web/src', entry)],
    bundle: true, write: false, metafile: true, format: 'esm', logLevel: 'silent', loader: {'.css': 'text'},
  });
  return Object.keys(result.metafile.inputs).filter((f) => f.startsWith('web/src/')).map((f) => f.slice('web/src/'.length));
}

test('the code file carries the code view, Fig. 7 and the explanations, and no page code', async () => {
  const files = await chunkFiles('figure/code-chunk.js');
  assert.deepEqual(files.filter((f) => f.startsWith('page/')), []);
  for (const part of ['figure/code-view.js', 'figure/code-source.js', 'figure/explain.js', 'views/fig7.js', 'words/code.js', 'views/code.css']) {
    assert.ok(files.includes(part), part);
  }
});

test('the layer file carries the layer figure and no page code', async () => {
  const files = await chunkFiles('figure/layer-chunk.js');
  assert.deepEqual(files.filter((f) => f.startsWith('page/')), []);
  assert.ok(!files.includes('words/page.js'));
  for (const part of ['figure/layer-figure.js', 'model/matrix.js', 'views/layer-grids.js', 'words/layer.js', 'core/core.js']) assert.ok(files.includes(part), part);
});

// What a bundle puts in its output: the files under web/src/ whose code it keeps.
async function kept(entry, setup = () => {}) {
  const result = await build({
    entryPoints: [path.join(root, entry)], bundle: true, write: false, metafile: true, format: 'esm', logLevel: 'silent', loader: {'.css': 'text'},
    plugins: [{name: 'as-the-build', setup(b) {
      b.onResolve({filter: /^backprop:/}, () => ({path: 'wasm', namespace: 'stub'}));
      b.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default ""', loader: 'js'}));
      setup(b);
    }}],
    external: ['./backprop-graph-*.js', './network.js'],
  });
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  return Object.keys(inputs).filter((f) => f.startsWith('web/src/') && inputs[f].bytesInOutput > 0).map((f) => f.slice('web/src/'.length));
}

test('the network files import the one point\'s layer view from the layer file, carry neither the graph core nor layer mode\'s editor; the graph element and the page none of the network', async () => {
  const besideLayer = (b) => fromChunk(b, path.join(root, 'web/src'), LAYER_VIEW, './backprop-graph-layer.js'); // as the build
  for (const entry of ['web/src/net/backprop-network.js', 'web/src/net/network.js']) {
    const net = await kept(entry, besideLayer);
    for (const part of ['figure/layer-figure.js', 'views/layer-grids.js', 'views/layer-formula.js', 'words/layer-view.js', 'core/core.js', 'words/layer.js', 'views/layer-svg.js', 'figure/core-layer-figure.js']) {
      assert.ok(!net.includes(part), `${entry}: ${part}`);
    }
    assert.ok(net.includes('net/net-sample.js') && net.includes('net/net-core.js'), entry);
  }
  // …which the layer file exports (figure/layer-chunk.js).
  const layerFile = await build({entryPoints: [path.join(root, 'web/src/figure/layer-chunk.js')], bundle: true, write: false, metafile: true,
    outdir: 'out', format: 'esm', logLevel: 'silent', loader: {'.css': 'text'}});
  const exported = Object.values(layerFile.metafile.outputs)[0].exports;
  for (const name of ['createLayerView', 'adoptLayerSheet', 'layerSteps', 'layerTranslator']) assert.ok(exported.includes(name), name);
  const element = await kept('web/src/element/backprop-graph.js', (b) => b.onResolve({filter: /^d3-selection$/}, () => ({path: path.join(root, 'web/src/views/mini-selection.js')})));
  assert.deepEqual(element.filter((f) => f.startsWith('net/')), []);
  const page = await kept('web/src/page/main.js');
  assert.deepEqual(page.filter((f) => f.startsWith('net/') || /layer-(figure|grids|view)/.test(f)), []);
});

// The package's files, built as web/build-embed.mjs builds them: each module
// the shared file carries is in no other file, which import it from there;
// the layer file and the network (loaded without the element) carry their own.
test('the shared file\'s modules are in no other file of the package; the layer file and the network import none', async () => {
  const src = path.join(root, 'web/src');
  const shared = await sharedModules(src);
  for (const part of ['core/core.js', 'words/figure.js', 'model/number.js', 'model/state.js', 'views/graph.js', 'layout/dag.js']) {
    assert.ok(shared.includes(part), part);
  }
  const asTheBuild = (b) => {
    fromChunk(b, src, shared, './backprop-graph-shared.js');
    b.onResolve({filter: /^d3-selection$/}, () => ({path: path.join(src, 'views/mini-selection.js')}));
    b.onResolve({filter: /^node:/}, (args) => ({path: args.path, external: true})); // (the command line's)
  };
  for (const entry of ['element/backprop-graph.js', 'element/extras.js', 'figure/code-chunk.js', 'figure/predict.js', 'element/fences.js', 'svg/cli.js']) {
    const files = await kept(`web/src/${entry}`, asTheBuild);
    assert.deepEqual(files.filter((f) => shared.includes(f)), [], entry);
  }
  // The network's layer view comes from the layer file, as the build has it.
  const besideLayer = (b) => fromChunk(b, src, LAYER_VIEW, './backprop-graph-layer.js');
  for (const entry of ['figure/layer-chunk.js', 'net/backprop-network.js']) {
    const result = await build({entryPoints: [path.join(src, entry)], bundle: true, write: false, metafile: true, format: 'esm', logLevel: 'silent',
      loader: {'.css': 'text'}, external: ['./backprop-graph-*.js'], plugins: [{name: 'as-the-build', setup(b) {
        b.onResolve({filter: /^backprop:/}, () => ({path: 'wasm', namespace: 'stub'}));
        b.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default ""', loader: 'js'}));
        besideLayer(b);
      }}]});
    assert.ok(!result.outputFiles[0].text.includes('backprop-graph-shared.js'), entry);
  }
});
