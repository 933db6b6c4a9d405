// figure/code-chunk.js: the entry of backprop-graph-code.js, the code view's
// own file: the code beside a figure (figure/code-view.js), Fig. 7's
// derivation (views/fig7.js) and the nodes' explanations
// (figure/explain.js), with their words. A figure imports it from beside
// itself the first time it shows one of them (a code or fig7 attribute, or
// a node focused or hovered), so that a figure without them pays nothing
// (web/build-embed.mjs builds it; budgets: README).
export {createCodeView, CODE_LANGS} from './code-view.js';
export {fig7HTML, fig7Text, fig7Latex, fig7Of} from '../views/fig7.js';
export {explainNode} from './explain.js';
export {codeWords, CODE_WORDS} from '../words/code.js';
export {elementCode} from './code-element.js';
export {adoptCodeStyles, createTip} from './code-tip.js';
