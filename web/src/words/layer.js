// words/layer.js: the words of layer mode (the book's layers over
// matrices), in English and Korean, for the page and the element alike:
// grid names, the step's sentences, the aliasing lesson, the presets, and
// every message about a matrix that does not read or does not fit. They
// ship in the layer chunk only (figure/layer-chunk.js); layerWords() puts
// them before the host's own translator, which answers every other key.
// Those of the view alone are words/layer-view.js's (the network's one
// point carries only them); this file adds the rest.
//
// Plain text, put in the DOM with textContent (the step panel escapes
// them); placeholders are {name}, filled with formatted numbers and names.

import {LAYER_VIEW_WORDS, layerTranslator} from './layer-view.js';

// The editor's words, the lesson's and the messages'.
const EDIT_WORDS = {
  en: {
    given: 'given', result: 'computed by the C core',
    notYet: 'not computed yet',
    addRow: 'Add a row', removeRow: 'Remove a row', addColumn: 'Add a column', removeColumn: 'Remove a column',
    rowsName: 'rows', colsName: 'columns',
    resizeOf: '{action} ({name})',
    sizeLimit: 'Matrices here are 1×1 to {max}×{max}; larger ones are the command line’s (backprop layer).',
    preset: {
      'relu-book': 'ReLU: the book’s x', 'sigmoid-batch': 'Sigmoid: a 2×3 batch', 'affine-vector': 'Affine: X (2,)',
      'affine-batch': 'Affine: a batch, N = 2', 'softmax-book': 'Softmax-with-Loss: the book’s x, t',
    },
    chooseLayer: 'Layer',
    editHint: 'Edit a cell and press Enter; arrow keys move between cells.',
    // the aliasing lesson
    inplace: 'Book’s in-place backward',
    aliasTitle: 'Whose dout is it?',
    bookDout: 'dout after the book’s backward',
    coreDout: 'dout after the core’s backward',
    aliasRelu: 'The book’s ReluLayer.backward runs dout[self.mask] = 0 on the array it is given, so the caller’s dout now holds zeros where the mask is True. If that dout also feeds a second branch (a value used twice, whose gradients add up), the second branch reads the zeros and gets a wrong gradient. The core writes dx into a buffer of its own and leaves dout as it was.',
    aliasOther: '{layer}’s backward writes no element of dout, in the book ({code}) or in the core: there is nothing to corrupt. Only the book’s ReLU writes into its argument.',
    // shapes
    wRows: 'W is {w} but x is {x}: W needs {cols} rows, one per column of x.',
    bLength: 'b is {b} but W is {w}: b needs {cols} numbers, one per column of W.',
    doutShape: 'dout is {dout} but the layer’s output is {out}: they must have the same shape.',
    tShape: 't is {t} but x is {x}: t needs one one-hot row per row of x.',
    tNotOneHot: 't{row} is not one-hot: a label row holds a single 1 and zeros.',
    tIndexCount: 't-index has {count} labels but x has {rows} rows.',
    tIndexRange: 't-index: class {value} is out of range: x has {cols} columns, so classes 0 to {max}.',
    // the matrix grammar (model/matrix.js)
    emptyMatrix: '{name}: empty; write numbers like 1,-0.5;-2,3 (rows separated by ;).',
    badMatrixItem: '{name}{cell}: “{item}” is not a number ({reason}).',
    raggedMatrix: '{name}{row} has length {count} but {name}[0] has length {first}: every row needs as many numbers.',
    matrixTooBig: '{name} is {rows}×{cols}: figures show matrices up to {max}×{max}; larger ones are the command line’s (backprop layer).',
    badIndices: '{name}: “{item}” is not a list of class indices like 2,0 (whole numbers from 0).',
    showing: 'Showing {layer} with its example’s matrices instead.',
  },
  ko: {
    given: '입력', result: 'C 코어가 계산',
    notYet: '아직 계산 전',
    addRow: '행 추가', removeRow: '행 삭제', addColumn: '열 추가', removeColumn: '열 삭제',
    rowsName: '행', colsName: '열',
    resizeOf: '{action} ({name})',
    sizeLimit: '이곳의 행렬은 1×1부터 {max}×{max}까지입니다. 더 큰 행렬은 명령줄 도구(backprop layer)로 다루세요.',
    preset: {
      'relu-book': 'ReLU: 책의 x', 'sigmoid-batch': 'Sigmoid: 2×3 배치', 'affine-vector': 'Affine: X (2,)',
      'affine-batch': 'Affine: 배치, N = 2', 'softmax-book': 'Softmax-with-Loss: 책의 x, t',
    },
    chooseLayer: '계층',
    editHint: '칸을 고치고 Enter를 누르세요. 화살표 키로 칸 사이를 옮겨 다닙니다.',
    inplace: '책의 제자리(in-place) 역전파',
    aliasTitle: 'dout은 누구의 것일까요?',
    bookDout: '책의 역전파를 거친 뒤의 dout',
    coreDout: '코어의 역전파를 거친 뒤의 dout',
    aliasRelu: '책의 ReluLayer.backward는 받은 배열에 직접 dout[self.mask] = 0을 실행합니다. 그래서 호출한 쪽의 dout에도 mask가 True인 칸에 0이 쓰입니다. 이 dout이 다른 가지로도 흘러간다면(두 번 쓰인 값의 기울기는 더해집니다) 그 가지는 0을 읽고 틀린 기울기를 얻습니다. 코어는 dx를 따로 마련한 버퍼에 쓰고 dout은 그대로 둡니다.',
    aliasOther: '{layer} 계층의 역전파는 책({code})에서도 코어에서도 dout의 원소를 하나도 고쳐 쓰지 않습니다. 망가질 것이 없습니다. 인수에 직접 쓰는 것은 책의 ReLU뿐입니다.',
    wRows: 'W는 {w}, x는 {x}: W의 행 수는 x의 열 수인 {cols}여야 합니다.',
    bLength: 'b는 {b}, W는 {w}: b에는 W의 열 수만큼 {cols}개의 숫자가 필요합니다.',
    doutShape: 'dout은 {dout}, 계층의 출력은 {out}: 둘의 형상이 같아야 합니다.',
    tShape: 't는 {t}, x는 {x}: x의 행마다 원-핫 행이 하나씩 필요합니다.',
    tNotOneHot: 't{row}: 원-핫이 아닙니다. 레이블 행에는 1이 하나, 나머지는 0이어야 합니다.',
    tIndexCount: 't-index의 레이블은 {count}개, x의 행은 {rows}개입니다.',
    tIndexRange: 't-index: 클래스 {value}: 범위 밖입니다. x의 열이 {cols}개이므로 클래스는 0부터 {max}까지입니다.',
    emptyMatrix: '{name}: 비어 있습니다. 1,-0.5;-2,3처럼 쓰세요(행은 ;로 나눕니다).',
    badMatrixItem: '{name}{cell}: “{item}” — 숫자가 아닙니다 ({reason}).',
    raggedMatrix: '{name}{row}의 길이는 {count}, {name}[0]의 길이는 {first}: 모든 행의 숫자 개수가 같아야 합니다.',
    matrixTooBig: '{name}: {rows}×{cols} — 그림에서는 {max}×{max}까지의 행렬만 보여 줍니다. 더 큰 행렬은 명령줄 도구(backprop layer)로 다루세요.',
    badIndices: '{name}: “{item}” — 2,0 같은 클래스 번호 목록(0 이상의 정수)이 아닙니다.',
    showing: '대신 {layer} 예제의 행렬을 보여 줍니다.',
  },
};

export const LAYER_WORDS = {
  en: {...LAYER_VIEW_WORDS.en, ...EDIT_WORDS.en},
  ko: {...LAYER_VIEW_WORDS.ko, ...EDIT_WORDS.ko},
};

// The host's translator `t` (the page's or the element's), with layer
// mode's words first. t.layer(id), t.preset(id), t.rule(id) read the tables.
export const layerWords = (t) => layerTranslator(t, LAYER_WORDS);
