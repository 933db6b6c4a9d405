// figure/figure.js: the figure itself, drawn the same way wherever it is
// shown (the page, every <backprop-graph>, the iframe): its graph panes, the
// step's chain-rule line, the narration and the player's buttons. A host
// makes one with the elements it gives the figure, then calls draw() with
// the scene it wants shown; what is around the figure (the page's panels,
// the element's attributes) stays the host's.
//
//   const figure = createFigure({graphs, formula, narration, buttons: {play, back, forward}, timeline});
//   await figure.draw({panes, step, width, precise, motion, duration, t, playing}, {travel: true});
//
// panes: [{id, title, trace, names, layout}] (the page shows two for
// "both"); the first is the one the player steps through, the others
// follow it phase by phase (model/timeline.js's matchStep). A pane without
// a layout gets layoutFor(trace)'s: the book's chains' (layout/chain.js)
// unless the host gives the figure one for expressions too (the element:
// figure/source.js's; the page's expression pane brings its own).
import {select} from 'd3-selection';
import {graphView} from '../views/graph.js';
import {chainText} from '../views/formula.js';
import {formatNumber} from '../model/number.js';
import {matchStep} from '../model/timeline.js';
import {narrate} from './narration.js';
import {drawPlayButton} from './player.js';
import {layoutGraph} from '../layout/chain.js';

export function createFigure({graphs, formula, narration = null, buttons, timeline = null, titles = true, layoutFor = () => layoutGraph}) {
  const views = new Map(); // pane id -> its graph view, kept so that redraws are updates

  function draw(scene, {travel = false} = {}) {
    const {panes, step, t, precise = false, motion = true} = scene;
    const main = panes[0].trace;
    const fmt = (v) => formatNumber(v, {precise});
    // One section per pane, by id (written out by hand: the element's bundle
    // has only the part of d3-selection that graph views use).
    const sections = new Map([...graphs.querySelectorAll(':scope > section.pane')].map((s) => [s.dataset.pane, s]));
    for (const [id, section] of sections) if (!panes.some((p) => p.id === id)) section.remove();
    panes.forEach((p, i) => {
      let section = sections.get(p.id);
      if (!section) {
        section = graphs.ownerDocument.createElement('section');
        section.className = 'pane';
        section.dataset.pane = p.id;
        if (titles) section.append(Object.assign(graphs.ownerDocument.createElement('h2'), {className: 'pane-title'}));
        section.append(Object.assign(graphs.ownerDocument.createElement('div'), {className: 'pane-body'}));
      }
      const at = graphs.querySelectorAll(':scope > section.pane')[i]; // in the panes' order, moved only if not
      if (at !== section) graphs.insertBefore(section, at ?? null);
      section.classList.toggle('single', panes.length === 1);
      if (titles) section.firstChild.textContent = p.title;
      const body = section.lastChild;
      body.classList.toggle('scroll', p.trace.expr != null);
      if (!views.has(p.id)) views.set(p.id, graphView());
      views.get(p.id).layout(p.layout ?? layoutFor(p.trace)).names(p.names).trace(p.trace)
        .step(i === 0 ? step : matchStep(main, p.trace, step))
        .width(scene.width).precise(precise).motion(motion).duration(scene.duration)
        .title(t('figure', {name: p.title}));
      select(body).call(views.get(p.id));
    });
    if (formula) formula.textContent = scene.chainText?.(main, step, fmt) ?? chainText(main, step, fmt); // (a host's own form: Fig. 7's)
    if (narration) narration.textContent = narrate(t, main, step, fmt);
    drawButtons(scene);

    if (!travel || !motion) return Promise.resolve();
    return Promise.all(panes.map((p) => views.get(p.id)
      .travel(select(graphs.querySelector(`:scope > section.pane[data-pane="${p.id}"] > .pane-body`)))));
  }

  // (count: the steps of what is shown, by default the first pane's.)
  function drawButtons({panes, step, t, playing, count = panes[0].trace.steps.length}) {
    disable(buttons.back, step === 0, buttons.forward);
    disable(buttons.forward, step >= count, buttons.back);
    drawPlayButton(buttons.play, playing, t);
    if (timeline) {
      timeline.max = String(count);
      timeline.value = String(step);
      timeline.setAttribute('aria-valuetext', t('stepOf', {step, n: count}));
    }
  }

  return {draw, drawButtons};
}

// A button turned off while it has the keyboard's focus hands the focus to
// `other` (the one that still goes somewhere), not to the page's body.
function disable(button, off, other) {
  if (off && !button.disabled && button.getRootNode?.().activeElement === button && !other.disabled) other.focus();
  button.disabled = off;
}
