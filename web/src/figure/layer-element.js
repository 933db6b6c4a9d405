// figure/layer-element.js: a <backprop-graph layer="…"> in layer mode, the
// element's side of the layer figure, in the layer chunk so that the
// element's own file carries only the calls into it. The element stays the
// host (its player, its messages, its bar); this reads its attributes and
// draws its figure.
import {createLayerFigure} from './core-layer-figure.js';
import {readLayerAttributes} from './layer-attributes.js';
import {writeState} from '../model/state.js';
import {MATRICES} from '../model/matrix.js';

// el: the element (element/element.js), once its core is loaded.
export function elementLayer(el) {
  const fields = {}; // the last good value of each layer attribute, or the reader's edit
  const figure = createLayerFigure({core: el.core, mount: el.$.figure, narration: el.$.narration, onEdit: (edit) => {
    el.player.stop();
    if (el.live.step != null && el.live.step >= figure.count) el.live.step = null; // at the end: it stays there
    Object.assign(fields, edit);
    el.showMessages(figure.set(fields, el.tr));
    el.render();
  }});

  return Object.assign(Object.create(figure), {
    // The changed attributes (a Set of names) read; errors: the element's
    // own so far. Then the figure drawn.
    update(changed, errors) {
      const t = el.tr;
      errors.push(...readLayerAttributes([...changed].map((n) => [n, el.getAttribute(n)]), fields, t), ...figure.set(fields, t));
      if (changed.has('step') || changed.has('layer')) {
        el.player.stop();
        el.live.step = el.good.step;
      }
      el.renderControls();
      if (errors.length) el.showMessages(errors, !figure.fallback); // (an example shown instead says so itself)
      else if (changed.size) el.showMessages([]); // (nothing changed: what is said stays said)
      el.render();
    },

    draw(travel) {
      const travelled = figure.draw({step: el.shown, t: el.tr, motion: !el.reducedMotion(), duration: el.player.travelMs(),
        editable: el.good.controls !== 'none'}, {travel});
      el.$.panels.hidden = true; // the check and the curve are the graphs'
      return travelled;
    },

    // The change event's detail, and the hash of the page's layer mode.
    detail: () => ({layer: figure.spec.layer, step: el.shown, count: figure.count, spec: figure.spec, result: figure.result, link: el.link()}),
    hash: () => writeState({...figure.fields, graph: 'layer', step: el.shown, mode: el.good.mode, ask: el.good.ask,
      code: el.codeView?.lang ?? el.good.code}, MATRICES),
  });
}
