// figure/core-layer-figure.js: the layer figure over the graph core (the
// page's Layer mode and <backprop-graph layer="…">): its layers run by
// core.js's matrixLayer, its export drawn by views/layer-svg.js, in all
// layer mode's words. The
// network's one point (net/net-sample.js) shows layers C ran in the
// network's module instead, and carries neither.
import {createLayerFigure as create} from './layer-figure.js';
import {matrixLayer} from '../core/core.js';
import {layerSvg} from '../views/layer-svg.js';
import {layerWords} from '../words/layer.js';

// core: core.js's bound module; the rest as createLayerFigure's.
export const createLayerFigure = ({core, ...options}) => create({...options, compute: (spec) => matrixLayer(core, spec), toSvg: layerSvg,
  wordsOf: layerWords});
