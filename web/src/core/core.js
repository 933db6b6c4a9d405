// core/core.js: the one place that binds the C core's WebAssembly exports.
//
// Every number here comes from C; this file only moves them across. Numbers
// cross as doubles through accessors (not as JSON text), so they arrive bit
// for bit. A bad status becomes a thrown Error carrying the core's message;
// an object that owns C memory has dispose().

const STEP_SIZE = 56; // sizeof(bp_step) in wasm32: 4 ints, then 5 doubles from offset 16
const WARNING_SIZE = 40; // sizeof(bp_warning): node, phase, kind*, pad, then a, b, value
const CHECK_SIZE = 32; // sizeof(bp_check): numeric, analytic, rel_error, step
const EXPAND_SIGMOID = 1;
const MINUS = '\u2212';

export class CoreError extends Error {
  constructor(message, {status = '', column = 0} = {}) {
    super(message);
    this.name = 'CoreError';
    this.status = status;
    this.column = column;
  }
}

// A number as JavaScript prints it, with a real minus sign (labels only).
function signed(v) {
  const s = Object.is(v, -0) ? '-0' : String(v);
  return s.startsWith('-') ? MINUS + s.slice(1) : s;
}

// Labels of the ops that carry a number; the same words as the C core's
// bp_graph_label() (words.c), which the parity test holds them to.
function numberLabel(op, k) {
  if (op === 'const') return signed(k);
  if (op === 'scale') return k < 0 ? `\u00d7(${signed(k)})` : `\u00d7${signed(k)}`;
  if (op === 'add_const') return (Math.sign(1 / k) < 0 || k < 0 ? MINUS : '+') + signed(Math.abs(k));
  return null;
}

const FIXED_LABELS = {
  add: '+', sub: MINUS, mul: '\u00d7', div: '\u00f7', pow: '^', neg: MINUS + 'x', recip: '/',
  sqrt: '\u221a', relu: 'ReLU', sigmoid: '\u03c3',
};

export function bindCore(M) {
  const c = (name) => M['_' + name];
  const str = (ptr) => (ptr ? M.UTF8ToString(ptr) : null);
  const f64 = () => new Float64Array(M.HEAPU8.buffer); // fresh each time: memory may grow
  const i32 = () => new Int32Array(M.HEAPU8.buffer);
  const opNames = [];
  for (let op = 0; ; op++) {
    const name = str(c('bp_op_name')(op));
    if (name === '?') break;
    opNames.push(name);
  }

  // Copy a JS string into C memory; the caller frees.
  function cString(s) {
    const n = M.lengthBytesUTF8(s) + 1;
    const p = c('malloc')(n);
    if (!p) throw new CoreError('out of memory');
    M.stringToUTF8(s, p, n);
    return p;
  }

  function fail(g, status) {
    const message = str(c('bp_graph_error')(g)) || str(c('bp_status_str')(status));
    throw new CoreError(message, {status: str(c('bp_status_str')(status)), column: c('bp_graph_error_column')(g)});
  }

  // A graph in C memory: build it once, then set inputs and trace as often as needed.
  class Graph {
    constructor({graph = 'sigmoid', expr = null, expand = false} = {}) {
      this.ptr = c('bp_graph_new')();
      if (!this.ptr) throw new CoreError('out of memory');
      const text = cString(expr ?? graph);
      const status = expr != null
        ? c('bp_graph_parse')(this.ptr, text, expand ? EXPAND_SIGMOID : 0)
        : c('bp_graph_builtin')(this.ptr, text);
      c('free')(text);
      if (status !== 0) {
        try { fail(this.ptr, status); } finally { this.dispose(); }
      }
      this.inputs = [];
      for (let i = 0; i < c('bp_graph_num_inputs')(this.ptr); i++) this.inputs.push(str(c('bp_graph_input_name')(this.ptr, i)));
    }

    set(name, value) {
      const p = cString(name);
      const status = c('bp_graph_set')(this.ptr, p, value);
      c('free')(p);
      if (status !== 0) fail(this.ptr, status);
    }

    // Forward, backward from dout, and the numeric check of every input: the
    // trace of design.md, with numbers as numbers (NaN and Infinity included).
    trace(values, dout) {
      const g = this.ptr;
      for (const name of this.inputs) if (values && name in values) this.set(name, values[name]);
      // One call: the central difference of every input, then one forward
      // and backward pass, whose steps the trace reads below.
      const checks = {};
      const buf = c('malloc')(CHECK_SIZE * Math.max(1, this.inputs.length));
      try {
        if (!buf) throw new CoreError('out of memory');
        const status = c('bp_graph_check_all')(g, dout, buf);
        if (status !== 0) fail(g, status);
        const h = f64();
        this.inputs.forEach((name, i) => {
          const at = buf / 8 + 4 * i;
          checks[name] = {numeric: h[at], analytic: h[at + 1], rel_error: h[at + 2], step: h[at + 3]};
        });
      } finally {
        c('free')(buf);
      }

      const n = c('bp_graph_size')(g);
      const nodes = [];
      const edges = [];
      for (let id = 0; id < n; id++) {
        const op = opNames[c('bp_graph_op')(g, id)];
        const args = [];
        for (let w = 0; w < 2; w++) {
          const a = c('bp_graph_arg')(g, id, w);
          if (a >= 0) { args.push(a); edges.push({from: a, to: id, arg: w}); }
        }
        const node = {id, op, label: null, args, value: c('bp_graph_value')(g, id),
          grad: c('bp_graph_has_grad')(g, id) ? c('bp_graph_grad')(g, id) : null};
        if (op === 'const' || op === 'scale' || op === 'add_const') node.k = c('bp_graph_k')(g, id);
        node.label = op === 'input' ? null : numberLabel(op, node.k) ?? FIXED_LABELS[op] ?? op;
        nodes.push(node);
      }
      const inputs = {};
      const grads = {};
      for (let i = 0; i < this.inputs.length; i++) {
        const id = c('bp_graph_input_id')(g, i);
        nodes[id].label = this.inputs[i];
        inputs[this.inputs[i]] = nodes[id].value;
        grads[this.inputs[i]] = nodes[id].grad;
      }

      const steps = [];
      for (let i = 0; i < c('bp_graph_num_steps')(g); i++) {
        const p = c('bp_graph_step')(g, i);
        const w = i32(), h = f64();
        const phase = w[p / 4] === 0 ? 'forward' : 'backward';
        const node = w[p / 4 + 1];
        if (phase === 'forward') steps.push({phase, node, value: h[p / 8 + 2]});
        else steps.push({phase, node, to: w[p / 4 + 2], arg: w[p / 4 + 3], upstream: h[p / 8 + 3],
          local: h[p / 8 + 4], grad: h[p / 8 + 5], total: h[p / 8 + 6]});
      }
      const warnings = [];
      for (let i = 0; i < c('bp_graph_num_warnings')(g); i++) {
        const p = c('bp_graph_warning')(g, i);
        const w = i32(), h = f64();
        warnings.push({node: w[p / 4], phase: w[p / 4 + 1] === 0 ? 'forward' : 'backward',
          kind: str(w[p / 4 + 2]), a: h[p / 8 + 2], b: h[p / 8 + 3], value: h[p / 8 + 4]});
      }
      const trace = {graph: str(c('bp_graph_name')(g))};
      const expr = str(c('bp_graph_expr')(g));
      if (expr != null) trace.expr = expr;
      Object.assign(trace, {inputs, dout, output: nodes[n - 1].value, grads, nodes, edges, steps,
        check: checks, warnings});
      return trace;
    }

    // Forward and backward only, nothing copied but the output and each
    // input's gradient: {output, grads}. For sampling a curve, where trace()
    // (every node, every step, a numeric check per input) would cost more.
    evaluate(values, dout) {
      const g = this.ptr;
      for (const name of this.inputs) if (values && name in values) this.set(name, values[name]);
      let status = c('bp_graph_forward')(g);
      if (status === 0) status = c('bp_graph_backward')(g, dout);
      if (status !== 0) fail(g, status);
      const grads = {};
      for (let i = 0; i < this.inputs.length; i++) {
        const id = c('bp_graph_input_id')(g, i);
        grads[this.inputs[i]] = c('bp_graph_has_grad')(g, id) ? c('bp_graph_grad')(g, id) : null;
      }
      return {output: c('bp_graph_value')(g, c('bp_graph_size')(g) - 1), grads};
    }

    dispose() {
      if (this.ptr) c('bp_graph_free')(this.ptr);
      this.ptr = 0;
    }
  }

  // The array layers over JS arrays: copies in, runs forward and backward in
  // C, copies out. Returns {out, dx} as Float64Arrays.
  function layer(name, x, dout) {
    const n = x.length;
    if (dout && dout.length !== n) throw new CoreError(`dout has ${dout.length} numbers but x has ${n}`);
    const bytes = Math.max(n, 1) * 8;
    const px = c('malloc')(bytes), pd = c('malloc')(bytes), po = c('malloc')(bytes), pdx = c('malloc')(bytes);
    const pm = c('malloc')(Math.max(n, 1));
    try {
      if (!px || !pd || !po || !pdx || !pm) throw new CoreError('out of memory');
      f64().set(x, px / 8);
      if (dout) f64().set(dout, pd / 8); else f64().fill(1, pd / 8, pd / 8 + n);
      if (name === 'relu') {
        c('bp_relu_forward')(po, pm, px, n);
        c('bp_relu_backward')(pdx, pm, pd, n);
      } else if (name === 'sigmoid') {
        c('bp_sigmoid_forward')(po, px, n);
        c('bp_sigmoid_backward')(pdx, po, pd, n);
      } else {
        throw new CoreError(`unknown layer '${name}' (expected relu or sigmoid)`);
      }
      const h = f64();
      return {out: h.slice(po / 8, po / 8 + n), dx: h.slice(pdx / 8, pdx / 8 + n)};
    } finally {
      for (const p of [px, pd, po, pdx, pm]) c('free')(p);
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

  return {Graph, layer, trace, CoreError};
}

// Load the module from an Emscripten factory (createBackprop) and bind it.
export async function loadCore(factory, moduleOptions = {}) {
  const M = await factory(moduleOptions);
  return bindCore(M);
}

// Instantiate the standalone module (build/wasm/backprop-core.wasm: no
// Emscripten JavaScript, exports by their C names) from its bytes or from a
// fetch() Response, and bind it. This few-line loader replaces Emscripten's
// glue, which would weigh more than the rest of the page's own code.
export async function instantiateCore(source) {
  const imports = {env: {emscripten_notify_memory_growth() {}}}; // views are made afresh per call
  let bytes = await source;
  if (typeof Response !== 'undefined' && bytes instanceof Response) {
    if (!bytes.ok) throw new CoreError(`could not load the WebAssembly module: HTTP ${bytes.status}`);
    // Not instantiateStreaming: for a module this small, Chromium's streaming
    // path was measured 15-40 ms slower than compiling the bytes (under 1 ms).
    bytes = await bytes.arrayBuffer();
  }
  const {instance} = await WebAssembly.instantiate(bytes, imports);
  const e = instance.exports;
  if (e._initialize) e._initialize(); // the reactor's constructors
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const M = {
    get HEAPU8() { return new Uint8Array(e.memory.buffer); },
    UTF8ToString(ptr) {
      const heap = new Uint8Array(e.memory.buffer);
      let end = ptr;
      while (heap[end]) end++;
      return decoder.decode(heap.subarray(ptr, end));
    },
    lengthBytesUTF8: (s) => encoder.encode(s).length,
    stringToUTF8(s, ptr, size) {
      const {written} = encoder.encodeInto(s, new Uint8Array(e.memory.buffer, ptr, size - 1));
      new Uint8Array(e.memory.buffer)[ptr + written] = 0;
    },
  };
  for (const [name, value] of Object.entries(e)) if (typeof value === 'function') M['_' + name] = value;
  return bindCore(M);
}
