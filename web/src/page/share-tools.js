// page/share-tools.js: the page's Copy link, Copy LaTeX, SVG and PNG (the
// same as every <backprop-graph>'s, through figure/exporting.js, whose
// saving comes in page-export.js on the first SVG or PNG). What happened
// is said in the status line; where the browser refuses the clipboard, the
// text shows in a field to copy by hand.
import {copyText, showFallback} from '../model/share.js';
import {beside} from './beside.js';

const loadExport = beside('page-export.js');

// now(): what the page shows, {link, latex(), file(kind), picture() ->
// {svg (or several: Both), titles, frame, done()}}; t(): its words; say(text): the status line.
export function wireShareTools({doc, win, now, t, say}) {
  const $ = (id) => doc.getElementById(id);
  const fallback = {box: $('share-fallback'), field: $('share-link'), label: doc.querySelector('label[for="share-link"]')};
  async function copyOut(text, done, label) {
    fallback.box.hidden = true;
    if (await copyText(text, win)) {
      say(t()(done));
    } else {
      fallback.label.textContent = t()(label);
      showFallback(fallback.field, text);
    }
  }
  async function exportAs(kind) {
    const shown = now();
    const file = shown.file(kind);
    let saveFigure;
    try {
      ({saveFigure} = await loadExport());
    } catch (error) {
      return say(t()('fileFailed', {file: loadExport.file, detail: String(error?.message ?? error)}));
    }
    const {svg, titles, frame, done = () => {}} = shown.picture();
    const saved = await saveFigure({svg, titles, frame, kind, file});
    done();
    say(saved.ok ? t()('saved', {file}) : t()('exportFailed', {detail: saved.detail}));
  }
  $('copy-link').addEventListener('click', () => copyOut(now().link, 'linkCopied', 'copyThisLink'));
  $('copy-latex').addEventListener('click', () => copyOut(now().latex(), 'latexCopied', 'copyField'));
  $('download-svg').addEventListener('click', () => exportAs('svg'));
  $('download-png').addEventListener('click', () => exportAs('png'));
  // The page changed: a link or LaTeX shown to copy by hand is no longer its.
  return {changed: () => { fallback.box.hidden = true; }};
}
