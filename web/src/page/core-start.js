// page/core-start.js: index.html's first script (classic, async, in <head>,
// built as core-start.js beside app.js). It asks for the WebAssembly core
// and compiles it, off the main thread, while the page is still being
// parsed, styled and laid out and app.js is on its way; main.js (through
// core/fetch.js) then only instantiates the compiled module. Were this
// script missing or its compile to fail, main.js fetches the core itself
// and reports what went wrong.
//
// Streaming: the compile starts with the first bytes. (A server that does
// not send application/wasm fails it; main.js then fetches the bytes and
// compiles them, as it does without this script.)
const compiled = WebAssembly.compileStreaming(fetch(new URL('backprop.wasm', document.baseURI)));
compiled.catch(() => {}); // (main.js reports it, after fetching again)
globalThis[Symbol.for('backprop-viz core start')] = compiled;
// A link to an expression (graph=expr, or an expr without a graph): the
// page draws it with page-dag.js, which main.js imports; asked for now.
if (/[#&](graph=expr|expr=)/.test(location.hash)) {
  document.head.append(Object.assign(document.createElement('link'), {rel: 'modulepreload', href: 'page-dag.js'}));
}
