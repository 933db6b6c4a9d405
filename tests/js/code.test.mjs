// The code view, Fig. 7's derivation and the nodes' explanations (the code
// chunk): the C lines it shows are the core's own, word for word; the
// Python classes are the reference post's; every value a listing shows is
// the trace's (the WebAssembly core's, against hand-derived numbers).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {instantiateCore} from '../../web/src/core/core.js';
import {C_CASES, C_FILES, cListing, PYTHON_CLASSES, PYTHON_LAYERS, C_LAYERS, C_HEADER} from '../../web/src/figure/code-source.js';
import {listing, layerListing} from '../../web/src/figure/code-view.js';
import {matrixLayer} from '../../web/src/core/core.js';
import {layerSteps} from '../../web/src/model/layer.js';
import {explainNode} from '../../web/src/figure/explain.js';
import {fig7Text, fig7HTML} from '../../web/src/views/fig7.js';
import {codeWords, CODE_WORDS} from '../../web/src/words/code.js';
import {translator} from '../../web/src/words/figure.js';
import {withSymbols} from '../../web/src/model/symbols.js';
import {OPS} from '../../web/src/words/ops.js';
import {formatNumber} from '../../web/src/model/number.js';

const root = new URL('../../', import.meta.url);
const wasm = fileURLToPath(new URL('build/wasm/backprop-core.wasm', root));
const needsCore = {skip: !existsSync(wasm) && 'build/wasm/backprop-core.wasm is missing: run ./dev build'};
const core = existsSync(wasm) ? await instantiateCore(readFileSync(wasm)) : null;
const en = codeWords(translator('en'));
const ko = codeWords(translator('ko'));
const fmt = (v) => formatNumber(v);

test('every C line shown occurs in core/src, as a whole line', () => {
  const source = new Set(C_FILES.flatMap((f) => readFileSync(new URL(f, root), 'utf8').split('\n')));
  const every = cListing(Object.keys(C_CASES));
  assert.ok(every.length > 40);
  for (const line of every) if (!line.label) assert.ok(source.has(line.text), `not in ${C_FILES.join(' or ')}: ${line.text}`);
  // Each of the core's ops with a case has one here, and none is made up.
  const ops = Object.keys(OPS).filter((op) => op !== 'input' && op !== 'const');
  assert.deepEqual(Object.keys(C_CASES).sort(), ops.sort());
});

test('the Python classes are the reference post\'s, line for line', () => {
  // bench/numpy_ref.py carries the post's code verbatim (less blank lines and one comment).
  const ref = readFileSync(new URL('bench/numpy_ref.py', root), 'utf8').split('\n');
  for (const [name, lines] of Object.entries(PYTHON_CLASSES)) {
    const code = lines.map(([text]) => text.replace(/ # .*$/, '')).filter((text) => text.trim());
    const at = ref.indexOf(code[0]);
    assert.ok(at >= 0, name);
    assert.deepEqual(ref.slice(at, at + code.length), code, name);
  }
  assert.equal(PYTHON_CLASSES.relu[2][0], '        self.mask = None # boolean numpy array. true when x <= 0, false when others');
});

test('the layers\' Python: the post\'s two classes, the book\'s Affine and SoftmaxWithLoss as the numpy benchmark runs them', () => {
  assert.equal(PYTHON_LAYERS.relu, PYTHON_CLASSES.relu);
  assert.equal(PYTHON_LAYERS.sigmoid, PYTHON_CLASSES.sigmoid);
  const bench = ['bench/numpy_ref.py', 'bench/numpy_matrix.py'].flatMap((f) => readFileSync(new URL(f, root), 'utf8').split('\n'));
  for (const name of ['affine', 'softmax-loss']) {
    // Each line in the benchmark's order; the listing leaves out the attributes' None.
    let at = bench.indexOf(PYTHON_LAYERS[name][0][0]);
    assert.ok(at >= 0, name);
    for (const [text] of PYTHON_LAYERS[name].slice(1)) {
      if (!text) continue;
      const next = bench.indexOf(text, at + 1);
      assert.ok(next > at && next - at <= 6, `${name}: ${text}`);
      at = next;
    }
  }
});

test('the layers\' C: the core\'s header, each comment and prototype as a block of its lines', () => {
  const header = readFileSync(new URL(C_HEADER, root), 'utf8').split('\n');
  for (const [layer, calls] of Object.entries(C_LAYERS)) {
    for (const [, lines] of calls) {
      const last = lines[lines.length - 1];
      const at = header.indexOf(last);
      assert.ok(at >= 0, `${layer}: ${last}`);
      assert.deepEqual(header.slice(at - lines.length + 1, at + 1), lines, layer);
    }
  }
});

// A listing as text: each line, its value comment, * where it runs, > the current one.
const shown = (L) => L.lines.map((l) => `${l.key === L.current ? '>' : L.hot.includes(l.key) ? '*' : ' '}${l.text}${
  l.key && L.values[l.key] ? `  # ${L.values[l.key]}` : ''}`);

test('ReluLayer at x = 0.5 and -1: the mask, out and dx from C\'s array layer, the lines that run', needsCore, () => {
  const trace = core.trace({graph: 'relu', inputs: {x: 0.5}, dout: 1.5});
  const at1 = shown(listing('python', trace, 1, {fmt, core}));
  assert.deepEqual(at1.slice(4, 9), [
    '     def forward(self, x):  # x = [0.5000]',
    '*        self.mask = (x <= 0)  # mask = [False]',
    '*        out = x.copy()  # out = [0.5000]',
    '>        out[self.mask] = 0  # out = [0.5000]',
    '         return out',
  ]);
  assert.equal(at1[10], '     def backward(self, dout):'); // not run yet: no value
  const neg = shown(listing('python', core.trace({graph: 'relu', inputs: {x: -1}, dout: 1.5}), 2, {fmt, core}));
  assert.deepEqual(neg.slice(5, 14).filter((l) => /[*>]/.test(l[0])), [
    '*        dout[self.mask] = 0  # dout = [0]',
    '>        dx = dout  # dx = [0]',
  ]);
  assert.equal(neg[5], '         self.mask = (x <= 0)  # mask = [True]');
  assert.equal(neg[10], '     def backward(self, dout):  # dout = [1.5000]');
});

test('SigmoidLayer and the C lines at each step of the sigmoid', needsCore, () => {
  const trace = core.trace({graph: 'sigmoid', inputs: {x: 0.5}, dout: 1});
  assert.deepEqual(shown(listing('python', trace, 2, {fmt, core})).filter((l) => l[0] !== ' '),
    ['>        dx = dout * self.out * (1.0 - self.out)  # dx = [0.2350]']);
  const c1 = shown(listing('c', trace, 1, {fmt, core}));
  assert.deepEqual(c1.filter((l) => l[0] !== ' '), [
    '>        node->value = eval_node(g, node);  # σ: value = 0.6225',
    '*    case BP_OP_SIGMOID: return bp_sigmoid(a);  # a = 0.5000',
    '*    return 1.0 / (1.0 + bp_exp(-x));  # x = 0.5000',
  ]);
  const c2 = shown(listing('c', trace, 2, {fmt, core}));
  assert.deepEqual(c2.filter((l) => l[0] !== ' '), [
    '*            double upstream = node->grad;  # upstream = 1',
    '*            double local = local_derivative(g, node, which);  # local = 0.2350',
    '>            double contribution = upstream * local;  # contribution = 0.2350',
    '*            g->nodes[to].grad += contribution;  # x: grad = 0.2350',
    '*    case BP_OP_SIGMOID: return y * bp_sigmoid(-a); /* y (1 - y): 1 - y is sigma(-a) */  # a = 0.5000, y = 0.6225',
  ]);
  assert.deepEqual(shown(listing('c', trace, 0, {fmt, core})).filter((l) => l[0] !== ' '), []);
});

test('C: a case of several lines is shown whole, and tanh\'s slope with the helper that computes it', needsCore, () => {
  // 0 ^ 2 = 0, and 0 ^ y stays 0 for y > 0: ∂f/∂y = 0 (y · log 0 would be 0 · −∞, NaN).
  const pow = withSymbols(core.trace({expr: 'x^y', inputs: {x: 0, y: 2}, dout: 1}));
  const P = shown(listing('c', pow, 3, {fmt, core}));
  assert.deepEqual(P.slice(P.findIndex((l) => l.includes('case BP_OP_POW: /*'))), [
    '*    case BP_OP_POW: /* a ^ 0, and 0 ^ b for b >= 0, stay put: 0, not 0 * Infinity */  # a = 0, b = 2, y = 0',
    '*        if (which == 0) return b == 0 ? 0 : b * pow(a, b - 1);',
    '*        return a == 0 && b >= 0 ? 0 : y * log(a);',
  ]);
  assert.ok(P.includes('*            double local = local_derivative(g, node, which);  # local = 0'));
  // tanh'(20) = 4 e^−40 / (1 + e^−40)² = 1.6993e−17, where 1 − tanh(20)² is 0.
  const tanh = withSymbols(core.trace({expr: 'tanh(x)', inputs: {x: 20}, dout: 1}));
  const L = shown(listing('c', tanh, 2, {fmt, core}));
  assert.ok(L.includes('*            double local = local_derivative(g, node, which);  # local = 1.699e-17'));
  assert.deepEqual(L.slice(L.indexOf(' /* tanh_derivative() */')), [
    ' /* tanh_derivative() */',
    ' static double tanh_derivative(double a) {',
    '*    double t = bp_exp(-2 * fabs(a));  # a = 20',
    '*    return 4 * t / ((1 + t) * (1 + t));',
  ]);
});

test('a step graph and an expression in Python: one line per step, the chain rule back', needsCore, () => {
  const steps = core.trace({graph: 'sigmoid-steps', inputs: {x: 0.5}, dout: 1});
  const L = shown(listing('python', steps, 5, {fmt, core}));
  assert.deepEqual(L, [
    ' # forward',
    ' q1 = -1 * x  # ×(-1): q1 = -0.5000',
    ' q2 = np.exp(q1)  # exp: q2 = 0.6065',
    ' q3 = q2 + 1  # +1: q3 = 1.6065',
    ' y = 1 / q3  # /: y = 0.6225',
    ' # backward',
    ' dy = dout  # dout = 1',
    '>dq3 = dy * (-y ** 2)  # /: dq3 = -0.3875',
    ' dq2 = dq3 * 1',
    ' dq1 = dq2 * np.exp(q1)',
    ' dx = dq1 * -1',
  ]);
  // (x*y + x): x is used twice, its gradient gathered with +=.
  const expr = withSymbols(core.trace({expr: 'x*y + x', inputs: {x: 3, y: -2}, dout: 1}));
  const E = shown(listing('python', expr, expr.steps.length, {fmt, core}));
  assert.deepEqual(E.slice(1, 3), [' q = x * y  # q = -6', ' f = q + x  # f = -3']);
  assert.deepEqual(E.slice(5), [' dq = df * 1  # dq = 1', ' dx = df * 1  # dx = 1', ' dx += dq * y  # dx = -1', '>dy = dq * x  # dy = 3']);
});

test('Fig. 7 and Eq. (6): the C core\'s parts, laid out', needsCore, () => {
  const trace = core.trace({graph: 'sigmoid', inputs: {x: 0.5}, dout: 1});
  const f = trace.steps[1].fig7;
  // x = 0.5 by hand: exp(-0.5) = 0.6065306597126334, y = 0.6224593312018546, y² exp(-x) = 0.2350037122015945.
  assert.equal(f.exp_neg_x, 0.6065306597126334);
  assert.equal(f.y, 0.6224593312018546);
  assert.ok(Math.abs(f.local - 0.2350037122015945) <= 1e-16);
  assert.equal(f.grad, f.local);
  assert.equal(fig7Text(trace, 2, fmt), '∂L/∂x = ∂L/∂y · y² · exp(−x) = 1 · 0.6225² · 0.6065 = 1 · 0.3875 · 0.6065 = 0.2350');
  assert.equal(fig7Text(trace, 1, fmt), 'y = σ(x) = 1/(1 + exp(−x)) = σ(0.5000) = 0.6225'); // elsewhere: the usual line
  const html = fig7HTML(trace, 2, en, fmt);
  for (const label of ['Fig. 7: ∂L/∂x = ∂L/∂y · y² · exp(−x) = 1 · 0.6225² · 0.6065 = 1 · 0.3875 · 0.6065 = 0.2350',
    'Eq. (6), line 1: ∂L/∂y · y² · exp(−x) = ∂L/∂y · 1/(1 + exp(−x))² · exp(−x) = 1 · 1/1.6065² · 0.6065',
    'Eq. (6), line 2: ∂L/∂y · 1/(1 + exp(−x)) · exp(−x)/(1 + exp(−x)) = 1 · 0.6225 · 0.3775',
    'Eq. (6), line 3: ∂L/∂y · y(1 − y) = 1 · 0.6225 · (1 − 0.6225) = 0.2350']) assert.ok(html.includes(`aria-label="${label}"`), label);
  assert.match(html, /data-fig7-grad="0\.235003712201594\d*" data-grad="0\.2350037122015945"/);
  assert.equal(fig7HTML(core.trace({graph: 'sigmoid-steps', inputs: {x: 0.5}, dout: 1}), 8, en, fmt), '');
  // x = -800: 0 · ∞ is NaN in Fig. 7's form, 0 in Eq. (6)'s; the note says so.
  const far = core.trace({graph: 'sigmoid', inputs: {x: -800}, dout: 1});
  assert.ok(fig7HTML(far, 2, ko, fmt).includes(CODE_WORDS.ko.fig7Stable));
});

test('node explanations: the rule, the derivative and why, in both languages', needsCore, () => {
  const steps = core.trace({graph: 'sigmoid-steps', inputs: {x: 0.5}, dout: 1});
  assert.match(explainNode(steps, 4, en), /^\/: y = 1\/x, so ∂y\/∂x = −1\/x² = −y²\. 1\/x = x⁻¹/);
  assert.match(explainNode(steps, 4, ko), /^\/: y = 1\/x, 따라서 ∂y\/∂x = −1\/x² = −y²\. /);
  assert.match(explainNode(steps, 2, en), /^exp: y = exp\(x\), so ∂y\/∂x = exp\(x\) = y\. exp is its own derivative/);
  assert.match(explainNode(steps, 0, en), /^x: an input\./);
  const fused = core.trace({graph: 'sigmoid', inputs: {x: 0.5}, dout: 1});
  assert.match(explainNode(fused, 1, en), /^σ: y = σ\(x\) = 1\/\(1 \+ exp\(−x\)\), so ∂y\/∂x = y² · exp\(−x\) = y\(1 − y\)\./);
  const expr = withSymbols(core.trace({expr: '(x+y)*z', inputs: {x: -2, y: 5, z: -4}, dout: 1}));
  assert.equal(explainNode(expr, 4, en).split('. ')[0], 'f (×): f = q · z, so ∂f/∂q = z and ∂f/∂z = q');
  const two = withSymbols(core.trace({expr: '2*x', inputs: {x: 1}, dout: 1}));
  assert.equal(explainNode(two, two.nodes.length - 1, en).split('. ')[0], 'f (×): f = 2 · x, so ∂f/∂x = 2'); // no ∂f/∂2
  // Every op has its why in both languages.
  for (const lang of ['en', 'ko']) assert.deepEqual(Object.keys(CODE_WORDS[lang].why).sort(), Object.keys(C_CASES).sort());
});

// A layer spec of small matrices, its C result and its steps.
const M = (rows, cols, ...values) => ({rows, cols, values: Float64Array.from(values)});
const layerOf = (spec) => {
  const full = {w: null, b: null, t: null, tIndex: null, dout: null, ...spec};
  return {spec: full, result: matrixLayer(core, full), steps: layerSteps(full)};
};

test('a layer\'s code view: the step\'s cells on the line that writes them, numbers from C against hand-derived ones', needsCore, () => {
  // out = x·W + b = [1·1 + 2·0.5 + 0.1, 0 + 2·2 + 0.2, −1 + 2·1 + 0.3] = [2.1, 4.2, 1.3];
  // dout of ones: dx = dout·Wᵀ = [1 + 0 − 1, 0.5 + 2 + 1] = [0, 3.5], dW = xᵀ·dout, db = [1, 1, 1].
  const affine = layerOf({layer: 'affine', x: M(1, 2, 1, 2), w: M(2, 3, 1, 0, -1, 0.5, 2, 1), b: M(1, 3, 0.1, 0.2, 0.3)});
  const hot = (lang, step, layer = affine) => shown(layerListing(lang, layer, step, {fmt})).filter((l) => l[0] !== ' ');
  assert.deepEqual(hot('python', 2), ['>        out = np.dot(x, self.W) + self.b  # out[1] = 4.2000']);
  assert.deepEqual(hot('python', 5), ['>        dx = np.dot(dout, self.W.T)  # dx[1] = 3.5000']);
  assert.deepEqual(hot('python', 11), ['>        self.dW = np.dot(self.x.T, dout)  # dW[1, 2] = 2']);
  assert.deepEqual(hot('python', 12), ['>        self.db = np.sum(dout, axis=0)  # db[0] = 1']);
  const at5 = shown(layerListing('python', affine, 5, {fmt}));
  assert.equal(at5[5], '     def forward(self, x):  # x.shape = (2,)');
  assert.equal(at5[10], '     def backward(self, dout):  # dout.shape = (3,)');
  assert.deepEqual(hot('c', 3), ['>                       size_t n, size_t d, size_t m);  # out[2] = 1.3000']);
  assert.deepEqual(hot('c', 4), ['>                        const double *dout, size_t n, size_t d, size_t m);  # dx[0] = 0']);
  assert.deepEqual(hot('python', 0), []);

  // x = [0, 0], t = [1, 0]: y = [0.5, 0.5], loss = −log 0.5 = 0.6931, dx = (y − t)/1 = [−0.5, 0.5].
  const loss = layerOf({layer: 'softmax-loss', x: M(1, 2, 0, 0), t: M(1, 2, 1, 0)});
  assert.deepEqual(hot('python', 1, loss), ['>        self.y = softmax(x)  # y = [0.5000, 0.5000]']);
  assert.deepEqual(hot('python', 2, loss), ['>        self.loss = cross_entropy_error(self.y, self.t)  # loss = 0.6931']);
  assert.deepEqual(hot('python', 3, loss), ['>        dx = (self.y - self.t) / batch_size  # dx = [-0.5000, 0.5000]']);
  assert.deepEqual(hot('c', 2, loss), ['>                               size_t n, size_t k);  # return: loss = 0.6931']);
  assert.deepEqual(hot('c', 3, loss), ['>                              size_t n, size_t k);  # dx[0..1] = {-0.5000, 0.5000}']);

  // ReLU over x = [0.5, −1], dout = [2, 3]: the second cell is masked, forward and back.
  const relu = layerOf({layer: 'relu', x: M(1, 2, 0.5, -1), dout: M(1, 2, 2, 3)});
  assert.deepEqual(hot('python', 2, relu), [
    '*        self.mask = (x <= 0)  # mask[1] = True',
    '*        out = x.copy()  # out[1] = -1',
    '>        out[self.mask] = 0  # out[1] = 0',
  ]);
  assert.deepEqual(hot('python', 3, relu), ['*        dout[self.mask] = 0  # dout[0] = 2', '>        dx = dout  # dx[0] = 2']);
  assert.deepEqual(hot('python', 4, relu), ['*        dout[self.mask] = 0  # dout[1] = 0', '>        dx = dout  # dx[1] = 0']);
  assert.deepEqual(hot('c', 4, relu), ['>void bp_relu_backward(double *dx, const unsigned char *mask, const double *dout, size_t n);  # dx[1] = 0']);
  // A batch (a matrix) has two indices, numpy's way; a row of softmax is y[i].
  const batch = layerOf({layer: 'softmax-loss', x: M(2, 2, 0, 0, 1, 1), t: M(2, 2, 1, 0, 0, 1)});
  assert.deepEqual(hot('python', 2, batch), ['>        self.y = softmax(x)  # y[1] = [0.5000, 0.5000]']);
  assert.equal(shown(layerListing('python', batch, 1, {fmt}))[1], '     def forward(self, x, t):  # x.shape = (2, 2)');
  // x = [0, 0] and [1, 1], each against its label: loss = −log 0.5; dx = (y − t)/2.
  assert.deepEqual(hot('python', 4, batch), ['>        dx = (self.y - self.t) / batch_size  # dx[0] = [-0.2500, 0.2500]']);
  assert.deepEqual(hot('c', 5, batch), ['>                              size_t n, size_t k);  # dx[2..3] = {0.2500, -0.2500}']);
  const relu2 = layerOf({layer: 'relu', x: M(2, 2, 1, -0.5, -2, 3), dout: M(2, 2, 1, 1, 1, 1)});
  assert.deepEqual(hot('python', 7, relu2), ['*        dout[self.mask] = 0  # dout[1, 0] = 0', '>        dx = dout  # dx[1, 0] = 0']);
  // The notes say whose code it is.
  assert.match(en(...layerListing('python', affine, 1, {fmt}).note), /^The book’s Affine class/);
  assert.match(en(...layerListing('c', affine, 1, {fmt}).note), /core\/include\/backprop\.h/);
  assert.match(ko(...layerListing('python', relu, 1, {fmt}).note), /ReluLayer/);
});
