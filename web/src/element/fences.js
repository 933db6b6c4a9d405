// element/fences.js: Markdown code fences tagged backprop become live
// figures, the way Mermaid's do. Built as dist/backprop-graph-fences.js and
// fetched by the element's file only on a page that has such a block.
//
//   ```backprop
//   graph: sigmoid-steps
//   x: 0.5
//   step: 5
//   ```
//
// Each line is `key: value`, the key one of the element's attributes (its
// value as the attribute's text; quotes around it are dropped), blank lines
// and lines starting with # are skipped. Without JavaScript the block stays
// what it is: readable text. With it, the whole block, highlighter wrappers
// included, is replaced by one <backprop-graph>. Lines that are not
// settings are reported inside that figure (its sourceErrors), and a bad
// value by the element itself, as for any attribute; the other lines and
// the other blocks still make their figures.
import {ATTRIBUTES, quote} from './config.js';
import {translator, langOf} from '../words/figure.js';

export const FENCE_WORDS = {
  en: {
    fenceLine: 'Line {line}: “{text}” is not a “key: value” line.',
    fenceKey: 'Line {line}: “{name}” is not a setting; use {keys}.',
    fenceTwice: 'Line {line}: {name} is set twice; the last one counts.',
  },
  ko: {
    fenceLine: '{line}행: “{text}” — “키: 값” 형식의 줄이 아닙니다.',
    fenceKey: '{line}행: “{name}” — 알 수 없는 설정입니다. {keys} 중 하나를 쓰세요.',
    fenceTwice: '{line}행: {name} 설정이 두 번 나옵니다. 마지막 값을 씁니다.',
  },
};

// Where a fence tagged backprop ends up in the HTML that blog generators
// write (their e2e: e2e/fences.spec.mjs):
//   kramdown (Jekyll), goldmark (Hugo), Python-Markdown's fenced_code (MkDocs)
//     <pre><code class="language-backprop" [data-lang="backprop"]>
//   a highlighter's wrapper that keeps the tag (rouge, newer chroma)
//     <div class="language-backprop …"><…><code>
//   MkDocs with pymdownx.superfences' custom fence (as Mermaid's), which
//   codehilite and pymdownx.highlight need, since they drop the tag
//     <pre class="backprop"><code>
//   Hugo with guessSyntax, which drops it too, given {class="backprop"}
//     <div class="highlight backprop"><pre class="chroma"><code>
export const FENCE_BLOCKS = 'code.language-backprop, code[data-lang="backprop"], .language-backprop code, pre.backprop > code, .highlight.backprop code';

const OFF = ['false', 'no', 'off', '0'];

// A block's text -> {attrs: Map(name -> attribute text), errors: [{key,
// params}]}, errors keyed by FENCE_WORDS, lines counted from 1.
export function readFence(text) {
  const attrs = new Map();
  const errors = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const at = {line: i + 1};
    const m = /^([A-Za-z][\w-]*)\s*:(.*)$/s.exec(line);
    if (!m) return void errors.push({key: 'fenceLine', params: {...at, text: quote(line)}});
    const name = m[1].toLowerCase();
    if (!ATTRIBUTES.includes(name)) return void errors.push({key: 'fenceKey', params: {...at, name: quote(m[1]), keys: ATTRIBUTES.join(', ')}});
    if (attrs.has(name)) errors.push({key: 'fenceTwice', params: {...at, name}});
    let value = m[2].trim();
    if (/^(["']).*\1$/s.test(value)) value = value.slice(1, -1);
    // autoplay is on when present, whatever its text: `autoplay: false` leaves it out.
    if (name === 'autoplay' && OFF.includes(value.toLowerCase())) attrs.delete(name);
    else attrs.set(name, value);
  });
  return {attrs, errors};
}

// The element a block's code ends up in: the generator's outermost wrapper.
function blockOf(code) {
  return code.closest('.highlighter-rouge') ?? code.closest('div.highlight') ?? code.closest('pre') ?? code;
}

// Line numbers that highlighters put inside a block's code: chroma's (.ln,
// or unselectable inline-styled spans when it writes no classes), Pygments'
// and rouge's.
const LINE_NUMBERS = '.ln, .lnt, .linenos, .rouge-gutter, [style*="user-select:none"]';

// The block's text as written: the last <code> in it (a line-number column
// comes first), without line numbers.
function textOf(block) {
  const codes = block.matches('code') ? [block] : block.querySelectorAll('code');
  const code = codes[codes.length - 1].cloneNode(true);
  for (const n of code.querySelectorAll(LINE_NUMBERS)) n.remove();
  return code.textContent;
}

// Replace every fenced backprop block in `doc` with its figure.
export function upgradeFences(doc) {
  const blocks = new Set([...doc.querySelectorAll(FENCE_BLOCKS)].map(blockOf));
  for (const block of blocks) {
    const {attrs, errors} = readFence(textOf(block));
    const figure = doc.createElement('backprop-graph');
    for (const [name, value] of attrs) figure.setAttribute(name, value);
    const lang = langOf(attrs.get('lang')) ?? langOf(block.closest('[lang]')?.getAttribute('lang')) ?? 'en';
    const t = translator(lang, FENCE_WORDS);
    figure.sourceErrors = errors.map((e) => t(e.key, e.params));
    block.replaceWith(figure);
  }
  return blocks.size;
}
