// views/layer-svg.js: the layer figure's grids as one SVG, for SVG and PNG
// export (views/export.js then writes the sheet's colours into it). Drawn
// from the same picture the HTML grids show: columns of a forward grid
// over a backward one, the flow arrows between inputs and outputs.
//
//   layerSvg(doc, {title, columns: [{top, bottom} | {arrow: true}]})
//   grid: {name, shape, rows, cols, cells: [{text, cls}]} (row-major)

const NS = 'http://www.w3.org/2000/svg';
const CELL_H = 26, CHAR_W = 7.6, PAD = 12, HEAD = 22, GAP = 22, LANE_GAP = 26, ARROW_W = 34;

export function layerSvg(doc, {title, columns}) {
  const el = (tag, attrs = {}, text = null) => {
    const e = doc.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text != null) e.textContent = text;
    return e;
  };
  const cellW = (g) => Math.max(38, Math.ceil(Math.max(...g.cells.map((c) => c.text.length), 1) * CHAR_W) + PAD);
  const size = (g) => (g ? {w: Math.max(g.cols * cellW(g), (g.name.length + g.shape.length + 2) * CHAR_W), h: HEAD + g.rows * CELL_H} : {w: 0, h: 0});
  const topH = Math.max(...columns.map((c) => size(c.top).h));
  const bottomH = Math.max(...columns.map((c) => size(c.bottom).h));
  const svg = el('svg', {class: 'layer-svg', role: 'img', 'aria-label': title});
  const body = el('g', {transform: 'translate(1,1)'}); // room for the cells' outer strokes
  svg.append(body);
  let x = 0;
  const drawGrid = (g, x0, y0) => {
    const w = cellW(g);
    const group = el('g', {class: 'grid', transform: `translate(${x0},${y0})`});
    group.append(el('text', {class: 'grid-name', x: 0, y: 15}, `${g.name}${g.shape ? `: ${g.shape}` : ''}`));
    g.cells.forEach((c, k) => {
      const i = Math.floor(k / g.cols), j = k % g.cols;
      group.append(el('rect', {class: `cell ${c.cls}`, x: j * w, y: HEAD + i * CELL_H, width: w, height: CELL_H}));
      group.append(el('text', {class: 'value', x: j * w + w / 2, y: HEAD + i * CELL_H + CELL_H / 2}, c.text));
    });
    body.append(group);
  };
  for (const c of columns) {
    if (c.arrow) {
      body.append(el('text', {class: 'flow forward', x: x + ARROW_W / 2, y: HEAD + CELL_H}, '→'));
      body.append(el('text', {class: 'flow backward', x: x + ARROW_W / 2, y: topH + LANE_GAP + HEAD + CELL_H}, '←'));
      x += ARROW_W;
      continue;
    }
    if (c.top) drawGrid(c.top, x, 0);
    if (c.bottom) drawGrid(c.bottom, x, topH + LANE_GAP);
    x += Math.max(size(c.top).w, size(c.bottom).w) + GAP;
  }
  const width = Math.ceil(x - GAP + 2), height = Math.ceil(topH + (bottomH ? LANE_GAP + bottomH : 0) + 2);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  return svg;
}
