// views/layer-grids.js: one matrix drawn as a grid of cells, the unit of
// the layer figure. A given grid (x, W, b, t, dout) holds a text field per
// cell; a result grid (out, mask, y, loss, dx, dW, db) holds C's numbers,
// each cell once its step is done. Cells are coloured by sign and size
// (classes only: pos/neg and m1…m5, the sheet says which colour) and
// always show their numbers.
//
//   const grid = gridView(doc, {grid: 'x', editable: true, on: {commit, invalid, move}});
//   grid.update({matrix, label, known, active, reads, fmt, cellName, words});
//
// Updates are in place: a grid of the same shape keeps its elements, so a
// field the reader is typing in keeps its focus and its text.
import {exactText, isNonFinite, parseNumber} from '../model/number.js';

const LEVELS = 5;

// The colour classes of value v in a grid whose largest finite magnitude
// is `top`: sign and one of LEVELS sizes, none for 0; nonfinite for ∞, NaN.
export function tone(v, top) {
  if (typeof v === 'boolean') return v ? 'mask-true' : 'mask-false';
  if (isNonFinite(v)) return 'nonfinite';
  if (v === 0 || !top) return 'zero';
  return `${v > 0 ? 'pos' : 'neg'} m${Math.max(1, Math.ceil((LEVELS * Math.abs(v)) / top))}`;
}

// The largest finite magnitude among values (0 if none).
export const topOf = (values) => Array.from(values).reduce((top, v) => (Number.isFinite(v) && Math.abs(v) > top ? Math.abs(v) : top), 0);

// The cells of a grid as shown, row-major: [{v, text, cls}] (text: the
// number as fmt writes it, the mask's true/false in words, '' while not
// computed; cls: the cell's classes). The HTML grid below and the SVG
// export (figure/layer-picture.js) both take them from here.
export function gridCells({matrix, known = () => true, active = new Set(), reads = new Set(), fmt, words, top = null, editable = false}) {
  const {rows, cols, values} = matrix;
  const scale = top ?? topOf(values);
  const out = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = values[i * cols + j];
      const key = `${i},${j}`;
      const shown = editable || known(i, j);
      out.push({v, shown,
        text: !shown ? '' : typeof v === 'boolean' ? words(v ? 'true' : 'false') : fmt(v),
        cls: ['cell', shown ? tone(v, scale) : 'pending', active.has(key) && 'active', reads.has(key) && 'reads'].filter(Boolean).join(' ')});
    }
  }
  return out;
}

// grid: its id (x, w, …). editable: text fields. on.commit(i, j, value):
// a cell's new number; on.invalid(i, j, text, reason): text that is not a
// number (the last good value stays); on.move(field, key): arrow keys.
export function gridView(doc, {grid, editable = false, on = {}}) {
  const el = doc.createElement('section');
  el.className = `grid ${editable ? 'given' : 'result'}`;
  el.dataset.grid = grid;
  const head = doc.createElement('header');
  const name = doc.createElement('span');
  name.className = 'grid-name';
  const shape = doc.createElement('span');
  shape.className = 'shape';
  head.append(name, shape);
  const tools = doc.createElement('div');
  tools.className = 'grid-tools';
  const box = doc.createElement('div');
  box.className = 'cells';
  const table = doc.createElement('table');
  table.setAttribute('role', 'grid');
  box.append(table);
  el.append(head, box, tools);
  let shapeKey = '';
  let cells = []; // [i][j] -> td

  function build(rows, cols) {
    table.textContent = '';
    cells = [];
    for (let i = 0; i < rows; i++) {
      const tr = table.insertRow();
      cells.push([]);
      for (let j = 0; j < cols; j++) {
        const td = tr.insertCell();
        td.dataset.i = String(i);
        td.dataset.j = String(j);
        if (editable) td.append(field(i, j));
        cells[i].push(td);
      }
    }
  }

  function field(i, j) {
    const input = doc.createElement('input');
    input.type = 'text';
    input.setAttribute('inputmode', 'decimal');
    input.setAttribute('autocomplete', 'off');
    input.setAttribute('spellcheck', 'false');
    const commit = () => {
      if (input.value === input.dataset.good) return;
      const n = parseNumber(input.value);
      if (!n.ok) {
        input.setAttribute('aria-invalid', 'true');
        on.invalid?.(i, j, input.value, n.reason);
        return;
      }
      input.removeAttribute('aria-invalid');
      on.commit?.(i, j, n.value);
    };
    input.addEventListener('change', commit);
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        commit();
        input.select();
      } else if (e.key === 'Escape') {
        input.value = input.dataset.good;
        input.removeAttribute('aria-invalid');
        on.invalid?.(i, j, null);
      } else if (e.key.startsWith('Arrow') && !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
        // Up and down always move; left and right once the caret is at the
        // text's edge (or the whole text is selected), as in a spreadsheet.
        const all = input.selectionStart === 0 && input.selectionEnd === input.value.length;
        const at = input.selectionStart === input.selectionEnd ? input.selectionStart : -1;
        const leaves = {ArrowUp: true, ArrowDown: true, ArrowLeft: all || at === 0, ArrowRight: all || at === input.value.length}[e.key];
        if (!leaves) return;
        const [di, dj] = {ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1]}[e.key];
        const next = cells[i + di]?.[j + dj]?.firstChild;
        if (!next) return;
        e.preventDefault();
        commit();
        next.focus();
        next.select();
      }
    });
    return input;
  }

  // matrix: {rows, cols, values} (booleans for the mask). label: the
  // grid's name, shape and accessible name. known(i, j): whether a result
  // cell is computed yet. active, reads: sets of "i,j" to highlight.
  // cellName(i, j): x[0][1]. fmt: a number as shown. words: the translator.
  function update({matrix, label, known = () => true, active = new Set(), reads = new Set(), fmt, cellName, words, top = null}) {
    const {rows, cols} = matrix;
    name.textContent = label.name;
    shape.textContent = label.shape;
    table.setAttribute('aria-label', words('gridLabel', {name: label.name, shape: label.shape || '1'}));
    if (`${rows}×${cols}` !== shapeKey) {
      shapeKey = `${rows}×${cols}`;
      build(rows, cols);
    }
    gridCells({matrix, known, active, reads, fmt, words, top, editable}).forEach(({v, shown, text, cls}, k) => {
      const i = Math.floor(k / cols), j = k % cols;
      const td = cells[i][j];
      if (td.className !== cls) td.className = cls;
      if (editable) {
        const input = td.firstChild;
        const good = exactText(v);
        input.setAttribute('aria-label', cellName(i, j));
        // Text is rewritten only when the value changes (a commit, a
        // preset, a new row): what the reader is typing stays.
        if (input.dataset.good !== good) {
          input.value = good;
          input.dataset.good = good;
          input.removeAttribute('aria-invalid');
        }
      } else {
        if (td.textContent !== text) td.textContent = text;
        const aria = shown ? words('cellValue', {cell: cellName(i, j), v: text}) : words('cellPending', {cell: cellName(i, j)});
        if (td.getAttribute('aria-label') !== aria) td.setAttribute('aria-label', aria);
        if (shown && typeof v === 'number') td.dataset.value = exactText(v);
        else if (shown) td.dataset.value = String(v);
        else delete td.dataset.value;
      }
    });
  }

  // The cells written by the current step, for the travel animation.
  const cellsAt = (keys) => [...keys].map((k) => k.split(',').map(Number)).map(([i, j]) => cells[i]?.[j]).filter(Boolean);

  return {el, tools, update, cellsAt};
}
