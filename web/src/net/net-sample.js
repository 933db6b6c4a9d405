// net/net-sample.js: "one point through the network": a point's forward
// and backward pass, each layer of the network shown as the book's layer
// by the layer figure (figure/layer-figure.js: Affine with x, W, b, out
// over dout, dx, dW, db; ReLU or Sigmoid with x, mask, out over dout, dx;
// Softmax-with-Loss with x, t, y, loss over dx), stepped by the figures'
// player (figure/player.js) forward through the layers, then back, cell by
// cell or layer by layer. Every number is C's: one forward and backward
// pass over a batch of the one point, each layer's activations and
// gradients read from the network in C (net-core.js). This file lays them out.
//
//   const sample = createSampleView({doc, t, el, model: () => model});
//   sample.refresh(); // after the weights changed (the figure paused)
import {createLayerView, layerSteps, layerTranslator} from '../figure/layer-view.js';
import {createPlayer, drawPlayButton, icon} from '../figure/player.js';
import {formatNumber} from '../model/number.js';

const matrix = (rows, cols, values) => ({rows, cols, values});

// The network's layers as the book's, in forward order: {name, spec,
// result} each, from C's pass over the one point (snap).
function bookLayers(snap) {
  const {parts, sizes, act, label, loss, y} = snap;
  const L = sizes.length - 1;
  const out = [];
  for (let l = 0; l < L; l++) {
    const p = parts[l], d = sizes[l], m = sizes[l + 1];
    const dz = matrix(1, m, p.dz);
    out.push({name: `Affine ${l + 1}`, kind: 'affine', l,
      spec: {layer: 'affine', x: matrix(1, d, p.x), w: matrix(d, m, p.W), b: matrix(1, m, p.b), t: null, tIndex: null, dout: dz},
      result: {out: matrix(1, m, p.z), dx: matrix(1, d, p.dx), dw: matrix(d, m, p.dW), db: matrix(1, m, p.db), doutAfter: dz}});
    if (l === L - 1) break;
    // The activation after it: x is this z, out the next layer's x, dout
    // the next layer's dx, dx this dz.
    const next = parts[l + 1];
    const dout = matrix(1, m, next.dx);
    out.push({name: `${act === 'relu' ? 'ReLU' : 'Sigmoid'} ${l + 1}`, kind: 'act', l,
      spec: {layer: act, x: matrix(1, m, p.z), w: null, b: null, t: null, tIndex: null, dout},
      result: {out: matrix(1, m, next.x), dx: dz, doutAfter: dout, ...(act === 'relu' ? {mask: matrix(1, m, p.mask)} : {})}});
  }
  const k = sizes[L];
  out.push({name: 'Softmax-with-Loss', kind: 'loss', l: L - 1,
    spec: {layer: 'softmax-loss', x: matrix(1, k, parts[L - 1].z), w: null, b: null, t: null, tIndex: [label], dout: null},
    result: {y: matrix(1, k, y), loss, dx: matrix(1, k, parts[L - 1].dz)}});
  return out;
}

// The player's timeline: each layer's forward steps in order, then each
// layer's backward steps in reverse order. Segments are {k (the layer),
// phase, from, to} (steps from+1..to of the layer's own timeline); cells
// are {k, local} per step, and ends the step at the end of each segment.
function timelineOf(layers) {
  const segments = [];
  const steps = layers.map((x) => layerSteps(x.spec));
  const forward = steps.map((ss) => ss.filter((s) => s.phase === 'forward').length);
  layers.forEach((x, k) => segments.push({k, phase: 'forward', from: 0, to: forward[k]}));
  for (let k = layers.length - 1; k >= 0; k--) segments.push({k, phase: 'backward', from: forward[k], to: steps[k].length});
  const cells = [], ends = [];
  for (const [n, seg] of segments.entries()) {
    for (let local = seg.from + 1; local <= seg.to; local++) cells.push({k: seg.k, local, segment: n});
    ends.push(cells.length);
  }
  return {segments, cells, ends};
}

export function createSampleView({doc, t, el, model, onPick = () => {}}) {
  const uid = Math.random().toString(36).slice(2, 8);
  const pointField = el(doc, 'input', {type: 'number', min: '1', step: '1', value: '1', inputmode: 'numeric', class: 'net-sample-point',
    id: `net-sample-point-${uid}`});
  const button = (key, glyph, cls) => {
    const b = el(doc, 'button', {type: 'button', class: cls});
    if (glyph) b.append(icon(doc, glyph), t(key));
    return b;
  };
  const reset = button('reset', '↺'), back = button('stepBack', '‹'), play = button('play', null, 'primary'), forward = button('stepForward', '›');
  const timeline = el(doc, 'input', {type: 'range', min: '0', max: '0', step: '1', value: '0', id: `net-sample-timeline-${uid}`});
  const by = el(doc, 'select', {id: `net-sample-by-${uid}`},
    el(doc, 'option', {value: 'cell', text: t('sampleByCell')}), el(doc, 'option', {value: 'layer', text: t('sampleByLayer')}));
  const chain = el(doc, 'ol', {class: 'net-sample-chain', 'aria-label': t('sampleLayers')});
  const where = el(doc, 'p', {class: 'net-sample-where'});
  const mount = el(doc, 'div', {class: 'net-sample-figure layer-mode'}); // (layer.css shows a layer figure in a layer-mode box)
  const stepBox = el(doc, 'div', {class: 'net-sample-step', 'aria-live': 'polite'});
  const box = el(doc, 'div', {class: 'net-sample'},
    el(doc, 'div', {class: 'net-sample-controls'},
      el(doc, 'label', {for: pointField.id, text: t('samplePoint')}), pointField,
      el(doc, 'label', {for: by.id, text: t('sampleBy')}), by),
    chain, where, mount,
    el(doc, 'div', {class: 'net-sample-player', role: 'group', 'aria-label': t('samplePlayer')},
      el(doc, 'div', {class: 'buttons'}, reset, back, play, forward),
      el(doc, 'div', {class: 'scrub'}, el(doc, 'label', {for: timeline.id, text: t('timeline')}), timeline)),
    stepBox);
  const figure = createLayerView({mount, wordsOf: layerTranslator, lesson: false, onEdit: () => {}});
  // pos: the player's step, in cells or in layers (by.value); point: the
  // point's row; snap: C's pass over it; layers, line: as shown.
  let pos = 0, point = 0, snap = null, layers = [], line = {segments: [], cells: [], ends: []};
  let chainNames = null; // the layers the chain's buttons name (drawChain)
  const byLayer = () => by.value === 'layer';
  const count = () => (byLayer() ? line.ends.length : line.cells.length);
  // The step of the whole timeline (0: nothing computed) that pos is.
  const cellStep = () => (byLayer() ? (pos ? line.ends[pos - 1] : 0) : pos);
  const reducedMotion = () => doc.defaultView.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const player = createPlayer({host: box, step: () => pos, setStep: (s) => { pos = s; }, count, render: (o) => draw(o),
    reducedMotion, changed: () => drawPlayButton(play, player.playing, t)});

  // C's forward and backward over a batch of the one point, copied out.
  function snapshot() {
    const m = model();
    if (!m) return null;
    const n = m.data.label.length;
    point = Math.min(point, n - 1);
    const net = m.m;
    const x = [m.data.x[2 * point], m.data.x[2 * point + 1]], label = m.data.label[point];
    const loss = net.gradient(Float64Array.from(x), Int32Array.of(label), {input: true});
    const parts = Array.from({length: net.layers}, (_, l) => ({
      ...Object.fromEntries(['x', 'W', 'b', 'z', 'dz', 'dx', 'dW', 'db'].map((k) => [k, net.part(k, l)])), mask: net.mask(l),
    }));
    return {point, label, loss, y: net.part('y', 0), parts, sizes: net.sizes, act: m.act, n};
  }

  // Where the player is: the layer, its own step, and the segment.
  function at() {
    const g = cellStep();
    if (!g) return {k: 0, local: 0, segment: 0};
    return line.cells[g - 1];
  }

  function drawChain(k, phase) {
    const names = layers.map((x) => x.name).join();
    if (names !== chainNames) {
      chainNames = names;
      chain.textContent = '';
      layers.forEach((x, i) => {
        const b = el(doc, 'button', {type: 'button', text: x.name});
        b.addEventListener('click', () => jump(i));
        chain.append(el(doc, 'li', {}, b));
      });
    }
    [...chain.children].forEach((li, i) => {
      const b = li.firstChild;
      if (i === k) b.setAttribute('aria-current', 'step');
      else b.removeAttribute('aria-current');
      li.dataset.phase = i === k ? phase : '';
    });
  }

  // Go to layer i's segment in the phase the player is in.
  function jump(i) {
    const {segment} = at();
    const phase = line.segments[segment]?.phase ?? 'forward';
    const n = line.segments.findIndex((s) => s.k === i && s.phase === phase);
    const start = n ? line.ends[n - 1] : 0;
    player.goTo(byLayer() ? n + 1 : start + 1, {travel: true});
  }

  function draw({travel = false} = {}) {
    if (!snap) return Promise.resolve();
    pos = Math.max(0, Math.min(pos, count()));
    const {k, local, segment} = at();
    const layer = layers[k];
    const phase = local === 0 ? 'forward' : line.segments[segment].phase;
    figure.show(layer.spec, layer.result);
    const motion = !reducedMotion();
    const travelled = figure.draw({step: local, t, motion, duration: player.travelMs(), editable: false, doutLate: layer.kind !== 'loss'}, {travel});
    drawChain(k, phase);
    const prev = layers[k - 1], next = layers[k + 1];
    where.textContent = [t(phase === 'forward' ? 'sampleForwardIn' : 'sampleBackwardIn', {layer: layer.name}),
      prev && t('sampleXFrom', {layer: prev.name}), next && t('sampleDoutFrom', {layer: next.name}),
      layer.kind === 'loss' && t('sampleLabel', {i: snap.point + 1, c: snap.label + 1, c0: snap.label, loss: formatNumber(snap.loss)})].filter(Boolean).join(' ');
    stepBox.replaceChildren(figure.stepPanel(local, t, (v) => formatNumber(v)));
    back.disabled = reset.disabled = pos === 0;
    forward.disabled = pos >= count();
    timeline.max = String(count());
    timeline.value = String(pos);
    timeline.setAttribute('aria-valuetext', `${t('stepOf', {step: pos, n: count()})}: ${layer.name}`);
    drawPlayButton(play, player.playing, t);
    box.dataset.layer = String(k);
    box.dataset.kind = layer.kind;
    box.dataset.phase = phase;
    box.dataset.step = String(local);
    return travelled;
  }

  function refresh() {
    player.stop();
    snap = snapshot();
    if (!snap) return;
    pointField.max = String(snap.n);
    layers = bookLayers(snap);
    line = timelineOf(layers);
    draw();
  }

  pointField.addEventListener('change', () => {
    const v = Number(pointField.value);
    if (!Number.isInteger(v) || v < 1) return;
    point = v - 1;
    refresh();
    pointField.value = String(point + 1);
    onPick(point);
  });
  reset.addEventListener('click', () => player.goTo(0));
  back.addEventListener('click', () => player.goTo(pos - 1));
  forward.addEventListener('click', () => player.goTo(pos + 1, {travel: true}));
  play.addEventListener('click', () => player.toggle());
  timeline.addEventListener('input', () => player.goTo(Number(timeline.value)));
  // Cells or layers: the same place, counted the other way (a cell step
  // goes to the end of its layer's segment).
  by.addEventListener('change', () => {
    const g = by.value === 'layer' ? pos : (pos ? line.ends[pos - 1] : 0); // (by.value is already the new one)
    player.goTo(by.value === 'layer' ? (g ? line.cells[g - 1].segment + 1 : 0) : g);
  });

  return {
    box,
    refresh,
    pause: () => player.stop(),
    get point() { return point; },
    pick(i) {
      point = i;
      pointField.value = String(i + 1);
      refresh();
    },
  };
}
