// core/packed.js: a WebAssembly module that travels inside a script (deflated,
// raw, then base64: the build's virtual modules backprop:wasm and
// backprop:net-wasm) as a Response, not a fetch: nothing leaves the page, and
// the browser compiles the module while DecompressionStream still inflates it.
export function packedResponse(base64) {
  const text = atob(base64);
  const packed = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) packed[i] = text.charCodeAt(i);
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream, {headers: {'Content-Type': 'application/wasm'}});
}
