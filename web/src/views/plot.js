// views/plot.js: the layer's function and dL/dy times its derivative over a
// range of x, both computed by the C array layers; the current x marked.
// Dragging (mouse, pen or touch) or arrow keys on the plot pick a new x.
//
//   const plot = plotView().data({xs, out, dx, x, y, dxAt, name, label}).width(480).on('pick', (x) => ...);
//   (label: the plot's accessible name, in the page's language)
//   select('#plot').call(plot);
import {select} from 'd3-selection';
import {formatNumber} from '../model/number.js';

// Evenly spaced sample positions for the layers to evaluate.
export function samplePoints(lo, hi, count = 241) {
  const xs = new Float64Array(count);
  for (let i = 0; i < count; i++) xs[i] = lo + ((hi - lo) * i) / (count - 1);
  return xs;
}

// The plotted range of x: [-6, 6], widened to keep a finite x in view.
export function plotDomain(x) {
  const far = Number.isFinite(x) ? Math.abs(x) : 0;
  const half = far > 5.5 ? Math.ceil(far * 1.2) : 6;
  return [-half, half];
}

// Round numbers for axis ticks: 1, 2 or 5 times a power of ten.
export function ticks(lo, hi, count = 5) {
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * power).find((s) => s >= raw) || raw;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

const linear = ([d0, d1], [r0, r1]) => {
  const f = (v) => r0 + ((v - d0) / (d1 - d0 || 1)) * (r1 - r0);
  f.invert = (p) => d0 + ((p - r0) / (r1 - r0 || 1)) * (d1 - d0);
  return f;
};

// An SVG path through the finite points, broken where a value is not.
function path(xs, ys, sx, sy) {
  let d = '', pen = false;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(ys[i])) { pen = false; continue; }
    d += `${pen ? 'L' : 'M'}${sx(xs[i]).toFixed(1)},${sy(ys[i]).toFixed(1)}`;
    pen = true;
  }
  return d;
}

export function plotView() {
  let data = null;
  let width = 480;
  let height = 260;
  const listeners = {pick: () => {}};
  const m = {top: 16, right: 14, bottom: 30, left: 46};

  function chart(selection) {
    selection.each(function () { draw(select(this)); });
  }

  function scales() {
    const {xs, out, dx, x, y, dxAt} = data;
    let lo = 0, hi = 0;
    for (const v of [...out, ...dx, y, dxAt]) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (hi - lo < 1e-12) hi = lo + 1;
    const pad = (hi - lo) * 0.08;
    const sx = linear([xs[0], xs[xs.length - 1]], [m.left, width - m.right]);
    const sy = linear([lo - pad, hi + pad], [height - m.bottom, m.top]);
    return {sx, sy, x};
  }

  function draw(root) {
    if (!data) return;
    const {sx, sy} = scales();
    const {xs, out, dx, x, y, dxAt, name} = data;
    const svg = root.selectAll('svg.plot').data([null]).join((enter) => {
      const s = enter.append('svg').attr('class', 'plot').attr('tabindex', 0).attr('role', 'slider');
      s.append('g').attr('class', 'axes');
      s.append('path').attr('class', 'curve out');
      s.append('path').attr('class', 'curve dx');
      s.append('line').attr('class', 'cursor');
      s.append('circle').attr('class', 'mark out').attr('r', 5);
      s.append('circle').attr('class', 'mark dx').attr('r', 5);
      s.append('rect').attr('class', 'hit');
      s.on('pointerdown', function (event) {
        this.setPointerCapture(event.pointerId);
        pick(event, this);
      });
      s.on('pointermove', function (event) {
        if (this.hasPointerCapture(event.pointerId)) pick(event, this);
      });
      s.on('keydown', (event) => {
        const delta = {ArrowLeft: -0.1, ArrowDown: -0.1, ArrowRight: 0.1, ArrowUp: 0.1}[event.key];
        if (delta == null || !Number.isFinite(data.x)) return;
        event.preventDefault();
        listeners.pick(Math.round((data.x + delta) * 100) / 100);
      });
      return s;
    });
    svg.attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height)
      .attr('aria-label', data.label ?? `Plot of ${name} and its derivative times the upstream gradient: drag or use arrow keys to set ${data.variable ?? 'x'}`)
      .attr('aria-valuemin', xs[0]).attr('aria-valuemax', xs[xs.length - 1])
      .attr('aria-valuenow', Number.isFinite(x) ? x : null)
      .attr('aria-valuetext', `${data.variable ?? 'x'} = ${formatNumber(x)}`);

    const axes = svg.select('.axes');
    const [y0, y1] = [sy.invert(height - m.bottom), sy.invert(m.top)];
    axes.selectAll('line.grid.h').data(ticks(y0, y1, 4)).join('line').attr('class', 'grid h')
      .attr('x1', m.left).attr('x2', width - m.right).attr('y1', (v) => sy(v)).attr('y2', (v) => sy(v))
      .classed('zero', (v) => v === 0);
    axes.selectAll('text.tick.h').data(ticks(y0, y1, 4)).join('text').attr('class', 'tick h')
      .attr('x', m.left - 6).attr('y', (v) => sy(v)).text((v) => formatTick(v));
    const xt = ticks(xs[0], xs[xs.length - 1], Math.max(3, Math.floor(width / 70)));
    axes.selectAll('line.grid.v').data(xt).join('line').attr('class', 'grid v')
      .attr('y1', m.top).attr('y2', height - m.bottom).attr('x1', (v) => sx(v)).attr('x2', (v) => sx(v))
      .classed('zero', (v) => v === 0);
    axes.selectAll('text.tick.v').data(xt).join('text').attr('class', 'tick v')
      .attr('x', (v) => sx(v)).attr('y', height - m.bottom + 8).text((v) => formatTick(v));

    svg.select('path.curve.out').attr('d', path(xs, out, sx, sy));
    svg.select('path.curve.dx').attr('d', path(xs, dx, sx, sy));
    const shown = Number.isFinite(x) && x >= xs[0] && x <= xs[xs.length - 1];
    svg.select('line.cursor').classed('hidden', !shown)
      .attr('x1', shown ? sx(x) : 0).attr('x2', shown ? sx(x) : 0).attr('y1', m.top).attr('y2', height - m.bottom);
    svg.select('circle.mark.out').classed('hidden', !shown || !Number.isFinite(y))
      .attr('cx', shown ? sx(x) : 0).attr('cy', Number.isFinite(y) ? sy(y) : 0);
    svg.select('circle.mark.dx').classed('hidden', !shown || !Number.isFinite(dxAt))
      .attr('cx', shown ? sx(x) : 0).attr('cy', Number.isFinite(dxAt) ? sy(dxAt) : 0);
    svg.select('rect.hit').attr('x', m.left).attr('y', m.top)
      .attr('width', width - m.left - m.right).attr('height', height - m.top - m.bottom);
  }

  function pick(event, svgNode) {
    const box = svgNode.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * width;
    const {sx} = scales();
    const lo = data.xs[0], hi = data.xs[data.xs.length - 1];
    const v = Math.min(hi, Math.max(lo, sx.invert(px)));
    listeners.pick(Math.round(v * 100) / 100 || 0);
  }

  chart.data = function (_) { return arguments.length ? ((data = _), chart) : data; };
  chart.width = function (_) { return arguments.length ? ((width = _), chart) : width; };
  chart.height = function (_) { return arguments.length ? ((height = _), chart) : height; };
  chart.on = function (type, fn) { listeners[type] = fn; return chart; };
  return chart;
}

function formatTick(v) {
  const s = Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(0) : String(+v.toPrecision(6));
  return s.replace('-', '\u2212');
}
