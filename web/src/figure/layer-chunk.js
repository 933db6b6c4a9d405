// figure/layer-chunk.js: the entry of backprop-graph-layer.js, the layer
// figure's own file. The page and every <backprop-graph> import it from
// beside themselves the first time they show a layer, so that neither
// pays for it before (web/build-embed.mjs builds it; budgets: README).
export {createLayerFigure} from './core-layer-figure.js';
export {layerWords} from '../words/layer.js';
export {PRESETS, presetState} from '../model/layer.js';
export {MATRICES} from '../model/matrix.js'; // the page reads and writes its layer links with it
export {readLayerAttributes} from './layer-attributes.js';
export {elementLayer} from './layer-element.js';
export {createLayerView, adoptLayerSheet, layerSteps, layerTranslator} from './layer-view.js'; // for the network's one point
// For `backprop-viz svg --layer` (svg/cli.js), which imports this file
// from beside itself: the same picture as the figure's SVG export.
export {layerPictureOf} from './core-layer-figure.js';
export {layerSvg} from '../views/layer-svg.js';
