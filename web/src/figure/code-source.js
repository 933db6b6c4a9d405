// figure/code-source.js: the code the code view shows, as data. The C lines
// are the core's own, copied from core/src/graph.c and core/src/elementary.c
// (tests/js/code.test.mjs checks that each still occurs there, line for
// line, so the excerpt cannot drift); the Python classes are the reference
// post's, quoted exactly (the same test checks them against the post).
//
// A listing is a list of lines {text, key?, label?}: key names the line for
// the step that runs it and the value it shows; label marks a line that is
// ours (a file's name), not the source's.

// The reference post's classes ("Backpropagation-3", after "Deep Learning
// from Scratch"), each line keyed where the code view shows a value.
export const PYTHON_CLASSES = {
  relu: [
    ['class ReluLayer:'],
    ['    def __init__(self):'],
    ['        self.mask = None # boolean numpy array. true when x <= 0, false when others'],
    [''],
    ['    def forward(self, x):', 'x'],
    ['        self.mask = (x <= 0)', 'mask'],
    ['        out = x.copy()', 'copy'],
    ['        out[self.mask] = 0', 'out'],
    ['        return out', 'forward'],
    [''],
    ['    def backward(self, dout):', 'dout'],
    ['        dout[self.mask] = 0', 'masked'],
    ['        dx = dout', 'dx'],
    ['        return dx', 'backward'],
  ],
  sigmoid: [
    ['class SigmoidLayer:'],
    ['    def __init__(self):'],
    ['        self.out = None'],
    [''],
    ['    def forward(self, x):', 'x'],
    ['        self.out = 1 / (1 + np.exp(-x))', 'out'],
    ['        return self.out', 'forward'],
    [''],
    ['    def backward(self, dout):', 'dout'],
    ['        dx = dout * self.out * (1.0 - self.out)', 'dx'],
    ['        return dx', 'backward'],
  ],
};
export const PYTHON_NAMES = {relu: 'ReluLayer', sigmoid: 'SigmoidLayer'};

// Per op: its name in C (BP_OP_<name>), then its case in eval_node (the
// forward) and in local_derivative, each the text after `case BP_OP_<name>: `
// (local_derivative's: the lines after it too, where the case has more).
export const C_CASES = {
  scale: ['SCALE', 'return node->k * a;', 'return node->k;'],
  add_const: ['ADD_CONST', 'return a + node->k;', 'return 1;'],
  add: ['ADD', 'return a + b;', 'return 1;'],
  sub: ['SUB', 'return a - b;', 'return which == 0 ? 1 : -1;'],
  mul: ['MUL', 'return a * b;', 'return which == 0 ? b : a; /* the inputs swapped */'],
  div: ['DIV', 'return a / b;', 'return which == 0 ? 1.0 / b : -y / b;'],
  pow: ['POW', 'return pow(a, b);', ['/* a ^ 0, and 0 ^ b for b >= 0, stay put: 0, not 0 * Infinity */',
    '        if (which == 0) return b == 0 ? 0 : b * pow(a, b - 1);', '        return a == 0 && b >= 0 ? 0 : y * log(a);']],
  neg: ['NEG', 'return -a;', 'return -1;'],
  exp: ['EXP', 'return bp_exp(a);', 'return y;'],
  log: ['LOG', 'return log(a);', 'return 1.0 / a;'],
  sqrt: ['SQRT', 'return sqrt(a);', 'return 0.5 / y;'],
  recip: ['RECIP', 'return 1.0 / a;', 'return -(y * y);'],
  tanh: ['TANH', 'return tanh(a);', 'return tanh_derivative(a);'],
  sin: ['SIN', 'return sin(a);', 'return cos(a);'],
  cos: ['COS', 'return cos(a);', 'return -sin(a);'],
  abs: ['ABS', 'return fabs(a);', 'return a > 0 ? 1 : a < 0 ? -1 : 0;'],
  relu: ['RELU', 'return a <= 0 ? 0.0 : a; /* NaN passes, as in the array layer */', "return a <= 0 ? 0 : 1; /* the layer's mask a <= 0: 0 at 0, NaN passes */"],
  sigmoid: ['SIGMOID', 'return bp_sigmoid(a);', 'return y * bp_sigmoid(-a); /* y (1 - y): 1 - y is sigma(-a) */'],
};

export const C_FILES = ['core/src/graph.c', 'core/src/elementary.c'];

// The C listing for a graph whose ops (in first use) are `ops`: the forward
// loop and eval_node's cases for those ops (bp_sigmoid's body too, where a
// sigmoid is fused), then the backward loop and local_derivative's cases.
export function cListing(ops) {
  const line = (text, key) => ({text, key});
  const label = (text) => ({text: `/* ${text} */`, label: true});
  const lines = [
    label('core/src/graph.c, run_forward()'),
    line('    for (int i = 0; i < g->n; i++) {'),
    line('        bp_node *node = &g->nodes[i];'),
    line('        node->value = eval_node(g, node);', 'eval'),
    label('eval_node()'),
    line('    switch (node->op) {'),
    ...ops.map((op) => line(`    case BP_OP_${C_CASES[op][0]}: ${C_CASES[op][1]}`, `forward:${op}`)),
  ];
  if (ops.includes('sigmoid')) {
    lines.push(label('core/src/elementary.c, bp_sigmoid()'), line('double bp_sigmoid(double x)'),
      line('    return 1.0 / (1.0 + bp_exp(-x));', 'sigmoid'));
  }
  lines.push(
    label('core/src/graph.c, bp_graph_backward()'),
    line('    for (int i = g->n - 1; i >= 0; i--) {'),
    line('        const bp_node *node = &g->nodes[i];'),
    line('        for (int which = 0; which < 2; which++) {'),
    line('            int to = which == 0 ? node->a : node->b;'),
    line('            double upstream = node->grad;', 'upstream'),
    line('            double local = local_derivative(g, node, which);', 'local'),
    line('            double contribution = upstream * local;', 'contribution'),
    line('            g->nodes[to].grad += contribution;', 'total'),
    label('local_derivative()'),
    line('    double y = node->value;'),
    line('    switch (node->op) {'),
    ...ops.flatMap((op) => {
      const [first, ...more] = [C_CASES[op][2]].flat();
      return [line(`    case BP_OP_${C_CASES[op][0]}: ${first}`, `local:${op}`), ...more.map((text) => line(text, `local:${op}+`))];
    }),
  );
  if (ops.includes('tanh')) {
    lines.push(label('tanh_derivative()'), line('static double tanh_derivative(double a) {'),
      line('    double t = bp_exp(-2 * fabs(a));', 'tanh-slope'), line('    return 4 * t / ((1 + t) * (1 + t));', 'tanh-slope+'));
  }
  return lines;
}

// ------------------------------------------------------------------ layers

// The layer figure's Python: the reference post's two classes above, and
// the book's Affine and SoftmaxWithLoss as the benchmarks run them in numpy
// (bench/numpy_ref.py, bench/numpy_matrix.py: tests/js/code.test.mjs checks
// them there, line for line). Keyed as the post's: a line's key names the
// grid it writes (the layer steps' grid), or x, dout for the signatures.
export const PYTHON_LAYERS = {
  relu: PYTHON_CLASSES.relu,
  sigmoid: PYTHON_CLASSES.sigmoid,
  affine: [
    ['class Affine:'],
    ['    def __init__(self, W, b):'],
    ['        self.W = W'],
    ['        self.b = b'],
    [''],
    ['    def forward(self, x):', 'x'],
    ['        self.x = x'],
    ['        out = np.dot(x, self.W) + self.b', 'out'],
    ['        return out'],
    [''],
    ['    def backward(self, dout):', 'dout'],
    ['        dx = np.dot(dout, self.W.T)', 'dx'],
    ['        self.dW = np.dot(self.x.T, dout)', 'dw'],
    ['        self.db = np.sum(dout, axis=0)', 'db'],
    ['        return dx'],
  ],
  'softmax-loss': [
    ['class SoftmaxWithLoss:'],
    ['    def forward(self, x, t):', 'x'],
    ['        self.t = t'],
    ['        self.y = softmax(x)', 'y'],
    ['        self.loss = cross_entropy_error(self.y, self.t)', 'loss'],
    ['        return self.loss'],
    [''],
    ['    def backward(self, dout=1):'],
    ['        batch_size = self.t.shape[0]'],
    ['        dx = (self.y - self.t) / batch_size', 'dx'],
    ['        return dx'],
  ],
};
export const PYTHON_LAYER_NAMES = {relu: 'ReluLayer', sigmoid: 'SigmoidLayer', affine: 'Affine', 'softmax-loss': 'SoftmaxWithLoss'};

export const C_HEADER = 'core/include/backprop.h';

// The core's functions each layer figure calls, as C_HEADER declares them:
// [the grids the call writes, its comment and prototype, line for line].
export const C_LAYERS = {
  relu: [
    [['out'], [
      '/*',
      ' * ReLU forward: out[i] = x[i] > 0 ? x[i] : 0, mask[i] = (x[i] <= 0).',
      ' * NaN is not <= 0, so it passes through (mask 0); -0.0 gives +0.0 (mask 1).',
      ' * out may be the same buffer as x.',
      ' */',
      'void bp_relu_forward(double *out, unsigned char *mask, const double *x, size_t n);',
    ]],
    [['dx'], [
      '/* ReLU backward: dx[i] = mask[i] ? 0 : dout[i], from the forward\'s mask only. */',
      'void bp_relu_backward(double *dx, const unsigned char *mask, const double *dout, size_t n);',
    ]],
  ],
  sigmoid: [
    [['out'], [
      '/* Sigmoid forward: out[i] = 1 / (1 + exp(-x[i])). out may be x. */',
      'void bp_sigmoid_forward(double *out, const double *x, size_t n);',
    ]],
    [['dx'], [
      '/* Sigmoid backward: dx[i] = dout[i] * out[i] * (1 - out[i]), from the',
      ' * forward\'s output only. dx may be out or dout. */',
      'void bp_sigmoid_backward(double *dx, const double *out, const double *dout, size_t n);',
    ]],
  ],
  affine: [
    [['out'], [
      '/* Affine forward: out (n×m) = x (n×d) · w (d×m) + b (m; NULL: no bias). */',
      'void bp_affine_forward(double *out, const double *x, const double *w, const double *b,',
      '                       size_t n, size_t d, size_t m);',
    ]],
    [['dx', 'dw', 'db'], [
      '/* Affine backward from dout (n×m): dx (n×d) = dout · wᵀ, dw (d×m) = xᵀ · dout,',
      ' * db (m) = the column sums of dout. Any of dx, dw, db may be NULL (not wanted). */',
      'void bp_affine_backward(double *dx, double *dw, double *db, const double *x, const double *w,',
      '                        const double *dout, size_t n, size_t d, size_t m);',
    ]],
  ],
  'softmax-loss': [
    [['y', 'loss'], [
      '/*',
      ' * Softmax-with-Loss forward: y (n×k) = the softmax of each row of x, computed',
      ' * stably (the row\'s maximum subtracted first); returns the loss, the mean',
      ' * over rows of -sum_j t[i][j] log y[i][j], with log y taken from the',
      ' * log-sum-exp (x - max - log sum exp), not as the book\'s log(y + 1e-7): a',
      ' * class whose y underflows to 0 still gets its true, finite loss. The',
      ' * labels are t (n×k: one-hot rows, or any weights), or, with t NULL, the',
      ' * class indices t_index (n, each in 0..k-1). n or k of 0 gives loss 0.',
      ' */',
      'double bp_softmax_loss_forward(double *y, const double *x, const double *t, const int *t_index,',
      '                               size_t n, size_t k);',
    ]],
    [['dx'], [
      '/* Softmax-with-Loss backward, the end of the graph (no dout): dx (n×k) =',
      ' * (y - t) / n, from the forward\'s y and the same labels. */',
      'void bp_softmax_loss_backward(double *dx, const double *y, const double *t, const int *t_index,',
      '                              size_t n, size_t k);',
    ]],
  ],
};
