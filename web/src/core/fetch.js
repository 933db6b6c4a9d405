// core/fetch.js: the WebAssembly core for the page, asked for before
// anything else runs. index.html's page/core-start.js has usually asked
// already, and compiled it: then this is its compiled module. Otherwise
// (or if that failed) main.js imports this module first, so the request
// starts before the rest of the bundle is evaluated. The promise is caught
// here and rethrown where it is awaited, so a failed load is reported once,
// by the page, not as an unhandled rejection.
const fetchCore = () => fetch(new URL('backprop.wasm', import.meta.url));
const started = globalThis[Symbol.for('backprop-viz core start')];

export const coreSource = started ? started.catch(fetchCore) : fetchCore();
coreSource.catch(() => {});
