// page/main.js: the page's entry. Loads the WebAssembly core (the standalone
// module, served as backprop.wasm next to this script), then hands the page
// to the app; if the core cannot be loaded, says so in the page.
import {coreResponse} from '../core/fetch.js'; // first: starts the request
import {instantiateCore} from '../core/core.js';
import {createApp} from './app.js';
import {readState, hashPairs} from '../model/state.js';
import {pageTranslator, applyPageText, browserLang} from '../words/page.js';

const root = document.getElementById('app');
const status = document.getElementById('status');
// The page's words in its language from the start (index.html is English),
// so that loading and failure speak it too; app.js follows later changes.
const t = pageTranslator(readState(hashPairs(location.hash)).state.lang ?? browserLang());
if (t.lang !== 'en') applyPageText(document, t);

// what: 'core' when the WebAssembly module did not load, 'app' otherwise.
function fail(what, error) {
  root.dataset.ready = 'failed';
  status.textContent = t(what === 'core' ? 'coreFailedStatus' : 'crashStatus');
  const box = document.getElementById(what === 'core' ? 'failure' : 'crash');
  box.hidden = false;
  box.querySelector('.detail').textContent = String(error && error.message ? error.message : error);
  document.getElementById('graphs').textContent = '';
}

let core = null;
try {
  core = await instantiateCore(coreResponse);
} catch (error) {
  fail('core', error);
}
if (core) {
  try {
    createApp({core, root});
  } catch (error) {
    fail('app', error);
  }
}
