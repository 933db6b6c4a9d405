// mini-selection.js: the part of d3-selection that views/graph.js uses, in
// a sixth of its weight, for dist/backprop-graph.js (web/build-embed.mjs
// aliases 'd3-selection' to this file there; the page keeps the real one).
// The embed's budget is 40 KB gzip with the WebAssembly core inside, and
// d3-selection ships as one file whose prototype cannot be tree-shaken.
//
// Same semantics for what it has: select, selectAll, keyed data joins with
// join(enter | tagName) in data order, attr, classed, text, each, filter,
// append (SVG namespace inherited), remove, call, node. A selection is flat
// (one group): data() joins against the first node's subtree, which is how
// graph.js uses it. The e2e embed tests draw every figure through it.
const SVG = 'http://www.w3.org/2000/svg';

class Selection {
  constructor(nodes, parent = null) {
    this.nodes = nodes;
    this.parent = parent ?? nodes[0] ?? null;
  }

  node() { return this.nodes[0] ?? null; }
  size() { return this.nodes.length; }
  empty() { return !this.nodes.length; }

  each(fn) {
    this.nodes.forEach((n, i) => fn.call(n, n.__data__, i, this.nodes));
    return this;
  }

  call(fn, ...args) {
    fn(this, ...args);
    return this;
  }

  select(selector) {
    return new Selection(this.nodes.map((n) => {
      const sub = n.querySelector(selector);
      if (sub && '__data__' in n) sub.__data__ = n.__data__;
      return sub;
    }).filter(Boolean));
  }

  selectAll(selector) {
    return new Selection(this.nodes.flatMap((n) => [...n.querySelectorAll(selector)]), this.nodes[0] ?? null);
  }

  filter(test) {
    return new Selection(this.nodes.filter((n, i) => (typeof test === 'function' ? test.call(n, n.__data__, i, this.nodes) : n.matches(test))), this.parent);
  }

  // Each node's value: `v` itself, or v(d, i, nodes) with this = the node.
  _set(v, apply) {
    return this.each(function (d, i, nodes) { apply(this, typeof v === 'function' ? v.call(this, d, i, nodes) : v); });
  }

  attr(name, value) {
    if (arguments.length < 2) return this.node()?.getAttribute(name) ?? null;
    return this._set(value, (n, v) => (v == null ? n.removeAttribute(name) : n.setAttribute(name, v)));
  }

  classed(names, value) {
    const list = names.trim().split(/\s+/);
    return this._set(value, (n, v) => { for (const c of list) n.classList.toggle(c, !!v); });
  }

  text(value) {
    if (!arguments.length) return this.node()?.textContent ?? '';
    return this._set(value, (n, v) => { n.textContent = v ?? ''; });
  }

  append(tag) {
    return new Selection(this.nodes.map((n) => {
      const child = create(n, tag);
      if ('__data__' in n) child.__data__ = n.__data__;
      return n.appendChild(child);
    }));
  }

  remove() {
    for (const n of this.nodes) n.remove();
    return this;
  }

  // Bind `values` to this selection's nodes (by key, or by index); the
  // result knows its entering data and exiting nodes.
  data(values, key) {
    const parent = this.parent;
    const byKey = new Map();
    const update = new Array(values.length);
    const enter = [];
    const exit = [];
    if (key) {
      this.nodes.forEach((n, i) => {
        const k = key.call(n, n.__data__, i, this.nodes);
        if (byKey.has(k)) exit.push(n); else byKey.set(k, n);
      });
    }
    values.forEach((d, i) => {
      let n;
      if (key) {
        const k = key.call(parent, d, i, values);
        n = byKey.get(k);
        byKey.delete(k);
      } else {
        n = this.nodes[i];
      }
      if (n) { n.__data__ = d; update[i] = n; } else enter.push(i);
    });
    if (key) exit.push(...byKey.values()); else exit.push(...this.nodes.slice(values.length));
    const joined = new Selection(update.filter(Boolean), parent);
    joined._join = {values, update, enter, exit};
    return joined;
  }

  join(onenter) {
    const {values, update, enter, exit} = this._join;
    const parent = this.parent;
    for (const n of exit) n.remove();
    // The entering data's nodes, appended (order() below puts them in place).
    const make = (tag) => new Selection(enter.map((i) => {
      const n = parent.appendChild(create(parent, tag));
      n.__data__ = values[i];
      return n;
    }), parent);
    let created;
    if (typeof onenter === 'function') {
      const stub = new Selection([], parent);
      stub.append = make;
      created = onenter(stub) ?? stub;
    } else {
      created = make(onenter);
    }
    created.nodes.forEach((n, j) => { update[enter[j]] = n; });
    const all = update.filter(Boolean);
    // In data order, as d3's selection.order().
    for (let i = all.length - 2, next = all[all.length - 1]; i >= 0; i--) {
      const n = all[i];
      if (n.compareDocumentPosition(next) ^ 4) next.parentNode.insertBefore(n, next);
      next = n;
    }
    return new Selection(all, parent);
  }
}

const doc = (n) => n.ownerDocument ?? n;

function create(parent, tag) {
  const ns = tag === 'svg' || parent.namespaceURI === SVG ? SVG : null;
  return ns ? doc(parent).createElementNS(ns, tag) : doc(parent).createElement(tag);
}

export function select(node) {
  return new Selection(node ? [node] : []);
}
