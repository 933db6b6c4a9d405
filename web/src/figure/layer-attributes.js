// figure/layer-attributes.js: a <backprop-graph layer="…">'s attributes in
// layer mode, read with the one grammar (model/state.js, x and dout as
// matrices) into the layer's state fields. Part of the layer chunk, so
// that the element's own file carries none of it.
import {LAYER_KEYS, fieldOf, defaultLayer} from '../model/state.js';
import {parseAttribute} from '../element/config.js';
import {layerWords} from '../words/layer.js';
import {MATRICES} from '../model/matrix.js';

const DEFAULTS = defaultLayer(null);

// pairs: [[name, text | null], …] of the attributes that changed (null:
// removed). Updates `fields` (the last good value of each) in place;
// returns the sentences for the values that did not read, in t's language.
export function readLayerAttributes(pairs, fields, t) {
  const words = layerWords(t);
  const errors = [];
  for (const [name, text] of pairs) {
    if (!LAYER_KEYS.includes(name)) continue;
    const field = fieldOf(name, true);
    const r = text == null ? {ok: true, value: DEFAULTS[field]} : parseAttribute(name, text, MATRICES);
    if (r.ok) fields[field] = r.value;
    else errors.push(words(r.key, {...r.params, reason: words.reason(r.params.reason)}));
  }
  return errors;
}
