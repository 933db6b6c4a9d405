// figure/layer-figure.js: the layer figure, the same wherever it is shown
// (the page's Layer mode, <backprop-graph layer="…">, the iframe): the
// book's ReLU, Sigmoid, Affine or Softmax-with-Loss over matrices as grids,
// forward above backward, stepped cell by cell by the host's player; the
// step's arithmetic; the aliasing lesson. Every number is C's (compute:
// core.js's matrixLayer, given by core-layer-figure.js) or the reader's;
// this file lays them out.
//
//   const figure = createLayerFigure({compute, toSvg, wordsOf, mount, narration, onEdit});
//   const errors = figure.set(state, t);   // the state's layer fields; errors as sentences
//   figure.count;                          // steps in the timeline
//   await figure.draw({step, t, precise, motion, duration, editable}, {travel: true});
//   figure.show(spec, result);             // or a layer C ran elsewhere (the network's)
//
// A state whose matrices do not fit is refused whole: the figure keeps its
// last good one (figure.fields) and set() says why. The reader's edits go
// to onEdit(fields), which the host merges into its state before set()
// and draw() again, as for every other change.
import {layerSpec, layerSteps, shapeErrors, resized, withCell, presetState, PRESETS} from '../model/layer.js';
import {MAX_SIDE} from '../model/matrix.js';
import {formatNumber, exactText} from '../model/number.js';
import {gridView, topOf} from '../views/layer-grids.js';
import {COLUMNS, gridState, layerPicture, stepState} from './layer-picture.js';
import {GRIDS, gridMatrix, cellName, rowName, shapeOf, layerLine, givenGrids} from '../views/layer-formula.js';
import {stepNote} from './layer-notes.js';
import CSS from '../views/layer.css';
import {sheetAdopter} from './sheet.js';

const FIELDS = ['layer', 'mx', 'mdout', 'w', 'b', 't', 'tIndex', 'inplace'];
// A grid's state field (x is mx, dout mdout).
const FIELD = {x: 'mx', dout: 'mdout', w: 'w', b: 'b', t: 't'};

// The sheet in `root` (a document or a shadow root), once: one stylesheet
// for every layer figure on the page; a figure mounted before its host is in
// one is adopted by the host (net/network.js, net/net-element.js).
export const adoptLayerSheet = sheetAdopter(CSS);

// One closure per figure, long for its parts: the state and its C result,
// the grids, the lesson, drawing and its motion, export.
// compute(spec): C's result of a layer spec. toSvg(doc, picture): the
// export's drawing (views/layer-svg.js). wordsOf(t): the layer's words
// before the host's translator t (words/layer.js's layerWords; for a
// figure that edits nothing, the view's alone: words/layer-view.js's).
// lesson: false leaves out the aliasing lesson's toggle. A figure of C's
// results computed elsewhere (the network's one point: show()) needs
// neither compute nor toSvg, nor carries their code.
export function createLayerFigure({compute, toSvg, wordsOf, mount, narration = null, onEdit, lesson: withLesson = true}) {
  const doc = mount.ownerDocument;
  const el = (tag, cls, text) => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };
  const root = el('div', 'layer-figure');
  const lanes = el('div', 'lanes');
  const message = el('p', 'layer-message');
  message.setAttribute('role', 'alert');
  message.hidden = true;
  const lesson = el('label', 'inplace');
  const toggle = el('input');
  toggle.type = 'checkbox';
  const toggleText = el('span');
  lesson.append(toggle, toggleText);
  const alias = el('section', 'alias');
  const aliasTitle = el('h3');
  const aliasGrids = el('div', 'alias-grids');
  const aliasText = el('p', 'alias-text');
  alias.append(aliasTitle, aliasGrids, aliasText);
  const legend = el('p', 'layer-legend');
  const keys = ['pos', 'neg', 'active', 'reads'].map((k) => el('span', k));
  legend.append(...keys);
  // The step's arithmetic, under the grids (the hosts' own formula line,
  // the graphs', is hidden in layer mode: views/layer.css).
  const formula = el('p', 'layer-line');
  const under = el('div', 'under');
  under.append(legend);
  if (withLesson) under.append(lesson);
  root.append(lanes, formula, message, under, alias);
  toggle.addEventListener('change', () => onEdit({inplace: toggle.checked}));

  const run = {fields: null, spec: null, result: null, steps: [], key: '', t: null, scene: null, fit: {key: '', need: 0}, fallback: false};
  const grids = new Map(); // grid id (or 'book', 'core') -> its gridView
  const columns = new Map(); // column key -> element

  // -------------------------------------------------------------- state

  // Take the state's layer fields; null matrices from the layer's first
  // preset. Runs the layer in C when they changed. Returns the errors as
  // sentences in t's language (empty: shown as asked); then the last good
  // matrices of the same layer stay, or that layer's example is shown.
  function set(state, t) {
    const words = wordsOf(t);
    const fields = Object.fromEntries(FIELDS.map((k) => [k, state[k] ?? null]));
    // No layer that reads (the host has said why): the one shown stays, or the first.
    if (!PRESETS.some((p) => p.layer === fields.layer)) fields.layer = run.spec?.layer ?? PRESETS[0].layer;
    const spec = layerSpec(fields);
    const errors = shapeErrors(spec).map((e) => words(e.code, e.params));
    // The last good matrices of this layer stay, unless they are already
    // its example shown instead of matrices that did not fit.
    if (errors.length && run.spec?.layer === fields.layer && !run.fallback) return errors;
    run.fallback = errors.length > 0;
    const good = run.fallback ? layerSpec(presetState(PRESETS.find((p) => p.layer === fields.layer))) : spec;
    if (run.fallback) errors.push(words('showing', {layer: words.layerName(fields.layer)}));
    // (Every number by its exact text: JSON would write NaN and ±∞ alike.)
    const key = JSON.stringify(good, (k, v) => (typeof v === 'number' ? exactText(v) : v));
    if (key !== run.key) {
      said.own = null; // (another layer, an example, an edit: what the figure said was of the last matrices)
      run.result = compute(good);
      run.steps = layerSteps(good);
      run.key = key;
    }
    run.spec = good;
    // The fields as shown, every matrix explicit (for links and edits).
    run.fields = {layer: good.layer, mx: good.x, mdout: good.dout, w: good.w, b: good.b, t: good.t, tIndex: good.tIndex,
      inplace: Boolean(fields.inplace)};
    return errors;
  }

  // A layer that C ran elsewhere: its spec ({layer, x, w, b, t, tIndex,
  // dout}, shaped as layerSpec's) and result (as core.js's matrixLayer's).
  let shown = 0;
  function showLayer(spec, result) {
    if (run.spec === spec && run.result === result) return;
    Object.assign(run, {spec, result, steps: layerSteps(spec), key: `shown ${++shown}`, fallback: false,
      fields: {layer: spec.layer, mx: spec.x, mdout: spec.dout, w: spec.w, b: spec.b, t: spec.t, tIndex: spec.tIndex, inplace: false}});
  }

  // ---------------------------------------------------------- editing

  // A cell of a given grid committed, or a row or column added or removed.
  function edit(grid, i, j, value) {
    const field = FIELD[grid];
    const m = gridMatrix(run.spec, run.result, grid);
    note(null);
    onEdit({[field]: withCell(m, i, j, value)});
  }

  function resize(what, delta) {
    const fields = resized(run.spec, what, delta);
    if (!fields) return note((words) => words('sizeLimit', {max: MAX_SIDE}));
    note(null);
    onEdit(fields);
  }

  // The message line says two things: the host's (say: why its state's
  // matrices were refused) and the figure's own (note: a cell that holds
  // no number, a size beyond the limit), each until replaced; the figure's
  // own also until the matrices change, and in the language last drawn
  // (note keeps it as words => text).
  const said = {host: '', own: null};
  function show() {
    const text = [said.host, said.own && run.words ? said.own(run.words) : ''].filter(Boolean).join(' ');
    message.hidden = !text;
    message.textContent = text;
  }
  const say = (text) => { said.host = text; show(); };
  const note = (words) => { said.own = words; show(); };

  // The − and + buttons of a grid's rows and columns (x: the batch and
  // the features; W: the outputs).
  function resizeTools(gridId, tools, words) {
    const kinds = gridId === 'x' ? [['rows', 'Row'], ['cols', 'Column']] : gridId === 'w' ? [['wcols', 'Column']] : [];
    const key = `${words.lang}|${kinds.length}`;
    if (tools.dataset.key === key) return;
    tools.dataset.key = key;
    tools.textContent = '';
    for (const [what, noun] of kinds) {
      const group = el('span', 'resize-group');
      group.append(el('span', 'resize-name', words(noun === 'Row' ? 'rowsName' : 'colsName')));
      for (const [delta, verb, glyph] of [[-1, 'remove', '−'], [1, 'add', '+']]) {
        const b = el('button', 'resize', glyph);
        b.type = 'button';
        b.setAttribute('aria-label', words('resizeOf', {action: words(`${verb}${noun}`), name: GRIDS[gridId].name}));
        b.title = b.getAttribute('aria-label');
        b.addEventListener('click', () => resize(what, delta));
        group.append(b);
      }
      tools.append(group);
    }
  }

  // ---------------------------------------------------------- drawing

  // The view of grid `id`, a field per cell or not, made once and kept.
  function gridFor(id, editable) {
    const key = `${id}|${editable}`;
    if (!grids.has(key)) {
      grids.set(key, gridView(doc, {grid: id, editable, on: {
        commit: (i, j, v) => edit(id, i, j, v),
        invalid: (i, j, text, reason) => {
          const cell = cellName(id, gridMatrix(run.spec, run.result, id), i, j).slice(GRIDS[id].name.length);
          note(text == null ? null : (words) => words('badMatrixItem', {name: GRIDS[id].name, cell, item: text, reason: words.reason(reason)}));
        },
      }}));
    }
    return grids.get(key);
  }

  function draw(scene, {travel = false} = {}) {
    // doutLate: as layer-picture.js's stepState.
    const {step, t, precise = false, motion = true, editable = true, doutLate = false} = scene;
    const words = (run.words = wordsOf(t));
    show(); // the figure's own words in this language, or gone with the matrices they were about
    run.scene = scene;
    const {spec, result, steps} = run;
    const fmt = (v) => formatNumber(v, {precise});
    const shown = stepState(run, step, doutLate);
    const {active, given} = shown;
    root.dataset.layer = spec.layer;
    root.setAttribute('aria-label', words('layerFigure', {layer: words.layerName(spec.layer)}));
    root.setAttribute('role', 'group');

    // The columns in the layer's order, each its grids.
    const wanted = COLUMNS[spec.layer].map((c) => (c === 'arrow' ? 'arrow' : c.join('/')));
    for (const [key, col] of columns) if (!wanted.includes(key)) { col.remove(); columns.delete(key); }
    wanted.forEach((key, k) => {
      if (!columns.has(key)) columns.set(key, el('div', key === 'arrow' ? 'flow' : 'column'));
      const col = columns.get(key);
      if (lanes.children[k] !== col) lanes.insertBefore(col, lanes.children[k] ?? null);
      if (key === 'arrow') {
        if (!col.childElementCount) col.append(el('span', 'forward', '→'), el('span', 'backward', '←'));
        col.firstChild.title = words('forwardLane');
        col.lastChild.title = words('backwardLane');
        return;
      }
      const ids = COLUMNS[spec.layer][k].filter(Boolean);
      const views = ids.map((id) => gridFor(id, editable && given.has(id)));
      if ([...col.children].some((c, i) => c !== views[i]?.el) || col.childElementCount !== views.length) col.replaceChildren(...views.map((v) => v.el));
      ids.forEach((id, i) => drawGrid(views[i], id, shown, {fmt, words, editable: editable && given.has(id)}));
    });
    drawLesson({known: shown.known, active, fmt, words, editable});
    const fitKey = `${run.key}|${precise}|${words.lang}`;
    if (fitKey !== run.fit.key) {
      run.fit.key = fitKey;
      lanes.classList.remove('wrap');
      doc.defaultView.requestAnimationFrame(fit);
    }
    toggleText.textContent = words('inplace');
    ['legendPositive', 'legendNegative', 'legendActive', 'legendReads'].forEach((k, i) => { keys[i].textContent = words(k); });
    toggle.checked = run.fields.inplace;
    toggle.disabled = !editable;
    formula.textContent = layerLine(spec, result, steps, step, fmt, words).text;
    if (narration) narration.textContent = sentence(step, t, fmt);
    if (!travel || !motion || !active) return Promise.resolve();
    return motionOf(active, scene.duration);
  }

  // Columns side by side while they fit the figure's width, else wrapped.
  // Measured in a frame after drawing (not while writing the DOM), and
  // again when the figure's width changes; the width the columns need is
  // kept, so that wrapping, which narrows them, cannot undo itself.
  function fit() {
    if (!lanes.isConnected) return;
    if (!lanes.classList.contains('wrap')) run.fit.need = lanes.scrollWidth;
    lanes.classList.toggle('wrap', run.fit.need > lanes.clientWidth + 1);
  }
  new doc.defaultView.ResizeObserver(() => fit()).observe(root);

  // One grid at this step: its cells, the written ones and those read.
  // editable: a grid the reader gives, in an editable figure.
  function drawGrid(view, id, shown, {fmt, words, editable}) {
    const state = gridState(run, id, shown);
    view.update({...state, fmt, words, cellName: (i, j) => cellName(id, state.matrix, i, j)});
    view.el.classList.toggle('writing', shown.active?.grid === id);
    if (editable) resizeTools(id, view.tools, words);
    else view.tools.textContent = '';
  }

  // The aliasing lesson: the reader's dout after the book's in-place
  // backward (C's own call, dx and dout one buffer), cell by cell as the
  // backward pass reaches it, beside the core's dout, read back untouched.
  function drawLesson({known, active, fmt, words}) {
    const {spec, result} = run;
    alias.hidden = !run.fields.inplace;
    if (alias.hidden) return;
    aliasTitle.textContent = words('aliasTitle');
    if (spec.layer !== 'relu') {
      aliasGrids.hidden = true;
      const code = {sigmoid: 'dx = dout * self.out * (1.0 - self.out)', affine: 'dx = np.dot(dout, self.W.T)',
        'softmax-loss': 'dx = (self.y - self.t) / batch_size'}[spec.layer];
      aliasText.textContent = words('aliasOther', {layer: words.layerName(spec.layer), code});
      return;
    }
    aliasGrids.hidden = false;
    const done = known.get('dx') ?? new Set();
    const given = gridMatrix(spec, result, 'dout');
    const book = {...given, values: given.values.map((v, k) => (done.has(`${Math.floor(k / given.cols)},${k % given.cols}`) ? result.doutInPlace.values[k] : v))};
    const writing = new Set(active?.grid === 'dx' ? active.cells.map(([i, j]) => `${i},${j}`) : []);
    const top = topOf(given.values);
    for (const [id, matrix, label] of [['book', book, words('bookDout')], ['core', result.doutAfter, words('coreDout')]]) {
      if (!grids.has(id)) grids.set(id, gridView(doc, {grid: 'dout'}));
      const view = grids.get(id);
      view.el.dataset.grid = `dout-${id}`;
      if (view.el.parentNode !== aliasGrids) aliasGrids.append(view.el);
      view.update({matrix, label: {name: label, shape: shapeOf('dout', matrix)}, fmt, words, top,
        active: id === 'book' ? writing : new Set(), cellName: (i, j) => cellName('dout', matrix, i, j)});
    }
    aliasText.textContent = words('aliasRelu');
  }

  // The step's cells appear, the cells it reads flash: resolves when done.
  function motionOf(active, duration) {
    const ms = Math.max(120, duration || 650);
    const animations = [];
    for (const view of grids.values()) {
      if (!view.el.isConnected) continue; // a view of another mode (editable or not), kept for later
      const id = view.el.dataset.grid;
      const written = active.grid === id || (active.grid === 'out' && id === 'mask') || (active.grid === 'dx' && id === 'dout-book');
      if (written) {
        for (const td of view.cellsAt(active.cells.map(([i, j]) => `${i},${j}`))) {
          animations.push(td.animate([{opacity: 0, transform: 'scale(0.6)'}, {opacity: 1, transform: 'scale(1)'}], {duration: ms, easing: 'ease-out'}));
        }
      }
      const reads = active.reads.filter(([g]) => g === id).map(([, i, j]) => `${i},${j}`);
      for (const td of view.cellsAt(reads)) animations.push(td.animate([{outlineColor: 'transparent'}, {}], {duration: ms * 0.6}));
    }
    return Promise.all(animations.map((a) => a.finished.catch(() => {})));
  }

  // ---------------------------------------------------------- words

  // One sentence for the step: where the player is and the step's arithmetic.
  function sentence(step, t, fmt = formatNumber) {
    const words = wordsOf(t);
    const {spec, result, steps} = run;
    const n = steps.length;
    if (step === 0) {
      const given = givenGrids(spec).map((g) => `${GRIDS[g].name}: ${shapeOf(g, gridMatrix(spec, result, g))}`).join(', ');
      return words('start', {n, given, layer: words.layerName(spec.layer), rule: words.rule(spec.layer)});
    }
    const s = steps[step - 1];
    return words(s.phase, {step, n, formula: layerLine(spec, result, steps, step, fmt, words).text});
  }

  // The page's "This step" panel: the step's cell, its arithmetic and a note.
  function stepPanel(step, t, fmt) {
    const words = wordsOf(t);
    const {spec, result, steps} = run;
    const box = el('div', 'layer-step');
    const where = el('span', 'where', t('stepOf', {step, n: steps.length}));
    const s = step > 0 ? steps[step - 1] : null;
    const title = !s ? words('stepStart') : words(s.phase === 'forward' ? 'stepForward' : 'stepBackward',
      {cell: s.row != null ? rowName(s.grid, spec.x, s.row) : cellName(s.grid, gridMatrix(spec, result, s.grid), ...s.cells[0])});
    const h = el('h3', null, title + ' ');
    h.append(where);
    box.append(h, el('p', 'layer-formula', layerLine(spec, result, steps, step, fmt, words).text));
    const note = stepNote(spec, s, words, {editable: run.scene?.editable ?? true});
    if (note) box.append(el('p', 'note', note));
    return box;
  }

  // Predict mode's question at step k (figure/predict.js): the cells it
  // writes, their names and C's values, and its line with the value left
  // blank (the hint) and worked out.
  function question(k, fmt) {
    const {spec, result, steps, words} = run;
    const s = steps[k - 1];
    const m = gridMatrix(spec, result, s.grid);
    return {targets: s.cells.map(([i, j]) => ({name: cellName(s.grid, m, i, j), value: m.values[i * m.cols + j], cell: [s.grid, i, j]})),
      hint: layerLine(spec, result, steps, k, fmt, words, true).text, worked: layerLine(spec, result, steps, k, fmt, words).text};
  }

  // ---------------------------------------------------------- export

  // The grids as one SVG element (in the figure, styled, hidden), for
  // views/export.js; the caller removes it.
  function svg() {
    const {t, precise = false, step, doutLate = false} = run.scene;
    const out = toSvg(doc, layerPicture(run, {step, words: wordsOf(t), fmt: (v) => formatNumber(v, {precise}), doutLate}));
    const holder = el('div', 'export-holder');
    holder.append(out);
    root.append(holder);
    return {svg: out, done: () => holder.remove()};
  }

  adoptLayerSheet(mount.getRootNode());
  mount.append(root);

  return {
    set, show: showLayer, draw, sentence, stepPanel, svg, say, question,
    exportName: (step, kind) => `backprop-layer-${run.spec.layer}-step${step}.${kind}`,
    latex: (step) => layerLine(run.spec, run.result, run.steps, step, (v) => formatNumber(v, {precise: run.scene?.precise}), run.words).latex,
    get count() { return run.steps.length; },
    get steps() { return run.steps; },
    get fallback() { return run.fallback; },
    get fields() { return run.fields; },
    get spec() { return run.spec; },
    get result() { return run.result; },
    get root() { return root; },
  };
}
