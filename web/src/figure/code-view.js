// figure/code-view.js: the code beside a figure, the way a debugger shows
// it: the reference post's Python classes (or, for a step graph or an
// expression, each node's rule as a line of Python) and the C core's own
// lines, in tabs Python | C. As the player moves, the lines that run at the
// current step are highlighted (the one that writes its number carries
// aria-current) and the variables show their values as comments:
//
//   self.mask = (x <= 0)   # mask = [False]
//
// Every value comes from the C core: the trace's steps, and for the
// classes the C array layers (core.js's matrixLayer) run on x, so that
// what a line shows is what that line computes. This file lays them out.
//
//   const view = createCodeView({doc, core, onPick});
//   host.append(view.root);
//   view.draw({trace, step, t, lang: 'python', precise});
import {matrixLayer} from '../core/core.js';
import {formatNumber} from '../model/number.js';
import {withSymbols} from '../model/symbols.js';
import {formulas} from '../words/ops.js';
import {render} from '../views/notation.js';
import {GRIDS, isVector, gridMatrix} from '../model/grids.js';
import {PYTHON_CLASSES, PYTHON_NAMES, C_CASES, C_FILES, cListing, PYTHON_LAYERS, PYTHON_LAYER_NAMES, C_LAYERS, C_HEADER} from './code-source.js';

export const CODE_LANGS = ['python', 'c'];

// Python's spelling of the ops' formula trees (views/notation.js decides
// the parentheses): ** for powers, numpy's functions.
const CALLS = {exp: 'np.exp', ln: 'np.log', log: 'np.log', tanh: 'np.tanh', sin: 'np.sin', cos: 'np.cos',
  sign: 'np.sign', max: 'np.maximum', 'σ': 'sigmoid'};
const ascii = (s) => String(s).replace(/\u2212/g, '-').replace(/[₀-₉]/g, (d) => String(d.charCodeAt(0) - 0x2080));
const PYTHON = {
  literal: String, name: ascii, value: (v, text) => ascii(text),
  paren: (x) => `(${x})`,
  infix: (op, a, b) => `${a} ${{'−': '-', '·': '*'}[op] ?? op} ${b}`,
  juxt: (a, b) => `${a} * ${b}`,
  pow: (a, b) => `${a} ** ${b}`,
  neg: (a) => `-${a}`,
  call: (name, args) => `${CALLS[name] ?? name}(${args.join(', ')})`,
  sqrt: (a) => `np.sqrt(${a})`,
  abs: (a) => `np.abs(${a})`,
  positive: (a) => `(${a} > 0)`,
  d: (top, bottom) => `d${top}/d${bottom}`,
};

// The names the listings give a trace's nodes: an expression's own (x, q₁,
// f), else x for the input, y for the output and q₁, q₂, … between.
function namesOf(trace) {
  if (trace.symbols) return trace.symbols.map(ascii);
  const s = withSymbols(trace).symbols.map(ascii);
  s[trace.nodes.length - 1] = 'y';
  return s;
}

// numpy's way of writing a one-element array: [0.5], [False].
const array = (text) => `[${text}]`;

// The lines of `lang`'s listing for `trace`, each {text, key, label}, and
// for step `step` (0 .. steps): the value comment of each key, the keys
// that run (hot) and the one whose line writes the step's number (current).
export function listing(lang, trace, step, {fmt, core}) {
  const num = (v) => ascii(fmt(v));
  const s = step > 0 ? trace.steps[step - 1] : null;
  const done = (phase) => trace.steps.slice(0, step).some((x) => x.phase === phase);
  const fused = !trace.expr && (trace.graph === 'relu' || trace.graph === 'sigmoid');
  if (lang === 'python' && fused) {
    // The class over x as a 1-element array, in C (the same array layers the
    // layer figures use): mask, out, dx and the in-place dout.
    const one = (v) => ({rows: 1, cols: 1, values: Float64Array.of(v)});
    const r = matrixLayer(core, {layer: trace.graph, x: one(trace.inputs.x), dout: one(trace.dout)});
    const values = {x: `x = ${array(num(trace.inputs.x))}`};
    if (done('forward')) {
      Object.assign(values, {out: `out = ${array(num(r.out.values[0]))}`, copy: `out = ${array(num(trace.inputs.x))}`},
        r.mask && {mask: `mask = ${array(r.mask.values[0] ? 'True' : 'False')}`});
    }
    if (done('backward')) {
      Object.assign(values, {dout: `dout = ${array(num(trace.dout))}`, dx: `dx = ${array(num(r.dx.values[0]))}`},
        r.doutInPlace && {masked: `dout = ${array(num(r.doutInPlace.values[0]))}`});
    }
    const body = {relu: {forward: ['mask', 'copy', 'out'], backward: ['masked', 'dx']}, sigmoid: {forward: ['out'], backward: ['dx']}}[trace.graph];
    const hot = s ? body[s.phase] : [];
    return {lines: PYTHON_CLASSES[trace.graph].map(([text, key]) => ({text, key})), values, hot, current: hot[hot.length - 1],
      note: ['pythonClass', {name: PYTHON_NAMES[trace.graph]}]};
  }
  const names = namesOf(trace);
  const nodes = trace.nodes;
  // In comments, a node as the figure names it: an expression's q₁, a built-in graph's op.
  const shown = (id) => (trace.symbols ? names[id] : ascii(nodes[id].label));
  if (lang === 'python') return pythonRules(trace, step, names, num, shown);
  // C: the core's own lines, with the values of the current step's node.
  const ops = [...new Set(nodes.filter((n) => C_CASES[n.op]).map((n) => n.op))];
  const values = {};
  let hot = [], current = null;
  if (s) {
    const node = nodes[s.node];
    const uses = (text) => ['a', 'b', 'y', 'k'].filter((v) => new RegExp(`\\b${v === 'k' ? 'node->k' : v}\\b`).test(text));
    const known = {a: nodes[node.args[0]]?.value, b: nodes[node.args[1]]?.value, y: node.value, k: node.k};
    const operands = (text) => uses(text).filter((v) => known[v] != null).map((v) => `${v} = ${num(known[v])}`).join(', ');
    if (s.phase === 'forward') {
      values.eval = `${shown(s.node)}: value = ${num(s.value)}`;
      values[`forward:${node.op}`] = operands(C_CASES[node.op][1]);
      if (node.op === 'sigmoid') values.sigmoid = `x = ${num(known.a)}`;
      hot = [`forward:${node.op}`, ...(node.op === 'sigmoid' ? ['sigmoid'] : []), 'eval'];
      current = 'eval';
    } else {
      Object.assign(values, {upstream: `upstream = ${num(s.upstream)}`, local: `local = ${num(s.local)}`,
        contribution: `contribution = ${num(s.grad)}`, total: `${shown(s.to)}: grad = ${num(s.total)}`,
        [`local:${node.op}`]: operands([C_CASES[node.op][2]].flat().join(' '))});
      if (node.op === 'tanh') values['tanh-slope'] = `a = ${num(known.a)}`;
      hot = ['upstream', 'local', `local:${node.op}`, `local:${node.op}+`, ...(node.op === 'tanh' ? ['tanh-slope', 'tanh-slope+'] : []),
        'contribution', 'total'];
      current = 'contribution';
    }
  }
  return {lines: cListing(ops), values, hot, current, note: ['cSource', {files: C_FILES.join(', ')}]};
}

// A layer figure's listing (its spec, C's result and its steps: the layer
// figure's), as listing() for a trace: in Python the layer's class, in C
// the core's functions it called (backprop.h's comments and prototypes).
// The step's cells show on the line that writes them, numpy's way in
// Python (out[0, 1], y[0] for a row), C's in C: row-major, one index
// (out[1] for row 0, column 1 of a 2-column grid).
export function layerListing(lang, {spec, result, steps}, step, {fmt}) {
  const num = (v) => ascii(fmt(v));
  const s = step > 0 ? steps[step - 1] : null;
  const grid = s && gridMatrix(spec, result, s.grid);
  const values = {};
  let hot = [], current = null;
  if (lang === 'python') {
    const matrix = (g) => gridMatrix(spec, result, g);
    // numpy's: a vector (the book's (3,)) has one index, a matrix two.
    const shape = (g, m = matrix(g)) => (isVector(g, m) ? `(${m.cols},)` : `(${m.rows}, ${m.cols})`);
    const index = (g, i, j) => (isVector(g, matrix(g)) ? `${j}` : `${i}, ${j}`);
    const at = (m, i, j) => num(m.values[i * m.cols + j]);
    if (step > 0) values.x = `x.shape = ${shape('x')}`;
    if (s?.phase === 'backward' && spec.layer !== 'softmax-loss') values.dout = `dout.shape = ${shape('dout')}`;
    if (s) {
      const {name} = GRIDS[s.grid];
      const [[i, j]] = s.cells;
      if (s.grid === 'loss') values.loss = `loss = ${num(result.loss)}`;
      else if (s.row != null) values[s.grid] = `${isVector(s.grid, grid) ? name : `${name}[${s.row}]`} = [${s.cells.map(([r, c]) => at(grid, r, c)).join(', ')}]`;
      else values[s.grid] = `${name}[${index(s.grid, i, j)}] = ${at(grid, i, j)}`;
      hot = [s.grid];
      if (spec.layer === 'relu' && s.phase === 'forward') {
        values.mask = `mask[${index('mask', i, j)}] = ${result.mask.values[i * grid.cols + j] ? 'True' : 'False'}`;
        values.copy = `out[${index('out', i, j)}] = ${at(spec.x, i, j)}`;
        hot = ['mask', 'copy', 'out'];
      } else if (spec.layer === 'relu') { // dout[self.mask] = 0, in place
        values.masked = `dout[${index('dout', i, j)}] = ${at(result.doutInPlace, i, j)}`;
        hot = ['masked', 'dx'];
      }
      current = hot[hot.length - 1];
    }
    return {lines: PYTHON_LAYERS[spec.layer].map(([text, key]) => ({text, key})), values, hot, current,
      note: [PYTHON_CLASSES[spec.layer] ? 'pythonClass' : 'pythonLayer', {name: PYTHON_LAYER_NAMES[spec.layer]}]};
  }
  const lines = [{text: `/* ${C_HEADER} */`, label: true}];
  C_LAYERS[spec.layer].forEach(([grids, text], k) => {
    const key = `call${k}`;
    lines.push(...text.map((t, n) => ({text: t, key: n === text.length - 1 ? key : undefined})));
    if (!s || !grids.includes(s.grid)) return;
    current = key;
    hot = [key];
    if (s.grid === 'loss') values[key] = `return: loss = ${num(result.loss)}`;
    else {
      const at = s.cells.map(([i, j]) => i * grid.cols + j);
      values[key] = s.row != null
        ? `${s.grid}[${at[0]}..${at[at.length - 1]}] = {${at.map((a) => num(grid.values[a])).join(', ')}}`
        : `${s.grid}[${at[0]}] = ${num(grid.values[at[0]])}`;
    }
  });
  return {lines, values, hot, current, note: ['cLayer', {file: C_HEADER}]};
}

// Python for a step graph or an expression: one line per step, each node's
// forward rule, then each backward step's chain rule (dq += dy * local).
function pythonRules(trace, step, names, num, shown) {
  const op = (id) => (trace.symbols ? '' : `${shown(id)}: `); // a built-in graph's op, as the figure shows it
  const lines = [{text: '# forward', label: 'forwardPass'}];
  const values = {};
  const symbolic = {...trace, symbols: names}; // (formulas() reads the names from here)
  trace.steps.forEach((s, i) => {
    const key = `step${i + 1}`;
    const f = formulas(symbolic, s.node);
    const id = s.node;
    if (s.phase === 'backward' && trace.steps[i - 1]?.phase === 'forward') {
      lines.push({text: '# backward', label: 'backwardPass'}, {text: `d${names[trace.nodes.length - 1]} = dout`, key: 'dout'});
    }
    if (s.phase === 'forward') {
      lines.push({text: `${names[id]} = ${render(f.rule, PYTHON, num)}`, key});
      if (i < step) values[key] = `${op(id)}${names[id]} = ${num(s.value)}`;
    } else {
      const again = trace.steps.slice(0, i).some((x) => x.phase === 'backward' && x.to === s.to);
      lines.push({text: `d${names[s.to]} ${again ? '+=' : '='} ${render(['·', `d${names[id]}`, f.local(s.arg)], PYTHON, num)}`, key});
      if (i < step) values[key] = `${op(id)}d${names[s.to]} = ${num(s.total)}`;
    }
  });
  if (trace.steps.some((s, i) => i < step && s.phase === 'backward')) values.dout = `dout = ${num(trace.dout)}`;
  const current = step > 0 ? `step${step}` : null;
  return {lines, values, hot: current ? [current] : [], current, note: ['pythonRules']};
}

// One figure's code view. doc: its document; core: the C core (for the
// classes' array layers); onLang(lang): the reader picked a tab.
export function createCodeView({doc, core, onLang = () => {}}) {
  const el = (tag, props = {}, ...children) => {
    const e = doc.createElement(tag);
    for (const [k, v] of Object.entries(props)) if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
    e.append(...children);
    return e;
  };
  const uid = `code-${Math.random().toString(36).slice(2, 8)}`;
  const tabs = CODE_LANGS.map((lang) => el('button', {type: 'button', role: 'tab', id: `${uid}-${lang}`, 'data-lang': lang, 'aria-controls': `${uid}-panel`}));
  const tablist = el('div', {role: 'tablist', class: 'code-tabs'}, ...tabs);
  const note = el('p', {class: 'code-note'});
  const code = el('code');
  const pre = el('pre', {class: 'code-listing', tabindex: '0'}, code);
  const panel = el('div', {role: 'tabpanel', id: `${uid}-panel`, class: 'code-body'}, note, pre);
  const root = el('section', {class: 'code-view'}, tablist, panel);
  let last = null;
  let lang = 'python';

  const pick = (next, focus = false) => {
    lang = next;
    if (last) draw({...last, lang});
    if (focus) tabs[CODE_LANGS.indexOf(next)].focus();
    onLang(next);
  };
  tabs.forEach((tab) => tab.addEventListener('click', () => pick(tab.dataset.lang)));
  tablist.addEventListener('keydown', (e) => {
    const i = CODE_LANGS.indexOf(lang);
    const to = {ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: CODE_LANGS.length - 1}[e.key];
    if (to == null) return;
    e.preventDefault();
    pick(CODE_LANGS[(to + CODE_LANGS.length) % CODE_LANGS.length], true);
  });

  // scene: {trace, step, t (the code words' translator), lang, precise}, or
  // for a layer figure {layer: {spec, result, steps}, …} in place of trace.
  function draw(scene) {
    last = scene;
    lang = scene.lang ?? lang;
    const {trace, layer, step, t, precise = false} = scene;
    const fmt = (v) => formatNumber(v, {precise});
    tablist.setAttribute('aria-label', t('code'));
    tabs.forEach((tab) => {
      const on = tab.dataset.lang === lang;
      tab.textContent = t.table('codeLang')[tab.dataset.lang];
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      if (on) panel.setAttribute('aria-labelledby', tab.id);
    });
    const L = layer ? layerListing(lang, layer, step, {fmt}) : listing(lang, trace, step, {fmt, core});
    note.textContent = t(...L.note);
    pre.setAttribute('aria-label', t('listing', {lang: t.table('codeLang')[lang], step, n: (layer ?? trace).steps.length}));
    pre.dataset.lang = lang;
    const comment = lang === 'c' ? '// ' : '# ';
    code.textContent = '';
    for (const line of L.lines) {
      const row = el('span', {class: `line${line.label ? ' label' : ''}`});
      row.append(el('span', {class: 'src', text: line.label && lang === 'python' ? `# ${t(line.label)}` : line.text}));
      if (line.key) row.dataset.key = line.key;
      const value = line.key && L.values[line.key];
      if (value) row.append(el('span', {class: 'value', text: `  ${comment}${value}`}));
      if (line.key && L.hot.includes(line.key)) row.classList.add('hot');
      if (line.key && line.key === L.current) row.setAttribute('aria-current', 'step');
      code.append(row);
    }
    // Keep the current line in view inside the listing (never the page).
    const current = code.querySelector('[aria-current]');
    if (current && pre.scrollHeight > pre.clientHeight) {
      const top = current.offsetTop - pre.offsetTop;
      if (top < pre.scrollTop || top > pre.scrollTop + pre.clientHeight - 20) pre.scrollTop = Math.max(0, top - pre.clientHeight / 3);
    }
  }

  return {root, draw, get lang() { return lang; }};
}
