// svg/render.js: a figure as a standalone SVG file's text without a
// browser: the same trace (the C core, as WebAssembly), the same layout and
// the same drawing (views/graph.js, into svg/mini-dom.js), and the styles a
// browser would compute (svg/styles.js), written the way the figure's SVG
// button writes them (views/export.js), so that both files are the same.
//
//   renderSvg(core, {graph: 'sigmoid-steps', x: 0.5, dout: 1, step: 5, theme: 'light', lang: 'en', width: 720})
//   renderSvg(core, {expr: '(x+y)*z', vars: {x: -2, y: 5, z: -4}, …})
//
// step: the number of steps done, null for all of them. The graph's CSS and
// the element's (its theme's colours and font) come in as text.
import {graphView} from '../views/graph.js';
import {select} from '../views/mini-selection.js';
import {PROPERTIES, DEFAULTS} from '../views/export.js';
import {figureTrace, layoutFor, nodeNames} from '../figure/source.js';
import {translator} from '../words/figure.js';
import {createDocument, escapeText as escape} from './mini-dom.js';
import {figureStyles} from './styles.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

// The trace a <backprop-graph> with these attributes shows.
export function figureTraceOf(core, {graph = 'sigmoid-steps', expr = null, x = 0.5, vars = {}, dout = 1}) {
  if (expr == null) return core.trace({graph, inputs: {x}, dout});
  const g = new core.Graph({expr});
  try {
    const given = {x, ...vars}; // as the element: x from x, the others from vars
    const values = {};
    for (const name of g.inputs) if (name in given) values[name] = given[name];
    return figureTrace(g.trace(values, dout));
  } finally {
    g.dispose();
  }
}

// An element and its subtree as XML, as XMLSerializer writes it.
function xml(tag, attrs, inner) {
  const a = attrs.map(([k, v]) => ` ${k}="${escape(v, true)}"`).join('');
  return inner ? `<${tag}${a}>${inner}</${tag}>` : `<${tag}${a}/>`;
}

export function renderSvg(core, options, {graphCss, elementCss}) {
  const {step = null, theme = 'light', lang = 'en', width = 720} = options;
  const t = translator(lang);
  const trace = figureTraceOf(core, options);
  const count = trace.steps.length;
  const shown = step == null ? count : Math.max(0, Math.min(count, step));
  const title = trace.expr != null ? t.graphName('expr', trace.expr) : t.graphName(trace.graph);

  // Drawn as the figure draws it (figure/figure.js), into a pane's body.
  const body = createDocument().createElement('div');
  body.setAttribute('class', 'pane-body');
  const view = graphView().layout(layoutFor(trace)).names(nodeNames(t, trace)).trace(trace).step(shown)
    .width(width).precise(false).motion(false).title(t('figure', {name: title}));
  select(body).call(view);
  const svg = body.querySelector(':scope > svg.graph');

  return standalone(svg, {css: graphCss, elementCss, theme});
}

// A layer figure's grids (figure/layer-picture.js's picture, drawn by
// views/layer-svg.js's layerSvg, which the caller passes: the layer file's)
// as a standalone SVG file's text. layerCss: what the command line keeps of
// views/layer.css (the .layer-figure rules' colours, the svg.layer-svg rules).
export function renderLayerSvg(picture, {layerSvg, layerCss, elementCss, theme = 'light'}) {
  return standalone(layerSvg(createDocument(), picture), {css: layerCss, elementCss, theme, inner: '.layer-figure'});
}

// Written as views/export.js's svgText writes the browser's drawing.
function standalone(svg, {css, elementCss, theme, inner}) {
  const {background, styleOf} = figureStyles({graphCss: css, elementCss, theme, properties: PROPERTIES, inner});
  const copy = (el) => {
    const attrs = [...el.attrs].filter(([k]) => k !== 'class' && k !== 'style' && !k.startsWith('data-') && k !== 'role');
    const style = styleOf(el);
    for (const prop of PROPERTIES) if (style[prop] && style[prop] !== DEFAULTS[prop]) attrs.push([prop, style[prop]]);
    return xml(el.localName, attrs, el.text != null ? escape(el.text, false) : el.children.map(copy).join(''));
  };
  const [, , w, h] = svg.getAttribute('viewBox').split(' ');
  const content = xml('title', [], escape(svg.getAttribute('aria-label'), false))
    + xml('rect', [['width', '100%'], ['height', '100%'], ['fill', background]], '')
    + svg.children.map(copy).join('');
  return '<?xml version="1.0" encoding="UTF-8"?>\n'
    + xml('svg', [['xmlns', SVG_NS], ['viewBox', `0 0 ${w} ${h}`], ['width', w], ['height', h]], content);
}
