// figure/code-element.js: a <backprop-graph>'s code view, Fig. 7's
// derivation and its nodes' explanations, the element's side of the code
// chunk (as figure/layer-element.js is of the layer chunk): the element
// stays the host; this draws below its figure what its code and fig7
// attributes ask for, and the explanation of the node in focus or under
// the pointer.
import {createCodeView} from './code-view.js';
import {fig7HTML, fig7Text, fig7Latex} from '../views/fig7.js';
import {adoptCodeStyles, createTip} from './code-tip.js';
import {codeWords} from '../words/code.js';
import {formatNumber} from '../model/number.js';

// el: the element (element/element.js), once its core is loaded.
export function elementCode(el) {
  const doc = el.ownerDocument;
  adoptCodeStyles(el.shadowRoot);
  const box = doc.createElement('div');
  box.className = 'code-box';
  const derivation = doc.createElement('div');
  derivation.className = 'fig7';
  let lang = null; // the tab the reader picked, over the attribute's
  const view = createCodeView({doc, core: el.core, onLang: (l) => {
    lang = l;
    el.announce(); // the link's code= changed
  }});
  box.append(derivation, view.root);
  el.$.frame.insertBefore(box, el.$.panels);
  const tip = createTip(doc, el.$.frame);
  let node = null;

  return {
    // The code tab shown ('python', 'c') or null.
    get lang() { return el.good.code ? lang ?? el.good.code : null; },
    codeChanged() { lang = null; },

    // The formula line: Fig. 7's form where the fig7 attribute asks for it.
    chainText: (trace, step, fmt) => (el.good.fig7 ? fig7Text(trace, step, fmt) : null),
    // Copy LaTeX's line in that form (null: the usual one).
    latex: (trace, step) => (el.good.fig7 ? fig7Latex(trace, step) : null),

    draw() {
      const t = codeWords(el.tr);
      if (el.inLayer) { // the code view of the layer's grids; no derivation, no nodes
        tip(null);
        derivation.hidden = true;
        box.hidden = view.root.hidden = !el.good.code;
        if (el.good.code) view.draw({layer: {spec: el.lf.spec, result: el.lf.result, steps: el.lf.steps}, step: el.shown, t, lang: this.lang});
        return;
      }
      box.hidden = false;
      const trace = el.run.trace;
      derivation.innerHTML = el.good.fig7 ? fig7HTML(trace, el.shown, t, (v) => formatNumber(v)) : '';
      derivation.hidden = !derivation.innerHTML;
      view.root.hidden = !el.good.code;
      if (el.good.code) view.draw({trace, step: el.shown, t, lang: this.lang});
      if (node) this.explain(node);
    },

    // The explanation of graph node `g`, or none (null).
    explain(g) {
      node = g;
      tip(g, el.inLayer ? null : el.run.trace, codeWords(el.tr));
    },
  };
}
