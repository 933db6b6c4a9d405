// element/host-page.js: what the figures watch on the page that hosts them,
// once per page whatever their number: the blog theme's dark or light mode,
// and each figure's width.

// Blog themes' dark-mode switches: a class or a data attribute on <html> or
// <body> (Tailwind and many Jekyll themes: class="dark"; Hugo PaperMod:
// body.dark; Chirpy: data-mode; Bootstrap: data-bs-theme).
const THEME_ATTRIBUTES = ['data-theme', 'data-mode', 'data-bs-theme', 'data-color-scheme', 'data-color-mode'];
export function pageTheme(doc) {
  for (const el of [doc.documentElement, doc.body]) {
    if (!el) continue;
    for (const a of THEME_ATTRIBUTES) {
      const v = (el.getAttribute(a) || '').toLowerCase();
      if (v === 'dark' || v === 'light') return v;
    }
    const c = el.classList;
    if (c.contains('dark') || c.contains('dark-mode') || c.contains('theme-dark')) return 'dark';
    if (c.contains('light') || c.contains('light-mode') || c.contains('theme-light')) return 'light';
  }
  return doc.defaultView.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

// One observer of each kind per page, whatever the number of figures.
export const watch = (() => {
  const figures = new Set();
  let resize = null;
  let started = false;
  function start(win) {
    started = true;
    const themed = () => { for (const f of figures) f.applyTheme(); };
    new win.MutationObserver(themed).observe(win.document.documentElement, {attributes: true, attributeFilter: ['class', ...THEME_ATTRIBUTES]});
    if (win.document.body) new win.MutationObserver(themed).observe(win.document.body, {attributes: true, attributeFilter: ['class', ...THEME_ATTRIBUTES]});
    win.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', themed);
    resize = new win.ResizeObserver((entries) => {
      for (const e of entries) e.target.getRootNode().host?.resized(e.contentRect.width);
    });
  }
  return {
    add(figure, box) {
      if (!started) start(figure.ownerDocument.defaultView);
      figures.add(figure);
      resize.observe(box);
    },
    remove(figure, box) {
      figures.delete(figure);
      resize?.unobserve(box);
    },
  };
})();
