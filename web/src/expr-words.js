// expr-words.js: every English word of the expression mode in one table, to
// move into the page's i18n table (en/ko) as it is. Functions take the
// numbers already formatted; none computes anything.
export const EXPR_TEXT = {
  // The controls.
  graphChoice: 'Your expression',
  exprLabel: 'Expression',
  presets: 'Examples',
  presetNames: {'sum-times': '(x+y)·z', neuron: 'neuron', apples: 'apples', 'fan-out': 'x·x + exp(x)'},
  presetTitle: (expr) => `Use the example ${expr}`,
  expand: 'Expand σ into its elementary nodes',
  exprHelp: 'Numbers, variables (letters, digits, _), + − * / ^, parentheses, and exp, log, sqrt, tanh, sin, cos, abs, relu, sigmoid.',
  variables: 'Variables',
  plotOver: 'Plot over',
  errorAt: (column) => `Column ${column}`,
  stillShowing: 'Still showing the last expression that parsed.',
  varError: (name, reason, value) => `${name}: ${reason}. Still showing ${name} = ${value}.`,
  // The step panel.
  stepOf: (step, n) => `step ${step} of ${n}`,
  start: 'Start',
  startText: (givenHTML, doutHTML) => `The reader gives ${givenHTML} at the left and the upstream gradient ${doutHTML} at the right. Step forward: values flow left to right, then gradients flow back.`,
  noVariables: 'no variables',
  forwardThrough: 'Forward through',
  backwardThrough: 'Backward through',
  forwardLabel: (q, v) => `forward: ${q} = ${v}`,
  backwardLabel: (to, up, local, grad) => `backward: dL/d${to} gets ${up} times ${local} = ${grad}`,
  forwardNote: 'Each op computes its value from its operands, named as on the graph; it travels right along the solid arrows.',
  upstream: 'upstream',
  localDerivative: 'local derivative',
  downstream: 'downstream',
  shareOf: (to, i, n) => `${to} is used ${n} times: share ${i} of ${n}.`,
  totalSoFar: (to) => `dL/d${to} so far`,
  totalDone: '(all shares in: this is the gradient)',
  // The status line.
  statusStart: (n, givenText, out, dout) => `Step 0 of ${n}: ${givenText} and dL/d${out} = ${dout} given.`,
  statusForward: (step, n, q, op, v) => `Step ${step} of ${n}, forward: ${q} (${op}) gives ${v}.`,
  statusBackward: (step, n, q, up, local, grad, to, total) =>
    `Step ${step} of ${n}, backward: through ${q}, ${up} × ${local} = ${grad} reaches ${to}${total == null ? '' : `, whose gradient so far is ${total}`}.`,
  // The gradient check.
  checkNote: 'Each input\u2019s gradient by backprop beside a central-difference estimate (f(v+h) − f(v−h)) / 2h · dL/df.',
  checkHead: ['input', 'backprop', 'difference', 'rel. error'],
  checkAgree: 'Backprop and the difference quotient agree for every input.',
  checkDiffer: (names, tol) => `They differ by more than ${tol} for ${names}: the function is not smooth there, or rounding dominates.`,
  checkNaN: 'No comparison for some inputs: a value is not finite.',
  // The curve.
  plotTitle: (f, v, lo, hi, fixed) => `${f} and dL/d${f} · ∂${f}/∂${v}, computed by the C core over ${v} from ${lo} to ${hi}${fixed ? `, with ${fixed} held fixed` : ''}.`,
  plotLegendValue: 'the expression',
  plotLegendGrad: 'its gradient',
};
