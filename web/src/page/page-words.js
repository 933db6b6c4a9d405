// page/page-words.js: the page's words in a language, English at once, the
// Korean (words/page-ko.js, built as words-ko.js beside app.js) fetched the
// first time the page speaks it. main.js asks before the first render,
// app.js when the reader switches; a failure rejects, naming the file.
import {beside} from './beside.js';
import {addPageWords, hasPageWords} from '../words/page.js';

const loadKorean = beside('words-ko.js');

export async function pageWords(lang) {
  if (hasPageWords(lang)) return;
  const {PAGE_KO, EXPR_KO, FIGURE_KO} = await loadKorean();
  addPageWords('ko', {page: PAGE_KO, expr: EXPR_KO, figure: FIGURE_KO});
}
pageWords.file = loadKorean.file;
