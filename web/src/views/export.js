// views/export.js: the current figure as a standalone SVG file (the computed
// styles written into presentation attributes, so that it needs no
// stylesheet and no inline style), as a PNG at twice the size (the SVG
// drawn to a canvas; no network), and downloads through a blob URL.

const SVG_NS = 'http://www.w3.org/2000/svg';
// Attributes that live only on the page, never in the file: styles, roles,
// and the nodes' focus and explanation (figure/node-focus.js); data-* too.
const LIVE_ONLY = new Set(['class', 'style', 'role', 'tabindex', 'aria-describedby']);
// The properties the figure's stylesheet sets, as presentation attributes
// (also those that svg/render.js works out without a browser).

export const PROPERTIES = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity',
  'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'text-decoration',
  'letter-spacing'];
export const DEFAULTS = {'fill-opacity': '1', 'stroke-opacity': '1', opacity: '1', 'stroke-dasharray': 'none',
  'text-decoration': 'none', 'letter-spacing': 'normal', 'font-style': 'normal'};

// Serialise `svg` (in the document, styled) as the text of an .svg file.
// `background` fills the picture (a colour, or null for transparent).
// Several graphs (an array, as the page's Both shows them) are stacked,
// each under its title (`titles`: the elements that show them).
export function svgText(svg, {background = null, titles = []} = {}) {
  const svgs = [svg].flat();
  const view = svgs[0].ownerDocument.defaultView;
  // A clone in an XML document of its own: no CSP applies there, nothing is
  // rendered, and the originals keep their classes.
  const doc = svgs[0].ownerDocument.implementation.createDocument(SVG_NS, 'svg', null);
  const out = doc.documentElement;
  const sizes = svgs.map((s) => {
    const box = s.viewBox.baseVal;
    return [box && box.width ? box.width : s.getBoundingClientRect().width, box && box.height ? box.height : s.getBoundingClientRect().height];
  });
  const stacked = svgs.length > 1;
  const TITLE = stacked ? 26 : 0, GAP = stacked ? 14 : 0; // a title's line, and the room between two graphs
  const width = Math.max(...sizes.map(([w]) => w));
  const height = sizes.reduce((sum, [, h]) => sum + TITLE + h, 0) + GAP * (svgs.length - 1);
  out.setAttribute('viewBox', `0 0 ${width} ${height}`);
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(height));
  const label = svgs.map((s) => s.getAttribute('aria-label')).filter(Boolean).join('; ');
  if (label) {
    const title = doc.createElementNS(SVG_NS, 'title');
    title.textContent = label;
    out.append(title);
  }
  if (background) {
    const rect = doc.createElementNS(SVG_NS, 'rect');
    for (const [k, v] of [['width', '100%'], ['height', '100%'], ['fill', background]]) rect.setAttribute(k, v);
    out.append(rect);
  }
  const copy = (from, to) => {
    for (const child of from.childNodes) {
      if (child.nodeType === 3) { to.append(doc.createTextNode(child.data)); continue; }
      if (child.nodeType !== 1) continue;
      const style = view.getComputedStyle(child);
      if (style.display === 'none' || child.getAttribute('aria-hidden') === 'true' && child.classList.contains('token')) continue;
      const el = doc.createElementNS(SVG_NS, child.localName);
      for (const a of child.attributes) {
        if (LIVE_ONLY.has(a.name) || a.name.startsWith('data-')) continue;
        el.setAttribute(a.name, a.value);
      }
      for (const prop of PROPERTIES) {
        const v = style.getPropertyValue(prop);
        if (v && v !== DEFAULTS[prop]) el.setAttribute(prop, v);
      }
      to.append(el);
      copy(child, el);
    }
  };
  if (!stacked) copy(svgs[0], out);
  let y = 0;
  for (const [i, s] of (stacked ? svgs : []).entries()) {
    const g = doc.createElementNS(SVG_NS, 'g');
    g.setAttribute('transform', `translate(0,${y})`);
    const heading = titles[i];
    if (heading) {
      const style = view.getComputedStyle(heading);
      const text = doc.createElementNS(SVG_NS, 'text');
      for (const [k, v] of [['x', 0], ['y', TITLE - 9], ['fill', style.color], ['font-family', style.fontFamily],
        ['font-size', style.fontSize], ['font-weight', style.fontWeight]]) text.setAttribute(k, v);
      text.textContent = heading.textContent;
      g.append(text);
    }
    const body = doc.createElementNS(SVG_NS, 'g');
    body.setAttribute('transform', `translate(0,${TITLE})`);
    copy(s, body);
    g.append(body);
    out.append(g);
    y += TITLE + sizes[i][1] + GAP;
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(doc);
}

// The SVG text drawn at `scale` to a canvas; resolves with a PNG Blob.
export async function pngBlob(text, {scale = 2} = {}) {
  const url = URL.createObjectURL(new Blob([text], {type: 'image/svg+xml'}));
  try {
    const img = new Image();
    img.src = url;
    try {
      await img.decode();
    } catch (error) {
      // The likely cause on a page that works otherwise: its Content-Security-Policy.
      throw new Error(`${error.message} A PNG is drawn from the SVG through a blob: image, which a Content-Security-Policy must allow (img-src blob:).`);
    }
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(img.naturalWidth * scale);
    canvas.height = Math.round(img.naturalHeight * scale);
    const ctx = canvas.getContext('2d');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, img.naturalWidth, img.naturalHeight);
    return await new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas gave no PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

// Offer `blob` as a download named `name`. `parent` holds the temporary
// link (inside a shadow root, so that the host page never sees it).
export function download(blob, name, parent) {
  const url = URL.createObjectURL(blob);
  const a = parent.ownerDocument.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  parent.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0); // after the download has started
}
