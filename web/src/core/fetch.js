// core/fetch.js: asks for the WebAssembly core before anything else runs.
// main.js imports this module first, so the request starts before the rest
// of the bundle is evaluated, and the page's first graph waits less for it.
// The promise is caught here and rethrown where it is awaited, so a failed
// load is reported once, by the page, not as an unhandled rejection.
export const coreResponse = fetch(new URL('backprop.wasm', import.meta.url));
coreResponse.catch(() => {});
