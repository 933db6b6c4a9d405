// embed-first.js: the iframe page's one blocking script, small, run before
// its first paint. embed.html carries the figure of the element's default
// state, drawn at build time (svg/prerender.js's prerenderElement); where
// the hash asks for another figure (or the reader's dark theme would make
// the live one dark), that picture must not show even for a frame: this
// marks <html data-prerender="off">, embed.css hides it, and embed.js
// removes it, so that the element shows its loading line as it would
// without one.
import {elementAttributes, hashPairs} from '../model/state.js';
import {DEFAULTS, parseAttribute} from './config.js';
import {langOf} from '../words/figure.js';

// Whether the figure the hash asks for is the default one as drawn: in
// English (the page's lang) and light (theme=light, or auto on a light screen).
export function defaultFigure(hash, dark) {
  const attrs = elementAttributes(hashPairs(hash));
  for (const [key, text] of attrs) {
    if (key === 'app') continue; // where "Copy link" points: not seen
    if (key === 'lang') { if (langOf(text) !== 'en') return false; continue; }
    if (!(key in DEFAULTS)) return false; // a layer, autoplay …
    const r = parseAttribute(key, text);
    if (!r.ok) return false;
    if (key === 'theme' ? r.value !== 'light' && (r.value !== 'auto' || dark) : JSON.stringify(r.value) !== JSON.stringify(DEFAULTS[key])) return false;
  }
  return !dark || attrs.has('theme'); // (auto, the default: light screens only)
}

if (typeof document !== 'undefined' && !defaultFigure(location.hash, matchMedia('(prefers-color-scheme: dark)').matches)) {
  document.documentElement.setAttribute('data-prerender', 'off');
}
