// views/graph.js: the computational graph of one trace at one step, as SVG.
//
// A reusable chart (Bostock): configure with the setters, then call it on a
// selection of containers; calling again updates in place.
//
//   const graph = graphView().trace(t).step(3).width(720);
//   select('#figure').call(graph);
//   await graph.travel(select('#figure')); // the active step's number moves along its edge
//
// Of the selection it uses only each(): inside, the join is written out by
// hand, by position (a new graph of a similar size reuses the last one's
// elements), touching only attributes whose values changed, because a
// 500-node graph has thousands of elements and a step changes a handful.
//
// Motion uses the Web Animations API: `await animation.finished` sequences
// steps as d3's `await transition.end()` would, without d3-transition's
// interpolators (a third of the bundle).
import {layoutGraph} from '../layout/chain.js';
import {LABEL_LIMIT} from '../layout/dag.js';
import {reveal, edgeLabels, OUTPUT_EDGE} from '../model/timeline.js';
import {formatNumber, exactText, isNonFinite} from '../model/number.js';
import {translator, nodeName} from '../words/figure.js';

const english = translator('en');
// A scaled-down drawing's arrow width (graph.css's svg.graph.hair .shaft).
const HAIR = 1.4;

// A reusable chart: its options, draw() and travel() share one closure, and
// draw() writes each kind of element by hand (see above), hence its length.
export function graphView() {
  // The options, each with its setter (chart.step(3)) and getter (chart.step()).
  const o = {
    trace: null,
    step: 0,
    width: 640,
    precise: false,
    motion: true,
    duration: 650,
    title: 'Computational graph',
    names: (node, known, fmt) => nodeName(english, node, known, fmt), // a node's accessible name; shells pass their language's
    layout: layoutGraph, // (trace, {width}) -> positions: layout.js's chains, or dag.js's any DAG
  };
  let layout = null, layoutKey = '', layoutFn = null;

  const fmt = (v) => formatNumber(v, {precise: o.precise});

  function chart(selection) {
    selection.each(function () { draw(this); });
  }

  function draw(root) {
    if (!o.trace) return;
    // The layout depends on the graph's shape and the width, not on its
    // numbers: a step or a new x keeps it, and every geometry attribute.
    const key = `${o.width}|${shapeKey(o.trace)}`;
    if (key !== layoutKey || o.layout !== layoutFn) [layout, layoutKey, layoutFn] = [o.layout(o.trace, {width: o.width}), key, o.layout];
    const known = reveal(o.trace, o.step);
    const labels = edgeLabels(o.trace, known);
    const phase = known.active?.phase;
    const active = new Set(known.activeEdges);
    const activeNode = known.active ? known.active.node : null;
    // A big graph's edges carry only the active step's numbers: thousands of
    // labels would be unreadable and cost the browser most of a redraw. Each
    // node's accessible name still holds its value and gradient.
    const allLabels = o.trace.nodes.length <= LABEL_LIMIT;

    let el = root.querySelector(':scope > svg.graph');
    if (!el) {
      el = add(root, 'svg', 'graph');
      for (const c of ['edges', 'heads', 'nodes', 'terminals', 'tokens']) add(el, 'g', c);
    }
    // A layout wider than the width is drawn scaled down to fit, as far as
    // its minScale (dag.js) if it gives one; beyond that its container
    // scrolls. (Rewriting an unchanged size would still make the browser
    // lay out the whole SVG.)
    const scale = Math.max(layout.minScale || 0, Math.min(1, o.width / layout.width));
    set(el, 'viewBox', `0 0 ${layout.width} ${layout.height}`);
    set(el, 'width', Math.round(layout.width * scale));
    set(el, 'height', Math.round(layout.height * scale));
    // Drawn at a scale where an arrow would be just over a device pixel wide
    // (1.6 at the least scale, 0.7: 1.12 px), its arrows are at most a pixel
    // wide (`hair`, graph.css): Chromium draws such a line as a hairline,
    // where a wider one is stroked whole, along all its length, for every
    // tile of the screen it crosses. A 1000-way fan-out's arrows reach across
    // the whole graph: its step painted in 160 ms, in 126 to 131 as hairlines.
    const hair = scale * HAIR <= 1 ? ' hair' : '';
    set(el, 'class', (layout.minScale ? 'graph scrolls' : 'graph') + hair);
    set(el, 'role', 'group');
    set(el, 'aria-label', o.title);
    set(el, 'data-orientation', layout.orientation);
    set(el, 'data-step', o.step);
    // A redraw ends any number still travelling: the picture is of `step`.
    const tokens = el.querySelector('.tokens');
    for (const token of tokens.children) for (const a of token.getAnimations()) a.cancel();
    tokens.replaceChildren();
    for (const e of el.querySelectorAll('.arriving')) e.classList.remove('arriving');
    const fresh = el.__layout !== layout;
    el.__layout = layout;

    // Edges, reused by position: a shaft per arrow, labels only where shown.
    // The heads of all arrows in one state are one path (four in all).
    const heads = {'forward known': '', forward: '', 'backward known': '', backward: ''};
    // A big graph names only the nodes of the active step (q₁, f), as it
    // labels only its edges: some 450 names cost a tenth of a redraw.
    const named = new Set([activeNode]);
    join(el.querySelector('.edges'), layout.edges, (g) => {
      add(g, 'path', 'shaft forward');
      add(g, 'path', 'shaft backward');
    }, (g, d, i) => {
      const l = labels[i];
      const on = active.has(d.key);
      if (on) named.add(d.from).add(d.to);
      set(g, 'class', on ? `edge active-${phase}` : 'edge');
      set(g, 'data-key', d.key);
      const [fwd, bwd] = g.children;
      const knows = {forward: 'value' in l, backward: 'grad' in l};
      for (const [path, dir] of [[fwd, 'forward'], [bwd, 'backward']]) {
        const a = d[dir];
        // A layout may give a curve (dag.js); else a straight arrow. A long
        // dashed arrow may have its dashes stretched (dag-edges.js).
        if (fresh) {
          set(path, 'd', a.path ?? `M${a.from.x},${a.from.y}L${a.to.x},${a.to.y}`);
          set(path, 'pathLength', a.pathLength);
        }
        set(path, 'class', knows[dir] ? `shaft ${dir} known` : `shaft ${dir}`);
        heads[knows[dir] ? `${dir} known` : dir] += a.head;
      }
      const out = d.key === OUTPUT_EDGE ? layout.output.label : null;
      label(g, 'value', d.valueAt, l.value, knows.forward && (allLabels || on), out);
      label(g, 'grad', d.gradAt, l.grad, knows.backward && (allLabels || on), out && `dL/d${out}`);
    });
    join(el.querySelector('.heads'), Object.entries(heads), () => {}, (path, [cls, d]) => {
      set(path, 'class', `head ${cls}`);
      set(path, 'd', d || null);
    }, 'path');

    join(el.querySelector('.nodes'), layout.nodes, (g) => {
      add(g, 'circle', 'ring');
      add(g, 'text', 'op');
    }, (g, d) => {
      const node = o.trace.nodes[d.id];
      const valueKnown = known.valueKnown.has(d.id);
      const gradKnown = known.gradKnown.has(d.id) && node.grad != null;
      const bad = (valueKnown && isNonFinite(node.value)) || (gradKnown && isNonFinite(node.grad));
      set(g, 'class', `node ${d.kind}${d.id === activeNode ? ' active' : ''}${bad ? ' nonfinite' : ''}`);
      set(g, 'role', 'img');
      set(g, 'aria-label', o.names(node, {valueKnown, gradKnown}, fmt));
      set(g, 'data-op', node.op);
      set(g, 'data-id', d.id);
      set(g, 'data-value', valueKnown ? exactText(node.value) : null);
      set(g, 'data-grad', gradKnown ? exactText(node.grad) : null);
      // The mark beside a non-finite node, where no label or arrow is.
      const badge = part(g, 'text', 'badge', bad);
      if (badge) {
        const horizontal = layout.orientation === 'horizontal';
        set(badge, 'x', horizontal ? d.r * 0.8 : -d.r - 10);
        set(badge, 'y', horizontal ? -d.r * 0.95 : 0);
        set(badge, 'textContent', '!');
      }
      // The name a layout gives an op node (q₁, f: dag.js), just above it.
      const symbol = part(g, 'text', 'symbol', d.kind === 'op' && d.symbol && (allLabels || named.has(d.id)));
      if (symbol) {
        set(symbol, 'y', -d.r - 5);
        set(symbol, 'textContent', d.symbol);
      }
      if (!fresh && g.__node === d) return;
      g.__node = d;
      set(g, 'transform', `translate(${d.x},${d.y})`);
      set(g.firstChild, 'r', d.kind === 'input' ? 0 : d.r);
      set(g.children[1], 'textContent', node.label);
    });

    join(el.querySelector('.terminals'), [layout.output], () => {}, (t, d) => {
      set(t, 'class', 'terminal');
      set(t, 'aria-hidden', true);
      set(t, 'x', d.x);
      set(t, 'y', d.y);
      set(t, 'textContent', d.label);
    }, 'text');
  }

  // An edge's value or gradient label: there while shown, else gone.
  function label(g, kind, at, v, shown, name) {
    const t = part(g, 'text', `label ${kind}`, shown);
    if (!t) return;
    set(t, 'x', at.x);
    set(t, 'y', at.y);
    set(t, 'data-value', exactText(v));
    set(t, 'data-name', name);
    set(t, 'class', `label ${kind} known${isNonFinite(v) ? ' nonfinite' : ''}`);
    set(t, 'textContent', fmt(v));
  }

  // Move the active step's number along its edge, then reveal its label.
  // Resolves when done (at once without motion); a redraw interrupts it.
  chart.travel = async function (selection) {
    const known = reveal(o.trace, o.step);
    if (!o.motion || !known.active) return;
    const dir = known.active.phase, kind = dir === 'forward' ? 'value' : 'grad';
    const runs = [];
    selection.each(function () {
      const svg = this.querySelector(':scope > svg.graph');
      for (const g of svg.querySelectorAll('g.edge')) {
        const d = g.__data__;
        if (!known.activeEdges.includes(d.key)) continue;
        const target = g.querySelector(`text.${kind}`);
        target.classList.add('arriving');
        const a = d[dir];
        const token = add(svg.querySelector('.tokens'), 'g', `token ${dir}`);
        set(token, 'aria-hidden', true);
        set(add(token, 'circle', ''), 'r', 5);
        // The number rides beside the dot at its label's offset from the
        // arrow: from the arrow's point nearest the label, not from the
        // middle of its ends (a lane's arrow runs far from that).
        const spot = d[`${kind}At`];
        const points = a.points ?? [a.from, a.to];
        const near = nearest(points, spot);
        const number = add(token, 'text', `label ${kind}`);
        set(number, 'x', spot.x - near.x);
        set(number, 'y', spot.y - near.y);
        number.textContent = target.textContent;
        const at = (p) => ({transform: `translate(${p.x}px, ${p.y}px)`});
        const moving = token.animate(points.map(at), {duration: o.duration, easing: 'ease-in-out', fill: 'forwards'});
        runs.push(moving.finished.then(() => {
          token.remove();
          target.classList.remove('arriving');
        }));
      }
    });
    try {
      await Promise.all(runs);
    } catch {
      // Interrupted by a redraw, which already shows the step's end state.
    }
  };

  for (const k in o) chart[k] = function (_) { return arguments.length ? ((o[k] = _), chart) : o[k]; };
  return chart;
}

const SVG = 'http://www.w3.org/2000/svg';

// The point of the line through `points` nearest to p.
function nearest(points, p) {
  let best = points[0], least = Infinity;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1], b = points[i];
    const dx = b.x - a.x, dy = b.y - a.y;
    const t = dx || dy ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy))) : 0;
    const q = {x: a.x + t * dx, y: a.y + t * dy};
    const d = (q.x - p.x) ** 2 + (q.y - p.y) ** 2;
    if (d < least) [best, least] = [q, d];
  }
  return best;
}

// What a layout depends on: the nodes, their operands and names.
const shapeKey = (t) => `${t.outputName}${t.nodes.map((n, i) => `${n.op}${n.label}(${n.args})${t.symbols?.[i] ?? ''}`)}`;

// Writes only what changed since the last write (remembered on the
// element): an unchanged attribute, or text, costs the browser no style or
// geometry work, nor a read.
function set(e, name, v) {
  const last = (e.__attrs ||= {});
  v = v == null || v === false ? null : String(v);
  if (last[name] === v) return;
  last[name] = v;
  if (name === 'textContent') e.textContent = v;
  else if (v == null) e.removeAttribute(name);
  else e.setAttribute(name, v);
}

function add(parent, tag, cls) {
  const e = parent.appendChild(parent.ownerDocument.createElementNS(SVG, tag));
  e.setAttribute('class', cls);
  return e;
}

// A join by position: one child of `parent` per datum (made by make(new
// element) where missing, the rest removed), each updated by update(child,
// datum, index); a new graph of a similar size reuses the last one's.
function join(parent, data, make, update, tag = 'g') {
  const kids = parent.children;
  while (kids.length > data.length) parent.lastChild.remove();
  while (kids.length < data.length) make(add(parent, tag, ''));
  data.forEach((d, i) => update(kids[i], (kids[i].__data__ = d), i));
}

// The child of g with class `cls` when `want` (made, last, if missing),
// else none.
function part(g, tag, cls, want) {
  let e = g.querySelector(`:scope > .${cls.replace(' ', '.')}`);
  if (!want) return e?.remove(), null;
  return e || add(g, tag, cls);
}
