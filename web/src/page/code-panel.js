// page/code-panel.js: the page's code view (code=python or c), Fig. 7's
// derivation in the step panel (fig7=1) and the nodes' explanations. Their
// code is the code chunk (backprop-graph-code.js, beside app.js, the
// element's too), fetched the first time one of them is wanted; app.js
// asks this panel to draw after the figure and the step panel.
//
// Like app.js, it only changes the shared state and calls render().
import {watchNodes} from '../figure/node-focus.js';
import {beside} from './beside.js';

const loadCode = beside('backprop-graph-code.js');

// box: the code view's section; stepBody: the step panel's body; graphs: the
// figure's graphs (their nodes are explained).
export function createCodePanel({core, doc, state, box, stepBody, graphs, render, say}) {
  const run = {chunk: null, loading: null, view: null, tip: null, node: null, last: null};
  const rove = watchNodes(graphs, (node) => {
    run.node = node;
    withChunk(explain);
  });

  function withChunk(then) {
    if (run.chunk) return then();
    run.loading ??= loadCode().then((chunk) => {
      run.chunk = chunk;
      chunk.adoptCodeStyles(doc);
      run.view = chunk.createCodeView({doc, core, onLang: (lang) => {
        state.code = lang;
        render();
      }});
      box.append(run.view.root);
      run.tip = chunk.createTip(doc, graphs.closest('figure'));
      render();
    }, (error) => {
      run.loading = null;
      say(`${loadCode.file}: ${error.message || error}`);
    });
    run.loading.then(() => run.chunk && then());
  }

  function explain() {
    const last = run.last;
    run.tip(last?.trace ? run.node : null, last?.trace, last && run.chunk.codeWords(last.t));
  }

  // Draw for the figure's main trace at `step`, or for the layer figure's
  // {spec, result, steps} (scene.layer: the code view only), or nothing
  // (null: network mode).
  function draw(scene) {
    run.last = scene;
    box.hidden = !scene || !state.code || !run.chunk;
    if (!scene) return void (run.tip && explain());
    if (scene.layer) {
      if (!run.chunk) return void (state.code && withChunk(() => {}));
      if (run.tip) explain();
      if (state.code) run.view.draw({layer: scene.layer, step: scene.step, t: run.chunk.codeWords(scene.t), lang: state.code, precise: scene.precise});
      return;
    }
    rove();
    if (!run.chunk) {
      if (state.code || state.fig7) withChunk(() => {});
      return;
    }
    const {trace, step, t, precise} = scene;
    const words = run.chunk.codeWords(t);
    const fig7 = state.fig7 ? run.chunk.fig7HTML(trace, step, words, scene.fmt) : '';
    if (fig7) stepBody.insertAdjacentHTML('beforeend', `<div class="fig7">${fig7}</div>`);
    if (state.code) run.view.draw({trace, step, t: words, lang: state.code, precise});
    if (run.node) explain();
  }

  // The chain line: Fig. 7's form, where fig7=1 asks for it (and the chunk is here).
  const chainText = (trace, step, fmt) => (state.fig7 && run.chunk ? run.chunk.fig7Text(trace, step, fmt) : null);
  // Copy LaTeX's line in that form (null: the usual one).
  const latex = (trace, step) => (state.fig7 && run.chunk ? run.chunk.fig7Latex(trace, step) : null);

  return {draw, chainText, latex};
}
