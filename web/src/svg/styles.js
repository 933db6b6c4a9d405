// svg/styles.js: what a browser's getComputedStyle gives the graph's SVG
// elements inside a <backprop-graph>, for the properties that the export
// writes as presentation attributes (views/export.js's PROPERTIES), worked
// out without a browser: graph.css's rules, matched and cascaded by
// specificity, over the theme's custom properties from element.css (the
// figure's frame: its colours, light or dark, and its font), with CSS's
// inheritance and initial values, each value written as Chromium writes it
// (rgb(…) colours, px lengths). Enough CSS for those two sheets, no more:
// rules outside @media, descendant and child selectors of type, class,
// attribute and :not(.class) compounds.

const INHERITED = new Set(['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity',
  'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'letter-spacing']);
const INITIAL = {fill: 'rgb(0, 0, 0)', 'fill-opacity': '1', stroke: 'none', 'stroke-width': '1px', 'stroke-dasharray': 'none',
  'stroke-opacity': '1', opacity: '1', 'font-weight': '400', 'font-style': 'normal', 'text-anchor': 'start',
  'dominant-baseline': 'auto', 'text-decoration': 'none', 'letter-spacing': 'normal'};
const LENGTHS = new Set(['stroke-width', 'font-size', 'letter-spacing']);

const stripComments = (css) => css.replace(/\/\*[\s\S]*?\*\//g, '');

// A stylesheet as this file reads it, smaller: comments dropped and runs of
// white space made one space (what the command line's build carries).
export const compactCss = (css) => stripComments(css).replace(/\s+/g, ' ').trim();

// The declarations of a block's text: {property: value}.
function declarations(body) {
  const out = {};
  for (const part of body.split(';')) {
    const i = part.indexOf(':');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

// One compound selector ("text.label.value", ".graph[data-orientation=\"vertical\"]",
// ".shaft:not(.known)") as a test of an element, with its specificity.
function compound(text) {
  let tag = null;
  const classes = [], not = [], attrs = [];
  const re = /^([a-z]+)|\.([\w-]+)|:not\(\.([\w-]+)\)|\[([\w-]+)="([^"]*)"\]/gi;
  let m, at = 0;
  while ((m = re.exec(text)) && m.index === at) {
    at = re.lastIndex;
    if (m[1]) tag = m[1]; else if (m[2]) classes.push(m[2]); else if (m[3]) not.push(m[3]); else attrs.push([m[4], m[5]]);
  }
  if (at !== text.length) throw new Error(`svg/styles.js: unsupported selector "${text}"`);
  return {
    test: (el) => (!tag || el.localName === tag) && classes.every((c) => el.classList.contains(c))
      && not.every((c) => !el.classList.contains(c)) && attrs.every(([k, v]) => el.getAttribute(k) === v),
    specificity: (classes.length + not.length + attrs.length) * 100 + (tag ? 1 : 0),
  };
}

// A selector of compounds joined by descendant (space) and child (>)
// combinators, matched right to left.
function selector(text) {
  const tokens = text.trim().replace(/\s*>\s*/g, ' > ').split(/\s+/);
  const parts = []; // [{compound, child}] from the left; child: joined to the next by >
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === '>') continue;
    parts.push({compound: compound(tokens[i]), child: tokens[i + 1] === '>'});
  }
  // Does parts[0..i] match with parts[i] on `el`?
  const from = (el, i) => {
    if (!parts[i].compound.test(el)) return false;
    if (i === 0) return true;
    if (parts[i - 1].child) return el.parentNode != null && from(el.parentNode, i - 1);
    for (let a = el.parentNode; a; a = a.parentNode) if (from(a, i - 1)) return true;
    return false;
  };
  return {
    specificity: parts.reduce((sum, p) => sum + p.compound.specificity, 0),
    test: (el) => from(el, parts.length - 1),
  };
}

// The top-level rules of a stylesheet (what is inside @media skipped).
function rules(css) {
  const out = [];
  const text = stripComments(css);
  let depth = 0, start = 0, skip = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') {
      if (depth === 0) {
        const head = text.slice(start, i).trim();
        skip = head.startsWith('@');
        if (!skip) out.push({head, from: i + 1});
      }
      depth++;
    } else if (text[i] === '}') {
      depth--;
      if (depth === 0) {
        if (!skip) out[out.length - 1].body = text.slice(out[out.length - 1].from, i);
        start = i + 1;
      }
    }
  }
  return out.map(({head, body}, order) => ({selectors: head.split(',').map(selector), decls: declarations(body), order}));
}

const hex = (h) => {
  const full = h.length === 4 ? [...h.slice(1)].map((c) => c + c).join('') : h.slice(1);
  return `rgb(${[0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)).join(', ')})`;
};

// A declared value as Chromium's computed style writes it.
function computedValue(prop, value) {
  value = value.replace(/#[0-9a-f]{6}\b|#[0-9a-f]{3}\b/gi, hex);
  if (value === 'white') value = 'rgb(255, 255, 255)';
  if (LENGTHS.has(prop) && /^-?[\d.]+$/.test(value)) return `${value}px`;
  if (prop === 'stroke-dasharray' && value !== 'none') return value.split(/[\s,]+/).map((v) => (/^[\d.]+$/.test(v) ? `${v}px` : v)).join(', ');
  if (prop === 'font-weight') return {normal: '400', bold: '700'}[value] ?? value;
  return value;
}

// A custom property's value with var(--name, fallback) resolved: `vars`
// first, then the fallback (the host page sets none here).
function resolve(value, vars) {
  for (let guard = 0; value.includes('var(') && guard < 10; guard++) {
    value = value.replace(/var\((--[\w-]+)(?:,\s*((?:[^()]|\([^()]*\))*))?\)/g, (m, name, fallback) => vars[name] ?? (fallback ?? '').trim());
  }
  return value;
}

// The declarations of the rule `sel` in a stylesheet's text (null if it has none).
function ruleOf(css, sel) {
  const text = stripComments(css);
  const i = text.indexOf(`${sel} {`);
  return i < 0 ? null : declarations(text.slice(i + sel.length + 2, text.indexOf('}', i)));
}

// The custom properties that `sel`'s rules (and in dark, those of the dark
// frame's `sel`) set in `css`, resolved over `outer` (an ancestor's).
function customProperties(css, sel, theme, outer = {}) {
  const base = ruleOf(css, sel);
  if (!base) throw new Error(`svg/styles.js: no "${sel}" rule`);
  const decls = theme === 'dark' ? {...base, ...ruleOf(css, `.frame[data-theme="dark"]${sel === '.frame' ? '' : ` ${sel}`}`)} : base;
  const own = Object.keys(decls).filter((k) => k.startsWith('--'));
  const vars = {...outer};
  for (const k of own) vars[k] = decls[k];
  for (const k of own) vars[k] = resolve(vars[k], vars);
  return {decls: base, vars};
}

// The frame's custom properties and font in `theme` (light or dark), from
// element.css's .frame rules.
function frameOf(elementCss, theme) {
  const {decls: frame, vars} = customProperties(elementCss, '.frame', theme);
  // font: SIZE/LINE-HEIGHT FAMILY…
  const font = /^(\S+?)(?:\/\S+)?\s+(.+)$/.exec(resolve(frame.font, vars));
  return {vars, fontSize: font[1], fontFamily: font[2], background: computedValue('fill', resolve(frame.background, vars))};
}

// -> {background, styleOf(element) -> {property: computed value}} for the
// elements of a graph drawn inside a figure's frame in `theme`.
// inner: the selector of a box between the frame and the drawing whose
// rules in graphCss set custom properties too (the layer figure's).
export function figureStyles({graphCss, elementCss, theme = 'light', properties, inner = null}) {
  const sheet = rules(graphCss);
  const frame = frameOf(elementCss, theme);
  if (inner) frame.vars = customProperties(graphCss, inner, theme, frame.vars).vars;
  const outside = {...INITIAL, 'font-family': frame.fontFamily, 'font-size': frame.fontSize};
  const cache = new Map();
  function styleOf(el) {
    if (!el || el.localName === 'div') return outside; // the pane around the graph: the frame's inherited values
    if (cache.has(el)) return cache.get(el);
    const parent = styleOf(el.parentNode);
    const declared = {};
    const matched = [];
    for (const rule of sheet) {
      const hits = rule.selectors.filter((s) => s.test(el));
      if (hits.length) matched.push({rule, specificity: Math.max(...hits.map((s) => s.specificity))});
    }
    matched.sort((a, b) => a.specificity - b.specificity || a.rule.order - b.rule.order);
    for (const {rule} of matched) Object.assign(declared, rule.decls);
    const style = {};
    for (const prop of properties) {
      const value = declared[prop];
      if (value != null && value !== 'inherit') style[prop] = computedValue(prop, resolve(value, frame.vars));
      else style[prop] = INHERITED.has(prop) || value === 'inherit' ? parent[prop] : INITIAL[prop];
    }
    cache.set(el, style);
    return style;
  }
  return {background: frame.background, styleOf};
}
