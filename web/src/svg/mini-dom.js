// svg/mini-dom.js: the little of the DOM that views/graph.js writes a graph
// with, for drawing outside a browser (the `backprop-viz svg` renderer):
// elements with ordered attributes, classes, text, live children, and
// querySelector for what graph.js asks (`:scope > ` then one compound of a
// tag and classes). Animations never run here: getAnimations() is empty.

class MiniElement {
  constructor(doc, tag) {
    this.ownerDocument = doc;
    this.localName = tag;
    this.parentNode = null;
    this.children = []; // elements only; graph.js gives text to childless elements
    this.attrs = new Map(); // in the order first set, as a browser keeps them
    this.text = null;
  }

  setAttribute(name, value) { this.attrs.set(name, String(value)); }
  getAttribute(name) { return this.attrs.get(name) ?? null; }
  removeAttribute(name) { this.attrs.delete(name); }

  get classList() {
    const el = this;
    const list = () => (el.getAttribute('class') || '').split(/\s+/).filter(Boolean);
    return {
      contains: (c) => list().includes(c),
      add: (c) => { if (!list().includes(c)) el.setAttribute('class', [...list(), c].join(' ')); },
      remove: (c) => { if (el.attrs.has('class')) el.setAttribute('class', list().filter((k) => k !== c).join(' ')); },
    };
  }

  get textContent() { return this.text ?? this.children.map((c) => c.textContent).join(''); }
  set textContent(value) {
    this.replaceChildren();
    this.text = value == null ? null : String(value);
  }

  get firstChild() { return this.children[0] ?? null; }
  get lastChild() { return this.children[this.children.length - 1] ?? null; }

  appendChild(child) {
    child.remove();
    child.parentNode = this;
    this.text = null;
    this.children.push(child);
    return child;
  }

  append(...children) { for (const c of children) this.appendChild(c); }

  remove() {
    if (!this.parentNode) return;
    const kids = this.parentNode.children;
    kids.splice(kids.indexOf(this), 1);
    this.parentNode = null;
  }

  replaceChildren() {
    for (const c of this.children) c.parentNode = null;
    this.children.length = 0;
  }

  getAnimations() { return []; }

  matches(selector) {
    const m = /^([a-z]*)((?:\.[\w-]+)*)$/i.exec(selector);
    if (!m) throw new Error(`mini-dom: unsupported selector ${selector}`);
    const classes = m[2].split('.').filter(Boolean);
    return (!m[1] || m[1] === this.localName) && classes.every((c) => this.classList.contains(c));
  }

  querySelectorAll(selector) {
    const child = selector.startsWith(':scope > ');
    const compound = child ? selector.slice(':scope > '.length) : selector;
    const found = [];
    const visit = (el) => {
      for (const c of el.children) {
        if (c.matches(compound)) found.push(c);
        if (!child) visit(c);
      }
    };
    visit(this);
    return found;
  }

  querySelector(selector) { return this.querySelectorAll(selector)[0] ?? null; }
}

// Markup's escaping: of &, < and > in text, and of " too in an attribute.
export const escapeText = (text, quotes = false) => {
  const s = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return quotes ? s.replace(/"/g, '&quot;') : s;
};

// An element and its subtree as HTML markup (an inline <svg>'s too: every
// element closed explicitly), for a page's text.
export function markup(el) {
  const attrs = [...el.attrs].map(([k, v]) => ` ${k}="${escapeText(v, true)}"`).join('');
  const inner = el.text != null ? escapeText(el.text) : el.children.map(markup).join('');
  return `<${el.localName}${attrs}>${inner}</${el.localName}>`;
}

export function createDocument() {
  const doc = {
    createElementNS: (ns, tag) => new MiniElement(doc, tag),
    createElement: (tag) => new MiniElement(doc, tag),
  };
  return doc;
}
