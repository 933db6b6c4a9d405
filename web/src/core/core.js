// core/core.js: the one place that binds the C core's WebAssembly exports.
//
// Every number here comes from C; this file only moves them across. Numbers
// cross as doubles through accessors (not as JSON text), so they arrive bit
// for bit. Labels are C's too (bp_graph_label_pattern), but for a number's
// digits, written here. A bad status becomes a thrown Error carrying the
// core's message; an object that owns C memory has dispose().
//
// The boundary is data: EXPORTS names every C function called here, bound
// once when the module loads (the build exports exactly these:
// BP_EXPORTS in CMakeLists.txt), and LAYOUT says where C puts the fields of
// the records read straight from memory, checked then against the module's
// own bp_record_layout().

export const EXPORTS = [
  'malloc', 'free', 'bp_status_str', 'bp_op_name', 'bp_record_layout',
  'bp_relu_forward', 'bp_relu_backward', 'bp_sigmoid_forward', 'bp_sigmoid_backward', 'bp_sigmoid_fig7',
  'bp_affine_forward', 'bp_affine_backward', 'bp_softmax_loss_forward', 'bp_softmax_loss_backward',
  'bp_graph_new', 'bp_graph_free', 'bp_graph_builtin', 'bp_graph_parse', 'bp_graph_set',
  'bp_graph_forward', 'bp_graph_backward', 'bp_graph_check_all',
  'bp_graph_size', 'bp_graph_op', 'bp_graph_arg', 'bp_graph_k', 'bp_graph_label_pattern', 'bp_graph_value',
  'bp_graph_grad', 'bp_graph_has_grad', 'bp_graph_num_inputs', 'bp_graph_input_id',
  'bp_graph_input_name', 'bp_graph_name', 'bp_graph_expr', 'bp_graph_error',
  'bp_graph_error_column', 'bp_graph_num_steps', 'bp_graph_step',
  'bp_graph_num_warnings', 'bp_graph_warning',
];

// Byte offsets of bp_step, bp_warning and bp_check, as backprop.h gives them
// (and graph.c pins): each record's size, then its fields in C's order.
export const LAYOUT = {
  bp_step: {size: 56, phase: 0, node: 4, to: 8, arg: 12, value: 16, upstream: 24, local: 32, grad: 40, total: 48},
  bp_warning: {size: 40, node: 0, phase: 4, kind: 8, a: 16, b: 24, value: 32},
  bp_check: {size: 32, numeric: 0, analytic: 8, rel_error: 16, step: 24},
};
// bp_fig7's doubles in C's order: a sigmoid's backward step as the
// reference post's Fig. 7 writes it (backprop.h), the trace's "fig7".
export const FIG7 = ['exp_neg_x', 'denom', 'y', 'y2', 'ratio', 'local', 'grad'];
const STEP = LAYOUT.bp_step, WARNING = LAYOUT.bp_warning, CHECK = LAYOUT.bp_check;
const EXPAND_SIGMOID = 1;
// The bound exports, for layer() outside the core's closure; a registered
// symbol, so that a second bundle (the element's extras) reaches them too.
const RAW = Symbol.for('backprop-viz core exports');
const DIFFERENT_BUILDS = 'the page and the module come from different builds';

export class CoreError extends Error {
  constructor(message, {status = '', column = 0} = {}) {
    super(message);
    this.name = 'CoreError';
    this.status = status;
    this.column = column;
  }
}

// Throws unless `numbers` (what bp_record_layout() gives) begin with
// LAYOUT's, in order.
export function checkLayout(numbers) {
  let i = 0;
  for (const [record, fields] of Object.entries(LAYOUT)) {
    for (const [field, at] of Object.entries(fields)) {
      const theirs = numbers[i++];
      if (theirs === at) continue;
      const what = field === 'size' ? `sizeof(${record}) as ${at}` : `${record}.${field} at byte ${at}`;
      throw new CoreError(`core.js reads ${what}, but the WebAssembly module says ${theirs}: ${DIFFERENT_BUILDS}`);
    }
  }
}

// The core over a module's exports (a WebAssembly instance's: C names,
// memory, malloc and free). One closure, long because everything that
// touches C memory lives inside it: the bound exports never leave it.
function bindCore(exports) {
  const missing = EXPORTS.filter((name) => typeof exports[name] !== 'function');
  if (missing.length) throw new CoreError(`the WebAssembly module lacks ${missing.join(', ')}: ${DIFFERENT_BUILDS}`);
  const c = exports; // frozen, as every instance's exports are
  const memory = exports.memory;
  // Views made afresh after anything that may allocate: memory may grow.
  const u8 = () => new Uint8Array(memory.buffer);
  const f64 = () => new Float64Array(memory.buffer);
  const i32 = () => new Int32Array(memory.buffer);
  checkLayout(i32().subarray(c.bp_record_layout() / 4)); // (its first BP_RECORD_LAYOUT_INTS)

  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  function str(ptr) {
    if (!ptr) return null;
    const heap = u8();
    let end = ptr;
    while (heap[end]) end++;
    return decoder.decode(heap.subarray(ptr, end));
  }
  const opNames = [];
  for (let op = 0; ; op++) {
    const name = str(c.bp_op_name(op));
    if (name === '?') break;
    opNames.push(name);
  }

  // Copy a JS string into C memory; the caller frees.
  function cString(s) {
    const bytes = encoder.encode(s);
    const p = c.malloc(bytes.length + 1);
    if (!p) throw new CoreError('out of memory');
    const heap = u8();
    heap.set(bytes, p);
    heap[p + bytes.length] = 0;
    return p;
  }

  function fail(g, status) {
    const message = str(c.bp_graph_error(g)) || str(c.bp_status_str(status));
    throw new CoreError(message, {status: str(c.bp_status_str(status)), column: c.bp_graph_error_column(g)});
  }

  // bp_sigmoid_fig7 at x with upstream dout: {exp_neg_x, …, grad}.
  function fig7(x, dout) {
    const p = c.malloc(8 * FIG7.length);
    if (!p) throw new CoreError('out of memory');
    try {
      c.bp_sigmoid_fig7(p, x, dout);
      const h = f64();
      return Object.fromEntries(FIG7.map((k, i) => [k, h[p / 8 + i]]));
    } finally {
      c.free(p);
    }
  }

  // A graph in C memory: build it once, then set inputs and trace as often as
  // needed. Its length is the trace's: each of its fields read from C once.
  class Graph {
    constructor({graph = 'sigmoid', expr = null, expand = false} = {}) {
      this.ptr = c.bp_graph_new();
      if (!this.ptr) throw new CoreError('out of memory');
      const text = cString(expr ?? graph);
      const status = expr != null
        ? c.bp_graph_parse(this.ptr, text, expand ? EXPAND_SIGMOID : 0)
        : c.bp_graph_builtin(this.ptr, text);
      c.free(text);
      if (status !== 0) {
        try { fail(this.ptr, status); } finally { this.dispose(); }
      }
      this.inputs = [];
      for (let i = 0; i < c.bp_graph_num_inputs(this.ptr); i++) this.inputs.push(str(c.bp_graph_input_name(this.ptr, i)));
    }

    set(name, value) {
      const p = cString(name);
      const status = c.bp_graph_set(this.ptr, p, value);
      c.free(p);
      if (status !== 0) this.fail(status);
    }

    // Throw the core's error for a bad status of this graph.
    fail(status) { fail(this.ptr, status); }

    // Forward, backward from dout, and the numeric check of every input: the
    // trace of design.md, with numbers as numbers (NaN and Infinity included).
    trace(values, dout) {
      const g = this.ptr;
      for (const name of this.inputs) if (values && name in values) this.set(name, values[name]);
      // One call: the central difference of every input, then one forward
      // and backward pass, whose steps the trace reads below.
      const checks = {};
      const buf = c.malloc(CHECK.size * Math.max(1, this.inputs.length));
      try {
        if (!buf) throw new CoreError('out of memory');
        const status = c.bp_graph_check_all(g, dout, buf);
        if (status !== 0) fail(g, status);
        const h = f64();
        this.inputs.forEach((name, i) => {
          const p = buf + CHECK.size * i;
          checks[name] = {numeric: h[(p + CHECK.numeric) / 8], analytic: h[(p + CHECK.analytic) / 8],
            rel_error: h[(p + CHECK.rel_error) / 8], step: h[(p + CHECK.step) / 8]};
        });
      } finally {
        c.free(buf);
      }

      const n = c.bp_graph_size(g);
      const nodes = [];
      const edges = [];
      for (let id = 0; id < n; id++) {
        const op = opNames[c.bp_graph_op(g, id)];
        const args = [];
        for (let w = 0; w < 2; w++) {
          const a = c.bp_graph_arg(g, id, w);
          if (a >= 0) { args.push(a); edges.push({from: a, to: id, arg: w}); }
        }
        const node = {id, op, label: str(c.bp_graph_label_pattern(g, id)), args, value: c.bp_graph_value(g, id),
          grad: c.bp_graph_has_grad(g, id) ? c.bp_graph_grad(g, id) : null};
        if (node.label.includes('{k}')) { // const, scale, add_const: a node with a number
          node.k = c.bp_graph_k(g, id);
          // JavaScript's shortest decimal is bp_format_number's (the parity test holds them together).
          node.label = node.label.replace('{k}', String(Math.abs(node.k)));
        }
        nodes.push(node);
      }
      const inputs = {};
      const grads = {};
      for (let i = 0; i < this.inputs.length; i++) {
        const id = c.bp_graph_input_id(g, i);
        inputs[this.inputs[i]] = nodes[id].value;
        grads[this.inputs[i]] = nodes[id].grad;
      }

      // Steps and warnings straight from memory, at LAYOUT's offsets. Nothing
      // here allocates, so one view of each kind serves them all.
      const ints = i32(), reals = f64();
      const int = (p, at) => ints[(p + at) / 4];
      const real = (p, at) => reals[(p + at) / 8];
      const phase = (p, at) => (int(p, at) === 0 ? 'forward' : 'backward');
      const steps = [];
      for (let i = 0; i < c.bp_graph_num_steps(g); i++) {
        const p = c.bp_graph_step(g, i);
        const node = int(p, STEP.node);
        if (phase(p, STEP.phase) === 'forward') steps.push({phase: 'forward', node, value: real(p, STEP.value)});
        else steps.push({phase: 'backward', node, to: int(p, STEP.to), arg: int(p, STEP.arg), upstream: real(p, STEP.upstream),
          local: real(p, STEP.local), grad: real(p, STEP.grad), total: real(p, STEP.total)});
      }
      for (const s of steps) if (s.phase === 'backward' && nodes[s.node].op === 'sigmoid') s.fig7 = fig7(nodes[s.to].value, s.upstream);
      const warnings = [];
      for (let i = 0; i < c.bp_graph_num_warnings(g); i++) {
        const p = c.bp_graph_warning(g, i);
        warnings.push({node: int(p, WARNING.node), phase: phase(p, WARNING.phase), kind: str(int(p, WARNING.kind)),
          a: real(p, WARNING.a), b: real(p, WARNING.b), value: real(p, WARNING.value)});
      }
      const trace = {graph: str(c.bp_graph_name(g))};
      const expr = str(c.bp_graph_expr(g));
      if (expr != null) trace.expr = expr;
      Object.assign(trace, {inputs, dout, output: nodes[n - 1].value, grads, nodes, edges, steps,
        check: checks, warnings});
      return trace;
    }

    dispose() {
      if (this.ptr) c.bp_graph_free(this.ptr);
      this.ptr = 0;
    }
  }

  // One-shot trace: {graph | expr, expand, inputs, dout} -> trace.
  function trace({graph, expr, expand = false, inputs = {}, dout = 1}) {
    const g = new Graph({graph, expr, expand});
    try {
      return g.trace(inputs, dout);
    } finally {
      g.dispose();
    }
  }

  return {Graph, trace, CoreError, [RAW]: {c, f64}};
}

// Forward and backward only, nothing copied but the output and each
// input's gradient: {output, grads}. For sampling a curve over a graph
// (core.Graph), where trace() (every node, every step, a numeric check
// per input) would cost more. A function of its own, like layer(): a
// bundle that draws no curve leaves it out.
export function evaluate(core, graph, values, dout) {
  const {c} = core[RAW];
  const g = graph.ptr;
  for (const name of graph.inputs) if (values && name in values) graph.set(name, values[name]);
  let status = c.bp_graph_forward(g);
  if (status === 0) status = c.bp_graph_backward(g, dout);
  if (status !== 0) graph.fail(status);
  const grads = {};
  for (let i = 0; i < graph.inputs.length; i++) {
    const id = c.bp_graph_input_id(g, i);
    grads[graph.inputs[i]] = c.bp_graph_has_grad(g, id) ? c.bp_graph_grad(g, id) : null;
  }
  return {output: c.bp_graph_value(g, c.bp_graph_size(g) - 1), grads};
}

// The array layers over JS arrays: copies in, runs forward and backward in
// C, copies out. Returns {out, dx} as Float64Arrays. A function of its own,
// not a method of the core, so that a bundle that draws no curve (the
// element's) leaves it out.
export function layer(core, name, x, dout) {
  const {c, f64} = core[RAW];
  const n = x.length;
  if (dout && dout.length !== n) throw new CoreError(`dout has ${dout.length} numbers but x has ${n}`);
  const bytes = Math.max(n, 1) * 8;
  const px = c.malloc(bytes), pd = c.malloc(bytes), po = c.malloc(bytes), pdx = c.malloc(bytes);
  const pm = c.malloc(Math.max(n, 1));
  try {
    if (!px || !pd || !po || !pdx || !pm) throw new CoreError('out of memory');
    f64().set(x, px / 8);
    if (dout) f64().set(dout, pd / 8); else f64().fill(1, pd / 8, pd / 8 + n);
    if (name === 'relu') {
      c.bp_relu_forward(po, pm, px, n);
      c.bp_relu_backward(pdx, pm, pd, n);
    } else if (name === 'sigmoid') {
      c.bp_sigmoid_forward(po, px, n);
      c.bp_sigmoid_backward(pdx, po, pd, n);
    } else {
      throw new CoreError(`unknown layer '${name}' (expected relu or sigmoid)`);
    }
    const h = f64();
    return {out: h.slice(po / 8, po / 8 + n), dx: h.slice(pdx / 8, pdx / 8 + n)};
  } finally {
    for (const p of [px, pd, po, pdx, pm]) c.free(p);
  }
}

// A matrix: {rows, cols, values} (row-major, values a plain or typed array).
const size = (m) => m.rows * m.cols;
const shapeOf = (m) => `${m.rows}×${m.cols}`;

// One of the book's four layers over matrices, forward then backward, in C:
//
//   matrixLayer(core, {layer: 'affine', x, w, b, dout})
//     -> {out, dx, dw, db, doutAfter}
//   relu -> {out, mask, dx, doutAfter, doutInPlace}; sigmoid -> {out, dx, doutAfter};
//   softmax-loss (t one-hot, or tIndex: one class per row; no dout) -> {y, loss, dx}
//
// Results are matrices {rows, cols, values: Float64Array} (mask's values a
// Uint8Array of 0 and 1); b and db have one row. dout defaults to all ones.
// doutAfter is dout read back from C memory after the core's backward
// (untouched: the core writes dx into a buffer of its own); doutInPlace is
// what the book's ReluLayer.backward leaves in its argument: the same C
// call with dx and dout one buffer, which writes the zeros into dout.
// Shapes are checked here only so that C never reads out of bounds; the
// model (model/layer.js) explains them to the reader first. A function of
// its own, like layer(): only the bundle that draws layers carries it.
export function matrixLayer(core, {layer: name, x, w = null, b = null, t = null, tIndex = null, dout = null}) {
  const {c, f64} = core[RAW];
  const n = x.rows, d = x.cols;
  const m = name === 'affine' ? w?.cols : d;
  const expect = (ok, what) => { if (!ok) throw new CoreError(`${name}: ${what}`); };
  expect(['relu', 'sigmoid', 'affine', 'softmax-loss'].includes(name), 'not a layer (expected relu, sigmoid, affine or softmax-loss)');
  expect(size(x) === x.values.length, `x is ${shapeOf(x)} but holds ${x.values.length} numbers`);
  if (name === 'affine') {
    expect(w && w.rows === d && size(w) === w.values.length, `w must be ${d}×M (x has ${d} columns)`);
    expect(b && b.values.length === m, `b must hold ${m} numbers (w has ${m} columns)`);
  }
  if (name === 'softmax-loss') {
    expect(t ? size(t) === size(x) && t.values.length === size(x) : tIndex?.length === n, 'labels must be one-hot rows shaped as x, or one class index per row');
    expect(!tIndex || [...tIndex].every((k) => Number.isInteger(k) && k >= 0 && k < d), `class indices must be whole numbers from 0 to ${d - 1}`);
  } else if (dout) {
    expect(dout.values.length === n * m, `dout must be ${n}×${m}, as the layer's output`);
  }
  const blocks = [];
  const alloc = (bytes) => {
    const p = c.malloc(Math.max(bytes, 8));
    if (!p) throw new CoreError('out of memory');
    blocks.push(p);
    return p;
  };
  const put = (values) => {
    const p = alloc(values.length * 8);
    f64().set(values, p / 8);
    return p;
  };
  const matrix = (p, rows, cols) => ({rows, cols, values: f64().slice(p / 8, p / 8 + rows * cols)});
  try {
    const px = put(x.values);
    if (name === 'softmax-loss') {
      const py = alloc(n * d * 8), pdx = alloc(n * d * 8);
      const pt = t ? put(t.values) : 0;
      let pi = 0;
      if (!t) {
        pi = alloc(n * 4);
        new Int32Array(f64().buffer).set(tIndex, pi / 4);
      }
      const loss = c.bp_softmax_loss_forward(py, px, pt, pi, n, d);
      c.bp_softmax_loss_backward(pdx, py, pt, pi, n, d);
      return {y: matrix(py, n, d), loss, dx: matrix(pdx, n, d)};
    }
    const pd = dout ? put(dout.values) : put(new Float64Array(n * m).fill(1));
    const po = alloc(n * m * 8), pdx = alloc(n * d * 8);
    const result = {};
    if (name === 'relu') {
      const pm = alloc(n * d);
      c.bp_relu_forward(po, pm, px, n * d);
      c.bp_relu_backward(pdx, pm, pd, n * d);
      result.mask = {rows: n, cols: d, values: new Uint8Array(f64().buffer).slice(pm, pm + n * d)};
      const book = put(f64().slice(pd / 8, pd / 8 + n * d)); // the reader's dout once more (a copy: put may grow memory)
      c.bp_relu_backward(book, pm, book, n * d); // the book's `dout[self.mask] = 0; dx = dout`
      result.doutInPlace = matrix(book, n, d);
    } else if (name === 'sigmoid') {
      c.bp_sigmoid_forward(po, px, n * d);
      c.bp_sigmoid_backward(pdx, po, pd, n * d);
    } else {
      const pw = put(w.values), pb = put(b.values), pdw = alloc(d * m * 8), pdb = alloc(m * 8);
      c.bp_affine_forward(po, px, pw, pb, n, d, m);
      c.bp_affine_backward(pdx, pdw, pdb, px, pw, pd, n, d, m);
      Object.assign(result, {dw: matrix(pdw, d, m), db: matrix(pdb, 1, m)});
    }
    return {out: matrix(po, n, m), ...result, dx: matrix(pdx, n, d), doutAfter: matrix(pd, n, m)};
  } finally {
    for (const p of blocks) c.free(p);
  }
}

// Instantiate the standalone module (build/wasm/backprop-core.wasm: no
// Emscripten JavaScript, exports by their C names) from its bytes, a
// fetch() Response or the module compiled already, and bind it. This
// few-line loader replaces Emscripten's glue, which would weigh more than
// the rest of the page's own code.
export async function instantiateCore(source) {
  const imports = {env: {emscripten_notify_memory_growth() {}}}; // views are made afresh per call
  let bytes = await source;
  if (bytes instanceof WebAssembly.Module) return bindCore(constructed(new WebAssembly.Instance(bytes, imports))); // (page/core-start.js's)
  // (Bytes are tested first: in node, the first look at Response loads its fetch.)
  if (!ArrayBuffer.isView(bytes) && !(bytes instanceof ArrayBuffer) && typeof Response !== 'undefined' && bytes instanceof Response) {
    if (!bytes.ok) throw new CoreError(`could not load the WebAssembly module: HTTP ${bytes.status}`);
    // Not instantiateStreaming: for a module this small, Chromium's streaming
    // path was measured 15-40 ms slower than compiling the bytes (under 1 ms).
    bytes = await bytes.arrayBuffer();
  }
  const {instance} = await WebAssembly.instantiate(bytes, imports);
  return bindCore(constructed(instance));
}

// An instance's exports, its reactor's constructors run.
function constructed(instance) {
  if (instance.exports._initialize) instance.exports._initialize();
  return instance.exports;
}
