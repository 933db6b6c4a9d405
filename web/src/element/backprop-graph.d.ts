// Types for dist/backprop-graph.js: the <backprop-graph> element, its
// properties, its events and their detail, and the tag in
// HTMLElementTagNameMap (so document.querySelector('backprop-graph') and
// document.createElement('backprop-graph') are typed). Written by hand from
// element.js (attributes: model/state.js's element keys) and core.js (the
// trace); tests/js/types.test.mjs checks that every attribute is here.

/** A built-in graph of the C core. */
export type BackpropGraphName = 'relu' | 'sigmoid' | 'sigmoid-steps';

/** One node of the graph: ids are creation order, which is a topological order. */
export interface BackpropNode {
  id: number;
  /** The C core's op: input, const, scale, add_const, exp, recip, relu, sigmoid, add, mul, … */
  op: string;
  /** How the figure labels it: x, ×(−1), exp, +1, /, σ, … */
  label: string;
  /** The ids of its operands. */
  args: number[];
  /** For const, scale and add_const: the number in the label. */
  k?: number;
  /** Its forward value (NaN and ±Infinity are numbers here, as computed). */
  value: number;
  /** dL/d(node) after the backward pass; null where no gradient reaches it. */
  grad: number | null;
}

export interface BackpropEdge {
  from: number;
  to: number;
  /** Which operand of `to` (0 or 1). */
  arg: number;
}

export interface BackpropForwardStep {
  phase: 'forward';
  node: number;
  value: number;
}

/** One edge of the backward pass: `node` sends upstream × local = grad to its operand `to`, whose gradient is then `total`. */
export interface BackpropBackwardStep {
  phase: 'backward';
  node: number;
  to: number;
  arg: number;
  upstream: number;
  local: number;
  grad: number;
  total: number;
  /** A fused sigmoid's step only: its backward as the reference post's Fig. 7 writes it, dL/dy·y²·exp(−x), with Eq. (6)'s parts (C's bp_sigmoid_fig7). */
  fig7?: BackpropFig7;
}

/** exp(−x), 1 + exp(−x), y, y², exp(−x)/(1 + exp(−x)), local = y²·exp(−x), grad = upstream·local. */
export interface BackpropFig7 {
  exp_neg_x: number;
  denom: number;
  y: number;
  y2: number;
  ratio: number;
  local: number;
  grad: number;
}

export type BackpropStep = BackpropForwardStep | BackpropBackwardStep;

export interface BackpropWarning {
  node: number;
  phase: 'forward' | 'backward';
  kind: 'overflow' | 'nan' | 'divide-by-zero' | 'domain' | 'infinite-input' | 'nan-input' | (string & {});
  a: number;
  b: number;
  value: number;
}

/** The central-difference check of one input's gradient. */
export interface BackpropCheck {
  numeric: number;
  analytic: number;
  rel_error: number;
  step: number;
}

/** The trace: the same shape as `backprop trace --json` prints, with numbers as numbers. */
export interface BackpropTrace {
  /** A built-in graph's name, or 'expr' for an expression. */
  graph: BackpropGraphName | 'expr';
  /** The expression, when the figure shows one. */
  expr?: string;
  inputs: Record<string, number>;
  dout: number;
  /** y, the output's value. */
  output: number;
  /** dL/d(input) for each input. */
  grads: Record<string, number | null>;
  nodes: BackpropNode[];
  edges: BackpropEdge[];
  steps: BackpropStep[];
  check: Record<string, BackpropCheck>;
  warnings: BackpropWarning[];
}

/** The detail of the `ready` and `change` events. */
export interface BackpropGraphDetail {
  trace: BackpropTrace;
  /** How many steps are done (0: only the inputs). */
  step: number;
  /** How many steps the trace has. */
  count: number;
  graph: BackpropGraphName | 'expr';
  expr: string | null;
  inputs: Record<string, number>;
  dout: number;
  /** A link to the app page showing this exact state. */
  link: string;
}

export interface BackpropGraphEventMap extends HTMLElementEventMap {
  /** Once, when the figure has first drawn. */
  ready: CustomEvent<BackpropGraphDetail>;
  /** After every new state (attributes, the reader's edits, a step). */
  change: CustomEvent<BackpropGraphDetail>;
}

/**
 * `<backprop-graph>`: a live figure of backpropagation. Each property mirrors
 * the attribute of the same name: reading gives the attribute's text (null
 * when absent); a number is written as the shortest text that reads back to it;
 * null removes the attribute. A bad value is explained inside the figure,
 * which keeps its last good state.
 */
export declare class BackpropGraph extends HTMLElement {
  /** relu, sigmoid or sigmoid-steps (default). */
  get graph(): string | null;
  set graph(value: BackpropGraphName | (string & {}) | null);
  /** A layer over matrices instead of a graph: relu, sigmoid, affine or softmax-loss. */
  get layer(): string | null;
  set layer(value: 'relu' | 'sigmoid' | 'affine' | 'softmax-loss' | (string & {}) | null);
  /** The input x (default 0.5), read as the CLI reads numbers; with `layer`, a matrix: rows by ';', values by ',' ("1,-0.5;-2,3"). */
  get x(): string | null;
  set x(value: number | string | null);
  /** The upstream gradient dL/dy (default 1); with `layer`, a matrix in out's shape (default ones). */
  get dout(): string | null;
  set dout(value: number | string | null);
  /** affine: the weights W, a D×M matrix. */
  get w(): string | null;
  set w(value: string | null);
  /** affine: the bias b, M values (default zeros). */
  get b(): string | null;
  set b(value: string | null);
  /** softmax-loss: the labels as one-hot rows ("0,0,1"). */
  get t(): string | null;
  set t(value: string | null);
  /** softmax-loss: the labels as one class index per row ("2,0"); the attribute t-index. */
  get tIndex(): string | null;
  set tIndex(value: string | null);
  /** Present (unless "0"): the aliasing lesson, the book's in-place backward beside the core's. */
  get inplace(): string | null;
  set inplace(value: string | null);
  /** How many steps are done, or 'end' (default). */
  get step(): string | null;
  set step(value: number | 'end' | (string & {}) | null);
  /** watch (default), or predict: each backward step waits for the reader's answer. */
  get mode(): 'watch' | 'predict' | (string & {}) | null;
  set mode(value: 'watch' | 'predict' | (string & {}) | null);
  /** In predict mode, which steps are asked: backward (default) or all (forward values too). */
  get ask(): 'backward' | 'all' | (string & {}) | null;
  set ask(value: 'backward' | 'all' | (string & {}) | null);
  /** Your own expression instead of `graph`, e.g. (x+y)*z. */
  get expr(): string | null;
  set expr(value: string | null);
  /** The expression's variables: x=-2,y=5,z=-4. */
  get vars(): string | null;
  set vars(value: string | null);
  /** full (default), minimal or none. */
  get controls(): string | null;
  set controls(value: 'full' | 'minimal' | 'none' | (string & {}) | null);
  /** auto (default), light or dark. */
  get theme(): string | null;
  set theme(value: 'auto' | 'light' | 'dark' | (string & {}) | null);
  /** Play from the start the first time the figure scrolls into view. */
  get autoplay(): boolean;
  set autoplay(value: boolean);
  /** The app page that "Copy link" points to. */
  get app(): string | null;
  set app(value: string | null);
  /** python or c: the code under the figure (the post's classes, the C core's lines; a layer's class and its C functions), its line of the step highlighted. */
  get code(): string | null;
  set code(value: 'python' | 'c' | (string & {}) | null);
  /** Present (unless "0"): the fused sigmoid's backward as the post's Fig. 7 writes it, dL/dy·y²·exp(−x), derived into Eq. (6). */
  get fig7(): string | null;
  set fig7(value: string | null);
  /** check, plot, check,plot: the gradient check and the curve under the figure. */
  get panels(): string | null;
  set panels(value: string | null);
  /** (lang is HTMLElement's own: en or ko; default: the page's.) */

  /** What the figure shows, once drawn (null before). */
  readonly trace: BackpropTrace | null;
  /** The step shown, once drawn (null before). */
  readonly currentStep: number | null;
  /** Messages about the figure's source that no attribute carries (a Markdown fence's bad lines), shown inside it. */
  sourceErrors: string[];

  /** The link "Copy link" copies. */
  link(): string;
  /** The chain-rule line of the current step, in LaTeX. */
  latex(): string;
  /** The figure as a standalone SVG file's text. */
  svg(): Promise<string>;

  addEventListener<K extends keyof BackpropGraphEventMap>(type: K,
    listener: (this: BackpropGraph, event: BackpropGraphEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof BackpropGraphEventMap>(type: K,
    listener: (this: BackpropGraph, event: BackpropGraphEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'backprop-graph': BackpropGraph;
  }
}
