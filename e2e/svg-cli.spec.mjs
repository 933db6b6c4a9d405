// `backprop-viz svg` (dist/backprop-viz.mjs, the npm package's command line)
// draws, without a browser, the same file as a figure's SVG button in
// Chromium: for the same state, the two texts are equal, element for element
// and number for number.
import {test, expect, figureOnBlankPage} from './embed-fixtures.mjs';
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const CLI = fileURLToPath(new URL('../dist/backprop-viz.mjs', import.meta.url));

test.use({reducedMotion: 'reduce'});

const STATES = [
  {graph: 'sigmoid-steps', x: '0.5', dout: '1', step: '5'}, // Fig. 3 of the reference post
  {graph: 'sigmoid', x: '0.5', dout: '1'},
  {graph: 'relu', x: '-1', dout: '1.5', step: '1', theme: 'dark'},
  {graph: 'sigmoid-steps', x: '-800', dout: '1', lang: 'ko'}, // ∞ and NaN marked
  {expr: '(x+y)*z', vars: 'x=-2,y=5,z=-4', dout: '1', step: '3'},
  {expr: 'sigmoid(w0*x0 + w1*x1 + w2)', vars: 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3', dout: '1', theme: 'dark', lang: 'ko'},
  // The layers' grids, drawn by the layer figure's file (the command line imports it).
  {layer: 'relu', x: '1,-0.5;-2,3', dout: '1,1;1,1', step: '6'}, // the book's ReLU, through dx[0][1]
  {layer: 'affine', x: '1,0.5;-1,2', w: '0.1,0.3,0.5;0.2,0.4,0.6', b: '0.1,0.2,0.3', dout: '1,2,3;4,5,6', step: '9', theme: 'dark'},
  {layer: 'softmax-loss', x: '0.3,2.9,4.0', t: '0,0,1', lang: 'ko'},
  {layer: 'softmax-loss', x: '1,2,3;0,0,0', 't-index': '0,2'}, // labels as class indices: t drawn one-hot
  {layer: 'sigmoid', x: '-1,0,1e3;2,-800,NaN', step: '3'}, // ∞-free, NaN marked
];

for (const state of STATES) {
  test(`the same SVG from the command line as from the browser: ${JSON.stringify(state)}`, async ({page}) => {
    const figure = await figureOnBlankPage(page, state);
    // The export's file first (fetched once): then the width read and the
    // SVG made run with no frame between, in which a resize (a scroll bar
    // coming) could redraw the figure at another width.
    await figure.evaluate((el) => el.svg());
    const [width, browser] = await figure.evaluate(async (el) => [el.inLayer ? null : el.scene().width, await el.svg()]);
    const args = ['svg', ...Object.entries(state).flatMap(([k, v]) => [`--${k}`, v]), ...(state.layer ? [] : ['--width', String(width)])];
    const cli = execFileSync(process.execPath, [CLI, ...args], {encoding: 'utf8'});
    expect(cli).toBe(browser);
    if (state.layer) {
      // A cell for each cell of the grids the figure shows.
      expect(cli.match(/<rect x=/g).length).toBe(await figure.evaluate((el) => el.shadowRoot.querySelectorAll('.lanes td').length));
    } else {
      expect(cli.match(/<g aria-label="/g)).toHaveLength(await figure.evaluate((el) => el.trace.nodes.length));
    }
  });
}

test('Fig. 3 by hand: after the backward step through /, dL/d(+1) = −y² = −0.6225²', () => {
  const svg = execFileSync(process.execPath, [CLI, 'svg', '--graph', 'sigmoid-steps', '--x', '0.5', '--step', '5'], {encoding: 'utf8'});
  const y = 1 / (1 + Math.exp(-0.5));
  expect(svg).toContain(`aria-label="/: value ${y.toFixed(4)}, gradient 1"`);
  expect(svg).toContain(`aria-label="+1: value ${(1 + Math.exp(-0.5)).toFixed(4)}, gradient −${(y * y).toFixed(4)}"`);
  expect(svg).toContain('aria-label="exp: value 0.6065, gradient not computed yet"');
});

test('the book\'s ReLU by hand: out = max(0, x), mask = x ≤ 0, dx = dout where x > 0, else 0', () => {
  const svg = execFileSync(process.execPath, [CLI, 'svg', '--layer', 'relu', '--x', '1,-0.5;-2,3', '--dout', '2,2;2,2'], {encoding: 'utf8'});
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  expect(texts).toEqual(['x: 2×2', '1', '−0.5000', '−2', '3', 'dx: 2×2', '2', '0', '0', '2', '→', '←',
    'out: 2×2', '1', '0', '0', '3', 'dout: 2×2', '2', '2', '2', '2', 'mask: 2×2', 'False', 'True', 'True', 'False']);
});

test('--out: the file, or one line when it cannot be written (exit status 1)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'backprop-viz-out-'));
  try {
    execFileSync(process.execPath, [CLI, 'svg', '--graph', 'relu', '--x', '2', '--out', path.join(dir, 'relu.svg')]);
    const written = readFileSync(path.join(dir, 'relu.svg'), 'utf8');
    expect(written).toContain('<title>ReLU: computational graph</title>');
    expect(written).toBe(execFileSync(process.execPath, [CLI, 'svg', '--graph', 'relu', '--x', '2'], {encoding: 'utf8'}));
    for (const [out, why] of [[dir, 'it is a directory'], [path.join(dir, 'no', 'such.svg'), /ENOENT/]]) {
      let error;
      try {
        execFileSync(process.execPath, [CLI, 'svg', '--out', out], {encoding: 'utf8', stdio: 'pipe'});
      } catch (e) {
        error = e;
      }
      expect(error?.status).toBe(1);
      const lines = error.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`backprop-viz: --out: cannot write ${out}: `);
      expect(lines[0]).toMatch(why);
    }
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('bad arguments: one line on stderr, exit status 2', () => {
  for (const [args, message] of [
    [['svg', '--x', 'abc'], 'backprop-viz: --x: “abc” is not a number (not a number).'],
    [['svg', '--expr', '(x+'], /^backprop-viz: --expr: column 4: /],
    [['svg', '--colour', 'red'], "backprop-viz: unknown argument '--colour'"],
    [['svg', '--step'], 'backprop-viz: --step needs a value'],
    [['svg', '--layer', 'relu', '--graph', 'relu'], 'backprop-viz: --graph does not go with --layer'],
    [['svg', '--w', '1'], 'backprop-viz: --w goes with --layer only'],
    [['svg', '--layer', 'relu', '--x', '1,a'], 'backprop-viz: x[1]: “a” is not a number (not a number).'],
    [['svg', '--layer', 'affine', '--x', '1,0.5', '--w', '1;2'], /^backprop-viz: b is \(3,\) but W is 2×1: /],
    // What the figure would not use is refused, as the native CLI refuses it.
    [['svg', '--layer', 'softmax-loss', '--x', '1,2,3', '--t-index', '0', '--dout', '5,5,5'],
      'backprop-viz: --dout does not go with --layer softmax-loss (it takes --x, --t, --t-index)'],
    [['svg', '--layer', 'relu', '--x', '1', '--w', '1'], 'backprop-viz: --w does not go with --layer relu (it takes --x, --dout)'],
    [['svg', '--layer', 'softmax-loss', '--x', '1,2', '--t', '0,1', '--t-index', '1'], 'backprop-viz: --t and --t-index do not go together: give one'],
    [['svg', '--x', '1', '--x', '2'], 'backprop-viz: --x is given twice'],
    [['svg', '--graph', 'relu', '--expr', 'x*y'], 'backprop-viz: --graph and --expr do not go together: give one'],
    [['svg', '--vars', 'x=1'], 'backprop-viz: --vars goes with --expr'],
    [['svg', '--expr', 'x*y', '--vars', 'x=1,y=2,zz=3'], "backprop-viz: --vars: the expression has no variable 'zz' (it has x, y)"],
    [['svg', '--expr', 'x*y', '--vars', 'x=1,x=2'], "backprop-viz: --vars: 'x' is given twice"],
    [['svg', '--out='], 'backprop-viz: --out needs a file name'],
  ]) {
    let error;
    try {
      execFileSync(process.execPath, [CLI, ...args], {encoding: 'utf8', stdio: 'pipe'});
    } catch (e) {
      error = e;
    }
    expect(error?.status, args.join(' ')).toBe(2);
    expect(error.stdout).toBe('');
    const lines = error.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message instanceof RegExp ? message : new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  }
});
