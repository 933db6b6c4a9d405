// embed-page.js (served as embed.js): the iframe page. Reads the hash
// (#graph=sigmoid-steps&x=0.5&dout=1&step=7&lang=ko …), copies each known
// key onto the page's <backprop-graph> as an attribute (the element validates and
// explains a bad value; nothing is ever parsed as HTML), and posts the
// page's height to the parent whenever it changes, so that the parent can
// size the iframe without scrollbars:
//   window.parent.postMessage({type: 'backprop-viz:height', height}, '*')
import './backprop-graph.js';
import {ELEMENT_KEYS, elementAttributes, hashPairs} from '../model/state.js';

// embed.html's element, with the default figure drawn at build time inside
// (svg/prerender.js), which it shows until its first render; unless the
// hash asks for another (embed-first.js said so before the first paint).
// Once the live figure has replaced it, it goes.
const figure = document.querySelector('#embed > backprop-graph');
const unprerender = () => { for (const picture of figure.querySelectorAll(':scope > .prerender')) picture.remove(); };
if (document.documentElement.getAttribute('data-prerender') === 'off') unprerender();
else figure.addEventListener('ready', unprerender, {once: true});

function apply() {
  const attrs = elementAttributes(hashPairs(location.hash));
  for (const key of ELEMENT_KEYS) {
    if (attrs.has(key)) figure.setAttribute(key, attrs.get(key));
    else figure.removeAttribute(key);
  }
  // "Copy link" opens the app page next to this one.
  if (!attrs.has('app')) figure.setAttribute('app', new URL('index.html', location.href).href);
}

apply();
addEventListener('hashchange', apply);

let last = -1;
new ResizeObserver(() => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === last) return;
  last = height;
  if (window.parent !== window) window.parent.postMessage({type: 'backprop-viz:height', height}, '*');
}).observe(document.documentElement);
