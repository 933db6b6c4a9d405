// words/figure.js: the figure's words, which every shell shows (the
// <backprop-graph> element, the page, the iframe), in English and Korean;
// the one translator, over this table and any others of the same shape
// (words/page.js and words/expr.js add the page's); the one reading of a
// language tag; and the figure's sentences about a trace.
//
//   const t = translator('ko');          // the figure's words
//   t('play')                            -> '재생'
//   t('badNumber', {name: 'x', text: 'abc', reason: t.reason('not-a-number')})
//
// Values are plain text: callers put them in the DOM with textContent or
// setAttribute only. Placeholders are {name}; a missing one stays visible.
// Korean wording follows the reference post (순전파, 역전파, 국소적 미분,
// 상류, 하류) and avoids particles after numbers and names, whose form would
// depend on how they are read.
import {formatNumber, asFactor} from '../model/number.js';

export const LANGS = ['en', 'ko'];

export const FIGURE_WORDS = {
  en: {
    loading: 'Loading…',
    coreFailed: 'The computing core (WebAssembly) could not be loaded: {detail}',
    fileFailed: '{file} could not be loaded: {detail}',
    play: 'Play', pause: 'Pause', stepForward: 'Step forward', stepBack: 'Step back', reset: 'Reset',
    timeline: 'Step',
    copyLink: 'Copy link', copyLatex: 'Copy LaTeX', downloadSvg: 'SVG', downloadPng: 'PNG',
    downloadSvgName: 'Download SVG', downloadPngName: 'Download PNG',
    linkCopied: 'Link copied.', latexCopied: 'LaTeX copied.', copyBelow: 'Copy it from the field below.',
    copyField: 'Text to copy', saved: 'Saved {file}.', exportFailed: 'Export failed: {detail}',
    tools: 'Share and export', player: 'Player', inputs: 'Inputs',
    figure: '{name}: computational graph',
    graphName: {relu: 'ReLU', sigmoid: 'Sigmoid', 'sigmoid-steps': 'Sigmoid step by step', expr: 'Expression {expr}'},
    badGraph: 'graph: “{text}” is not a graph; use relu, sigmoid or sigmoid-steps.',
    badNumber: '{name}: “{text}” is not a number ({reason}).',
    badStep: 'step: “{text}” is not a step; use a whole number from 0, or end.',
    badChoice: '{name}: “{text}” is not allowed; use {choices}.',
    badExpr: 'expr: “{text}” could not be read: {detail}',
    emptyExpr: 'expr: the expression is empty.',
    badVars: 'vars: “{text}” is not a list like x=-2,y=5.',
    unknownVar: 'vars: the expression has no variable “{text}”.',
    keeping: 'Still showing the last good figure.',
    // node names and narration
    value: 'value {v}', valueUnknown: 'value not computed yet',
    gradient: 'gradient {v}', gradientUnknown: 'gradient not computed yet',
    nodeName: '{op}: {value}, {grad}',
    start: 'Step 0 of {n}: {inputs} and dL/dy = {dout} given.',
    forward: 'Step {step} of {n}, forward: {op} gives {v}.',
    backward: 'Step {step} of {n}, backward: through {op}, {up} × {local} = {grad} reaches {to}.',
    // an expression's narration: its nodes by name (q₁, f)
    noVariables: 'no variables',
    statusStart: 'Step 0 of {n}: {given} and dL/d{out} = {dout} given.',
    statusForward: 'Step {step} of {n}, forward: {q} ({op}) gives {v}.',
    statusBackward: 'Step {step} of {n}, backward: through {q}, {up} × {local} = {grad} reaches {to}{total}.',
    statusTotal: ', whose gradient so far is {total}',
    // Why a text is not a number (model/number.js's codes), in the CLI's words.
    reason: {
      'no-text': 'no text', empty: 'empty: expected a number', 'too-long': 'too long to be a number',
      'no-exponent-digits': 'exponent without digits', 'decimal-comma': "use '.' for decimals, not ','",
      'not-a-number': 'not a number', 'too-large': 'too large for a double (beyond 1.8e308)',
    },
  },
  ko: {
    loading: '불러오는 중…',
    coreFailed: '계산 코어(WebAssembly)를 불러오지 못했습니다: {detail}',
    fileFailed: '{file} 파일을 불러오지 못했습니다: {detail}',
    play: '재생', pause: '일시정지', stepForward: '다음 단계', stepBack: '이전 단계', reset: '처음으로',
    timeline: '단계',
    copyLink: '링크 복사', copyLatex: 'LaTeX 복사', downloadSvg: 'SVG', downloadPng: 'PNG',
    downloadSvgName: 'SVG 저장', downloadPngName: 'PNG 저장',
    linkCopied: '링크를 복사했습니다.', latexCopied: 'LaTeX 수식을 복사했습니다.', copyBelow: '아래 칸에서 직접 복사하세요.',
    copyField: '복사할 내용', saved: '저장했습니다: {file}', exportFailed: '내보내기에 실패했습니다: {detail}',
    tools: '공유와 내보내기', player: '재생 조작', inputs: '입력값',
    figure: '{name}: 계산 그래프',
    graphName: {relu: 'ReLU', sigmoid: 'Sigmoid', 'sigmoid-steps': 'Sigmoid 단계별', expr: '수식 {expr}'},
    badGraph: 'graph: “{text}” — 알 수 없는 그래프입니다. relu, sigmoid, sigmoid-steps 중 하나를 쓰세요.',
    badNumber: '{name}: “{text}” — 숫자가 아닙니다 ({reason}).',
    badStep: 'step: “{text}” — 단계가 아닙니다. 0 이상의 정수나 end를 쓰세요.',
    badChoice: '{name}: “{text}” — 쓸 수 없는 값입니다. {choices} 중 하나를 쓰세요.',
    badExpr: 'expr: “{text}” — 수식을 읽을 수 없습니다: {detail}',
    emptyExpr: 'expr: 수식이 비어 있습니다.',
    badVars: 'vars: “{text}” — x=-2,y=5 같은 목록이 아닙니다.',
    unknownVar: 'vars: 수식에 “{text}” 변수가 없습니다.',
    keeping: '마지막으로 올바르게 그린 그림을 계속 보여 줍니다.',
    value: '값 {v}', valueUnknown: '값은 아직 계산 전',
    gradient: '기울기 {v}', gradientUnknown: '기울기는 아직 계산 전',
    nodeName: '{op}: {value}, {grad}',
    start: '단계 0/{n}: 입력 {inputs}, 상류 기울기 dL/dy = {dout}.',
    forward: '단계 {step}/{n}, 순전파: {op} 노드의 출력 {v}.',
    backward: '단계 {step}/{n}, 역전파: {op} 노드에서 상류 {up} × 국소적 미분 {local} = {grad}, 하류 {to} 쪽으로 흘려보냅니다.',
    noVariables: '변수 없음',
    statusStart: '단계 0/{n}: 입력 {given}, 상류 기울기 dL/d{out} = {dout}.',
    statusForward: '단계 {step}/{n}, 순전파: {q} ({op}) 노드의 출력 {v}.',
    statusBackward: '단계 {step}/{n}, 역전파: {q} 노드에서 상류 {up} × 국소적 미분 {local} = {grad}, 하류 {to} 쪽으로 흘려보냅니다.{total}',
    statusTotal: ' 지금까지 모인 {to} 기울기: {total}.',
    reason: {
      'no-text': '값이 없음', empty: '비어 있음', 'too-long': '숫자로 보기에 너무 긺',
      'no-exponent-digits': '지수에 숫자가 없음', 'decimal-comma': "소수점은 ','가 아니라 '.'",
      'not-a-number': '숫자가 아님', 'too-large': 'double로 나타내기에 너무 큼 (1.8e308 초과)',
    },
  },
};

function fill(template, params) {
  return template.replace(/\{(\w+)\}/g, (m, k) => (params && k in params ? String(params[k]) : m));
}

// en or ko from a language tag ("ko-KR" is ko); null for any other.
export function langOf(tag) {
  const m = /^\s*(en|ko)(?:-[A-Za-z0-9-]*)?\s*$/i.exec(tag || '');
  return m ? m[1].toLowerCase() : null;
}

// t(key, params) in one language (English for any other), reading `tables`
// (each {en: {...}, ko: {...}}; by default the figure's alone), English
// where a language lacks a key. t.reason(code) words a number.js reason,
// t.graphName(id, expr) a graph's title.
export function translator(lang, ...tables) {
  return tablesTranslator(lang, ...(tables.length ? tables : [FIGURE_WORDS]));
}

// The same over `tables` alone, with no default: a bundle whose words are
// all its own (<backprop-network>'s) then carries none of the figure's.
export function tablesTranslator(lang, ...tables) {
  const known = LANGS.includes(lang) ? lang : 'en';
  const words = Object.assign({}, ...tables.map((table) => table.en), ...tables.map((table) => table[known]));
  const t = (key, params) => fill(words[key] ?? key, params);
  t.lang = known;
  t.reason = (code) => words.reason[code] ?? code;
  t.graphName = (id, expr) => fill(words.graphName[id] ?? id, {expr});
  return t;
}

// The accessible name of a node at a step: its op, value and gradient.
export function nodeName(t, node, {valueKnown, gradKnown}, fmt = formatNumber) {
  const value = valueKnown ? t('value', {v: fmt(node.value)}) : t('valueUnknown');
  const grad = gradKnown && node.grad != null ? t('gradient', {v: fmt(node.grad)}) : t('gradientUnknown');
  return t('nodeName', {op: node.label, value, grad});
}

// One sentence for the status line: where we are and what just happened.
export function stepSentence(t, trace, step, fmt = formatNumber) {
  const n = trace.steps.length;
  if (step === 0) {
    const inputs = Object.entries(trace.inputs).map(([k, v]) => `${k} = ${fmt(v)}`).join(', ');
    return t('start', {n, inputs, dout: fmt(trace.dout)});
  }
  const s = trace.steps[step - 1];
  const op = trace.nodes[s.node].label;
  if (s.phase === 'forward') return t('forward', {step, n, op, v: fmt(s.value)});
  return t('backward', {step, n, op, up: fmt(s.upstream), local: asFactor(fmt(s.local)), grad: fmt(s.grad),
    to: trace.nodes[s.to].label});
}
