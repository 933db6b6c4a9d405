// svg/prerender.js: the app page's first picture, written into index.html at
// build time (web/build.mjs), so that the default state's graph is on screen
// before app.js has loaded: the same trace (the C core, as WebAssembly, under
// node), the same panes and drawing as figure/figure.js's, and the same
// chain-rule line, as HTML. app.js then draws the live figure in its place
// in one task, element for element the same at the width it was drawn for
// (e2e/first-paint.spec.mjs checks that, and that nothing shifts).
//
//   const {graphs, chainLine} = prerenderApp(core, {width: 1034});
//
// And the iframe page's (embed.html): a <backprop-graph> in its default
// state, its shadow root's frame as the element draws it (element/skeleton.js,
// figure/figure.js), written as the element's light-DOM children, which it
// shows until its first render (web/build-embed.mjs).
//
//   const frame = prerenderElement(core, {width: 692});
import {graphView} from '../views/graph.js';
import {select} from '../views/mini-selection.js';
import {chainText} from '../views/formula.js';
import {formatNumber} from '../model/number.js';
import {defaultState, resolveStep} from '../model/state.js';
import {nodeNames} from '../figure/source.js';
import {layoutGraph} from '../layout/chain.js';
import {pageTranslator} from '../words/page.js';
import {createDocument, markup} from './mini-dom.js';
import {rove} from '../figure/node-focus.js';
import {createFigure} from '../figure/figure.js';
import {translator} from '../words/figure.js';
import {buildSkeleton, labelSkeleton, inputFields, fieldText} from '../element/skeleton.js';
import {DEFAULTS} from '../element/config.js';

// The page's default state (index.html is English), its graph drawn at
// `width` (the graph box's width on a desktop screen).
export function prerenderApp(core, {width}) {
  const state = defaultState();
  const t = pageTranslator('en');
  const trace = core.trace({graph: state.graph, inputs: {x: state.x}, dout: state.dout});
  const step = resolveStep(state.step, trace.steps.length);
  const title = t.graphName(state.graph);
  // As figure/figure.js makes a pane: <section class="pane single" data-pane>
  // with its title and its body.
  const doc = createDocument();
  const section = doc.createElement('section');
  section.setAttribute('class', 'pane single');
  section.setAttribute('data-pane', state.graph);
  const h2 = doc.createElement('h2');
  h2.setAttribute('class', 'pane-title');
  h2.textContent = title;
  const body = doc.createElement('div');
  body.setAttribute('class', 'pane-body');
  section.append(h2, body);
  const view = graphView().layout(layoutGraph).names(nodeNames(t, trace)).trace(trace).step(step)
    .width(width).precise(state.precise).motion(false).title(t('figure', {name: title}));
  select(body).call(view);
  // The nodes one tab stop, as the live graph's (figure/node-focus.js).
  rove(body.querySelectorAll('g.node'));
  return {graphs: markup(section), chainLine: chainText(trace, step, (v) => formatNumber(v, {precise: state.precise}))};
}

// A <backprop-graph> with no attributes, in English and the light theme,
// whose frame's content box is `width` + 2 px wide (the element draws its
// graph 2 px narrower than its frame): the frame's markup, the element's
// first render's (element.js's build, applyTheme, applyLanguage,
// renderControls and render, in that order).
export function prerenderElement(core, {width}) {
  const t = translator('en');
  const trace = core.trace({graph: DEFAULTS.graph, inputs: {x: DEFAULTS.x}, dout: DEFAULTS.dout});
  const $ = buildSkeleton(createDocument(), {});
  $.frame.setAttribute('data-theme', 'light');
  $.frame.setAttribute('lang', t.lang);
  labelSkeleton($, t);
  for (const [input, field] of inputFields($, trace)) field.value = fieldText(trace, input);
  const figure = createFigure({graphs: $.figure, formula: $.formula, narration: $.narration, titles: false,
    buttons: {play: $.play, back: $.back, forward: $.forward}});
  $.figure.querySelector('.loading').remove();
  const title = t.graphName(trace.graph);
  figure.draw({panes: [{id: 'main', title, trace, names: nodeNames(t, trace)}], step: trace.steps.length, t, width,
    motion: false, duration: 0, playing: false});
  rove($.figure.querySelectorAll('g.node'));
  return markup($.frame);
}
