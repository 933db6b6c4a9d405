// words/layer-view.js: the words of a layer figure's view (grid names,
// the step's sentences and notes, the legend), in English and Korean: all
// that the network's one point (net/net-sample.js) needs of layer mode's
// words. words/layer.js adds the editing, the lesson and the messages.
//
// Plain text, put in the DOM with textContent (the step panel escapes
// them); placeholders are {name}, filled with formatted numbers and names.

export const LAYER_VIEW_WORDS = {
  en: {
    layerName: {relu: 'ReLU', sigmoid: 'Sigmoid', affine: 'Affine', 'softmax-loss': 'Softmax-with-Loss'},
    layerFigure: '{layer} layer over matrices',
    forwardLane: 'Forward', backwardLane: 'Backward',
    gridLabel: '{name}: {shape}',
    cellValue: '{cell} = {v}',
    cellPending: '{cell}: not computed yet',
    true: 'True', false: 'False',
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
    legendPositive: 'positive', legendNegative: 'negative', legendActive: 'this step writes', legendReads: 'and reads',
  },
  ko: {
    layerName: {relu: 'ReLU', sigmoid: 'Sigmoid', affine: 'Affine', 'softmax-loss': 'Softmax-with-Loss'},
    layerFigure: '행렬 위의 {layer} 계층',
    forwardLane: '순전파', backwardLane: '역전파',
    gridLabel: '{name}: {shape}',
    cellValue: '{cell} = {v}',
    cellPending: '{cell}: 아직 계산 전',
    true: 'True', false: 'False',
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
  },
};

const fill = (template, params) => template.replace(/\{(\w+)\}/g, (m, k) => (params && k in params ? String(params[k]) : m));

// The host's translator `t` (the page's, the element's or the network's),
// with the words of `tables` ({en, ko}, by default the view's) first.
// t.layerName(id), t.preset(id), t.rule(id) read the tables.
export function layerTranslator(t, tables = LAYER_VIEW_WORDS) {
  const words = tables[t.lang] ?? tables.en;
  const lt = (key, params) => (Object.hasOwn(words, key) ? fill(words[key], params) : t(key, params));
  lt.lang = t.lang;
  lt.reason = t.reason;
  for (const table of ['layerName', 'preset', 'rule']) lt[table] = (id) => words[table]?.[id] ?? id;
  return lt;
}
