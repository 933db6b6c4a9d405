// model/matrix.js: the matrix grammar of layer mode (the CLI's `backprop
// layer`): rows by ';', numbers by ',', each number in the CLI's number
// grammar. Tables of text and what it reads as, written out by hand.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseMatrix, parseIndices, matrixText, MAX_SIDE} from '../../web/src/model/matrix.js';

const M = (rows, cols, values) => ({ok: true, value: {rows, cols, values}});
const bad = (code, params) => ({ok: false, code, params});

// [text, result]
const CASES = [
  ['1,-0.5;-2,3', M(2, 2, [1, -0.5, -2, 3])],
  [' 1 , -0.5 ; -2 , 3 ', M(2, 2, [1, -0.5, -2, 3])],
  ['0.3,2.9,4.0', M(1, 3, [0.3, 2.9, 4])],
  ['7', M(1, 1, [7])],
  ['1;2;3', M(3, 1, [1, 2, 3])],
  ['\u22121e-3,+2.5e2', M(1, 2, [-0.001, 250])],
  ['-0,NaN;inf,-Infinity', M(2, 2, [-0, NaN, Infinity, -Infinity])],
  ['1e-400,5e-324', M(1, 2, [0, 5e-324])],
  [Array(8).fill(Array(8).fill('1').join(',')).join(';'), M(8, 8, Array(64).fill(1))],
  // Refused: nothing, a ragged row, a bad number (its cell named), too many rows or columns.
  ['', bad('emptyMatrix', {})],
  ['  ', bad('emptyMatrix', {})],
  ['1,2;3', bad('raggedMatrix', {row: '[1]', count: 1, first: 2})],
  ['1;2,3', bad('raggedMatrix', {row: '[1]', count: 2, first: 1})],
  ['1,2;3,4;5', bad('raggedMatrix', {row: '[2]', count: 1, first: 2})],
  ['1,,2', bad('badMatrixItem', {cell: '[1]', item: '', reason: 'empty'})],
  ['1,2;3,x', bad('badMatrixItem', {cell: '[1][1]', item: 'x', reason: 'not-a-number'})],
  ['1;2;', bad('badMatrixItem', {cell: '[2][0]', item: '', reason: 'empty'})],
  ['0,5 1', bad('badMatrixItem', {cell: '[1]', item: '5 1', reason: 'not-a-number'})],
  ['1e999', bad('badMatrixItem', {cell: '[0]', item: '1e999', reason: 'too-large'})],
  ['[1,2]', bad('badMatrixItem', {cell: '[0]', item: '[1', reason: 'not-a-number'})],
  [Array(9).fill('1').join(';'), bad('matrixTooBig', {rows: 9, cols: 1, max: 8})],
  [Array(9).fill('1').join(','), bad('matrixTooBig', {rows: 1, cols: 9, max: 8})],
];

test('the grammar: good matrices and each way of being bad', () => {
  assert.equal(MAX_SIDE, 8);
  for (const [text, result] of CASES) assert.deepStrictEqual(parseMatrix(text), result, JSON.stringify(text).slice(0, 40));
});

test('written back: every double exactly, and it reads the same', () => {
  const cases = [
    [{rows: 2, cols: 2, values: [1, -0.5, -2, 3]}, '1,-0.5;-2,3'],
    [{rows: 1, cols: 3, values: [0.1 + 0.2, -0, 1e300]}, '0.30000000000000004,-0,1e+300'],
    [{rows: 3, cols: 1, values: [NaN, Infinity, -Infinity]}, 'NaN;Infinity;-Infinity'],
    [{rows: 1, cols: 2, values: Float64Array.of(5e-324, -1.7976931348623157e308)}, '5e-324,-1.7976931348623157e+308'],
  ];
  for (const [m, text] of cases) {
    assert.equal(matrixText(m), text);
    const back = parseMatrix(text).value;
    assert.deepStrictEqual(back, {rows: m.rows, cols: m.cols, values: [...m.values]});
  }
});

test('class indices: whole numbers from 0, one row', () => {
  assert.deepStrictEqual(parseIndices('2,0'), {ok: true, value: [2, 0]});
  assert.deepStrictEqual(parseIndices(' 7 '), {ok: true, value: [7]});
  assert.deepStrictEqual(parseIndices('2.0,1'), {ok: true, value: [2, 1]});
  assert.deepStrictEqual(parseIndices('1,-1'), bad('badIndices', {item: '-1'}));
  assert.deepStrictEqual(parseIndices('-0'), bad('badIndices', {item: '-0'}));
  assert.deepStrictEqual(parseIndices('0.5'), bad('badIndices', {item: '0.5'}));
  assert.deepStrictEqual(parseIndices('NaN'), bad('badIndices', {item: 'NaN'}));
  assert.deepStrictEqual(parseIndices('2;0'), bad('badIndices', {item: '2;0'}));
  assert.deepStrictEqual(parseIndices('2,x'), bad('badMatrixItem', {cell: '[1]', item: 'x', reason: 'not-a-number'}));
});
