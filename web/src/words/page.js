// words/page.js: the app page's own words, in English and Korean, in
// words/figure.js's table shape; the page reads them with the figure's and
// the expression mode's (words/expr.js) through one translator. The
// <backprop-graph> element imports nothing from here, so the page's
// sentences cost the element no bytes.
//
//   const t = pageTranslator('ko');
//   t('stepTitle')                -> '이번 단계'
//
// Values are plain text, except keys ending in Html: fixed markup of this
// file (no placeholders), put in the page with innerHTML by applyPageText.
// Placeholders in step and check sentences are filled with formatted
// numbers; the views escape them.
import {formatNumber} from '../model/number.js';
import {translator, langOf, FIGURE_WORDS} from './figure.js';
import {EXPR_WORDS} from './expr.js';

export const PAGE_WORDS = {
  en: {
    // index.html, by data-t / data-t-html / data-t-label
    docTitle: 'Backpropagation, live: ReLU, Sigmoid and your own expressions',
    docDescription: 'Watch forward values and gradients flow through the ReLU and Sigmoid layers, or any expression you type, node by node, computed by a C core in WebAssembly.',
    headline: 'Backpropagation, live',
    lede: 'The ReLU and Sigmoid layers as computational graphs, or any expression you type, such as (x+y)*z. Choose the inputs and the upstream gradient dL/dy, then step through: values flow forward, left to right, above each arrow; gradients flow back, right to left, below it. Layer shows the book\'s ReLU, Sigmoid, Affine and Softmax-with-Loss over matrices, cell by cell; Network stacks them and trains on 2-D data, its gradients in view.',
    language: 'Language',
    controls: 'Controls',
    graph: 'Graph',
    graphSteps: 'Sigmoid step by step',
    graphBoth: 'Both',
    graphLayer: 'Layer',
    graphNetwork: 'Network',
    networkTitle: 'A network that learns',
    layerChoice: 'Layer',
    xSlider: 'x slider',
    doutSlider: 'upstream gradient slider',
    timelineLabel: 'Timeline',
    speed: 'Speed',
    precise: 'Full precision',
    predictToggle: 'Predict: type each gradient before it is shown',
    askAll: 'Forward values too',
    codeLabel: 'Code', codeNone: 'none', fig7Label: 'Sigmoid as Fig. 7',
    copyThisLink: 'Copy this link:',
    loadingCore: 'Loading the WebAssembly core…',
    coreFailedTitle: 'The computing core could not be loaded',
    coreFailedHtml: 'Every number on this page is computed by a small WebAssembly module, <code>backprop.wasm</code>, and it did not load. Reload the page; if this persists, the file is missing from the server or your browser blocks WebAssembly.',
    crashTitle: 'Something went wrong',
    crashText: 'The page stopped with an error. Reloading may help.',
    coreFailedStatus: 'The computing core could not be loaded.',
    crashStatus: 'The page stopped with an error.',
    legendForward: 'forward value', legendBackward: 'gradient',
    legendActive: 'active step',
    legendNonFinite: 'not finite (∞ or NaN)',
    stepTitle: 'This step',
    checkTitle: 'Gradient check',
    builtinCheckNote: "Backprop's dL/dx beside a central-difference estimate, (f(x+h) − f(x−h)) / 2h · dL/dy.",
    notesTitle: 'Why ∞ and NaN?',
    plotHeading: 'The curve',
    plotFunction: 'the function',
    plotDerivative: 'dL/dy times its derivative',
    plotHint: 'Drag on the plot to move x.',
    helpTitle: 'Typing numbers',
    numberHelpHtml: 'Numbers are read as the <code>backprop</code> command line reads them: <code>0.5</code>, <code>-2</code> or <code>−2</code>, <code>1e-3</code>, and exactly <code>inf</code>, <code>Infinity</code>, <code>nan</code> or <code>NaN</code> (with a sign if you like). Use a point for decimals: <code>0,5</code> is refused. Values beyond ±1.8e308 are refused as too large; tiny ones such as <code>1e-400</code> round to 0. While a field holds something else, the page keeps showing the last number it could read.',
    nonFiniteHelp: '∞ and NaN are shown as they are: the core uses plain IEEE doubles and hides nothing.',
    footHtml: 'After the figures of <cite>Backpropagation-3</cite>, from the “Deep Learning from Scratch” series. Every number is computed by the C core, compiled to WebAssembly.',
    // app.js
    paneFused: 'Sigmoid, fused',
    ready: 'Ready.',
    infinity: 'infinity',
    minusInfinity: 'minus infinity',
    stepOf: 'step {step} of {n}',
    numberError: '{name}: {reason}. Still showing {name} = {value}.',
    plotTitle: '{f}(x), and dL/dy · {f}′(x) computed by the C layer over x from {lo} to {hi}.',
    plotLabel: 'Plot of {f} and its derivative times the upstream gradient: drag or use arrow keys to set {v}',
    // views/steps.js and views/expr-steps.js (the view escapes these and
    // fills in the numbers with their markup)
    startTitle: 'Start',
    startText: 'The reader gives {x} at the left and the upstream gradient {dout} at the right. Step forward: values flow left to right, then gradients flow back.',
    forwardThrough: 'Forward through',
    backwardThrough: 'Backward through',
    forwardMath: 'forward: y = {v}',
    backwardMath: 'backward: dL/dx = {up} times {local} = {grad}',
    forwardNote: "x is this node's input and y its output; y travels right along the solid arrow.",
    backwardNote: "x and y are this node's input and output; the gradient travels left along the dashed arrow.",
    reluNote: ' [x > 0] is 1 where x > 0 and 0 otherwise.',
    upstream: 'upstream',
    localDerivative: 'local derivative',
    downstream: 'downstream',
    // views/check.js
    byBackprop: 'dL/dx by backprop',
    centralDifference: 'central difference, h = {h}',
    relativeError: 'relative error',
    checkNaNBuiltin: 'No comparison: a value is not finite.',
    checkAgreeBuiltin: 'Backprop and the difference quotient agree.',
    reluKink: 'They differ: ReLU has a kink at 0. The difference quotient straddles it, while backprop masks x ≤ 0 and gives 0.',
    checkDifferBuiltin: 'They differ by more than {tol}: the function is not smooth here, or rounding dominates.',
    bothSame: 'Both graphs give the same dL/dx.',
    bothDiffer: 'The two graphs disagree: {a} step by step, {b} fused.',
    fusedLesson: 'The fused σ layer reaches the same y = {y}, but its backward step needs only that output: dL/dy · y(1 − y) gives dL/dx = {dx}. No ∞ is ever multiplied by 0 on the way back. That is why frameworks fuse sigmoid into one layer.',
    // warningSentence: the core's warnings
    warnOverflow: '{name}({a}) overflows: the true result is larger than the largest double (about 1.8 × 10³⁰⁸), so it is stored as {value}.',
    warnNaNBackward: 'Backward through {name}: upstream {a} × local derivative {b} is {value}, because 0 · ∞ has no value in IEEE arithmetic. Every gradient to the left inherits it.',
    warnNaN: '{name} gives {value} from {args}: the operation has no defined result.',
    and: ' and ',
    warnDivide: '{name} divides by {b}: the result is {value}.',
    warnDomain: "{name}({a}) is outside the function's domain, so the result is {value}.",
    warnInfiniteInput: 'The input {name} is {value}: values computed from it may be infinite or NaN.',
    warnNaNInput: 'The input {name} is NaN (not a number): every value computed from it is NaN too.',
    warnOther: '{name}: {kind} ({value}).',
  },
  ko: {
    docTitle: '움직이는 역전파: ReLU, Sigmoid, 그리고 직접 입력한 수식',
    docDescription: 'ReLU와 Sigmoid 계층, 또는 직접 입력한 수식에서 순전파 값과 역전파 기울기가 노드마다 흐르는 모습을 봅니다. 모든 숫자는 WebAssembly로 옮긴 C 코어가 계산합니다.',
    headline: '움직이는 역전파',
    lede: 'ReLU와 Sigmoid 계층을 계산 그래프로 보여 줍니다. (x+y)*z 같은 수식을 직접 입력해도 됩니다. 입력값과 상류에서 흘러온 기울기 dL/dy를 정한 뒤 한 단계씩 따라가 보세요. 순전파 값은 화살표 위에서 왼쪽에서 오른쪽으로, 역전파 기울기는 화살표 아래에서 오른쪽에서 왼쪽으로 흐릅니다. 계층에서는 책의 ReLU, Sigmoid, Affine, Softmax-with-Loss 계층을 행렬 위에서 한 칸씩 따라갑니다. 신경망에서는 이 계층들을 쌓아 2차원 데이터로 학습시키며 기울기를 지켜봅니다.',
    language: '언어',
    controls: '조작',
    graph: '그래프',
    graphSteps: 'Sigmoid 단계별',
    graphBoth: '둘 다',
    graphLayer: '계층',
    graphNetwork: '신경망',
    networkTitle: '학습하는 신경망',
    layerChoice: '계층',
    xSlider: 'x 슬라이더',
    doutSlider: '상류 기울기 슬라이더',
    timelineLabel: '단계',
    speed: '속도',
    precise: '전체 정밀도',
    predictToggle: '예측하기: 기울기를 보기 전에 직접 입력',
    askAll: '순전파 값도',
    codeLabel: '코드', codeNone: '없음', fig7Label: 'Fig. 7의 Sigmoid',
    copyThisLink: '이 링크를 복사하세요:',
    loadingCore: 'WebAssembly 코어를 불러오는 중…',
    coreFailedTitle: '계산 코어를 불러오지 못했습니다',
    coreFailedHtml: '이 페이지의 모든 숫자는 작은 WebAssembly 모듈 <code>backprop.wasm</code>이 계산하는데, 이 모듈을 불러오지 못했습니다. 페이지를 새로 고쳐 보세요. 그래도 안 되면 서버에 파일이 없거나 브라우저가 WebAssembly를 막고 있는 것입니다.',
    crashTitle: '문제가 생겼습니다',
    crashText: '오류로 페이지가 멈췄습니다. 새로 고치면 나아질 수 있습니다.',
    coreFailedStatus: '계산 코어를 불러오지 못했습니다.',
    crashStatus: '오류로 페이지가 멈췄습니다.',
    legendForward: '순전파 값', legendBackward: '역전파 기울기',
    legendActive: '현재 단계',
    legendNonFinite: '유한하지 않은 값 (∞, NaN)',
    stepTitle: '이번 단계',
    checkTitle: '기울기 확인',
    builtinCheckNote: '역전파로 구한 dL/dx 옆에 중앙 차분으로 추정한 값: (f(x+h) − f(x−h)) / 2h · dL/dy.',
    notesTitle: '∞와 NaN은 왜 나올까요?',
    plotHeading: '곡선',
    plotFunction: '함수',
    plotDerivative: 'dL/dy × 도함수',
    plotHint: '그래프 위를 끌어서 x를 옮겨 보세요.',
    helpTitle: '숫자 입력하기',
    numberHelpHtml: '숫자는 <code>backprop</code> 명령줄 도구와 같은 규칙으로 읽습니다: <code>0.5</code>, <code>-2</code> 또는 <code>−2</code>, <code>1e-3</code>, 그리고 정확히 <code>inf</code>, <code>Infinity</code>, <code>nan</code>, <code>NaN</code> (부호를 붙여도 됩니다). 소수점은 점으로 씁니다: <code>0,5</code>는 받지 않습니다. ±1.8e308을 넘는 값은 너무 커서 받지 않고, <code>1e-400</code>처럼 아주 작은 값은 0으로 반올림됩니다. 칸에 숫자가 아닌 내용이 있는 동안에는 마지막으로 읽은 숫자를 계속 보여 줍니다.',
    nonFiniteHelp: '∞와 NaN도 그대로 보여 줍니다. 코어는 평범한 IEEE double을 쓰고 아무것도 숨기지 않습니다.',
    footHtml: '<cite>Backpropagation-3</cite> (“밑바닥부터 시작하는 딥러닝” 시리즈)의 그림을 따라 만들었습니다. 모든 숫자는 WebAssembly로 컴파일한 C 코어가 계산합니다.',
    paneFused: 'Sigmoid 단일 계층',
    ready: '준비되었습니다.',
    infinity: '무한대',
    minusInfinity: '음의 무한대',
    stepOf: '단계 {step}/{n}',
    numberError: '{name}: {reason}. 마지막으로 읽은 값({name} = {value})을 계속 보여 줍니다.',
    plotTitle: '{f}(x), 그리고 dL/dy · {f}′(x): C 계층이 x = {lo}부터 {hi}까지 계산했습니다.',
    plotLabel: '{f}, 그리고 도함수 × 상류 기울기의 그래프: 끌거나 화살표 키로 {v} 값을 바꿉니다',
    startTitle: '시작',
    startText: '주어진 값: 왼쪽에 입력 {x}, 오른쪽에 상류 기울기 {dout}. 다음 단계로 넘어가면 값이 왼쪽에서 오른쪽으로 흐르고(순전파), 이어서 기울기가 거꾸로 흐릅니다(역전파).',
    forwardThrough: '순전파:',
    backwardThrough: '역전파:',
    forwardMath: '순전파: y = {v}',
    backwardMath: '역전파: dL/dx = {up} 곱하기 {local} = {grad}',
    forwardNote: 'x는 이 노드의 입력, y는 출력입니다. y는 실선 화살표를 따라 오른쪽으로 갑니다.',
    backwardNote: 'x와 y는 이 노드의 입력과 출력입니다. 기울기는 점선 화살표를 따라 왼쪽으로 갑니다.',
    reluNote: ' [x > 0]은 x > 0일 때 1, 아니면 0입니다.',
    upstream: '상류',
    localDerivative: '국소적 미분',
    downstream: '하류',
    byBackprop: '역전파로 구한 dL/dx',
    centralDifference: '중앙 차분, h = {h}',
    relativeError: '상대 오차',
    checkNaNBuiltin: '비교할 수 없습니다: 유한하지 않은 값이 있습니다.',
    checkAgreeBuiltin: '역전파와 차분 몫이 일치합니다.',
    reluKink: '서로 다릅니다: ReLU는 0에서 꺾입니다. 차분 몫은 꺾인 점의 양쪽에 걸치지만, 역전파는 x ≤ 0을 마스크해서 0을 줍니다.',
    checkDifferBuiltin: '{tol}보다 크게 다릅니다: 함수가 이곳에서 매끄럽지 않거나 반올림 오차가 큽니다.',
    bothSame: '두 그래프의 dL/dx가 같습니다.',
    bothDiffer: '두 그래프가 다릅니다: 단계별 {a}, 단일 계층 {b}.',
    fusedLesson: '하나로 묶은 σ 계층도 같은 y = {y}에 이르지만, 역전파에는 이 출력만 있으면 됩니다: dL/dy · y(1 − y)로 dL/dx = {dx}. 역전파 도중에 ∞에 0을 곱할 일이 없습니다. 그래서 프레임워크는 sigmoid를 하나의 계층으로 묶습니다.',
    warnOverflow: '{name}({a}) 오버플로: 참값이 가장 큰 double(약 1.8 × 10³⁰⁸)보다 커서 {value}(으)로 저장됩니다.',
    warnNaNBackward: '{name} 노드의 역전파: 상류 {a} × 국소적 미분 {b} = {value}. IEEE 산술에서 0 · ∞에는 값이 없기 때문입니다. 왼쪽의 모든 기울기가 이 값을 물려받습니다.',
    warnNaN: '{name}: {args} → {value}. 이 연산의 결과는 정의되지 않습니다.',
    and: ', ',
    warnDivide: '{name}: {b}(으)로 나눕니다. 결과는 {value}.',
    warnDomain: '{name}({a}): 함수의 정의역 밖이라서 결과는 {value}.',
    warnInfiniteInput: '입력 {name} = {value}: 이 값에서 계산한 값은 무한대나 NaN이 될 수 있습니다.',
    warnNaNInput: '입력 {name} = NaN (숫자가 아님): 이 값에서 계산한 모든 값이 NaN이 됩니다.',
    warnOther: '{name}: {kind} ({value}).',
  },
};

// t(key, params) for the page: the figure's words, the page's and the
// expression mode's.
export const pageTranslator = (lang) => translator(lang, FIGURE_WORDS, PAGE_WORDS, EXPR_WORDS);

// The page's language when the hash names none: Korean for a browser that
// asks for Korean first, English otherwise.
export const browserLang = (nav = globalThis.navigator) => langOf(nav?.languages?.[0] ?? nav?.language) ?? 'en';

// A sentence for one warning of the core (kind: overflow, nan,
// divide-by-zero, domain, infinite-input, nan-input).
export function warningSentence(t, trace, w, fmt = formatNumber) {
  const p = {name: trace.nodes[w.node].label, a: fmt(w.a), b: fmt(w.b), value: fmt(w.value)};
  switch (w.kind) {
    case 'overflow': return t('warnOverflow', p);
    case 'nan':
      if (w.phase === 'backward') return t('warnNaNBackward', p);
      return t('warnNaN', {...p, args: Number.isNaN(w.b) ? p.a : p.a + t('and') + p.b});
    case 'divide-by-zero': return t('warnDivide', {...p, b: fmt(w.b ?? w.a)});
    case 'domain': return t('warnDomain', p);
    case 'infinite-input': return t('warnInfiniteInput', p);
    case 'nan-input': return t('warnNaNInput', p);
    default: return t('warnOther', {...p, kind: w.kind});
  }
}

// Put `t`'s words into index.html: <html lang>, the title and description,
// and every element marked data-t (text), data-t-html (this file's fixed
// markup) or data-t-label (aria-label).
export function applyPageText(doc, t) {
  doc.documentElement.lang = t.lang;
  doc.title = t('docTitle');
  doc.querySelector('meta[name="description"]')?.setAttribute('content', t('docDescription'));
  for (const el of doc.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  for (const el of doc.querySelectorAll('[data-t-html]')) el.innerHTML = t(el.dataset.tHtml);
  for (const el of doc.querySelectorAll('[data-t-label]')) el.setAttribute('aria-label', t(el.dataset.tLabel));
}
