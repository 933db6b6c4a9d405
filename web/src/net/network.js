// net/network.js: the network figure's entry, a file of its own
// (build/site/network.js) that the page imports only in Network mode, with
// its WebAssembly module beside it (backprop-net.wasm).
//
//   const figure = await mountNetwork(host, {lang, pairs, onState});
import {instantiateNet} from './net-core.js';
import {createNetworkFigure} from './net-figure.js';
import {readNetState, writeNetState} from './net-state.js';
import {NET_WORDS} from './net-words.js';
import {translator} from '../words/figure.js';

export {writeNetState};

let module = null;
const load = () => (module ??= instantiateNet(fetch(new URL('backprop-net.wasm', import.meta.url))).catch((error) => {
  module = null; // a later mount tries again
  throw error;
}));

// Mount the figure in host for the link's pairs (URLSearchParams); onState
// gets each new state. Throws if the module cannot be loaded.
export async function mountNetwork(host, {lang = 'en', pairs = new URLSearchParams(), onState = () => {}} = {}) {
  const net = await load();
  const t = translator(lang, NET_WORDS);
  const {state, errors} = readNetState(pairs);
  const figure = createNetworkFigure({host, net, t, state, onState});
  figure.showLinkErrors(errors);
  return figure;
}
