// page/main.js: the page's entry. Loads the WebAssembly core (the standalone
// module, served as backprop.wasm next to this script), then hands the page
// to the app; if the core cannot be loaded, says so in the page.
import {coreSource} from '../core/fetch.js'; // first: starts the request (unless core-start.js has)
import {instantiateCore} from '../core/core.js';
import {createApp} from './app.js';
import {readState, hashPairs} from '../model/state.js';
import {pageTranslator, applyPageText, browserLang, hasPageWords} from '../words/page.js';
import {pageWords} from './page-words.js';

const root = document.getElementById('app');
const status = document.getElementById('status');
// The page's words in its language (index.html is English): Korean is
// fetched while the core loads; app.js says it if that failed, and follows
// later changes.
const linked = readState(hashPairs(location.hash)).state;
const lang = linked.lang ?? browserLang();
const words = pageWords(lang).catch(() => {});
// An expression's link: its layout's file (expr-panel.js) comes while the
// core loads (core-start.js has asked for it already), so that the first
// drawing is the expression's (a failure is the panel's to say, fetching
// it again).
const dag = linked.graph === 'expr' ? import(new URL('page-dag.js', import.meta.url).href).catch(() => null) : null;

// what: 'core' when the WebAssembly module did not load, 'app' otherwise.
function fail(t, what, error) {
  root.dataset.ready = 'failed';
  status.textContent = t(what === 'core' ? 'coreFailedStatus' : 'crashStatus');
  const box = document.getElementById(what === 'core' ? 'failure' : 'crash');
  box.hidden = false;
  box.querySelector('.detail').textContent = String(error && error.message ? error.message : error);
  document.getElementById('graphs').textContent = '';
}

let core = null, coreError = null;
try {
  core = await instantiateCore(coreSource);
} catch (error) {
  coreError = error;
}
await words;
const dagModule = await dag;
const t = pageTranslator(hasPageWords(lang) ? lang : 'en');
if (t.lang !== 'en') applyPageText(document, t);
if (!core) {
  fail(t, 'core', coreError);
} else {
  try {
    createApp({core, root, dag: dagModule});
  } catch (error) {
    fail(t, 'app', error);
  }
}
