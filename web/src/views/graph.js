// views/graph.js: the computational graph of one trace at one step, as SVG.
//
// A reusable chart (Bostock): configure with the setters, then call it on a
// selection of containers; calling again updates in place (keyed joins).
//
//   const graph = graphView().trace(t).step(3).width(720);
//   select('#figure').call(graph);
//   await graph.travel(select('#figure')); // the active step's number moves along its edge
//
// Motion uses the Web Animations API: `await animation.finished` sequences
// steps as d3's `await transition.end()` would, without d3-transition's
// interpolators (a third of the bundle).
import {select} from 'd3-selection';
import {layoutGraph} from '../layout.js';
import {reveal, edgeLabels, OUTPUT_EDGE} from '../timeline.js';
import {formatNumber, exactText, isNonFinite} from '../number.js';
import {nodeName, nodeTitle} from '../words.js';

export function graphView() {
  let trace = null;
  let step = 0;
  let width = 640;
  let precise = false;
  let motion = true;
  let duration = 650;
  let title = 'Computational graph';
  let names = nodeName; // (node, known, fmt) -> a node's accessible name; the element passes its language's
  let layoutOf = layoutGraph; // (trace, {width}) -> positions: layout.js's chains, or dag.js's any DAG

  const fmt = (v) => formatNumber(v, {precise});

  function chart(selection) {
    selection.each(function () { draw(select(this)); });
  }

  function draw(root) {
    if (!trace) return;
    const layout = layoutOf(trace, {width});
    const known = reveal(trace, step);
    const labels = new Map(edgeLabels(trace, known).map((l) => [l.key, l]));
    const active = new Set(known.activeEdges);
    const activeNode = known.active ? known.active.node : null;

    const svg = root.selectAll('svg.graph').data([layout]).join((enter) => {
      const s = enter.append('svg').attr('class', 'graph');
      s.append('g').attr('class', 'edges');
      s.append('g').attr('class', 'nodes');
      s.append('g').attr('class', 'terminals');
      s.append('g').attr('class', 'tokens');
      return s;
    });
    svg.attr('viewBox', `0 0 ${layout.width} ${layout.height}`)
      .attr('width', layout.width).attr('height', layout.height)
      .attr('role', 'group').attr('aria-label', title)
      .attr('data-orientation', layout.orientation)
      .attr('data-step', step);
    // A layout that may outgrow the width (dag.js) says how far it may
    // shrink to fit; beyond that its container scrolls.
    if (layout.minScale) {
      const scale = Math.max(layout.minScale, Math.min(1, width / layout.width));
      svg.attr('width', Math.round(layout.width * scale)).attr('height', Math.round(layout.height * scale));
    }
    svg.classed('scrolls', !!layout.minScale);
    // A redraw ends any number still travelling: the picture is of `step`.
    svg.select('.tokens').selectAll('*').each(function () {
      for (const a of this.getAnimations()) a.cancel();
    }).remove();

    svg.select('.edges').selectAll('g.edge')
      .data(layout.edges, (d) => d.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'edge');
        for (const dir of ['forward', 'backward']) {
          g.append('path').attr('class', `shaft ${dir}`);
          g.append('path').attr('class', `head ${dir}`);
        }
        g.append('text').attr('class', 'label value');
        g.append('text').attr('class', 'label grad');
        return g;
      })
      .attr('data-key', (d) => d.key)
      .classed('active-forward', (d) => active.has(d.key) && known.active.phase === 'forward')
      .classed('active-backward', (d) => active.has(d.key) && known.active.phase === 'backward')
      .each(function (d) {
        const g = select(this);
        const l = labels.get(d.key);
        for (const dir of ['forward', 'backward']) {
          const a = d[dir];
          const known = dir === 'forward' ? 'value' in l : 'grad' in l;
          // A layout may give a curve (dag.js); else a straight arrow.
          g.select(`path.shaft.${dir}`).attr('d', a.path ?? `M${a.from.x},${a.from.y}L${a.to.x},${a.to.y}`)
            .classed('known', known);
          g.select(`path.head.${dir}`).attr('d', a.head).classed('known', known);
        }
        const out = layout.output.label;
        label(g.select('text.value'), d.valueAt, l.value, 'value' in l, d.key === OUTPUT_EDGE ? out : null);
        label(g.select('text.grad'), d.gradAt, l.grad, 'grad' in l, d.key === OUTPUT_EDGE ? `dL/d${out}` : null);
      });

    svg.select('.nodes').selectAll('g.node')
      .data(layout.nodes, (d) => d.id)
      .join((enter) => {
        const g = enter.append('g');
        g.append('circle').attr('class', 'ring');
        g.append('text').attr('class', 'op');
        g.append('text').attr('class', 'badge').attr('aria-hidden', 'true');
        g.append('text').attr('class', 'symbol').attr('aria-hidden', 'true');
        return g;
      })
      .attr('class', (d) => `node ${d.kind}`)
      .attr('transform', (d) => `translate(${d.x},${d.y})`)
      .each(function (d) {
        const node = trace.nodes[d.id];
        const valueKnown = known.valueKnown.has(d.id);
        const gradKnown = known.gradKnown.has(d.id) && node.grad != null;
        const bad = (valueKnown && isNonFinite(node.value)) || (gradKnown && isNonFinite(node.grad));
        const g = select(this)
          .attr('role', 'img')
          .attr('aria-label', names(node, {valueKnown, gradKnown}, fmt))
          .attr('data-op', node.op)
          .attr('data-id', d.id)
          .attr('data-value', valueKnown ? exactText(node.value) : null)
          .attr('data-grad', gradKnown ? exactText(node.grad) : null)
          .classed('active', d.id === activeNode)
          .classed('nonfinite', bad);
        g.select('circle').attr('r', d.kind === 'input' ? 0 : d.r);
        g.select('text.op').text(nodeTitle(node));
        // The mark beside a non-finite node, where no label or arrow is.
        const [bx, by] = layout.orientation === 'horizontal' ? [d.r * 0.8, -d.r * 0.95] : [-d.r - 10, 0];
        g.select('text.badge').text(bad ? '!' : '').attr('x', bx).attr('y', by);
        // The name a layout gives an op node (q₁, f: dag.js), just above it.
        g.select('text.symbol').text(d.kind === 'op' && d.symbol ? d.symbol : '').attr('y', -d.r - 5);
      });

    svg.select('.terminals').selectAll('text.terminal')
      .data([layout.output])
      .join('text')
      .attr('class', 'terminal')
      .attr('aria-hidden', 'true')
      .attr('x', (d) => d.x).attr('y', (d) => d.y)
      .text((d) => d.label);
  }

  function label(text, at, v, isKnown, name) {
    text.attr('x', at.x).attr('y', at.y)
      .attr('text-anchor', at.anchor)
      .attr('dominant-baseline', at.baseline === 'bottom' ? 'text-after-edge' : at.baseline === 'top' ? 'text-before-edge' : 'central')
      .attr('data-value', isKnown ? exactText(v) : null)
      .attr('data-name', name)
      .classed('known', isKnown)
      .classed('arriving', false)
      .classed('nonfinite', isKnown && isNonFinite(v))
      .text(isKnown ? fmt(v) : '');
  }

  // Move the active step's number along its edge, then reveal its label.
  // Resolves when done (at once without motion); a redraw interrupts it.
  chart.travel = async function (selection) {
    const known = reveal(trace, step);
    if (!motion || !known.active) return;
    const forward = known.active.phase === 'forward';
    const runs = [];
    selection.each(function () {
      const svg = select(this).select('svg.graph');
      const tokens = svg.select('.tokens');
      svg.selectAll('g.edge').filter((d) => known.activeEdges.includes(d.key)).each(function (d) {
        const target = select(this).select(forward ? 'text.value' : 'text.grad').classed('arriving', true);
        const a = d[forward ? 'forward' : 'backward'];
        const token = tokens.append('g').attr('class', `token ${forward ? 'forward' : 'backward'}`).attr('aria-hidden', 'true');
        token.append('circle').attr('r', 5);
        // The number rides beside the dot, at its label's offset from the
        // arrow, so that it lands exactly where the label appears.
        const spot = d[forward ? 'valueAt' : 'gradAt'];
        const mid = {x: (a.from.x + a.to.x) / 2, y: (a.from.y + a.to.y) / 2};
        token.append('text')
          .attr('x', spot.x - mid.x).attr('y', spot.y - mid.y)
          .attr('text-anchor', target.attr('text-anchor'))
          .attr('dominant-baseline', target.attr('dominant-baseline'))
          .text(target.text());
        const at = (p) => ({transform: `translate(${p.x}px, ${p.y}px)`});
        const motion = token.node().animate((a.points ?? [a.from, a.to]).map(at), {duration, easing: 'ease-in-out', fill: 'forwards'});
        runs.push(motion.finished.then(() => {
          token.remove();
          target.classed('arriving', false);
        }));
      });
    });
    try {
      await Promise.all(runs);
    } catch {
      // Interrupted by a redraw, which already shows the step's end state.
    }
  };

  chart.trace = function (_) { return arguments.length ? ((trace = _), chart) : trace; };
  chart.step = function (_) { return arguments.length ? ((step = _), chart) : step; };
  chart.width = function (_) { return arguments.length ? ((width = _), chart) : width; };
  chart.precise = function (_) { return arguments.length ? ((precise = _), chart) : precise; };
  chart.motion = function (_) { return arguments.length ? ((motion = _), chart) : motion; };
  chart.duration = function (_) { return arguments.length ? ((duration = _), chart) : duration; };
  chart.title = function (_) { return arguments.length ? ((title = _), chart) : title; };
  chart.layout = function (_) { return arguments.length ? ((layoutOf = _), chart) : layoutOf; };
  chart.names = function (_) { return arguments.length ? ((names = _), chart) : names; };
  return chart;
}
