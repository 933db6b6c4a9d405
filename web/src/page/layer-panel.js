// page/layer-panel.js: the page's Layer mode (graph=layer). Its controls,
// the layer chooser and the book's examples, and the layer figure itself,
// whose file (backprop-graph-layer.js, beside app.js) is fetched the first
// time the mode is shown; app.js asks this panel to draw, as it asks the
// figure in the other modes.
//
// Like app.js, it only changes the shared state and calls render().
import {defaultLayer} from '../model/state.js';
import {awaitedFile} from './beside.js';

// reread(matrices): read the layer's matrices from the URL again, with
// their grammar, which comes with the layer file.
export function createLayerPanel({core, doc, state, render, stop, words, mount, reread}) {
  const $ = (id) => doc.getElementById(id);
  const els = {box: $('layer-controls'), presets: $('layer-presets'), choices: [...doc.querySelectorAll('input[name="layer"]')],
    numbers: doc.querySelector('.controls > .numbers')}; // x and dL/dy, the graphs'
  const run = {chunk: null, figure: null, presetsLang: null};
  // The layer figure's file: beside this bundle (the element's is the same).
  const file = awaitedFile('backprop-graph-layer.js', {render, wanted: () => state.graph === 'layer', arrived: (chunk) => {
    run.chunk = chunk;
    reread(chunk.MATRICES);
    run.figure = chunk.createLayerFigure({core, mount, onEdit: edit});
  }});

  // The figure, once its file is here; null until then (fetched, then
  // rendered again).
  function figure() {
    file.get();
    return run.figure;
  }

  // The reader edited a cell, a shape or the lesson's toggle. A figure at
  // its last step stays at the last (a new shape has more or fewer steps).
  function edit(fields) {
    stop();
    const atEnd = state.step == null || state.step >= run.figure.count;
    Object.assign(state, fields, atEnd ? {step: null} : {});
    render();
  }

  // The chooser and the examples (their words are the figure's, so they
  // come with its file).
  function renderControls(active) {
    els.box.hidden = !active;
    els.numbers.hidden = active;
    mount.classList.toggle('layer-mode', active);
    mount.closest('figure')?.classList.toggle('layer-mode', active);
    for (const r of els.choices) r.checked = r.value === state.layer;
    const t = words();
    if (!active || !run.chunk || run.presetsLang === t.lang) return;
    run.presetsLang = t.lang;
    const lw = run.chunk.layerWords(t);
    els.presets.setAttribute('aria-label', lw('presets'));
    els.presets.textContent = '';
    for (const p of run.chunk.PRESETS) {
      const b = doc.createElement('button');
      b.type = 'button';
      b.className = 'preset';
      b.dataset.preset = p.id;
      b.textContent = lw.preset(p.id);
      b.addEventListener('click', () => {
        stop();
        Object.assign(state, run.chunk.presetState(p), {graph: 'layer', step: null});
        render();
      });
      els.presets.append(b);
    }
  }

  for (const r of els.choices) {
    r.addEventListener('change', () => {
      stop();
      Object.assign(state, defaultLayer(r.value), {graph: 'layer', inplace: state.inplace, step: null});
      render();
    });
  }

  // What Copy LaTeX, SVG and PNG take in layer mode.
  function shareable({link, frame, step}) {
    const f = run.figure;
    return {link, latex: () => f.latex(step), file: (kind) => f.exportName(step, kind), picture: () => ({...f.svg(), frame})};
  }

  // The matrix grammar, once the layer file is here (null until then).
  // (words: the layer's own, for a matrix that did not read; null until its file is here)
  return {figure, renderControls, shareable, file: file.file, get failed() { return file.failed; }, get matrices() { return run.chunk?.MATRICES ?? null; },
    words: (t) => run.chunk?.layerWords(t) ?? null};
}
