// net/net-figure.js: the network figure. Settings → a seeded data set and
// network in C (net-core.js) → training in time slices → the views: the
// points over the decision regions, the layer chain, the loss curve,
// per-layer gradient norms and activation histograms. Every number shown
// is C's; this file draws and schedules.
//
//   const figure = createNetworkFigure({host, net, t, state, onState});
//   figure.play(); figure.pause(); figure.dispose();
//
// Training never holds the page: each animation frame trains a slice of
// steps and draws once. A change of setting replays the run from step 0 to
// the step it had reached (in slices too), so the state alone is the run.
import {formatNumber, exactText} from '../model/number.js';
import {NET_LIMITS, classesOf, netDefaults, DATA_SETS, readNetValue} from './net-state.js';
import {createSampleView} from './net-sample.js';

const SVG = 'http://www.w3.org/2000/svg';
// The class colours (up to 10 classes), distinct in both themes.
export const CLASS_COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777',
  '#65a30d', '#ea580c', '#475569'];
// Each data set's plot spans [-e, e]^2 (moons reach x = ±1.5).
const EXTENTS = {spiral: 1.25, circles: 1.35, xor: 1.25, gauss: 1.25, moons: 1.75};
const REGION = 100; // decision-region pixels per side: C classifies a 100×100 grid
const SPEEDS = [1, 5, 20, 100];
const REPLAY_SLICE = 4000; // steps per frame while replaying
const CURVE_POINTS = 400;
const BINS = 20;

function el(doc, tag, attrs = {}, ...children) {
  const node = tag.startsWith('svg:') ? doc.createElementNS(SVG, tag.slice(4)) : doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k === 'style') node.style.cssText = v; // the CSSOM: allowed where CSP forbids style attributes
    else node.setAttribute(k, v === true ? '' : v);
  }
  node.append(...children);
  return node;
}

const hexRgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

export function createNetworkFigure({host, net, t, state: initial = netDefaults(), onState = () => {}}) {
  const doc = host.ownerDocument;
  const win = doc.defaultView;
  let state = {...initial, hidden: [...initial.hidden], added: [...initial.added]};
  let model = null; // {m: Net, data: {x, label}, counts}
  let losses = new Float64Array(1024), lossCount = 0;
  // state.steps is the run's step; `trained` how far the network in C has
  // got (less while a change replays the run).
  let playing = false, frame = 0, trained = 0;
  // The weights' version (one more at each slice trained and each network
  // built), and the version the views drawn at rest show (drawAtRest).
  let weights = 0, atRest = -1;
  let speed = 5;
  let cursor = [0, 0]; // the keyboard's point, in data coordinates
  let addClass = 0;
  let stats = null;
  const percent = new Intl.NumberFormat(t.lang, {style: 'percent', maximumFractionDigits: 1}).format;

  // ---------------------------------------------------------------- DOM
  const ids = (name) => `net-${name}-${Math.random().toString(36).slice(2, 8)}`;
  function field(key, control, help) {
    const id = ids(key);
    control.id = id;
    const label = el(doc, 'label', {for: id, text: t(key)});
    const message = el(doc, 'p', {class: 'net-error', role: 'alert', hidden: true});
    const box = el(doc, 'div', {class: `net-field net-field-${key}`}, label, control);
    if (help) {
      const hid = ids(`${key}-help`);
      box.append(el(doc, 'p', {class: 'net-help', id: hid, text: help}));
      control.setAttribute('aria-describedby', hid);
    }
    box.append(message);
    return {box, control, message};
  }
  const select = (options) => el(doc, 'select', {}, ...options.map(([value, text]) => el(doc, 'option', {value, text})));
  const input = (attrs) => el(doc, 'input', {type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs});

  const f = {
    data: field('dataSet', select(DATA_SETS.map((d) => [d, t(`data_${d}`)]))),
    classes: field('classes', select(Array.from({length: 9}, (_, i) => [String(i + 2), String(i + 2)]))),
    points: field('points', input({inputmode: 'numeric'})),
    noise: field('noise', input({inputmode: 'decimal'})),
    seed: field('seed', input({inputmode: 'numeric'})),
    hidden: field('hidden', input({inputmode: 'numeric'}), t('hiddenHelp')),
    act: field('activation', select([['relu', 'ReLU'], ['sigmoid', 'Sigmoid']])),
    init: field('init', select(['std', 'xavier', 'he'].map((i) => [i, t(`init_${i}`)]))),
    lr: field('lr', input({inputmode: 'decimal'})),
    batch: field('batch', input({inputmode: 'numeric'})),
  };
  const shuffle = el(doc, 'input', {type: 'checkbox'});
  const shuffleBox = el(doc, 'label', {class: 'net-check'}, shuffle, ` ${t('shuffle')}`);
  const speedSelect = select(SPEEDS.map((s) => [String(s), String(s)]));
  const speedField = field('speed', speedSelect);
  const playButton = el(doc, 'button', {type: 'button', class: 'net-play'});
  const stepButton = el(doc, 'button', {type: 'button', text: t('stepOnce')});
  const resetButton = el(doc, 'button', {type: 'button', text: t('reset')});

  const canvas = el(doc, 'canvas', {width: REGION, height: REGION, 'aria-hidden': 'true'});
  const pointsSvg = el(doc, 'svg:svg', {class: 'net-points', 'aria-hidden': 'true', preserveAspectRatio: 'none'});
  let extent = EXTENTS[state.data];
  const plot = el(doc, 'div', {class: 'net-plot', tabindex: '0', role: 'application', 'aria-label': t('plotLabel')},
    canvas, pointsSvg);
  const classPicker = el(doc, 'div', {class: 'net-classes', role: 'radiogroup', 'aria-label': t('addClass')});
  const summary = el(doc, 'p', {class: 'net-summary', 'aria-live': 'polite'});
  const note = el(doc, 'p', {class: 'net-note', text: t('replayNote')});
  const linkErrors = el(doc, 'div', {class: 'net-link-errors', role: 'alert'});

  const statStep = el(doc, 'output', {class: 'net-stat-value'});
  const statLoss = el(doc, 'output', {class: 'net-stat-value'});
  const statAcc = el(doc, 'output', {class: 'net-stat-value'});
  const stat = (key, out) => el(doc, 'div', {class: 'net-stat'}, el(doc, 'span', {class: 'net-stat-name', text: t(key)}), out);
  const chain = el(doc, 'ol', {class: 'net-chain', 'aria-label': t('layers')});
  const curve = el(doc, 'svg:svg', {class: 'net-curve', viewBox: '0 0 400 120', preserveAspectRatio: 'none', role: 'img'});
  const curveLine = el(doc, 'svg:polyline', {class: 'net-curve-line', fill: 'none'});
  curve.append(curveLine);
  // Before the first batch, the empty chart says what will draw it.
  const curveEmpty = el(doc, 'p', {class: 'net-curve-empty', text: t('lossEmpty')});
  const curveBox = el(doc, 'div', {class: 'net-curve-box'}, curve, curveEmpty);
  const norms = el(doc, 'div', {class: 'net-norms'});
  const hists = el(doc, 'div', {class: 'net-hists'});
  const section = (key, body, help) => el(doc, 'section', {class: 'net-panel'}, el(doc, 'h3', {text: t(key)}),
    ...(help ? [el(doc, 'p', {class: 'net-help', text: t(help)})] : []), body);

  const sample = createSampleView({doc, t, el, model: () => model && {...model, act: state.act}, onPick: () => drawPicked()});
  const root = el(doc, 'div', {class: 'net'},
    linkErrors,
    el(doc, 'div', {class: 'net-settings'}, ...Object.values(f).map((x) => x.box), shuffleBox),
    el(doc, 'div', {class: 'net-buttons'}, playButton, stepButton, resetButton, speedField.box),
    el(doc, 'div', {class: 'net-body'},
      el(doc, 'div', {class: 'net-left'}, plot, classPicker, summary, note),
      el(doc, 'div', {class: 'net-right'},
        el(doc, 'div', {class: 'net-stats'}, stat('stepCount', statStep), stat('loss', statLoss), stat('accuracy', statAcc)),
        section('layers', chain),
        section('lossCurve', curveBox),
        section('norms', norms, 'normsHelp'),
        section('hists', hists, 'histsHelp'))),
    el(doc, 'section', {class: 'net-panel net-sample-panel'}, el(doc, 'h3', {text: t('sampleTitle')}),
      el(doc, 'p', {class: 'net-help', text: t('sampleHelp')}), sample.box));
  host.append(root);

  // ------------------------------------------------------------ settings
  function showSettings() {
    f.data.control.value = state.data;
    f.classes.control.value = String(state.classes);
    f.classes.box.hidden = classesOf(state) === 2 && !['spiral', 'gauss'].includes(state.data);
    f.points.control.value = String(state.points);
    f.noise.control.value = String(state.noise);
    f.seed.control.value = String(state.seed);
    f.hidden.control.value = state.hidden.join(',');
    f.act.control.value = state.act;
    f.init.control.value = state.init;
    f.lr.control.value = String(state.lr);
    f.batch.control.value = String(state.batch);
    shuffle.checked = state.shuffle;
    speedSelect.value = String(speed);
  }

  // A text field commits on change (Enter or leaving it), read as a link
  // reads it; a bad value says why beside the field and changes nothing.
  const INPUT_WORDS = {badWhole: 'badWholeInput', badRange: 'badNumberInput', badHidden: 'badHiddenInput'};
  for (const key of ['points', 'seed', 'batch', 'noise', 'lr', 'hidden']) {
    const {control, message} = f[key];
    control.addEventListener('change', () => {
      const r = readNetValue(key === 'hidden' ? 'units' : key, control.value);
      message.hidden = r.ok;
      control.setAttribute('aria-invalid', String(!r.ok));
      if (r.ok) change({[key]: r.value});
      else message.textContent = t(INPUT_WORDS[r.code] ?? r.code, r.params);
    });
  }
  for (const key of ['data', 'act', 'init']) f[key].control.addEventListener('change', () => change({[key]: f[key].control.value}));
  f.classes.control.addEventListener('change', () => change({classes: +f.classes.control.value}));
  shuffle.addEventListener('change', () => change({shuffle: shuffle.checked}));
  speedSelect.addEventListener('change', () => { speed = +speedSelect.value; });
  playButton.addEventListener('click', () => (playing ? pause() : play()));
  stepButton.addEventListener('click', () => {
    pause();
    trainSteps(1);
    draw();
    onState(state);
  });
  resetButton.addEventListener('click', () => {
    pause();
    state = {...state, steps: 0};
    rebuild();
    onState(state);
  });

  // A settings change: the same run, replayed to the same step.
  function change(patch) {
    const data = patch.data ?? state.data;
    state = {...state, ...patch};
    if (patch.data && data !== 'spiral' && data !== 'gauss') state.added = state.added.filter(([, , c]) => c < 2);
    if (patch.classes) state.added = state.added.filter(([, , c]) => c < state.classes);
    showSettings();
    rebuild();
    onState(state);
  }

  // ------------------------------------------------------------ the run
  function rebuild() {
    const wasPlaying = playing;
    pause();
    model?.m.dispose();
    const classes = classesOf(state);
    const generated = net.generate(state.data, state.points, classes, state.noise, state.seed);
    const n = state.points + state.added.length;
    const x = new Float64Array(2 * n), label = new Int32Array(n);
    x.set(generated.x);
    label.set(generated.label);
    state.added.forEach(([px, py, c], i) => {
      x[2 * (state.points + i)] = px;
      x[2 * (state.points + i) + 1] = py;
      label[state.points + i] = c;
    });
    const m = new net.Net({sizes: [2, ...state.hidden, classes], activation: state.act, maxBatch: Math.max(state.batch, n)});
    m.init(state.init, state.seed);
    m.setData(x, label);
    model = {m, data: {x, label}, counts: net.classCounts(label, classes), classes};
    weights++;
    lossCount = 0;
    trained = 0;
    drawPoints();
    drawClassPicker();
    drawChain();
    if (state.steps > 0) replay(wasPlaying);
    else {
      draw();
      if (wasPlaying) play();
    }
  }

  function trainSteps(k) {
    const batch = model.m.train(k, {lr: state.lr, batch: state.batch, shuffle: state.shuffle, seed: state.seed});
    if (lossCount + k > losses.length) {
      const grown = new Float64Array(Math.max(losses.length * 2, lossCount + k));
      grown.set(losses.subarray(0, lossCount));
      losses = grown;
    }
    losses.set(batch, lossCount);
    lossCount += k;
    trained += k;
    weights++;
    state.steps = Math.max(state.steps, trained);
  }

  // Back to state.steps in slices; then draw, and play on if asked.
  function replay(thenPlay) {
    summary.textContent = t('replaying', {step: state.steps});
    root.dataset.replaying = 'true';
    const slice = () => {
      frame = 0;
      if (!model) return;
      trainSteps(Math.min(REPLAY_SLICE, state.steps - trained));
      if (trained < state.steps) {
        frame = win.requestAnimationFrame(slice);
        return;
      }
      delete root.dataset.replaying;
      draw();
      if (thenPlay) play();
    };
    frame = win.requestAnimationFrame(slice);
  }

  function play() {
    if (playing || !model || root.dataset.replaying) return;
    playing = true;
    drawPlayButton();
    const tick = () => {
      if (!playing) return;
      trainSteps(speed);
      draw();
      frame = win.requestAnimationFrame(tick);
    };
    frame = win.requestAnimationFrame(tick);
  }

  function pause() {
    if (frame) win.cancelAnimationFrame(frame);
    frame = 0;
    delete root.dataset.replaying;
    if (!playing) return;
    playing = false;
    drawPlayButton();
    draw(); // at rest now: what shows the weights only at rest catches up with them
    onState(state);
  }

  // ------------------------------------------------------------ drawing
  function drawPlayButton() {
    playButton.textContent = t(playing ? 'pause' : 'train');
    playButton.setAttribute('aria-pressed', String(playing));
  }

  function drawPoints() {
    extent = EXTENTS[state.data];
    pointsSvg.setAttribute('viewBox', `${-extent} ${-extent} ${2 * extent} ${2 * extent}`);
    pointsSvg.textContent = '';
    const {x, label} = model.data;
    for (let i = 0; i < label.length; i++) {
      const added = i >= state.points;
      // y up in the data, down in SVG.
      pointsSvg.append(el(doc, 'svg:circle', {cx: x[2 * i], cy: -x[2 * i + 1], r: added ? 0.055 : 0.04,
        fill: CLASS_COLORS[label[i]], class: added ? 'net-point net-added' : 'net-point'}));
    }
    pointsSvg.append(el(doc, 'svg:circle', {class: 'net-cursor', cx: cursor[0], cy: -cursor[1], r: 0.07}));
  }

  function drawClassPicker() {
    classPicker.textContent = '';
    addClass = Math.min(addClass, model.classes - 1);
    for (let c = 0; c < model.classes; c++) {
      const id = ids(`class${c}`);
      const radio = el(doc, 'input', {type: 'radio', name: classPicker.dataset.name ??= ids('class'), id, value: String(c),
        checked: c === addClass});
      radio.addEventListener('change', () => { addClass = c; });
      classPicker.append(el(doc, 'label', {for: id, class: 'net-class'}, radio,
        el(doc, 'span', {class: 'net-swatch', style: `background:${CLASS_COLORS[c]}`}), t('classN', {n: c + 1})));
    }
  }

  function drawChain() {
    chain.textContent = '';
    const sizes = [2, ...state.hidden, model.classes];
    const act = state.act === 'relu' ? 'ReLU' : 'Sigmoid';
    const item = (name, shape) => el(doc, 'li', {}, el(doc, 'span', {class: 'net-layer', text: name}),
      shape ? el(doc, 'span', {class: 'net-shape', text: shape}) : '');
    chain.append(item('x', `N×${sizes[0]}`));
    for (let l = 0; l + 1 < sizes.length; l++) {
      chain.append(item(`Affine ${l + 1}`, `W: ${sizes[l]}×${sizes[l + 1]}`));
      if (l + 2 < sizes.length) chain.append(item(act, `N×${sizes[l + 1]}`));
    }
    chain.append(item('Softmax-with-Loss', `N×${sizes.at(-1)} → L`));
  }

  function drawRegions() {
    const {cls, confidence} = model.m.regions(-extent, extent, -extent, extent, REGION, REGION);
    const ctx = canvas.getContext('2d');
    const image = ctx.createImageData(REGION, REGION);
    // Tinted over the plot's own background (the theme's panel colour).
    const base = (win.getComputedStyle(plot).backgroundColor.match(/\d+/g) ?? [255, 255, 255]).slice(0, 3).map(Number);
    const rgb = CLASS_COLORS.map(hexRgb);
    const floor = 1 / model.classes;
    for (let i = 0; i < cls.length; i++) {
      const alpha = 0.08 + 0.34 * Math.max(0, (confidence[i] - floor) / (1 - floor));
      const c = rgb[cls[i]];
      for (let k = 0; k < 3; k++) image.data[4 * i + k] = Math.round(base[k] + alpha * (c[k] - base[k]));
      image.data[4 * i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }

  function drawCurve() {
    curveEmpty.hidden = lossCount > 0;
    if (!lossCount) {
      curveLine.setAttribute('points', '');
      curve.setAttribute('aria-label', `${t('lossCurve')}: ${t('lossEmpty')}`);
      return;
    }
    const every = Math.max(1, Math.ceil(lossCount / CURVE_POINTS));
    let top = 0;
    for (let i = 0; i < lossCount; i += every) if (Number.isFinite(losses[i])) top = Math.max(top, losses[i]);
    top = top || 1;
    const points = [];
    for (let i = 0, k = 0; i < lossCount; i += every, k++) {
      const v = Number.isFinite(losses[i]) ? losses[i] : top;
      points.push(`${((400 * i) / Math.max(1, lossCount - 1)).toFixed(1)},${(118 - (116 * v) / top).toFixed(1)}`);
    }
    curveLine.setAttribute('points', points.join(' '));
    curve.setAttribute('aria-label', `${t('lossCurve')}: ${formatNumber(losses[0])} → ${formatNumber(losses[lossCount - 1])}`);
  }

  function drawNorms() {
    norms.textContent = '';
    stats.norms.forEach((v, l) => {
      // log10 over [1e-6, 10]
      const share = v > 0 ? Math.min(1, Math.max(0, (Math.log10(v) + 6) / 7)) : 0;
      norms.append(el(doc, 'div', {class: 'net-bar-row'},
        el(doc, 'span', {class: 'net-bar-name', text: `W${l + 1}`}),
        el(doc, 'span', {class: 'net-bar'}, el(doc, 'span', {class: 'net-bar-fill', style: `width:${(100 * share).toFixed(1)}%`})),
        el(doc, 'output', {class: 'net-bar-value', text: formatNumber(v)})));
    });
  }

  function drawHists() {
    hists.textContent = '';
    const hi = state.act === 'sigmoid' ? 1 : 4;
    for (let l = 0; l < state.hidden.length; l++) {
      const counts = model.m.histogram(l, 0, hi, BINS);
      let most = 1;
      for (const c of counts) most = Math.max(most, c);
      const svg = el(doc, 'svg:svg', {viewBox: `0 0 ${BINS} 20`, preserveAspectRatio: 'none', class: 'net-hist', role: 'img',
        'aria-label': `${t('hidden')} ${l + 1}: ${[...counts].join(', ')}`});
      counts.forEach((c, b) => {
        const h = (19 * c) / most;
        svg.append(el(doc, 'svg:rect', {x: b + 0.08, y: 20 - h, width: 0.84, height: h}));
      });
      hists.append(el(doc, 'figure', {class: 'net-hist-box'}, svg,
        el(doc, 'figcaption', {text: t('histCaption', {n: l + 1, hi})})));
    }
  }

  function draw() {
    drawRegions();
    stats = model.m.evaluate();
    statStep.textContent = String(trained);
    statLoss.textContent = formatNumber(stats.loss);
    statAcc.textContent = percent(stats.accuracy);
    // Full precision for scripts and tests, as the graphs' data-value.
    statLoss.dataset.value = exactText(stats.loss);
    statAcc.dataset.value = exactText(stats.accuracy);
    if (lossCount) curve.dataset.last = exactText(losses[lossCount - 1]);
    drawCurve();
    drawNorms();
    drawHists();
    root.dataset.step = String(trained);
    drawAtRest();
    drawPicked();
  }

  // What shows the weights only at rest: the caption (aria-live: a screen
  // reader would hear each frame) and the one point's pass (C's passes over
  // it and its layer figures: too slow for each frame). Part of draw(),
  // after the frame's views (the caption says their stats), once for each
  // version of the weights while the figure is at rest. Whatever changes the
  // weights draws; so does pause(), which brings training to rest.
  function drawAtRest() {
    if (playing || root.dataset.replaying || atRest === weights) return;
    atRest = weights;
    const counts = [...model.counts].map((count, c) => t('countItem', {count, n: c + 1})).join(', ');
    summary.textContent = t('summary', {step: trained, accuracy: percent(stats.accuracy),
      loss: formatNumber(stats.loss), points: model.data.label.length, counts});
    sample.refresh(); // it runs C's passes over its one point
  }

  // The point traced by "one point through the network", ringed on the plot.
  function drawPicked() {
    pointsSvg.querySelector('.net-picked')?.remove();
    const i = sample.point;
    if (!model || i >= model.data.label.length) return;
    pointsSvg.append(el(doc, 'svg:circle', {class: 'net-picked', cx: model.data.x[2 * i], cy: -model.data.x[2 * i + 1], r: 0.07}));
  }

  // ------------------------------------------------------------ adding points
  function addPoint(px, py) {
    if (state.added.length >= NET_LIMITS.added) return;
    change({added: [...state.added, [px, py, addClass]]});
  }
  pointsSvg.addEventListener('click', (event) => {
    const box = pointsSvg.getBoundingClientRect();
    const px = -extent + (2 * extent * (event.clientX - box.left)) / box.width;
    const py = extent - (2 * extent * (event.clientY - box.top)) / box.height;
    cursor = [px, py];
    if (event.shiftKey) return pickNearest(px, py); // Shift: trace the nearest point instead
    addPoint(Number(px.toFixed(3)), Number(py.toFixed(3)));
  });
  function pickNearest(px, py) {
    const {x} = model.data;
    let best = 0;
    for (let i = 1; i < x.length / 2; i++) {
      if ((x[2 * i] - px) ** 2 + (x[2 * i + 1] - py) ** 2 < (x[2 * best] - px) ** 2 + (x[2 * best + 1] - py) ** 2) best = i;
    }
    sample.pick(best);
    drawPicked();
  }
  plot.addEventListener('keydown', (event) => {
    const moves = {ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1]};
    if (moves[event.key]) {
      event.preventDefault();
      const [dx, dy] = moves[event.key];
      cursor = cursor.map((v, i) => Math.max(-extent, Math.min(extent, Math.round((v + 0.1 * [dx, dy][i]) * 10) / 10)));
      const mark = pointsSvg.querySelector('.net-cursor');
      mark.setAttribute('cx', cursor[0]);
      mark.setAttribute('cy', -cursor[1]);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      addPoint(cursor[0], cursor[1]);
    } else if (/^[1-9]$/.test(event.key) && +event.key <= model.classes) {
      addClass = +event.key - 1;
      classPicker.querySelectorAll('input')[addClass].checked = true;
    }
  });

  // ------------------------------------------------------------ start
  function showLinkErrors(errors) {
    linkErrors.textContent = '';
    for (const e of errors) linkErrors.append(el(doc, 'p', {class: 'net-error', text: t('badLink', {key: e.key})}));
  }
  showSettings();
  drawPlayButton();
  rebuild();

  return {
    play,
    pause,
    get state() { return state; },
    get losses() { return losses.slice(0, lossCount); },
    showLinkErrors,
    setState(next) {
      state = {...next, hidden: [...next.hidden], added: [...next.added]};
      showSettings();
      rebuild();
    },
    // Shown again (the page's mode back): a replay that pause() cut short
    // goes on to the run's step.
    resume() {
      if (model && !playing && !root.dataset.replaying && trained < state.steps) replay(false);
    },
    dispose() {
      pause();
      sample.pause();
      model?.m.dispose();
      model = null;
      root.remove();
    },
  };
}
