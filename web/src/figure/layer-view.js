// figure/layer-view.js: what the network's "one point" borrows from the
// layer figure: the view without the graph core (the network gives it C's
// numbers), its stylesheet, its steps and its words. The layer file
// (figure/layer-chunk.js) exports these too, so that the network's files
// import them from beside themselves instead of carrying a second copy
// (web/build-embed.mjs, web/build.mjs).
export {createLayerFigure as createLayerView, adoptLayerSheet} from './layer-figure.js';
export {layerSteps} from '../model/layer.js';
export {layerTranslator} from '../words/layer-view.js';
