// net/net-core.js: the network's WebAssembly module (build/wasm/backprop-net.wasm),
// bound for the network figure and its worker. A module of its own, so that
// a page without a network never downloads it (the graph and layer figures
// use core/core.js). Every number comes from C; this file moves them.
//
// NET_EXPORTS is exactly BP_NET_EXPORTS in CMakeLists.txt.
export const NET_EXPORTS = [
  'malloc', 'free', 'bp_data_generate', 'bp_data_class_counts',
  'bp_net_new', 'bp_net_free', 'bp_net_num_layers', 'bp_net_size', 'bp_net_init', 'bp_net_param', 'bp_net_mask',
  'bp_net_forward', 'bp_net_backward', 'bp_net_input_grad', 'bp_net_train', 'bp_net_predict', 'bp_net_check',
  'bp_net_accuracy', 'bp_net_grad_norm', 'bp_net_histogram', 'bp_net_regions',
];

// backprop.h's enums, by name.
export const DATA_KINDS = ['spiral', 'circles', 'xor', 'gauss', 'moons'];
export const ACTIVATIONS = ['relu', 'sigmoid'];
export const INITS = ['std', 'xavier', 'he'];
const PART = {W: 0, b: 1, dW: 2, db: 3, x: 4, z: 5, dz: 6, y: 7, dx: 8};

export class NetError extends Error {
  constructor(message) {
    super(message);
    this.name = 'NetError';
  }
}

function bind(exports) {
  const missing = NET_EXPORTS.filter((name) => typeof exports[name] !== 'function');
  if (missing.length) throw new NetError(`the network module lacks ${missing.join(', ')}: the page and the module come from different builds`);
  const c = exports;
  const f64 = () => new Float64Array(c.memory.buffer);
  const i32 = () => new Int32Array(c.memory.buffer);
  const u8 = () => new Uint8Array(c.memory.buffer);
  // size_t is 4 bytes in wasm32.
  const u32 = () => new Uint32Array(c.memory.buffer);

  function alloc(bytes) {
    const p = c.malloc(Math.max(bytes, 8));
    if (!p) throw new NetError('out of memory');
    return p;
  }

  // A data set: n points (x: n×2) and their labels, generated in C.
  function generate(kind, n, classes, noise, seed) {
    const k = DATA_KINDS.indexOf(kind);
    const px = alloc(n * 16), pl = alloc(n * 4);
    try {
      if (c.bp_data_generate(px, pl, k, n, classes, noise, BigInt(seed)) !== 0) {
        throw new NetError(`no ${kind} data set with n = ${n}, ${classes} classes and noise ${noise}`);
      }
      return {x: f64().slice(px / 8, px / 8 + 2 * n), label: i32().slice(pl / 4, pl / 4 + n)};
    } finally {
      c.free(px);
      c.free(pl);
    }
  }

  // How many of the labels fall in each of `classes` classes.
  function classCounts(label, classes) {
    const pl = alloc(label.length * 4), pc = alloc(classes * 4);
    try {
      i32().set(label, pl / 4);
      c.bp_data_class_counts(pc, pl, label.length, classes);
      return i32().slice(pc / 4, pc / 4 + classes);
    } finally {
      c.free(pl);
      c.free(pc);
    }
  }

  // A network in C memory with its data set, ready to train.
  class Net {
    constructor({sizes, activation = 'relu', maxBatch = 10}) {
      const ps = alloc(sizes.length * 4);
      i32().set(sizes, ps / 4);
      this.ptr = c.bp_net_new(ps, sizes.length, ACTIVATIONS.indexOf(activation), maxBatch);
      c.free(ps);
      if (!this.ptr) throw new NetError(`no network of sizes ${sizes.join(', ')}`);
      this.sizes = [...sizes];
      this.layers = sizes.length - 1;
      this.maxBatch = maxBatch;
      this.data = null;
      this.step = 0;
    }
    init(how, seed) {
      c.bp_net_init(this.ptr, INITS.indexOf(how), BigInt(seed));
      this.step = 0;
    }
    // The training rows (copied into C memory once) and a fresh run order.
    setData(x, label) {
      this.dropData();
      const n = label.length;
      const px = alloc(n * 16), pl = alloc(n * 4), po = alloc((n + 1) * 4);
      f64().set(x, px / 8);
      i32().set(label, pl / 4);
      u32()[po / 4 + n] = 0;
      this.data = {px, pl, po, n};
      this.step = 0;
    }
    dropData() {
      if (!this.data) return;
      for (const p of [this.data.px, this.data.pl, this.data.po]) c.free(p);
      this.data = null;
    }
    // `steps` SGD steps; returns their losses.
    train(steps, {lr, batch, shuffle = false, seed = 1}) {
      const {px, pl, po, n} = this.data;
      const pLoss = alloc(steps * 8);
      try {
        c.bp_net_train(this.ptr, px, pl, n, po, batch, BigInt(this.step), steps, shuffle ? 1 : 0, BigInt(seed), lr, pLoss);
        this.step += steps;
        return f64().slice(pLoss / 8, pLoss / 8 + steps);
      } finally {
        c.free(pLoss);
      }
    }
    // Class probabilities of any number of points (x: n×2 row-major).
    predict(x) {
      const n = x.length / this.sizes[0], k = this.sizes[this.layers];
      const px = alloc(x.length * 8), pp = alloc(n * k * 8);
      try {
        f64().set(x, px / 8);
        c.bp_net_predict(this.ptr, pp, px, n);
        return f64().slice(pp / 8, pp / 8 + n * k);
      } finally {
        c.free(px);
        c.free(pp);
      }
    }
    // Forward and backward over given rows (at most maxBatch): the loss.
    // With input: the first layer's dx too (part('dx', 0)).
    gradient(x, label, {input = false} = {}) {
      const n = label.length;
      const px = alloc(x.length * 8), pl = alloc(n * 4);
      try {
        f64().set(x, px / 8);
        i32().set(label, pl / 4);
        const loss = c.bp_net_forward(this.ptr, px, pl, n);
        c.bp_net_backward(this.ptr);
        if (input) c.bp_net_input_grad(this.ptr);
        return loss;
      } finally {
        c.free(px);
        c.free(pl);
      }
    }
    // Forward and backward over all the training rows (maxBatch must hold
    // them): the loss, the accuracy and every layer's |dW|, for the panels.
    evaluate() {
      const {px, pl, n} = this.data;
      const loss = c.bp_net_forward(this.ptr, px, pl, n);
      c.bp_net_backward(this.ptr);
      const norms = Array.from({length: this.layers}, (_, l) => c.bp_net_grad_norm(this.ptr, l));
      return {loss, accuracy: c.bp_net_accuracy(this.ptr), norms};
    }
    // Counts of hidden layer l's outputs in `bins` bins over [lo, hi), from
    // the last forward pass (evaluate()'s: every training row).
    histogram(l, lo, hi, bins) {
      const p = alloc(bins * 4);
      try {
        c.bp_net_histogram(this.ptr, l, lo, hi, bins, p);
        return i32().slice(p / 4, p / 4 + bins);
      } finally {
        c.free(p);
      }
    }
    // The decision regions over a w × h grid spanning [x0, x1] × [y0, y1]:
    // each pixel's class and its probability, row 0 at the top.
    regions(x0, x1, y0, y1, w, h) {
      const pc = alloc(w * h), pp = alloc(w * h * 8);
      try {
        c.bp_net_regions(this.ptr, pc, pp, x0, x1, y0, y1, w, h);
        return {cls: u8().slice(pc, pc + w * h), confidence: f64().slice(pp / 8, pp / 8 + w * h)};
      } finally {
        c.free(pc);
        c.free(pp);
      }
    }
    // A part of layer l as a copy: W, b, dW, db (parameters) or x, z, dz,
    // dx, y (the rows of the last forward and backward pass; `rows` of them).
    part(name, l, rows = 1) {
      const p = c.bp_net_param(this.ptr, PART[name], l);
      if (!p) throw new NetError(`no ${name} for layer ${l}`);
      const inSize = this.sizes[l], outSize = this.sizes[name === 'y' ? this.layers : l + 1];
      const count = {W: inSize * outSize, dW: inSize * outSize, b: outSize, db: outSize, x: rows * inSize, dx: rows * inSize}[name] ?? rows * outSize;
      return f64().slice(p / 8, p / 8 + count);
    }
    setPart(name, l, values) {
      const p = c.bp_net_param(this.ptr, PART[name], l);
      if (!p || (name !== 'W' && name !== 'b')) throw new NetError(`cannot write ${name} of layer ${l}`);
      f64().set(values, p / 8);
    }
    // ReLU's mask after hidden layer l (rows × its units), or null.
    mask(l, rows = 1) {
      const p = c.bp_net_mask(this.ptr, l);
      return p ? u8().slice(p, p + rows * this.sizes[l + 1]) : null;
    }
    // The book's check over given rows: mean |numeric − backprop| per W, b.
    check(x, label) {
      const n = label.length;
      const px = alloc(x.length * 8), pl = alloc(n * 4), pd = alloc(2 * this.layers * 8);
      try {
        f64().set(x, px / 8);
        i32().set(label, pl / 4);
        c.bp_net_check(this.ptr, px, pl, n, pd);
        return f64().slice(pd / 8, pd / 8 + 2 * this.layers);
      } finally {
        for (const p of [px, pl, pd]) c.free(p);
      }
    }
    dispose() {
      this.dropData();
      if (this.ptr) c.bp_net_free(this.ptr);
      this.ptr = 0;
    }
  }

  return {Net, generate, classCounts};
}

// Instantiate the network module from its bytes or a fetch() Response.
export async function instantiateNet(source) {
  let bytes = await source;
  if (typeof Response !== 'undefined' && bytes instanceof Response) {
    if (!bytes.ok) throw new NetError(`could not load the network's WebAssembly module: HTTP ${bytes.status}`);
    bytes = await bytes.arrayBuffer();
  }
  const {instance} = await WebAssembly.instantiate(bytes, {env: {emscripten_notify_memory_growth() {}}});
  if (instance.exports._initialize) instance.exports._initialize();
  return bind(instance.exports);
}
