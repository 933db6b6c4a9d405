// figure/node-focus.js: a graph's nodes within reach of the keyboard and
// the pointer, for their explanations (figure/explain.js). The nodes are
// one tab stop (a roving tabindex: the last node focused, else the first);
// the arrow keys, Home and End move between them in the graph's order.
// onNode(node) hears the node focused or hovered, and null when none is.
//
//   const rove = watchNodes(container, (g) => …);
//   … draw the graph …; rove();   // after every draw
const NODE = 'g.node';

export function watchNodes(container, onNode) {
  const nodes = () => [...container.querySelectorAll(NODE)];
  const at = (e) => e.target.closest?.(NODE) ?? null;
  const focused = () => container.getRootNode().activeElement?.closest?.(NODE) ?? null;
  container.addEventListener('keydown', (e) => {
    const node = at(e);
    if (!node) return;
    const list = nodes();
    const i = list.indexOf(node);
    const to = list[{ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: list.length - 1}[e.key]];
    if (!to) return;
    e.preventDefault();
    rove(list, to);
    to.focus();
  });
  container.addEventListener('focusin', (e) => {
    const node = at(e);
    if (!node) return;
    rove(nodes(), node);
    onNode(node);
  });
  container.addEventListener('focusout', (e) => { if (at(e) && !container.contains(e.relatedTarget)) onNode(null); });
  container.addEventListener('pointerover', (e) => { const node = at(e); if (node) onNode(node); });
  container.addEventListener('pointerout', (e) => {
    const node = at(e);
    if (node && !node.contains(e.relatedTarget)) onNode(e.relatedTarget?.closest?.(NODE) ?? focused());
  });
  return () => rove(nodes());
}

// The nodes' tab stop: `chosen` (else the one that has it, else the first).
// svg/prerender.js gives the first paint's nodes the same.
export function rove(list, chosen = list.find((n) => n.getAttribute('tabindex') === '0') ?? list[0]) {
  for (const n of list) n.setAttribute('tabindex', n === chosen ? '0' : '-1');
}
