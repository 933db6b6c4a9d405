// model/matrix.js: the text of a matrix, as the CLI's `backprop layer`
// reads it: rows separated by ';', the numbers of a row by ',', each number
// in the CLI's grammar (model/number.js).
//
//   1,-0.5;-2,3    a 2×2 matrix
//   0.3,2.9,4.0    a vector of 3, shape (3,) as numpy and the book write it
//
// A matrix is {rows, cols, values}, values row-major. One row is a vector:
// its text has no ';', and its shape is written (3,). Pure data, no DOM.
import {parseNumber, exactText} from './number.js';

// The most rows and columns a figure edits and shows: a grid of 8×8 cells
// still reads on a page; larger layers are the CLI's.
export const MAX_SIDE = 8;

const ok = (value) => ({ok: true, value});
const fail = (code, params) => ({ok: false, code, params});

export const matrixOf = (rows, cols, values) => ({rows, cols, values: [...values]});

// Read a matrix. {ok: true, value} or {ok: false, code, params}: emptyMatrix;
// badMatrixItem {cell, item, reason} (cell as "[1][0]", or "[2]" in a
// vector); raggedMatrix {row, count, first}; matrixTooBig {rows, cols, max}.
export function parseMatrix(text) {
  if (!text.trim()) return fail('emptyMatrix', {});
  const lines = text.split(';');
  const vector = lines.length === 1;
  const values = [];
  let cols = 0;
  for (const [i, line] of lines.entries()) {
    const items = line.split(',');
    if (i === 0) cols = items.length;
    else if (items.length !== cols) return fail('raggedMatrix', {row: `[${i}]`, count: items.length, first: cols});
    for (const [j, item] of items.entries()) {
      const n = parseNumber(item);
      if (!n.ok) return fail('badMatrixItem', {cell: vector ? `[${j}]` : `[${i}][${j}]`, item: item.trim(), reason: n.reason});
      values.push(n.value);
    }
  }
  if (lines.length > MAX_SIDE || cols > MAX_SIDE) return fail('matrixTooBig', {rows: lines.length, cols, max: MAX_SIDE});
  return ok(matrixOf(lines.length, cols, values));
}

// Class indices, one per row of x: whole numbers from 0, separated by ','.
export function parseIndices(text) {
  const m = parseMatrix(text);
  if (!m.ok) return m;
  if (m.value.rows !== 1) return fail('badIndices', {item: text.trim()});
  const bad = m.value.values.findIndex((v) => !Number.isInteger(v) || Object.is(v, -0) || v < 0);
  return bad < 0 ? ok(m.value.values) : fail('badIndices', {item: exactText(m.value.values[bad])});
}

// The text that reads back to the same matrix (every double exactly).
export function matrixText(m) {
  const rows = [];
  for (let i = 0; i < m.rows; i++) rows.push(Array.from(m.values.slice(i * m.cols, (i + 1) * m.cols), exactText).join(','));
  return rows.join(';');
}

// The grammar as model/state.js takes it (readState, parseValue,
// writeState): what a bundle that shows layers passes in.
export const MATRICES = {parseMatrix, parseIndices, matrixText};
