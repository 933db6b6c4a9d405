// net/network.js: the network figure's entry, a file of its own
// (build/site/network.js) that the page imports only in Network mode, with
// its WebAssembly module beside it (backprop-net.wasm) and its stylesheet
// inside (adopted by the document: no inline style, for strict CSP pages).
//
//   const figure = await mountNetwork(host, {lang, pairs, onState});
import CSS from './net.css';
import {instantiateNet} from './net-core.js';
import {createNetworkFigure} from './net-figure.js';
import {adoptLayerSheet} from '../figure/layer-view.js';
import {readNetState, writeNetState} from './net-state.js';
import {NET_WORDS} from './net-words.js';
import {tablesTranslator} from '../words/figure.js';

export {writeNetState, readNetState};

const OURS = Symbol('backprop-viz network sheet');
let module = null;
const load = () => (module ??= instantiateNet(fetch(new URL('backprop-net.wasm', import.meta.url))).catch((error) => {
  module = null; // a later mount tries again
  throw error;
}));

// Mount the figure in host for the link's pairs (URLSearchParams); onState
// gets each new state. Throws if the module cannot be loaded.
export async function mountNetwork(host, {lang = 'en', pairs = new URLSearchParams(), onState = () => {}} = {}) {
  const net = await load();
  const doc = host.ownerDocument;
  if (!doc.adoptedStyleSheets.some((s) => s[OURS])) {
    const sheet = new doc.defaultView.CSSStyleSheet();
    sheet.replaceSync(CSS);
    sheet[OURS] = true;
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  }
  adoptLayerSheet(doc); // the one point's layer figures (mounted before the host is in the page)
  const t = tablesTranslator(lang, NET_WORDS);
  const {state, errors} = readNetState(pairs);
  const figure = createNetworkFigure({host, net, t, state, onState});
  figure.showLinkErrors(errors);
  return figure;
}

// The page's Network mode (page/network-panel.js): the figure in host, in
// t's language, following the page's link (its lang kept) and writing its
// state there; previous, a figure mounted before in another language, goes.
// A module that fails to load is thrown with the file's name.
export async function mountPage({host, win, t, previous}) {
  const pairs = () => new URLSearchParams(win.location.hash.slice(1));
  let written = '';
  const write = (state) => {
    const lang = pairs().get('lang');
    written = `#${writeNetState(state)}${lang ? `&lang=${lang}` : ''}`;
    if (win.location.hash !== written) win.history.replaceState(null, '', written);
  };
  const inner = host.ownerDocument.createElement('div');
  let figure;
  try {
    figure = await mountNetwork(inner, {lang: t.lang, pairs: pairs(), onState: write});
  } catch (error) {
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), {file: 'backprop-net.wasm'});
  }
  previous?.dispose();
  host.replaceChildren(inner);
  write(figure.state);
  return {
    lang: t.lang,
    pause: () => figure.pause(),
    resume: () => figure.resume(),
    dispose: () => figure.dispose(),
    // A link followed (hashchange): the figure runs it, unless it wrote it.
    follow() {
      if (win.location.hash === written) return;
      const {state, errors} = readNetState(pairs());
      figure.setState(state);
      figure.showLinkErrors(errors);
    },
  };
}
