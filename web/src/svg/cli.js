// svg/cli.js: the `backprop-viz` command of the npm package (built as
// dist/backprop-viz.mjs; its WebAssembly core is the one inside
// dist/backprop-graph.js, beside it, read by svg/packed-core.js; the modules it
// shares with the element, from dist/backprop-graph-shared.js): a figure as a
// standalone SVG, for feeds, print, slides and papers, the same file as the
// figure's SVG button saves.
//
//   backprop-viz svg --graph sigmoid-steps --x 0.5 --step 5 > fig3.svg
//   backprop-viz svg --expr '(x+y)*z' --vars x=-2,y=5,z=-4 --theme dark --lang ko
//   backprop-viz svg --layer relu --x '1,-0.5;-2,3' --step 6
//
// Values are read with the element's attribute grammar (model/state.js);
// a layer's, and its picture, by the layer figure's file beside this one
// (dist/backprop-graph-layer.js), imported only for --layer.
// Bad arguments: one line on stderr, exit status 2, as the backprop CLI.
import {inflateRawSync} from 'node:zlib';
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath, pathToFileURL} from 'node:url';
import GRAPH_CSS from '../views/graph.css';
import ELEMENT_CSS from '../element/element.css';
import LAYER_CSS from '../views/layer.css';
import {instantiateCore} from '../core/core.js';
import {parseValue} from '../model/state.js';
import {translator, addFigureWords} from '../words/figure.js';
import {FIGURE_KO} from '../words/figure-ko.js';
import {renderSvg, renderLayerSvg} from './render.js';
import {formatNumber} from '../model/number.js';
import {packedCore} from './packed-core.js';

const USAGE = `usage: backprop-viz svg [--graph relu|sigmoid|sigmoid-steps | --expr EXPR [--vars x=1,y=2]]
                        [--x X] [--dout G] [--step N|end] [--theme light|dark] [--lang en|ko]
                        [--width PX] [--out FILE]
       backprop-viz svg --layer relu|sigmoid|affine|softmax-loss [--x M] [--dout M]
                        [--w M] [--b M] [--t M | --t-index I] [--step N|end] [--theme …] [--lang …] [--out FILE]
Draws the figure a <backprop-graph> with those attributes shows, as a standalone SVG
(to standard output, or FILE). Defaults: sigmoid-steps, x 0.5, dout 1, every step,
light, en, 720 px wide; a layer's matrices (M: rows by ;, as 1,-0.5;-2,3) the book's.`;

addFigureWords('ko', FIGURE_KO); // --lang ko

const OPTIONS = ['graph', 'expr', 'vars', 'x', 'dout', 'step', 'theme', 'lang', 'width', 'out', 'layer', 'w', 'b', 't', 't-index'];
// The options a layer's file reads (with --layer), and those that only a graph has.
const LAYER_OPTIONS = ['layer', 'x', 'dout', 'w', 'b', 't', 't-index'];
const GRAPH_OPTIONS = ['graph', 'expr', 'vars', 'width'];
// Each layer's matrices (as the native CLI's `backprop layer` takes them).
const LAYER_TAKES = {relu: ['x', 'dout'], sigmoid: ['x', 'dout'], affine: ['x', 'w', 'b', 'dout'], 'softmax-loss': ['x', 't', 't-index']};

class UsageError extends Error {}
class CoreMissing extends Error {}

// argv (after "svg") -> the renderer's options, the output file, and with
// --layer the layer's options as [name, text] pairs (read by the layer's file).
export function readArguments(argv) {
  const t = translator('en');
  const options = {};
  let out = null;
  const pairs = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(argv[i]);
    if (!m || !OPTIONS.includes(m[1])) throw new UsageError(`unknown argument '${argv[i]}'`);
    const name = m[1];
    const text = m[2] ?? argv[++i];
    if (text == null) throw new UsageError(`--${name} needs a value`);
    if (pairs.some(([seen]) => seen === name)) throw new UsageError(`--${name} is given twice`);
    pairs.push([name, text]);
  }
  const given = (name) => pairs.find(([seen]) => seen === name)?.[1];
  const layer = given('layer');
  if (layer != null && LAYER_TAKES[layer.trim()]) {
    const takes = LAYER_TAKES[layer.trim()];
    for (const [name] of pairs) {
      if (takes.includes(name) || !LAYER_OPTIONS.includes(name) || name === 'layer') continue;
      throw new UsageError(`--${name} does not go with --layer ${layer.trim()} (it takes ${takes.map((n) => `--${n}`).join(', ')})`);
    }
    if (given('t') != null && given('t-index') != null) throw new UsageError('--t and --t-index do not go together: give one');
  }
  if (given('graph') != null && given('expr') != null) throw new UsageError('--graph and --expr do not go together: give one');
  if (given('vars') != null && given('expr') == null && layer == null) throw new UsageError('--vars goes with --expr');
  if (given('out') === '') throw new UsageError('--out needs a file name');
  for (const [name, text] of pairs) {
    if (layer != null && GRAPH_OPTIONS.includes(name)) throw new UsageError(`--${name} does not go with --layer`);
    if (layer == null && LAYER_OPTIONS.includes(name) && !['x', 'dout'].includes(name)) throw new UsageError(`--${name} goes with --layer only`);
    if (layer != null && LAYER_OPTIONS.includes(name)) continue;
    if (name === 'out') { out = text; continue; }
    if (name === 'width') {
      if (!/^\d{3,4}$/.test(text) || Number(text) < 240) throw new UsageError(`--width: '${text}' is not a width from 240 to 9999`);
      options.width = Number(text);
      continue;
    }
    const r = parseValue(name, text, {host: 'element'});
    if (!r.ok) throw new UsageError(`--${t(r.code, {...r.params, text, reason: t.reason(r.params.reason)})}`);
    options[name] = r.value;
  }
  if (options.vars) {
    const names = given('vars').split(',').map((item) => item.split('=')[0].trim()).filter(Boolean);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) throw new UsageError(`--vars: '${twice}' is given twice`);
  }
  return {options, out, layer: layer != null ? pairs.filter(([name]) => LAYER_OPTIONS.includes(name)) : null};
}

// A module beside this one (dist/NAME), or why it cannot be used.
async function beside(name, read) {
  const file = fileURLToPath(new URL(`./${name}`, import.meta.url));
  try {
    return await read(file);
  } catch (error) {
    throw new CoreMissing(`cannot read ${file}: ${error.message}`);
  }
}

// The layer's figure as SVG text, drawn with the layer figure's own file.
async function layerFigure(core, pairs, {step = null, theme = 'light', lang = 'en'}) {
  const chunk = await beside('backprop-graph-layer.js', (file) => import(pathToFileURL(file).href));
  const t = translator(lang);
  const fields = {};
  const errors = chunk.readLayerAttributes(pairs, fields, t);
  const {picture, errors: shapes} = errors.length ? {errors} : chunk.layerPictureOf(core, fields, {step, t, fmt: formatNumber});
  if (!picture) throw new UsageError((errors.length ? errors : shapes)[0]);
  return renderLayerSvg(picture, {layerSvg: chunk.layerSvg, layerCss: LAYER_CSS, elementCss: ELEMENT_CSS, theme});
}

// The core of the element's file beside this one (the package's dist/).
async function loadCore() {
  const element = fileURLToPath(new URL('./backprop-graph.js', import.meta.url));
  let packed;
  try {
    packed = packedCore(readFileSync(element, 'utf8'));
  } catch (error) {
    throw new CoreMissing(`cannot read the core from ${element}: ${error.message}`);
  }
  if (!packed) throw new CoreMissing(`${element} holds no WebAssembly core; is it from this package's build?`);
  return instantiateCore(inflateRawSync(Buffer.from(packed, 'base64')));
}

export async function main(argv) {
  if (argv[0] === '--help' || argv[0] === '-h' || (argv[0] === 'svg' && argv.includes('--help'))) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (argv[0] !== 'svg') {
    process.stderr.write(`backprop-viz: ${argv[0] ? `unknown command '${argv[0]}'` : 'no command'} (expected svg)\n${USAGE}\n`);
    return 2;
  }
  let args;
  try {
    args = readArguments(argv.slice(1));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`backprop-viz: ${error.message}\n`);
    return 2;
  }
  let core;
  try {
    core = await loadCore();
  } catch (error) {
    if (!(error instanceof CoreMissing)) throw error;
    process.stderr.write(`backprop-viz: ${error.message}\n`);
    return 1;
  }
  let svg;
  try {
    if (args.options.vars) unknownVars(core, args.options);
    svg = args.layer ? await layerFigure(core, args.layer, args.options)
      : renderSvg(core, args.options, {graphCss: GRAPH_CSS, elementCss: ELEMENT_CSS});
  } catch (error) {
    if (error instanceof UsageError || error instanceof CoreMissing) {
      process.stderr.write(`backprop-viz: ${error.message}\n`);
      return error instanceof UsageError ? 2 : 1;
    }
    if (!(error instanceof core.CoreError)) throw error;
    process.stderr.write(`backprop-viz: --expr: ${error.message}\n`); // the core's message, with the column
    return 2;
  }
  if (args.out) {
    try {
      writeFileSync(args.out, svg);
    } catch (error) {
      process.stderr.write(`backprop-viz: --out: cannot write ${args.out}: ${error.code === 'EISDIR' ? 'it is a directory' : error.message}\n`);
      return 1;
    }
  } else process.stdout.write(svg);
  return 0;
}

// --vars naming a variable the expression does not have: refused, as the
// native CLI refuses it (the element ignores it: an attribute may be ahead of its expression).
function unknownVars(core, {expr, vars}) {
  const graph = new core.Graph({expr});
  try {
    const extra = Object.keys(vars).find((name) => !graph.inputs.includes(name));
    if (extra) throw new UsageError(`--vars: the expression has no variable '${extra}' (it has ${graph.inputs.join(', ') || 'none'})`);
  } finally {
    graph.dispose();
  }
}

process.exitCode = await main(process.argv.slice(2));
