// The parent-side script of docs/embed.md: size each backprop-viz iframe
// to the height it posts.
addEventListener('message', (event) => {
  if (!event.data || event.data.type !== 'backprop-viz:height') return;
  for (const frame of document.querySelectorAll('iframe.backprop')) {
    if (frame.contentWindow === event.source) frame.style.height = `${Number(event.data.height) || 0}px`;
  }
});
