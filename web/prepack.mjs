// web/prepack.mjs: npm pack and npm publish run this first (package.json's
// prepack): the package is dist/, which ./dev build makes; refuse to pack
// without it rather than ship an empty package.
import {existsSync} from 'node:fs';

const missing = ['dist/backprop-graph.js', 'dist/backprop-graph-shared.js', 'dist/backprop-graph-extras.js', 'dist/backprop-graph-fences.js', 'dist/backprop-graph.d.ts',
  'dist/backprop-viz.mjs']
  .filter((file) => !existsSync(new URL(`../${file}`, import.meta.url)));
if (missing.length) {
  console.error(`prepack: ${missing.join(', ')} missing; run ./dev build first.`);
  process.exit(1);
}
