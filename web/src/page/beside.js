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

// A file a mode of the page draws with (the layer figure's, the
// expressions' layout). get(): its module once here, null until then; the
// first call fetches it, arrived(module) takes it, and render() runs again
// once it came or failed, if the page still wants it (the reader may have
// left the mode meanwhile). After a failure (`failed`) that render's get()
// does not fetch again, or a file that cannot come would be asked for
// without end: the reader's next change does. `module`: one main.js
// already has.
export function awaitedFile(file, {render, arrived = () => {}, wanted = () => true, module = null}) {
  const load = beside(file);
  const run = {module: null, loading: null, failed: null, saying: false};
  if (module) {
    arrived(module);
    run.module = module;
  }
  return {
    file,
    get failed() { return run.failed; },
    get() {
      if (run.module) return run.module;
      if (run.saying) {
        run.saying = false;
        return null;
      }
      run.loading ??= load().then((module) => {
        arrived(module);
        run.module = module;
        run.failed = null;
      }).catch((error) => {
        run.failed = error;
        run.saying = true;
      }).finally(() => {
        run.loading = null;
        if (wanted()) render();
        else run.saying = false;
      });
      return null;
    },
  };
}
