// page/network-panel.js: the page's Network mode (graph=network). Its figure
// is a file of its own (network.js, with backprop-net.wasm beside it),
// fetched the first time the mode is shown; it keeps its own settings and
// link (net/network.js's mountPage). The page only shows or hides it.
export function createNetworkPanel({win, host, say}) {
  let page = null, loading = null;
  function show(active, t) {
    host.hidden = !active;
    if (!active) return void page?.pause();
    if (page?.lang === t.lang) return void page.resume(); // (a replay the hiding cut short goes on)
    if (loading) return;
    say(t('loading'));
    loading = import('./network.js').then((chunk) => chunk.mountPage({host, win, t, previous: page}))
      .then((p) => { page = p; say(t('ready')); },
        (error) => say(t('fileFailed', {file: error.file ?? 'network.js', detail: String(error?.message ?? error)})))
      .finally(() => { loading = null; });
  }
  return {show, follow: () => page?.follow()};
}
