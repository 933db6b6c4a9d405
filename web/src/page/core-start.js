// page/core-start.js: index.html's first script (classic, async, in <head>,
// built as core-start.js beside app.js). It asks for the WebAssembly core
// and compiles it, off the main thread, while the page is still being
// parsed, styled and laid out and app.js is on its way; main.js (through
// core/fetch.js) then only instantiates the compiled module. Were this
// script missing or its compile to fail, main.js fetches the core itself
// and reports what went wrong.
//
// Streaming: the compile starts with the first bytes. A server that does
// not send application/wasm is answered by compiling the bytes instead.
const url = new URL('backprop.wasm', document.baseURI);
const compiled = WebAssembly.compileStreaming(fetch(url))
  .catch(() => fetch(url).then((response) => (response.ok ? response.arrayBuffer() : Promise.reject(new Error(`HTTP ${response.status}`))))
    .then((bytes) => WebAssembly.compile(bytes)));
compiled.catch(() => {}); // (main.js reports it, after fetching again)
globalThis[Symbol.for('backprop-viz core start')] = compiled;
