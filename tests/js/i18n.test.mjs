// The page's and the element's words in English and Korean: complete tables,
// the same placeholders, and views whose numbers do not depend on the language.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {FIGURE_WORDS, translator, langOf} from '../../web/src/words/figure.js';
import {PAGE_WORDS, pageTranslator, browserLang, addPageWords} from '../../web/src/words/page.js';
import {EXPR_WORDS} from '../../web/src/words/expr.js';
import * as KO from '../../web/src/words/page-ko.js';
import {parseNumber} from '../../web/src/model/number.js';
import {stepPanelHTML} from '../../web/src/views/steps.js';
import {checkHTML, notesHTML} from '../../web/src/views/check.js';
import {exprStepPanelHTML} from '../../web/src/views/expr-steps.js';
import {narrate} from '../../web/src/figure/narration.js';
import {exprCheckHTML} from '../../web/src/views/expr-check.js';
import {withSymbols} from '../../web/src/model/symbols.js';

addPageWords('ko', {page: KO.PAGE_KO, expr: KO.EXPR_KO, figure: KO.FIGURE_KO}); // as the page does on first use

const TABLES = {'words/figure.js': FIGURE_WORDS, 'words/page.js': PAGE_WORDS, 'words/expr.js': EXPR_WORDS};
const special = {NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity};
const load = (name) => JSON.parse(readFileSync(new URL(`fixtures/${name}.json`, import.meta.url), 'utf8'),
  (k, v) => (typeof v === 'string' && v in special && k !== 'label' ? special[v] : v));

// Every leaf of a table as [path, value] (graphName is a nested table).
const leaves = (table, prefix = '') => Object.entries(table).flatMap(([k, v]) =>
  (v && typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [[prefix + k, v]]));
const placeholders = (s) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

for (const [file, table] of Object.entries(TABLES)) {
  test(`${file}: en and ko have the same keys, and no empty strings`, () => {
    assert.deepEqual(Object.keys(table).sort(), ['en', 'ko']);
    const en = new Map(leaves(table.en));
    const ko = new Map(leaves(table.ko));
    assert.deepEqual([...ko.keys()].sort(), [...en.keys()].sort());
    for (const [key, v] of [...en, ...ko]) {
      assert.equal(typeof v, 'string', key);
      assert.ok(v.trim() !== '', `${file} ${key} is empty`);
    }
  });

  test(`${file}: Korean uses the English placeholders`, () => {
    // The Korean sentence for the running total names the variable again.
    const extra = {statusTotal: ['to']};
    for (const [key, v] of leaves(table.en)) {
      const ko = leaves(table.ko).find(([k]) => k === key)[1];
      const want = [...placeholders(v), ...(extra[key] ?? [])].sort();
      assert.deepEqual([...new Set(placeholders(ko))], [...new Set(want)], key);
    }
  });
}

test('the tables do not shadow one another (the page reads them in a chain)', () => {
  const keys = Object.fromEntries(Object.entries(TABLES).map(([f, t]) => [f, new Set(Object.keys(t.en))]));
  const files = Object.keys(keys);
  for (let i = 0; i < files.length; i++) {
    for (let j = i + 1; j < files.length; j++) {
      const both = [...keys[files[i]]].filter((k) => keys[files[j]].has(k));
      assert.deepEqual(both, [], `${files[i]} and ${files[j]}`);
    }
  }
});

test('every reason number.js gives is a code with its English and Korean', () => {
  const source = readFileSync(new URL('../../web/src/model/number.js', import.meta.url), 'utf8');
  const codes = [...source.matchAll(/reason: '([a-z-]+)'/g)].map((m) => m[1]);
  assert.deepEqual(codes.sort(), Object.keys(FIGURE_WORDS.en.reason).sort());
  const [en, ko] = [translator('en'), translator('ko')];
  assert.equal(en.reason(parseNumber('0,5').reason), "use '.' for decimals, not ','");
  assert.equal(ko.reason(parseNumber('0,5').reason), "소수점은 ','가 아니라 '.'");
  assert.equal(en.reason(parseNumber('1e').reason), 'exponent without digits');
  assert.equal(ko.reason(parseNumber('').reason), '비어 있음');
  assert.equal(ko.reason(parseNumber('1e999').reason), 'double로 나타내기에 너무 큼 (1.8e308 초과)');
});

test('one translator over any tables: the element\'s alone, or the page\'s three', () => {
  const ko = pageTranslator('ko');
  assert.equal(ko.lang, 'ko');
  assert.equal(ko('stepTitle'), '이번 단계');
  assert.equal(ko('graphChoice'), '내 수식');
  assert.equal(ko('play'), '재생');
  assert.equal(ko('precise'), '전체 정밀도');
  assert.equal(ko('numberError', {name: 'x', reason: ko.reason('not-a-number'), value: '0.5'}),
    'x: 숫자가 아님. 마지막으로 읽은 값(x = 0.5)을 계속 보여 줍니다.');
  const en = pageTranslator('en');
  assert.equal(en('numberError', {name: 'dL/dy', reason: en.reason('decimal-comma'), value: '1'}),
    "dL/dy: use '.' for decimals, not ','. Still showing dL/dy = 1.");
  assert.equal(pageTranslator('fr').lang, 'en');
  assert.equal(translator('ko')('stepTitle'), 'stepTitle'); // the element's table alone has no page words
  assert.equal(translator('ko')('play'), '재생');
  // A key a language lacks reads in English; one no table has stays a key.
  const partial = {en: {hello: 'Hello {who}', bye: 'Bye'}, ko: {hello: '안녕 {who}'}};
  const t = translator('ko', partial);
  assert.deepEqual([t('hello', {who: 'x'}), t('bye'), t('nothing')], ['안녕 x', 'Bye', 'nothing']);
});

test('one reading of a language tag, for the element\'s lang and the browser\'s', () => {
  assert.deepEqual(['ko', 'KO-kr', ' en ', 'en-US', 'fr', 'kor', '', null, undefined].map(langOf), ['ko', 'ko', 'en', 'en', null, null, null, null, null]);
});

test('the browser\'s language: Korean only when it comes first', () => {
  assert.equal(browserLang({languages: ['ko-KR', 'en']}), 'ko');
  assert.equal(browserLang({languages: ['en-US', 'ko']}), 'en');
  assert.equal(browserLang({language: 'ko'}), 'ko');
  assert.equal(browserLang(undefined), 'en');
});

// The numbers of a piece of HTML, in order: what must not change with the language.
const numbers = (html) => html.replace(/<[^>]*>/g, ' ').match(/[−-]?\d+(?:\.\d+)?(?:e[−-]?\d+)?|∞|NaN/g);

test('the built-in views in Korean: Korean words, the same numbers', () => {
  const ko = pageTranslator('ko');
  const t = load('sigmoid-steps');
  for (const step of [0, 2, 7]) {
    const en = stepPanelHTML(t, step);
    const kr = stepPanelHTML(t, step, {t: ko});
    assert.deepEqual(numbers(kr.replace(/단계 \d+\/\d+/, '')), numbers(en.replace(/step \d+ of \d+/, '')), `step ${step}`);
  }
  assert.match(stepPanelHTML(t, 7, {t: ko}), /<h3>역전파: <span class="opname">exp<\/span> <span class="where">단계 7\/8<\/span>/);
  assert.match(stepPanelHTML(t, 7, {t: ko}), /상류 <b>−0\.3875<\/b>.*국소적 미분 <b>0\.6065<\/b>/s);
  assert.match(stepPanelHTML(t, 0, {t: ko}), /주어진 값: 왼쪽에 입력 <b>x = 0\.5000<\/b>/);
  const panes = [{id: 'sigmoid-steps', title: 'Sigmoid 단계별', trace: t}];
  assert.deepEqual(numbers(checkHTML(panes, {t: ko})), numbers(checkHTML(panes)));
  assert.match(checkHTML(panes, {t: ko}), /역전파로 구한 dL\/dx.*역전파와 차분 몫이 일치합니다/s);
  const t800 = load('sigmoid-steps-800');
  const fused = {...load('sigmoid'), output: 0, grads: {x: 0}};
  const notes = notesHTML([{id: 'sigmoid-steps', title: 'Sigmoid 단계별', trace: t800}], {fused, t: ko});
  assert.match(notes, /exp\(800\) 오버플로/);
  assert.match(notes, /그래서 프레임워크는 sigmoid를 하나의 계층으로 묶습니다/);
  assert.doesNotMatch(notes, /[A-Za-z]{4,} (?:the|is|of) /); // no English sentence left
});

test('the expression views in Korean', () => {
  const ko = pageTranslator('ko');
  const trace = withSymbols(load('expr-fan-out'));
  const n = trace.steps.length;
  assert.equal(narrate(ko, trace, 0).startsWith(`단계 0/${n}: 입력 x = 0.5000, 상류 기울기 dL/df = 1`), true);
  for (let step = 0; step <= n; step++) {
    const en = exprStepPanelHTML(trace, step).replace(/step \d+ of \d+/, '');
    const kr = exprStepPanelHTML(trace, step, {t: ko}).replace(/단계 \d+\/\d+/, '');
    // (sorted: "share 1 of 3" reads "3개 몫 중 1번째")
    assert.deepEqual(numbers(kr).sort(), numbers(en).sort(), `step ${step}`);
  }
  assert.match(exprCheckHTML(trace, {t: ko}), /<th scope="col">입력<\/th><th scope="col">역전파<\/th>/);
  assert.deepEqual(numbers(exprCheckHTML(trace, {t: ko})), numbers(exprCheckHTML(trace)));
});

test('index.html is in English as the page\'s words write it (app.js does not write the page\'s English again)', () => {
  const html = readFileSync(new URL('../../web/index.html', import.meta.url), 'utf8');
  const t = pageTranslator('en');
  const same = (a) => a.replace(/\s+/g, ' ').trim();
  const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  let n = 0;
  for (const [, key, text] of html.matchAll(/data-t="(\w+)"[^>]*>([^<]*)</g)) {
    if (key === 'loading') continue; // (build.mjs puts the first picture in its place)
    assert.equal(same(unescape(text)), same(t(key)), key);
    n++;
  }
  for (const [, key, inner] of html.matchAll(/data-t-html="(\w+)"[^>]*>([\s\S]*?)<\/(p|div|span)>/g)) {
    assert.equal(same(inner), same(t(key)), key);
    n++;
  }
  for (const m of html.matchAll(/<[^>]*data-t-label="(\w+)"[^>]*>/g)) {
    const label = /aria-label="([^"]*)"/.exec(m[0]);
    if (label) assert.equal(unescape(label[1]), t(m[1]), m[1]);
  }
  assert.equal(unescape(/<title>([^<]*)<\/title>/.exec(html)[1]), t('docTitle'));
  assert.equal(unescape(/<meta name="description" content="([^"]*)">/.exec(html)[1]), t('docDescription'));
  assert.ok(n > 40, `${n} texts`);
});
