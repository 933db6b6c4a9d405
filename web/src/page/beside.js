// page/beside.js: the page's files built beside app.js and fetched the
// first time they are needed (predict mode, the layer figure, the code
// view, the Korean words): load() imports one once, and again after a
// failure, whose message the caller shows, naming load.file.
export function beside(file) {
  let loaded = null;
  const load = () => (loaded ??= import(new URL(file, import.meta.url).href).catch((error) => {
    loaded = null;
    throw error;
  }));
  load.file = file;
  return load;
}
