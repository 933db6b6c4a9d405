// element/backprop-graph.js: the entry of dist/backprop-graph.js, the file a
// blog loads (with backprop-graph-shared.js beside it, its one import: the
// modules its other files share too, web/build-embed.mjs). The WebAssembly
// core travels inside it: web/build.mjs
// compresses build/wasm/backprop-core.wasm (deflate, raw) and writes it as
// base64 into the virtual module `backprop:wasm` (this is 18 KB gzipped,
// against 22 KB for base64 of the bare module); the browser's own
// DecompressionStream restores it. No fetch of the core, no eval.
import WASM from 'backprop:wasm';
import {instantiateCore} from '../core/core.js';
import {packedResponse} from '../core/packed.js';
import {defineBackpropGraph} from './element.js';

export const BackpropGraph = defineBackpropGraph({loadCore: () => instantiateCore(packedResponse(WASM))});

// Markdown fences tagged backprop: their reader (element/fences.js), beside
// this file, is fetched only for a page that may have one (a loose test: the
// reader looks for the generators' exact shapes).
function fences() {
  if (document.querySelector('[class*=backprop],[data-lang=backprop]')) import('./backprop-graph-fences.js').then((m) => m.upgradeFences(document), console.warn);
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fences, {once: true});
else fences();
