// svg/mini-dom.js: the little of the DOM that views/graph.js writes a graph
// with, for drawing outside a browser (the `backprop-viz svg` renderer):
// elements with ordered attributes, classes, text, live children, and
// querySelector for what graph.js asks (`:scope > ` then one compound of a
// tag and classes). Animations never run here: getAnimations() is empty.
// And what a <backprop-graph>'s skeleton and figure (element/skeleton.js,
// figure/figure.js) write theirs with, for embed.html's first paint
// (svg/prerender.js): text beside elements, the reflected properties they
// set (className, dataset, hidden, disabled, type, and an input's value,
// which here is its attribute: the markup a parser starts from), and no
// events (addEventListener does nothing).

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
  hasAttribute(name) { return this.attrs.has(name); }
  removeAttribute(name) { this.attrs.delete(name); }
  toggleAttribute(name, on) {
    if (on && !this.attrs.has(name)) this.attrs.set(name, '');
    if (!on) this.attrs.delete(name);
  }

  get className() { return this.getAttribute('class') ?? ''; }
  set className(value) { this.setAttribute('class', value); }
  get hidden() { return this.hasAttribute('hidden'); }
  set hidden(on) { this.toggleAttribute('hidden', Boolean(on)); }
  get disabled() { return this.hasAttribute('disabled'); }
  set disabled(on) { this.toggleAttribute('disabled', Boolean(on)); }
  get type() { return this.getAttribute('type') ?? ''; }
  set type(value) { this.setAttribute('type', value); }
  get value() { return this.getAttribute('value') ?? ''; }
  set value(value) { this.setAttribute('value', value); }
  get dataset() {
    const key = (k) => `data-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    return new Proxy({}, {
      get: (_, k) => this.getAttribute(key(k)) ?? undefined,
      set: (_, k, v) => { this.setAttribute(key(k), v); return true; },
    });
  }
  addEventListener() {}

  get classList() {
    const el = this;
    const list = () => (el.getAttribute('class') || '').split(/\s+/).filter(Boolean);
    return {
      contains: (c) => list().includes(c),
      add: (c) => { if (!list().includes(c)) el.setAttribute('class', [...list(), c].join(' ')); },
      remove: (c) => { if (el.attrs.has('class')) el.setAttribute('class', list().filter((k) => k !== c).join(' ')); },
      toggle(c, on = !list().includes(c)) {
        if (on) this.add(c); else this.remove(c);
        return on;
      },
    };
  }

  get textContent() { return this.text ?? this.children.map((c) => c.textContent).join(''); }
  set textContent(value) {
    this.replaceChildren();
    this.text = value == null ? null : String(value);
  }

  get firstChild() { return this.children[0] ?? null; }
  get lastChild() { return this.children[this.children.length - 1] ?? null; }

  appendChild(child) { return this.insertBefore(child, null); }

  insertBefore(child, before) {
    if (typeof child === 'string') child = new MiniText(child);
    child.remove();
    child.parentNode = this;
    if (this.text) this.children.push(new MiniText(this.text, this));
    this.text = null;
    const i = before ? this.children.indexOf(before) : -1;
    this.children.splice(i < 0 ? this.children.length : i, 0, child);
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
        if (c instanceof MiniText) continue;
        if (c.matches(compound)) found.push(c);
        if (!child) visit(c);
      }
    };
    visit(this);
    return found;
  }

  querySelector(selector) { return this.querySelectorAll(selector)[0] ?? null; }
}

// Text beside elements (a button's icon and its words).
class MiniText {
  constructor(text, parent = null) {
    this.textContent = text;
    this.parentNode = parent;
    this.children = [];
  }

  remove() { MiniElement.prototype.remove.call(this); }
}

// Markup's escaping: of &, < and > in text, and of " too in an attribute.
export const escapeText = (text, quotes = false) => {
  const s = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return quotes ? s.replace(/"/g, '&quot;') : s;
};

// An element and its subtree as HTML markup (an inline <svg>'s too: every
// element but <input> closed explicitly), for a page's text.
export function markup(el) {
  if (el instanceof MiniText) return escapeText(el.textContent);
  const attrs = [...el.attrs].map(([k, v]) => ` ${k}="${escapeText(v, true)}"`).join('');
  if (el.localName === 'input') return `<input${attrs}>`; // (HTML's one void element here)
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
