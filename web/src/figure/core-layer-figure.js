// figure/core-layer-figure.js: the layer figure over the graph core (the
// page's Layer mode and <backprop-graph layer="…">): its layers run by
// core.js's matrixLayer, its export drawn by views/layer-svg.js, in all
// layer mode's words; and the same picture without a browser, for
// `backprop-viz svg --layer` (layerPictureOf). The network's one point
// (net/net-sample.js) shows layers C ran in the network's module instead,
// and carries neither.
import {createLayerFigure as create} from './layer-figure.js';
import {matrixLayer} from '../core/core.js';
import {layerSvg} from '../views/layer-svg.js';
import {layerWords} from '../words/layer.js';
import {layerSpec, layerSteps, shapeErrors} from '../model/layer.js';
import {layerPicture} from './layer-picture.js';

// core: core.js's bound module; the rest as createLayerFigure's.
export const createLayerFigure = ({core, ...options}) => create({...options, compute: (spec) => matrixLayer(core, spec), toSvg: layerSvg,
  wordsOf: layerWords});

// The layer of `fields` (the state's layer fields, as readLayerAttributes
// reads them) computed by `core`, at `step` steps done (null: all), as a
// picture: {picture, errors} (errors: why the matrices do not fit, in t's
// language; then no picture).
export function layerPictureOf(core, fields, {step = null, t, fmt}) {
  const words = layerWords(t);
  const spec = layerSpec(fields);
  const errors = shapeErrors(spec).map((e) => words(e.code, e.params));
  if (errors.length) return {picture: null, errors};
  const steps = layerSteps(spec);
  const shown = step == null ? steps.length : Math.min(step, steps.length);
  return {picture: layerPicture({spec, result: matrixLayer(core, spec), steps}, {step: shown, words, fmt}), errors};
}
