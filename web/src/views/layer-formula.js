// views/layer-formula.js: the arithmetic of one step of a layer over
// matrices, written out with its numbers, as plain text (the figure's line,
// the narration, the step panel) and as LaTeX (Copy LaTeX, matrices as
// bmatrix):
//
//   out[0][1] = x[0][0] · W[0][1] + x[0][1] · W[1][1] + b[1] = 1 · 0.3000 + 0.5000 · 0.4000 + 0.2000 = 0.7000
//   dx[0][1] = dout[0][1] · 0 = 1 · 0 = 0, mask[0][1] is True
//
// A formula is written once, as a tree whose leaves are cells ({ref: [grid,
// i, j]}), and drawn twice: with the cells' names, then with their values.
// Every value is the reader's (x, W, b, t, dout) or C's (everything else);
// the mask's 0 or 1 is C's mask. Nothing here adds, multiplies or compares.
import {render} from './notation.js';
import {TEXT} from './formula.js';
import {LATEX} from './latex.js';
import {GRIDS, isVector, gridMatrix} from '../model/grids.js';

export {GRIDS, isVector, gridMatrix};

// A cell's name: x[0][1], b[2], dW[1][0], loss; a row's: y[1] (y for a vector).
export function cellName(grid, m, i, j) {
  const {name, scalar} = GRIDS[grid];
  if (scalar) return name;
  return isVector(grid, m) ? `${name}[${j}]` : `${name}[${i}][${j}]`;
}
export const rowName = (grid, m, i) => (m.rows === 1 ? GRIDS[grid].name : `${GRIDS[grid].name}[${i}]`);

export const shapeOf = (grid, m) => (GRIDS[grid].scalar ? '' : isVector(grid, m) ? `(${m.cols},)` : `${m.rows}×${m.cols}`);

// The notations, with what layers add: vectors, ≤, and LaTeX's names
// (dout, not d·o·u·t) and softmax.
const TEXT_L = {...TEXT, vec: (items) => `(${items.join(', ')})`, le: ' ≤ ', join: ', ', text: String, words: true};
const LATEX_L = {
  ...LATEX,
  name: (s) => LATEX.name(s.replace(/^([A-Za-z]{2,})/, '\\mathrm{$1}')),
  call: (name, args) => (name === 'softmax' ? `\\operatorname{softmax}(${args.join(', ')})` : LATEX.call(name, args)),
  vec: (items) => `\\begin{bmatrix}${items.join(' & ')}\\end{bmatrix}`,
  le: ' \\le ', join: ',\\quad ', text: (s) => `\\text{${s}}`,
};

// A sum of trees, left to right.
const sum = (terms) => terms.reduce((a, b) => ['+', a, b]);
// Leaves: a cell, a row (y[1], or its values), N (the batch size).
const ref = (grid, i, j) => ({ref: [grid, i, j]});
const row = (grid, i) => ({row: [grid, i]});

// The trees of step `s`: {sides: [target, tree…]}, and for ReLU the
// mask's clause. A side may also be {diff: [a, b], over} ((a − b)/over).
function stepTrees(spec, result, s) {
  const n = spec.x.rows, d = spec.x.cols;
  const range = (k) => Array.from({length: k}, (_, i) => i);
  const [i, j] = s.cells[0];
  const target = ref(s.grid, i, j);
  const masked = () => result.mask.values[i * d + j] === 1;
  switch (`${spec.layer} ${s.grid}`) {
    case 'relu out': // out = x, or 0 where masked
      return {sides: [target, masked() ? {v: result.out.values[i * d + j]} : ref('x', i, j)],
        clause: {mask: ref('mask', i, j), x: ref('x', i, j), value: masked()}};
    case 'relu dx': // the mask's 0 or 1 as the local derivative
      return {sides: [target, ['·', ref('dout', i, j), masked() ? 0 : 1]], maskIs: {mask: ref('mask', i, j), value: masked()}};
    case 'sigmoid out':
      return {sides: [target, ['/', 1, ['+', 1, ['call', 'exp', ['neg', ref('x', i, j)]]]]]};
    case 'sigmoid dx':
      return {sides: [target, ['·', ['·', ref('dout', i, j), ref('out', i, j)], ['−', 1, ref('out', i, j)]]]};
    case 'affine out':
      return {sides: [target, sum([...range(d).map((k) => ['·', ref('x', i, k), ref('w', k, j)]), ref('b', 0, j)])]};
    case 'affine dx':
      return {sides: [target, sum(range(spec.w.cols).map((c) => ['·', ref('dout', i, c), ref('w', j, c)]))]};
    case 'affine dw':
      return {sides: [target, sum(range(n).map((r) => ['·', ref('x', r, i), ref('dout', r, j)]))]};
    case 'affine db':
      return {sides: [target, sum(range(n).map((r) => ref('dout', r, j)))]};
    case 'softmax-loss y':
      return {sides: [row('y', s.row), ['call', 'softmax', row('x', s.row)]]};
    case 'softmax-loss loss': {
      // −(1/N) Σ t log y: the terms whose label is 1 (the reader's t).
      const label = (r) => (spec.tIndex ? spec.tIndex[r] : range(d).find((c) => spec.t.values[r * d + c] === 1));
      const logs = sum(range(n).map((r) => ['call', 'log', ref('y', r, label(r))]));
      return {sides: [target, ['neg', n === 1 ? logs : ['/', logs, ref('N')]]]};
    }
    default: // softmax-loss dx: (y − t)/N, row by row
      return {sides: [row('dx', s.row), {diff: [row('y', s.row), row('t', s.row)], over: ref('N')}]};
  }
}

// The line of step `s` in notation N: the target, the sides with names,
// the same with numbers, the value (a repeated side written once).
function line(spec, result, s, N, fmt, words, blank = false) {
  const trees = stepTrees(spec, result, s);
  const matrix = (g) => (g === 't' && spec.tIndex ? spec.x : gridMatrix(spec, result, g));
  // A cell's value: the reader's or C's, N the batch size; with class
  // indices, t[i][j] is what C reads (1 for the row's class, else 0).
  const value = (g, i, j) => {
    if (g === 'N') return spec.x.rows;
    if (g === 't' && spec.tIndex) return spec.tIndex[i] === j ? 1 : 0;
    const m = matrix(g);
    return m.values[i * m.cols + j];
  };
  const names = (tree) => bind(tree, (g, i, j) => (g === 'N' ? 'N' : cellName(g, matrix(g), i, j)), (g, i) => rowName(g, matrix(g), i));
  const numbers = (tree) => bind(tree, (g, i, j) => ({v: value(g, i, j)}),
    (g, i) => ({vec: Array.from({length: matrix(g).cols}, (_, j) => ({v: value(g, i, j)}))}));
  const draw = (side) => drawSide(side, N, fmt);
  const [target, ...rest] = trees.sides;
  const texts = [draw(names(target)), ...rest.map((x) => draw(names(x))), ...rest.map((x) => draw(numbers(x))), blank ? '?' : draw(numbers(target))];
  const chain = texts.filter((t, k) => k === 0 || t !== texts[k - 1]).join(' = ');
  const clauses = [];
  const truth = (v) => N.text(words(v ? 'true' : 'false'));
  if (trees.clause) { // ReLU forward: mask = (x ≤ 0) = (−0.5 ≤ 0) = True, as the book's self.mask = (x <= 0)
    const {mask, x, value: masked} = trees.clause;
    const le = (a) => `(${draw(a)}${N.le}0)`;
    clauses.push(`${draw(names(mask))} = ${le(names(x))} = ${le(numbers(x))} = ${truth(masked)}`);
  }
  if (trees.maskIs) { // dx[0][1] = …, mask[0][1] is True (in words; LaTeX writes "= True")
    const [mask, value] = [draw(names(trees.maskIs.mask)), truth(trees.maskIs.value)];
    clauses.push(N.words ? words('maskIs', {mask, value}) : `${mask} = ${value}`);
  }
  return [chain, ...clauses].join(N.join);
}

// A tree with its cells replaced by leaf(grid, i, j), and its rows by
// rowLeaf(grid, i) (a name, or a vector of values).
function bind(tree, leaf, rowLeaf) {
  if (tree?.ref) return leaf(...tree.ref);
  if (tree?.row) return rowLeaf(...tree.row);
  if (tree?.diff) return {diff: tree.diff.map((x) => bind(x, leaf, rowLeaf)), over: bind(tree.over, leaf, rowLeaf)};
  if (!Array.isArray(tree)) return tree;
  const head = tree[0] === 'call' ? 2 : 1;
  return [...tree.slice(0, head), ...tree.slice(head).map((x) => bind(x, leaf, rowLeaf))];
}

// One side in notation N: a tree (views/notation.js), a vector, a call
// on a vector (softmax(0.3, 2.9, 4)), or (a − b)/n.
function drawSide(side, N, fmt) {
  if (side?.vec) return N.vec(side.vec.map((x) => render(x, N, fmt)));
  if (side?.diff) {
    const [a, b] = side.diff.map((x) => drawSide(x, N, fmt));
    const over = drawSide(side.over, N, fmt);
    return N.frac ? N.frac(`${a} - ${b}`, over) : `(${a} − ${b})/${over}`;
  }
  if (Array.isArray(side) && side[0] === 'call' && side[2]?.vec) return N.call(side[1], side[2].vec.map((x) => render(x, N, fmt)));
  return render(side, N, fmt);
}

// The step's line as text and as LaTeX. words: the layer translator.
// blank: its value left as '?' (predict mode's hint; text only).
export function layerLine(spec, result, steps, step, fmt, words, blank = false) {
  if (step === 0) return {text: `${words.layerName(spec.layer)}: ${words.rule(spec.layer)}`, latex: matricesLatex(spec, result, givenGrids(spec), fmt)};
  const s = steps[step - 1];
  const text = line(spec, result, s, TEXT_L, fmt, words, blank);
  if (blank) return {text};
  const latex = line(spec, result, s, LATEX_L, fmt, words);
  return {text, latex: step === steps.length ? `${latex},\\quad ${matricesLatex(spec, result, resultGrids(spec), fmt)}` : latex};
}

// The grids a layer is given, and those C gives back.
export const givenGrids = (spec) => ['x', ...{affine: ['w', 'b'], 'softmax-loss': [spec.tIndex ? null : 't']}[spec.layer] ?? [], spec.layer === 'softmax-loss' ? null : 'dout'].filter(Boolean);
export const resultGrids = (spec) => ({relu: ['out', 'mask', 'dx'], sigmoid: ['out', 'dx'], affine: ['out', 'dx', 'dw', 'db'], 'softmax-loss': ['y', 'loss', 'dx']}[spec.layer]);

// Named matrices as LaTeX: x = \begin{bmatrix}…\end{bmatrix}, ….
function matricesLatex(spec, result, grids, fmt) {
  return grids.map((g) => {
    const m = gridMatrix(spec, result, g);
    const cell = (v) => (g === 'mask' ? `\\text{${v ? 'True' : 'False'}}` : render({v}, LATEX_L, fmt));
    const rows = [];
    for (let i = 0; i < m.rows; i++) rows.push(Array.from(m.values.slice(i * m.cols, (i + 1) * m.cols), cell).join(' & '));
    const body = GRIDS[g].scalar ? rows[0] : `\\begin{bmatrix}${rows.join('\\\\')}\\end{bmatrix}`;
    return `${LATEX_L.name(GRIDS[g].name)} = ${body}`;
  }).join(',\\quad ');
}
