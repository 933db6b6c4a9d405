// net/net-sample.js: "one point through the network": a point's forward and
// backward pass, layer by layer, as the matrices C computed for a batch of
// that one point (x, W, b, z, the mask, y, the loss, dz, dW, db), stepped
// one stage at a time. JavaScript lays out the numbers; C computed each.
//
//   const sample = createSampleView({doc, t, el, model: () => model});
//   sample.refresh(); // after the weights changed (the figure paused)
import {formatNumber, exactText} from '../model/number.js';

// The stages of a network with `layers` Affine layers: forward through each
// Affine and its activation, the loss, then back through each.
function stagesOf(layers) {
  const s = [{kind: 'input'}];
  for (let l = 0; l < layers; l++) {
    s.push({kind: 'affine', l});
    if (l < layers - 1) s.push({kind: 'act', l});
  }
  s.push({kind: 'loss'});
  s.push({kind: 'dloss'});
  for (let l = layers - 1; l >= 0; l--) {
    s.push({kind: 'daffine', l});
    if (l > 0) s.push({kind: 'dact', l: l - 1});
  }
  return s;
}

export function createSampleView({doc, t, el, model, onPick = () => {}}) {
  const pointField = el(doc, 'input', {type: 'number', min: '1', step: '1', value: '1', inputmode: 'numeric', class: 'net-sample-point'});
  const pointId = `net-sample-${Math.random().toString(36).slice(2, 8)}`;
  pointField.id = pointId;
  const back = el(doc, 'button', {type: 'button', text: t('sampleBack')});
  const next = el(doc, 'button', {type: 'button', text: t('sampleNext')});
  const counter = el(doc, 'output', {class: 'net-sample-count', 'aria-live': 'polite'});
  const line = el(doc, 'p', {class: 'net-sample-line'});
  const grids = el(doc, 'div', {class: 'net-sample-grids'});
  const box = el(doc, 'div', {class: 'net-sample'},
    el(doc, 'div', {class: 'net-sample-controls'},
      el(doc, 'label', {for: pointId, text: t('samplePoint')}), pointField, back, next, counter),
    line, grids);
  let stage = 0, snap = null, point = 0;

  // C's forward and backward over a batch of the one point, copied out.
  function snapshot() {
    const m = model();
    if (!m) return null;
    const n = m.data.label.length;
    point = Math.min(point, n - 1);
    const net = m.m, L = net.layers;
    const x = [m.data.x[2 * point], m.data.x[2 * point + 1]], label = m.data.label[point];
    const loss = net.gradient(Float64Array.from(x), Int32Array.of(label));
    const layers = Array.from({length: L}, (_, l) => ({
      x: net.part('x', l), W: net.part('W', l), b: net.part('b', l), z: net.part('z', l),
      dz: net.part('dz', l), dW: net.part('dW', l), db: net.part('db', l), mask: net.mask(l),
      in: net.sizes[l], out: net.sizes[l + 1],
    }));
    const classes = net.sizes[L];
    const onehot = Float64Array.from({length: classes}, (_, k) => (k === label ? 1 : 0));
    return {point, x, label, loss, y: net.part('y', 0), onehot, layers, classes, act: m.act, n};
  }

  // A matrix as a table: rows × cols numbers, each cell its full precision in
  // data-value and coloured by sign; name (shape) as its caption.
  function grid(name, values, rows, cols, {id = name, bools = false} = {}) {
    const table = el(doc, 'table', {class: 'net-grid', 'data-grid': id});
    table.append(el(doc, 'caption', {text: `${name} (${rows}×${cols})`}));
    for (let i = 0; i < rows; i++) {
      const tr = el(doc, 'tr');
      for (let j = 0; j < cols; j++) {
        const v = values[i * cols + j];
        const text = bools ? (v ? 'True' : 'False') : formatNumber(v);
        tr.append(el(doc, 'td', {class: bools ? (v ? 'on' : '') : v > 0 ? 'pos' : v < 0 ? 'neg' : '',
          'data-value': bools ? String(Boolean(v)) : exactText(v), text}));
      }
      table.append(tr);
    }
    return el(doc, 'div', {class: 'net-grid-box'}, table);
  }

  function draw() {
    grids.textContent = '';
    if (!snap) return;
    const stages = stagesOf(snap.layers.length);
    stage = Math.max(0, Math.min(stage, stages.length - 1));
    back.disabled = stage === 0;
    next.disabled = stage === stages.length - 1;
    const s = stages[stage];
    const L = snap.layers.length;
    counter.textContent = t('sampleCount', {k: stage + 1, n: stages.length});
    const act = snap.act === 'relu' ? 'ReLU' : 'Sigmoid';
    const ly = snap.layers[s.l ?? 0];
    const k = (s.l ?? 0) + 1;
    const add = (...g) => grids.append(...g);
    if (s.kind === 'input') {
      line.textContent = t('sampleInput', {i: snap.point + 1, c: snap.label + 1});
      add(grid('x', snap.x, 1, 2));
    } else if (s.kind === 'affine') {
      line.textContent = `${t('sampleForward')} Affine ${k}: z${k} = x·W${k} + b${k}`;
      add(grid(s.l ? `h${s.l}` : 'x', ly.x, 1, ly.in, {id: 'x'}), grid(`W${k}`, ly.W, ly.in, ly.out, {id: 'W'}),
        grid(`b${k}`, ly.b, 1, ly.out, {id: 'b'}), grid(`z${k}`, ly.z, 1, ly.out, {id: 'z'}));
    } else if (s.kind === 'act') {
      const h = snap.layers[s.l + 1].x;
      line.textContent = `${t('sampleForward')} ${act}: h${k} = ${snap.act === 'relu' ? `max(0, z${k}), mask = (z${k} ≤ 0)` : `σ(z${k})`}`;
      add(grid(`z${k}`, ly.z, 1, ly.out, {id: 'z'}));
      if (ly.mask) add(grid('mask', ly.mask, 1, ly.out, {bools: true}));
      add(grid(`h${k}`, h, 1, ly.out, {id: 'h'}));
    } else if (s.kind === 'loss') {
      line.textContent = `${t('sampleForward')} Softmax-with-Loss: y = softmax(z${L}), L = −log y[${snap.label}] = ${formatNumber(snap.loss)}`;
      add(grid(`z${L}`, snap.layers[L - 1].z, 1, snap.classes, {id: 'z'}), grid('y', snap.y, 1, snap.classes),
        grid('t', snap.onehot, 1, snap.classes), grid('L', [snap.loss], 1, 1, {id: 'loss'}));
    } else if (s.kind === 'dloss') {
      line.textContent = `${t('sampleBackward')} Softmax-with-Loss: dz${L} = (y − t) / 1`;
      add(grid('y', snap.y, 1, snap.classes), grid('t', snap.onehot, 1, snap.classes),
        grid(`dz${L}`, snap.layers[L - 1].dz, 1, snap.classes, {id: 'dz'}));
    } else if (s.kind === 'daffine') {
      line.textContent = `${t('sampleBackward')} Affine ${k}: dW${k} = xᵀ·dz${k}, db${k} = dz${k}`;
      add(grid(s.l ? `h${s.l}` : 'x', ly.x, 1, ly.in, {id: 'x'}), grid(`dz${k}`, ly.dz, 1, ly.out, {id: 'dz'}),
        grid(`dW${k}`, ly.dW, ly.in, ly.out, {id: 'dW'}), grid(`db${k}`, ly.db, 1, ly.out, {id: 'db'}));
    } else {
      const up = snap.layers[s.l + 1];
      line.textContent = `${t('sampleBackward')} ${act}: dz${k} = (dz${k + 1}·W${k + 1}ᵀ) ${snap.act === 'relu' ? t('sampleReluBack') : '⊙ h(1 − h)'}`;
      add(grid(`dz${k + 1}`, up.dz, 1, up.out, {id: 'dz-up'}));
      if (ly.mask) add(grid('mask', ly.mask, 1, ly.out, {bools: true}));
      add(grid(`dz${k}`, ly.dz, 1, ly.out, {id: 'dz'}));
    }
    box.dataset.stage = s.kind;
    box.dataset.layer = String(s.l ?? '');
  }

  function refresh() {
    snap = snapshot();
    if (snap) pointField.max = String(snap.n);
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
  back.addEventListener('click', () => { stage--; draw(); });
  next.addEventListener('click', () => { stage++; draw(); });

  return {
    box,
    refresh,
    get point() { return point; },
    pick(i) {
      point = i;
      pointField.value = String(i + 1);
      refresh();
    },
  };
}
