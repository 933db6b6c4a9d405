// svg/packed-core.js: the C core as dist/backprop-graph.js carries it (the
// WebAssembly module, raw-deflated, base64: the `backprop:wasm` of
// web/build-embed.mjs), found in that file's text. The command line reads
// its core there, beside itself, rather than carrying a second copy; the
// build checks that this finds exactly the core it packed.
//
// The core is the file's one string literal of 4096 or more base64
// characters (the rest of the file is minified code and short strings).
const LITERAL = /(["'`])([A-Za-z0-9+/]{4096,}={0,2})\1/g;

// The base64 text of the core in `text` (the element's source); null unless
// there is exactly one such literal.
export function packedCore(text) {
  const found = [...text.matchAll(LITERAL)];
  return found.length === 1 ? found[0][2] : null;
}
