// words/layer.js: the words of layer mode (the book's layers over
// matrices), in English and Korean, for the page and the element alike:
// grid names, the step's sentences, the aliasing lesson, the presets, and
// every message about a matrix that does not read or does not fit. They
// ship in the layer chunk only (figure/layer-chunk.js); layerWords() puts
// them before the host's own translator, which answers every other key.
//
// Plain text, put in the DOM with textContent (the step panel escapes
// them); placeholders are {name}, filled with formatted numbers and names.

export const LAYER_WORDS = {
  en: {
    layerName: {relu: 'ReLU', sigmoid: 'Sigmoid', affine: 'Affine', 'softmax-loss': 'Softmax-with-Loss'},
    layerFigure: '{layer} layer over matrices',
    forwardLane: 'Forward', backwardLane: 'Backward',
    gridLabel: '{name}: {shape}',
    given: 'given', result: 'computed by the C core',
    notYet: 'not computed yet',
    cellValue: '{cell} = {v}',
    cellPending: '{cell}: not computed yet',
    true: 'True', false: 'False',
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
    // the rule of each layer (step 0's line)
    rule: {
      relu: 'out = x where x > 0, else 0; mask = (x ≤ 0); dx = dout where mask is False, else 0',
      sigmoid: 'out = 1/(1 + exp(−x)); dx = dout · out · (1 − out)',
      affine: 'out = x·W + b; dx = dout·Wᵀ, dW = xᵀ·dout, db = the column sums of dout',
      'softmax-loss': 'y = softmax(x), row by row; loss = −(1/N) Σ t · log y; dx = (y − t)/N',
    },
    start: 'Step 0 of {n}: {given} given. {layer}: {rule}.',
    forward: 'Step {step} of {n}, forward: {formula}.',
    backward: 'Step {step} of {n}, backward: {formula}.',
    maskIs: '{mask} is {value}',
    stepForward: 'Forward: {cell}', stepBackward: 'Backward: {cell}', stepStart: 'Start',
    reluForwardNote: 'ReLU passes x where x > 0 and writes 0 elsewhere; the mask remembers where (x ≤ 0), as the book’s self.mask.',
    reluBackwardNote: 'Backward needs only the mask: where it is True the gradient stops (0), elsewhere dout passes unchanged.',
    sigmoidForwardNote: 'Each cell on its own: the layer keeps its output y for the backward pass.',
    sigmoidBackwardNote: 'Backward needs only the forward output y: dout · y(1 − y).',
    affineForwardNote: 'Row {i} of x times column {j} of W, plus b[{j}].',
    affineDxNote: 'dx = dout·Wᵀ: row {i} of dout times row {k} of W.',
    affineDwNote: 'dW = xᵀ·dout: column {k} of x times column {j} of dout, summed over the batch.',
    affineDbNote: 'db sums dout over the batch: b was added to every row.',
    softmaxForwardNote: 'Computed stably: the row’s largest x is subtracted before exp.',
    lossNote: 'The core takes log y from the log-sum-exp (x − max − log Σ exp), not as the book’s log(y + 1e-7): a y that underflows to 0 still gives its true loss.',
    softmaxBackwardNote: 'Softmax-with-Loss is the end of the graph: its backward needs no dout (dL/dL = 1). The 1/N is the mean over the batch.',
    // the aliasing lesson
    legendPositive: 'positive', legendNegative: 'negative', legendActive: 'this step writes', legendReads: 'and reads',
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
    layerName: {relu: 'ReLU', sigmoid: 'Sigmoid', affine: 'Affine', 'softmax-loss': 'Softmax-with-Loss'},
    layerFigure: '행렬 위의 {layer} 계층',
    forwardLane: '순전파', backwardLane: '역전파',
    gridLabel: '{name}: {shape}',
    given: '입력', result: 'C 코어가 계산',
    notYet: '아직 계산 전',
    cellValue: '{cell} = {v}',
    cellPending: '{cell}: 아직 계산 전',
    true: 'True', false: 'False',
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
    rule: {
      relu: 'out = x > 0이면 x, 아니면 0; mask = (x ≤ 0); dx = mask가 False면 dout, 아니면 0',
      sigmoid: 'out = 1/(1 + exp(−x)); dx = dout · out · (1 − out)',
      affine: 'out = x·W + b; dx = dout·Wᵀ, dW = xᵀ·dout, db = dout의 열별 합',
      'softmax-loss': 'y = 행마다 softmax(x); loss = −(1/N) Σ t · log y; dx = (y − t)/N',
    },
    start: '단계 0/{n}: 입력 {given}. {layer}: {rule}.',
    forward: '단계 {step}/{n}, 순전파: {formula}.',
    backward: '단계 {step}/{n}, 역전파: {formula}.',
    maskIs: '{mask} = {value}',
    stepForward: '순전파: {cell}', stepBackward: '역전파: {cell}', stepStart: '시작',
    reluForwardNote: 'ReLU는 x > 0인 칸은 그대로 통과시키고 나머지에는 0을 씁니다. mask는 그 위치(x ≤ 0)를 기억합니다. 책의 self.mask와 같습니다.',
    reluBackwardNote: '역전파에는 mask만 있으면 됩니다: True인 칸에서는 기울기가 멈추고(0), 나머지 칸에서는 dout이 그대로 흐릅니다.',
    sigmoidForwardNote: '칸마다 따로 계산합니다. 역전파를 위해 출력 y를 기억해 둡니다.',
    sigmoidBackwardNote: '역전파에는 순전파의 출력 y만 있으면 됩니다: dout · y(1 − y).',
    affineForwardNote: 'x의 {i}행과 W의 {j}열을 곱해 더하고 b[{j}]를 더합니다.',
    affineDxNote: 'dx = dout·Wᵀ: dout의 {i}행과 W의 {k}행을 곱해 더합니다.',
    affineDwNote: 'dW = xᵀ·dout: x의 {k}열과 dout의 {j}열을 곱해 배치 전체에 걸쳐 더합니다.',
    affineDbNote: 'db는 dout을 배치 방향으로 더한 값입니다. 순전파에서 b가 모든 행에 더해졌기 때문입니다.',
    softmaxForwardNote: '안정적으로 계산합니다: exp 전에 행의 최댓값을 뺍니다.',
    lossNote: '코어는 log y를 책처럼 log(y + 1e-7)로 구하지 않고 log-sum-exp(x − max − log Σ exp)로 구합니다. 그래서 y가 0으로 언더플로해도 손실은 참값 그대로입니다.',
    softmaxBackwardNote: 'Softmax-with-Loss는 계산 그래프의 끝입니다: 역전파에 dout이 필요 없습니다(dL/dL = 1). 1/N은 배치 평균입니다.',
    legendPositive: '양수', legendNegative: '음수', legendActive: '이번 단계가 쓰는 칸', legendReads: '읽는 칸',
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

const fill = (template, params) => template.replace(/\{(\w+)\}/g, (m, k) => (params && k in params ? String(params[k]) : m));

// The host's translator `t` (the page's or the element's), with layer
// mode's words first. t.layer(id), t.preset(id), t.rule(id) read the tables.
export function layerWords(t) {
  const words = LAYER_WORDS[t.lang] ?? LAYER_WORDS.en;
  const lt = (key, params) => (Object.hasOwn(words, key) ? fill(words[key], params) : t(key, params));
  lt.lang = t.lang;
  lt.reason = t.reason;
  for (const table of ['layerName', 'preset', 'rule']) lt[table] = (id) => words[table][id] ?? id;
  return lt;
}
