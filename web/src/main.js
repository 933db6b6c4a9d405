// main.js: the page's entry. Loads the WebAssembly core (the standalone
// module, served as backprop.wasm next to this script), then hands the page
// to the app; if the core cannot be loaded, says so in the page.
import {instantiateCore} from './core.js';
import {createApp} from './app.js';

const root = document.getElementById('app');
const status = document.getElementById('status');

// what: 'core' when the WebAssembly module did not load, 'app' otherwise.
function fail(what, error) {
  root.dataset.ready = 'failed';
  status.textContent = what === 'core' ? 'The computing core could not be loaded.' : 'The page stopped with an error.';
  const box = document.getElementById(what === 'core' ? 'failure' : 'crash');
  box.hidden = false;
  box.querySelector('.detail').textContent = String(error && error.message ? error.message : error);
  document.getElementById('graphs').textContent = '';
}

let core = null;
try {
  core = await instantiateCore(fetch(new URL('backprop.wasm', import.meta.url)));
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
