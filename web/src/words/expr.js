// words/expr.js: the words of the page's expression mode in English (the
// Korean is words/page-ko.js's EXPR_KO), in words/figure.js's table shape
// (read with the others through words/page.js's pageTranslator). Words the
// mode shares with the built-in graphs (Start, Forward through, upstream, …)
// are in words/page.js; placeholders are filled with numbers already
// formatted.
//
// The C core's parse errors stay in its English; the Korean frames them.
export const EXPR_WORDS = {
  en: {
    // The controls.
    graphChoice: 'Your expression',
    exprLabel: 'Expression',
    presets: 'Examples',
    'preset:sum-times': '(x+y)·z',
    'preset:neuron': 'neuron',
    'preset:apples': 'apples',
    'preset:fan-out': 'x·x + exp(x)',
    presetTitle: 'Use the example {expr}',
    expand: 'Expand σ into its elementary nodes',
    exprHelp: 'Numbers, variables (letters, digits, _), + − * / ^, parentheses, and exp, log, sqrt, tanh, sin, cos, abs, relu, sigmoid.',
    variables: 'Variables',
    varSlider: '{name} slider',
    plotOver: 'Plot over',
    exprError: '{detail}. Still showing the last expression that parsed.',
    // The step panel.
    exprForwardMath: 'forward: {q} = {v}',
    exprBackwardMath: 'backward: dL/d{to} gets {up} times {local} = {grad}',
    exprForwardNote: 'Each op computes its value from its operands, named as on the graph; it travels right along the solid arrows.',
    shareOf: '{to} is used {n} times: share {i} of {n}.',
    totalSoFar: 'dL/d{to} so far',
    totalDone: '(all shares in: this is the gradient)',
    // The gradient check.
    checkNote: 'Each input\u2019s gradient by backprop beside a central-difference estimate (f(v+h) − f(v−h)) / 2h · dL/df.',
    checkInput: 'input',
    checkBackprop: 'backprop',
    checkDifference: 'difference',
    checkRelError: 'rel. error',
    checkAgree: 'Backprop and the difference quotient agree for every input.',
    checkDiffer: 'They differ by more than {tol} for {names}: the function is not smooth there, or rounding dominates.',
    checkNaN: 'No comparison for some inputs: a value is not finite.',
    // The curve.
    exprPlotTitle: '{f} and dL/d{f} · ∂{f}/∂{v}, computed by the C core over {v} from {lo} to {hi}{fixed}.',
    plotFixed: ', with {fixed} held fixed',
    plotLegendValue: 'the expression',
    plotLegendGrad: 'its gradient',
    plotHintVar: 'Drag on the plot to move {v}.',
  },
};
