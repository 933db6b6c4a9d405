// element/config.js: the element's attributes: their defaults and how one
// is read (model/state.js's grammar), with the bad text quoted back in the
// message that explains it.
import {ELEMENT_KEYS, parseValue} from '../model/state.js';

export const DEFAULTS = {graph: 'sigmoid-steps', x: 0.5, dout: 1, step: null, mode: 'watch', ask: 'backward', controls: 'full', theme: 'auto', expr: null, vars: {}, panels: [], code: null, fig7: false};
export const ATTRIBUTES = ELEMENT_KEYS;
const MAX_SHOWN = 60; // characters of a bad value quoted back in a message

export const quote = (text) => (text.length > MAX_SHOWN ? text.slice(0, MAX_SHOWN) + '…' : text);

// Read one attribute's text (state.js's grammar; matrices: in layer mode,
// the matrix grammar, x and dout then matrices). {ok, value} or {ok:
// false, key, params}: key is the words' key for the message.
export function parseAttribute(name, text, matrices = null) {
  const r = parseValue(name, text, {host: 'element', matrices, layer: Boolean(matrices)});
  return r.ok ? r : {ok: false, key: r.code, params: {...r.params, text: quote(text)}};
}
