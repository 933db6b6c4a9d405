// views/mini-selection.js: what dist/backprop-graph.js needs of d3-selection
// (web/build-embed.mjs aliases 'd3-selection' to this file there; the page
// keeps the real one). The embed's budget is 40 KB gzip with the WebAssembly
// core inside, and d3-selection ships as one file whose prototype cannot be
// tree-shaken.
//
// element.js calls select(node).call(chart) and passes select(node) to
// chart.travel; views/graph.js, the chart, uses only each() of it and writes
// its own DOM. Same semantics as d3's for these: each(fn) calls fn with
// `this` the node and (datum, index, nodes), call(fn, ...args) calls
// fn(selection, ...args) and returns the selection.
class Selection {
  constructor(nodes) {
    this.nodes = nodes;
  }

  node() { return this.nodes[0] ?? null; }

  each(fn) {
    this.nodes.forEach((n, i) => fn.call(n, n.__data__, i, this.nodes));
    return this;
  }

  call(fn, ...args) {
    fn(this, ...args);
    return this;
  }
}

export function select(node) {
  return new Selection(node ? [node] : []);
}
