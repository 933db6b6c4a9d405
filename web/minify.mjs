// web/minify.mjs: squeezing the bundles after esbuild. The element carries
// the WebAssembly core inside and has a budget of 40 KB gzipped, so both
// of its parts get a second, stronger pass:
//   - the JavaScript: terser (three compress passes, mangling) over
//     esbuild's minified output, about 5% smaller gzipped;
//   - the WebAssembly: zopfli's deflate, decoded by the browser's own
//     DecompressionStream('deflate-raw') like zlib's, about 7% smaller.
import {minify} from 'terser';
import zopfli from '@gfx/zopfli';
import {readFileSync, writeFileSync} from 'node:fs';

// Rewrite `file` (an ES module) smaller; `banner` stays its first line.
export async function squeeze(file, {banner} = {}) {
  const result = await minify(readFileSync(file, 'utf8'), {
    module: true, compress: {passes: 3}, mangle: true, format: {preamble: banner},
  });
  writeFileSync(file, result.code);
}

// The bytes, raw-deflated as small as zopfli makes them.
export async function deflateSmallest(bytes) {
  return Buffer.from(await zopfli.deflateAsync(bytes, {numiterations: 15}));
}
