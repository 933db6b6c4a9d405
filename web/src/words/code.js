// words/code.js: the words of the code view, Fig. 7's derivation and the
// nodes' explanations, in English and Korean. They ship in the code chunk
// only (figure/code-chunk.js); codeWords() puts them before the host's own
// translator, which answers every other key.
//
// Plain text, put in the DOM with textContent (the derivation escapes
// them); placeholders are {name}. Korean wording follows the reference
// post (순전파, 역전파, 국소적 미분, 상류, 하류).
import {tablesTranslator} from './figure.js';

export const CODE_WORDS = {
  en: {
    code: 'Code',
    codeLang: {python: 'Python', c: 'C'},
    pythonClass: 'The reference post’s {name} class, quoted from “Backpropagation-3” (after the book “Deep Learning from Scratch”). Its values come from the C core’s array layer.',
    pythonRules: 'Each node as one line of Python: its forward rule, then the chain rule back. Values from the C core.',
    cSource: 'The C core that computed the figure’s numbers: {files}.',
    pythonLayer: 'The book’s {name} class (“Deep Learning from Scratch”), as this project’s numpy benchmark runs it. Its values come from the C core.',
    cLayer: 'The C core’s functions that computed the grids, as {file} declares them. Grids are row-major: cell (i, j) of a grid with m columns is element i·m + j.',
    listing: '{lang} code. Comments show the values at step {step} of {n}.',
    forwardPass: 'forward, left to right',
    backwardPass: 'backward, right to left',
    eachNode: 'for each node, front to back:',
    eachOperand: 'for each node back to front, each operand:',
    fig7Title: 'Fig. 7 and Eq. (6)',
    fig7Intro: 'The fused Sigmoid’s backward as Fig. 7 writes it, ∂L/∂y · y² · exp(−x), turned into ∂L/∂y · y(1 − y) by Eq. (6); every number from the C core.',
    fig7Line: 'Fig. 7: {text}',
    eq6Line: 'Eq. (6), line {n}: {text}',
    fig7Stable: 'Here y² · exp(−x) is 0 · ∞ = NaN while y(1 − y) gives 0: Eq. (6) is also the form that survives overflow.',
    whyTitle: 'Why this derivative',
    explain: '{label}: {forward}, so {local}.',
    explainInput: '{label}: an input. Its gradient is the sum of what the nodes that use it send back.',
    explainConst: '{label}: a constant. It gets no gradient.',
    and: ' and ',
    why: {
      scale: 'A constant factor stays when you differentiate.',
      add_const: 'Adding a constant does not change the slope, so the gradient passes through unchanged.',
      add: 'An addition node passes the upstream gradient unchanged to both inputs.',
      sub: 'The subtracted input gets the upstream gradient with its sign flipped.',
      mul: 'A multiplication node sends each input the other input’s value times the upstream gradient (the inputs swapped).',
      div: 'The quotient rule: 1/b for the numerator, −a/b² for the denominator.',
      pow: 'The power rule for the base; for the exponent, y · ln a.',
      neg: 'Negation flips the gradient’s sign.',
      exp: 'exp is its own derivative, so the backward pass reuses the forward output y.',
      log: 'The derivative of ln x is 1/x.',
      sqrt: '√x = x^½, so the derivative is ½ · x^(−½) = 1/(2y).',
      recip: '1/x = x⁻¹, and the derivative of x⁻¹ is −x⁻², which is −y² since y = 1/x: the backward pass needs only the forward output.',
      tanh: 'tanh′ = 1 − tanh², so the backward pass needs only the forward output.',
      sin: 'The derivative of sin is cos.',
      cos: 'The derivative of cos is −sin.',
      abs: '|x| has slope 1 for x > 0 and −1 for x < 0 (0 at 0, by choice).',
      relu: 'ReLU passes the gradient where x > 0 and stops it where x ≤ 0 (the mask, so 0 at exactly 0).',
      sigmoid: 'dσ/dx = exp(−x)/(1 + exp(−x))², which is y² · exp(−x) (Fig. 7) and, by Eq. (6), y(1 − y): the backward pass needs only the forward output y.',
    },
  },
  ko: {
    code: '코드',
    codeLang: {python: 'Python', c: 'C'},
    pythonClass: '참고 포스트 “Backpropagation-3”의 {name} 클래스를 그대로 인용했습니다(책 “밑바닥부터 시작하는 딥러닝”). 값은 C 코어의 배열 계층이 계산했습니다.',
    pythonRules: '노드마다 Python 한 줄: 순전파 규칙, 그다음 연쇄법칙으로 역전파. 값은 C 코어가 계산했습니다.',
    cSource: '그림의 숫자를 계산한 C 코어: {files}.',
    pythonLayer: '책 “밑바닥부터 시작하는 딥러닝”의 {name} 클래스입니다(이 프로젝트의 numpy 벤치마크가 실행하는 그대로). 값은 C 코어가 계산했습니다.',
    cLayer: '격자의 값을 계산한 C 코어의 함수들입니다({file}의 선언 그대로). 격자는 행 우선입니다: 열이 m개인 격자의 칸 (i, j)는 원소 i·m + j입니다.',
    listing: '{lang} 코드. 주석은 단계 {step}/{n}의 값입니다.',
    forwardPass: '순전파, 왼쪽에서 오른쪽으로',
    backwardPass: '역전파, 오른쪽에서 왼쪽으로',
    eachNode: '노드마다 앞에서 뒤로:',
    eachOperand: '노드마다 뒤에서 앞으로, 피연산자마다:',
    fig7Title: 'Fig. 7과 식 (6)',
    fig7Intro: 'Fig. 7처럼 쓴 Sigmoid 계층의 역전파 ∂L/∂y · y² · exp(−x)를 식 (6)으로 ∂L/∂y · y(1 − y)로 정리합니다. 모든 숫자는 C 코어가 계산했습니다.',
    fig7Line: 'Fig. 7: {text}',
    eq6Line: '식 (6), {n}번째 줄: {text}',
    fig7Stable: '여기서 y² · exp(−x)는 0 · ∞ = NaN이지만 y(1 − y)는 0입니다: 식 (6)은 오버플로에도 견디는 형태이기도 합니다.',
    whyTitle: '이 미분인 이유',
    explain: '{label}: {forward}, 따라서 {local}.',
    explainInput: '{label}: 입력. 기울기는 이 값을 쓰는 노드들이 돌려보내는 값의 합입니다.',
    explainConst: '{label}: 상수. 기울기를 받지 않습니다.',
    and: ', ',
    why: {
      scale: '상수배는 미분해도 그대로 남습니다.',
      add_const: '상수를 더해도 기울기는 변하지 않으므로 상류의 값을 그대로 흘립니다.',
      add: '덧셈 노드는 상류의 값을 그대로 두 입력에 흘립니다.',
      sub: '빼는 쪽 입력은 부호를 바꾼 상류의 값을 받습니다.',
      mul: '곱셈 노드는 상류의 값에 다른 쪽 입력을 곱해 보냅니다(입력을 서로 바꾼 값).',
      div: '몫의 미분: 분자에는 1/b, 분모에는 −a/b².',
      pow: '밑에는 거듭제곱의 미분, 지수에는 y · ln a.',
      neg: '부호를 바꾸면 기울기의 부호도 바뀝니다.',
      exp: 'exp는 미분해도 자기 자신이므로 역전파는 순전파의 출력 y를 다시 씁니다.',
      log: 'ln x의 미분은 1/x입니다.',
      sqrt: '√x = x^½이므로 미분은 ½ · x^(−½) = 1/(2y)입니다.',
      recip: '1/x = x⁻¹이고 x⁻¹의 미분은 −x⁻²이며, y = 1/x이므로 −y²입니다: 역전파에는 순전파의 출력만 있으면 됩니다.',
      tanh: 'tanh′ = 1 − tanh²이므로 역전파에는 순전파의 출력만 있으면 됩니다.',
      sin: 'sin의 미분은 cos입니다.',
      cos: 'cos의 미분은 −sin입니다.',
      abs: '|x|의 기울기는 x > 0이면 1, x < 0이면 −1입니다(0에서는 0으로 정함).',
      relu: 'ReLU는 x > 0이면 기울기를 그대로 흘리고 x ≤ 0이면 막습니다(마스크, 그래서 정확히 0에서는 0).',
      sigmoid: 'dσ/dx = exp(−x)/(1 + exp(−x))²는 y² · exp(−x)(Fig. 7)이고, 식 (6)에 따라 y(1 − y)입니다: 역전파에는 순전파의 출력 y만 있으면 됩니다.',
    },
  },
};

// The code view's translator in `lang`: these words first, then `t`'s
// (the host's) for any other key.
export function codeWords(t) {
  const own = tablesTranslator(t.lang, CODE_WORDS);
  const words = (key, params) => (key in CODE_WORDS.en ? own(key, params) : t(key, params));
  return Object.assign(words, {lang: t.lang, reason: t.reason, graphName: t.graphName,
    table: (key) => CODE_WORDS[t.lang]?.[key] ?? CODE_WORDS.en[key]});
}
