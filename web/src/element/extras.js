// element/extras.js: what a <backprop-graph> needs only when its reader
// asks for it: the panels (panels="check,plot"), the SVG and PNG export,
// and the chain rule as LaTeX. Built as dist/backprop-graph-extras.js
// beside the element, which fetches it on first use, so that the
// element's own file stays within its budget.
import {figureSvg, saveFigure, exportName} from '../figure/exporting.js';
export {createPanels} from './panels.js';
export {exportLatex} from '../figure/exporting.js';

// The drawing to export: the graph's SVG, or the layer's grids drawn as
// one (removed again by done()).
const picture = (el) => (el.inLayer ? el.lf.svg() : {svg: el.$.figure.querySelector('svg'), done() {}});

// The element's figure as an .svg file's text, standing alone.
export function elementSvg(el) {
  const {svg, done} = picture(el);
  try {
    return figureSvg(svg, el.$.frame);
  } finally {
    done();
  }
}

// Save the element's figure as `kind` (svg or png); say so in its notice.
export async function exportElement(el, kind) {
  const file = el.inLayer ? el.lf.exportName(el.shown, kind) : exportName(el.run.trace, el.shown, kind);
  const {svg, done} = picture(el);
  const saved = await saveFigure({svg, frame: el.$.frame, kind, file}).finally(done);
  if (saved.ok) el.$.notice.textContent = el.tr('saved', {file});
  else el.failed(saved.detail);
}
