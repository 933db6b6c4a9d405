// element/extras.js: what a <backprop-graph> needs only when its reader
// asks for it: the panels (panels="check,plot") and the SVG and PNG export.
// Built as dist/backprop-graph-extras.js beside the element, which fetches
// it on first use, so that the element's own file stays within its budget.
export {createPanels} from './panels.js';
export {figureSvg, saveFigure} from '../figure/exporting.js';
