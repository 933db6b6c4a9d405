// figure/exporting.js: a figure's SVG and PNG files and its formula as
// LaTeX, the same for the page and every <backprop-graph>. The words of
// what happened come back to the caller, which says them where it speaks
// (the page's status line, the element's notice).
import {svgText, pngBlob, download} from '../views/export.js';
import {chainLine} from '../views/latex.js';

// The file name of a figure at a step: backprop-sigmoid-steps-step5.svg.
export const exportName = (trace, step, kind) => `backprop-${trace.expr != null ? 'expr' : trace.graph}-step${step}.${kind}`;

// The LaTeX of the step's chain-rule line.
export const exportLatex = (trace, step) => chainLine(trace, step).latex;

// The drawn graph `svg` as a standalone .svg file's text, on the background
// of `frame` (its own, else its --panel colour), so that it reads the same
// outside the page.
export function figureSvg(svg, frame, titles = []) {
  const style = frame.ownerDocument.defaultView.getComputedStyle(frame);
  const bg = style.backgroundColor;
  const background = !bg || bg === 'transparent' || bg === 'rgba(0, 0, 0, 0)' ? style.getPropertyValue('--panel').trim() : bg;
  return svgText(svg, {background, titles});
}

// Save the figure as `kind` (svg or png). Resolves to {ok, file} or
// {ok: false, detail}; never throws.
export async function saveFigure({svg, titles, frame, kind, file}) {
  try {
    const text = figureSvg(svg, frame, titles);
    const blob = kind === 'svg' ? new Blob([text], {type: 'image/svg+xml'}) : await pngBlob(text);
    download(blob, file, frame);
    return {ok: true, file};
  } catch (error) {
    return {ok: false, detail: String((error && error.message) || error)};
  }
}
