// figure/code-tip.js: what the code chunk's hosts (a <backprop-graph>, the
// page) share: its stylesheet, adopted once per document or shadow root,
// and the explanation of a node, shown just below it.
import {explainNode} from './explain.js';
import CSS from '../views/code.css';
import {sheetAdopter} from './sheet.js';

// The code view's sheet in `root` (a document or a shadow root), once: one
// stylesheet for every figure's code view.
export const adoptCodeStyles = sheetAdopter(CSS);

// A tooltip for node explanations, in `frame` (positioned: code.css).
export function createTip(doc, frame) {
  const tip = doc.createElement('p');
  tip.className = 'why';
  tip.id = 'node-why';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  frame.append(tip);
  let shown = null;
  // Explain graph node `g` (an SVG <g class="node">) of `trace` in words
  // `t` (codeWords), or hide the tip (g null).
  return function explain(g, trace, t) {
    shown?.removeAttribute('aria-describedby');
    shown = g && g.isConnected && trace ? g : null;
    tip.hidden = !shown;
    if (!shown) return;
    tip.textContent = explainNode(trace, Number(shown.dataset.id), t);
    shown.setAttribute('aria-describedby', tip.id);
    const box = frame.getBoundingClientRect();
    const r = shown.getBoundingClientRect();
    const width = Math.min(box.width - 16, 360);
    tip.style.width = `${width}px`;
    tip.style.left = `${Math.max(8, Math.min(box.width - width - 8, r.left + r.width / 2 - box.left - width / 2))}px`;
    tip.style.top = `${r.bottom - box.top + 6}px`;
  };
}
