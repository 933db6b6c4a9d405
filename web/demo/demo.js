// demo.js: the demo post's two switches. Language: the prose in the other
// language is hidden by CSS, and each figure gets the lang attribute.
// Theme: data-theme="dark" on <html>, as many blog themes do; the figures
// notice it by themselves. The choice of language is kept in the hash (#en).
const root = document.documentElement;
const figures = () => document.querySelectorAll('backprop-graph');

function setLanguage(lang) {
  root.lang = lang;
  root.dataset.lang = lang;
  for (const f of figures()) f.setAttribute('lang', lang);
  for (const b of document.querySelectorAll('button[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  document.title = lang === 'ko' ? 'Backpropagation-3 (살아 있는 그림)' : 'Backpropagation-3 (live figures)';
}

for (const b of document.querySelectorAll('button[data-lang]')) {
  b.addEventListener('click', () => {
    setLanguage(b.dataset.lang);
    history.replaceState(null, '', b.dataset.lang === 'en' ? '#en' : location.pathname);
  });
}
const theme = document.getElementById('theme');
theme.addEventListener('click', () => {
  const dark = root.dataset.theme !== 'dark';
  if (dark) root.dataset.theme = 'dark'; else delete root.dataset.theme;
  theme.setAttribute('aria-pressed', String(dark));
});
setLanguage(location.hash === '#en' ? 'en' : 'ko');
