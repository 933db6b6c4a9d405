// page/export-chunk.js: the page's SVG and PNG export, built beside app.js
// as page-export.js and fetched on the first click (share-tools.js): the
// page's first load does without it.
export {saveFigure} from '../figure/exporting.js';
