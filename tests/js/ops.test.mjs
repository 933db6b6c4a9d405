// words/ops.js, the ops' vocabulary as data, and the three notations that
// draw it (views/notation.js): every op's forward rule and local
// derivatives in plain text, LaTeX and MathML, literally; the table held to
// the C core's own numbers over real traces; and whole chains of real traces.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {OPS, formulas} from '../../web/src/words/ops.js';
import {render} from '../../web/src/views/notation.js';
import {MATHML} from '../../web/src/views/mathml.js';
import {TEXT} from '../../web/src/views/formula.js';
import {LATEX, chainLine} from '../../web/src/views/latex.js';
import {formatNumber} from '../../web/src/model/number.js';
import {instantiateCore} from '../../web/src/core/core.js';
import {withSymbols} from '../../web/src/model/symbols.js';

const wasm = fileURLToPath(new URL('../../build/wasm/backprop-core.wasm', import.meta.url));
const core = existsSync(wasm) ? await instantiateCore(readFileSync(wasm)) : null;
const needsCore = {skip: core ? false : 'build/wasm/backprop-core.wasm is missing: run ./dev build'};

// One node of each op over inputs -2 and 3 (one operand: x; two: a and b),
// k = -0.5: [text, LaTeX, MathML] of the forward rule, the rule with the
// numbers in, and the local derivative by each operand.
const DRAWN = {
  scale: {
    forward: ['(−0.5000) · x', '(-0.5000)\\cdot x', '<mrow><mrow><mo>(</mo><mrow><mo>−</mo><mn>0.5000</mn></mrow><mo>)</mo></mrow><mo>·</mo><mi>x</mi></mrow>'],
    numbers: ['(−0.5000) · (−2)', '(-0.5000)\\cdot (-2)', '<mrow><mrow><mo>(</mo><mrow><mo>−</mo><mn>0.5000</mn></mrow><mo>)</mo></mrow><mo>·</mo><mrow><mo>(</mo><mrow><mo>−</mo><mn>2</mn></mrow><mo>)</mo></mrow></mrow>'],
    local0: ['−0.5000', '-0.5000', '<mrow><mo>−</mo><mn>0.5000</mn></mrow>'],
  },
  add_const: {
    forward: ['x + (−0.5000)', 'x+(-0.5000)', '<mrow><mi>x</mi><mo>+</mo><mrow><mo>(</mo><mrow><mo>−</mo><mn>0.5000</mn></mrow><mo>)</mo></mrow></mrow>'],
    numbers: ['−2 + (−0.5000)', '-2+(-0.5000)', '<mrow><mrow><mo>−</mo><mn>2</mn></mrow><mo>+</mo><mrow><mo>(</mo><mrow><mo>−</mo><mn>0.5000</mn></mrow><mo>)</mo></mrow></mrow>'],
    local0: ['1', '1', '<mn>1</mn>'],
  },
  add: {
    forward: ['a + b', 'a+b', '<mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow>'],
    numbers: ['−2 + 3', '-2+3', '<mrow><mrow><mo>−</mo><mn>2</mn></mrow><mo>+</mo><mn>3</mn></mrow>'],
    local0: ['1', '1', '<mn>1</mn>'],
    local1: ['1', '1', '<mn>1</mn>'],
  },
  sub: {
    forward: ['a − b', 'a-b', '<mrow><mi>a</mi><mo>−</mo><mi>b</mi></mrow>'],
    numbers: ['−2 − 3', '-2-3', '<mrow><mrow><mo>−</mo><mn>2</mn></mrow><mo>−</mo><mn>3</mn></mrow>'],
    local0: ['1', '1', '<mn>1</mn>'],
    local1: ['−1', '-1', '<mrow><mo>−</mo><mn>1</mn></mrow>'],
  },
  mul: {
    forward: ['a · b', 'a\\cdot b', '<mrow><mi>a</mi><mo>·</mo><mi>b</mi></mrow>'],
    numbers: ['(−2) · 3', '(-2)\\cdot 3', '<mrow><mrow><mo>(</mo><mrow><mo>−</mo><mn>2</mn></mrow><mo>)</mo></mrow><mo>·</mo><mn>3</mn></mrow>'],
    local0: ['b', 'b', '<mi>b</mi>'],
    local1: ['a', 'a', '<mi>a</mi>'],
  },
  div: {
    forward: ['a/b', '\\frac{a}{b}', '<mfrac><mi>a</mi><mi>b</mi></mfrac>'],
    numbers: ['(−2)/3', '\\frac{-2}{3}', '<mfrac><mrow><mo>−</mo><mn>2</mn></mrow><mn>3</mn></mfrac>'],
    local0: ['1/b', '\\frac{1}{b}', '<mfrac><mn>1</mn><mi>b</mi></mfrac>'],
    local1: ['−a/b²', '-\\frac{a}{b^2}', '<mrow><mo>−</mo><mfrac><mi>a</mi><msup><mi>b</mi><mn>2</mn></msup></mfrac></mrow>'],
  },
  pow: {
    forward: ['a^b', 'a^b', '<msup><mi>a</mi><mi>b</mi></msup>'],
    numbers: ['(−2)^3', '(-2)^3', '<msup><mrow><mo>(</mo><mrow><mo>−</mo><mn>2</mn></mrow><mo>)</mo></mrow><mn>3</mn></msup>'],
    local0: ['b · a^(b − 1)', 'b\\cdot a^{b-1}', '<mrow><mi>b</mi><mo>·</mo><msup><mi>a</mi><mrow><mi>b</mi><mo>−</mo><mn>1</mn></mrow></msup></mrow>'],
    local1: ['y · ln(a)', 'y\\cdot \\ln(a)', '<mrow><mi>y</mi><mo>·</mo><mrow><mi>ln</mi><mo>⁡</mo><mrow><mo>(</mo><mi>a</mi><mo>)</mo></mrow></mrow></mrow>'],
  },
  neg: {
    forward: ['−x', '-x', '<mrow><mo>−</mo><mi>x</mi></mrow>'],
    numbers: ['−(−2)', '-(-2)', '<mrow><mo>−</mo><mrow><mo>(</mo><mrow><mo>−</mo><mn>2</mn></mrow><mo>)</mo></mrow></mrow>'],
    local0: ['−1', '-1', '<mrow><mo>−</mo><mn>1</mn></mrow>'],
  },
  exp: {
    forward: ['exp(x)', '\\exp(x)', '<mrow><mi>exp</mi><mo>⁡</mo><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow></mrow>'],
    numbers: ['exp(−2)', '\\exp(-2)', '<mrow><mi>exp</mi><mo>⁡</mo><mrow><mo>(</mo><mrow><mo>−</mo><mn>2</mn></mrow><mo>)</mo></mrow></mrow>'],
    local0: ['exp(x)', '\\exp(x)', '<mrow><mi>exp</mi><mo>⁡</mo><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow></mrow>'],
  },
  log: {
    forward: ['log(x)', '\\log(x)', '<mrow><mi>log</mi><mo>⁡</mo><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow></mrow>'],
    numbers: ['log(−2)', '\\log(-2)', '<mrow><mi>log</mi><mo>⁡</mo><mrow><mo>(</mo><mrow><mo>−</mo><mn>2</mn></mrow><mo>)</mo></mrow></mrow>'],
    local0: ['1/x', '\\frac{1}{x}', '<mfrac><mn>1</mn><mi>x</mi></mfrac>'],
  },
  sqrt: {
    forward: ['√(x)', '\\sqrt{x}', '<msqrt><mi>x</mi></msqrt>'],
    numbers: ['√(−2)', '\\sqrt{-2}', '<msqrt><mrow><mo>−</mo><mn>2</mn></mrow></msqrt>'],
    local0: ['1/(2y)', '\\frac{1}{2y}', '<mfrac><mn>1</mn><mrow><mn>2</mn><mi>y</mi></mrow></mfrac>'],
  },
  recip: {
    forward: ['1/x', '\\frac{1}{x}', '<mfrac><mn>1</mn><mi>x</mi></mfrac>'],
    numbers: ['1/(−2)', '\\frac{1}{-2}', '<mfrac><mn>1</mn><mrow><mo>−</mo><mn>2</mn></mrow></mfrac>'],
    local0: ['−y²', '-y^2', '<mrow><mo>−</mo><msup><mi>y</mi><mn>2</mn></msup></mrow>'],
  },
  tanh: {
    forward: ['tanh(x)', '\\tanh(x)', '<mrow><mi>tanh</mi><mo>⁡</mo><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow></mrow>'],
    numbers: ['tanh(−2)', '\\tanh(-2)', '<mrow><mi>tanh</mi><mo>⁡</mo><mrow><mo>(</mo><mrow><mo>−</mo><mn>2</mn></mrow><mo>)</mo></mrow></mrow>'],
    local0: ['1 − y²', '1-y^2', '<mrow><mn>1</mn><mo>−</mo><msup><mi>y</mi><mn>2</mn></msup></mrow>'],
  },
  sin: {
    forward: ['sin(x)', '\\sin(x)', '<mrow><mi>sin</mi><mo>⁡</mo><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow></mrow>'],
    numbers: ['sin(−2)', '\\sin(-2)', '<mrow><mi>sin</mi><mo>⁡</mo><mrow><mo>(</mo><mrow><mo>−</mo><mn>2</mn></mrow><mo>)</mo></mrow></mrow>'],
    local0: ['cos(x)', '\\cos(x)', '<mrow><mi>cos</mi><mo>⁡</mo><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow></mrow>'],
  },
  cos: {
    forward: ['cos(x)', '\\cos(x)', '<mrow><mi>cos</mi><mo>⁡</mo><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow></mrow>'],
    numbers: ['cos(−2)', '\\cos(-2)', '<mrow><mi>cos</mi><mo>⁡</mo><mrow><mo>(</mo><mrow><mo>−</mo><mn>2</mn></mrow><mo>)</mo></mrow></mrow>'],
    local0: ['−sin(x)', '-\\sin(x)', '<mrow><mo>−</mo><mrow><mi>sin</mi><mo>⁡</mo><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow></mrow></mrow>'],
  },
  abs: {
    forward: ['|x|', '|x|', '<mrow><mo>|</mo><mi>x</mi><mo>|</mo></mrow>'],
    numbers: ['|−2|', '|-2|', '<mrow><mo>|</mo><mrow><mo>−</mo><mn>2</mn></mrow><mo>|</mo></mrow>'],
    local0: ['sign(x)', '\\operatorname{sign}(x)', '<mrow><mi>sign</mi><mo>⁡</mo><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow></mrow>'],
  },
  relu: {
    forward: ['max(0, x)', '\\max(0, x)', '<mrow><mi>max</mi><mo>⁡</mo><mrow><mo>(</mo><mrow><mn>0</mn><mo>,</mo><mi>x</mi></mrow><mo>)</mo></mrow></mrow>'],
    numbers: ['max(0, (−2))', '\\max(0, (-2))', '<mrow><mi>max</mi><mo>⁡</mo><mrow><mo>(</mo><mrow><mn>0</mn><mo>,</mo><mrow><mo>(</mo><mrow><mo>−</mo><mn>2</mn></mrow><mo>)</mo></mrow></mrow><mo>)</mo></mrow></mrow>'],
    local0: ['[x > 0]', '[x > 0]', '<mrow><mo>[</mo><mi>x</mi><mo>&gt;</mo><mn>0</mn><mo>]</mo></mrow>'],
  },
  sigmoid: {
    forward: ['σ(x)', '\\sigma(x)', '<mrow><mi>σ</mi><mo>⁡</mo><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow></mrow>'],
    numbers: ['σ(−2)', '\\sigma(-2)', '<mrow><mi>σ</mi><mo>⁡</mo><mrow><mo>(</mo><mrow><mo>−</mo><mn>2</mn></mrow><mo>)</mo></mrow></mrow>'],
    local0: ['y(1 − y)', 'y(1-y)', '<mrow><mi>y</mi><mrow><mo>(</mo><mrow><mn>1</mn><mo>−</mo><mi>y</mi></mrow><mo>)</mo></mrow></mrow>'],
  },
};

test('every op in three notations', () => {
  assert.deepEqual(Object.keys(DRAWN), Object.keys(OPS).filter((op) => OPS[op].forward));
  for (const [op, want] of Object.entries(DRAWN)) {
    const arity = OPS[op].arity;
    const trace = {nodes: [{id: 0, op: 'input', args: [], value: -2}, {id: 1, op: 'input', args: [], value: 3},
      {id: 2, op, args: arity === 1 ? [0] : [0, 1], k: -0.5, value: 7}]};
    const f = formulas(trace, 2);
    const trees = {forward: f.rule, numbers: f.ruleNumbers};
    for (let i = 0; i < arity; i++) trees[`local${i}`] = f.local(i);
    for (const [form, tree] of Object.entries(trees)) {
      assert.deepEqual([TEXT, LATEX, MATHML].map((N) => render(tree, N, formatNumber)), want[form], `${op} ${form}`);
    }
  }
});

test('a node\'s formulas: symbols where the trace has them, numbers only where they add something', () => {
  const trace = {symbols: ['x', '2', 'q', 'f'], nodes: [{id: 0, op: 'input', args: [], value: 1.5}, {id: 1, op: 'const', args: [], value: 2, k: 2},
    {id: 2, op: 'mul', args: [1, 0], value: 3}, {id: 3, op: 'scale', args: [2], k: -1, value: -3}]};
  const q = formulas(trace, 2);
  assert.equal(render(q.rule, TEXT, formatNumber), '2 · x'); // a constant operand is its number
  assert.equal(render(q.ruleNumbers, TEXT, formatNumber), '2 · 1.5000');
  assert.equal(render(q.local(1), TEXT, formatNumber), '2');
  assert.equal(q.localNumbers(1), null); // nothing but numbers already
  assert.equal(render(q.local(0), TEXT, formatNumber), 'x');
  const f = formulas(trace, 3);
  assert.equal(render(f.rule, TEXT, formatNumber), '(−1) · q');
  assert.equal(f.localNumbers(0), null); // k is a number in every form
  const constant = {nodes: [{id: 0, op: 'const', args: [], value: 2, k: 2}, {id: 1, op: 'exp', args: [0], value: Math.exp(2)}]};
  assert.equal(formulas(constant, 1).ruleNumbers, null);
});

// The trees held to the core: evaluated here in plain JavaScript (a test's
// oracle, not the page's), each forward rule gives the node's value and
// each local derivative the step's local, over traces with every op.
const FUNCTIONS = {exp: Math.exp, log: Math.log, ln: Math.log, tanh: Math.tanh, sin: Math.sin, cos: Math.cos,
  'σ': (x) => 1 / (1 + Math.exp(-x)), sign: Math.sign, max: Math.max};
function evaluate(t) {
  if (typeof t === 'number') return t;
  if (!Array.isArray(t)) return t.v;
  const [op, ...rest] = t;
  if (op === 'call') return FUNCTIONS[rest[0]](...rest.slice(1).map(evaluate));
  const [a, b] = rest.map(evaluate);
  return {'+': a + b, '−': a - b, '·': a * b, juxt: a * b, '/': a / b, '^': a ** b, neg: -a, sqrt: Math.sqrt(a),
    abs: Math.abs(a), '[>0]': a > 0 ? 1 : 0}[op];
}
const close = (a, b) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-13 * Math.max(Math.abs(a), Math.abs(b));

test('each op\'s rule and derivative agree with the C core', needsCore, () => {
  const seen = new Set();
  const cases = [['sqrt(x*x + y*y) + relu(x - y) + abs(-x)', {x: 3, y: -4}], ['x^y - log(x)/y', {x: 2, y: 3}],
    ['tanh(x) * sin(y) - cos(x)', {x: 0.3, y: -1.2}], ['sigmoid(w*x + 1) + exp(-x)', {w: -2, x: 0.7}], ['relu(x) + abs(x) + 2^x', {x: -0.5}]];
  for (const [expr, inputs] of cases) {
    for (const expand of [false, true]) {
      const trace = core.trace({expr, expand, inputs, dout: 1.5});
      for (const node of trace.nodes) {
        seen.add(node.op);
        assert.equal(node.args.length, OPS[node.op].arity, `${expr}: ${node.op}'s operands`);
        if (!OPS[node.op].forward) continue;
        const f = formulas(trace, node.id);
        assert.ok(close(evaluate(f.ruleNumbers ?? f.rule), node.value), `${expr}: ${node.op} forward`);
      }
      for (const s of trace.steps.filter((step) => step.phase === 'backward')) {
        const f = formulas(trace, s.node);
        const local = evaluate(f.localNumbers(s.arg) ?? f.local(s.arg));
        assert.ok(close(local, s.local), `${expr}: ${trace.nodes[s.node].op} local by operand ${s.arg}: ${local} vs ${s.local}`);
      }
    }
  }
  for (const graph of ['relu', 'sigmoid', 'sigmoid-steps']) core.trace({graph, inputs: {x: 0.5}}).nodes.forEach((n) => seen.add(n.op));
  assert.deepEqual([...seen].sort(), Object.keys(OPS).sort());
});

test('whole chains of real traces, in the names the page gives them', needsCore, () => {
  const lines = (trace) => trace.steps.map((s, i) => chainLine(trace, i + 1).text);
  const sumTimes = withSymbols(core.trace({expr: '(x+y)*z', inputs: {x: -2, y: 5, z: -4}, dout: 1}));
  assert.equal(chainLine(sumTimes, 0).text, 'x = −2, y = 5, z = −4, ∂L/∂f = 1');
  assert.deepEqual(lines(sumTimes), ['q = x + y = −2 + 5 = 3', 'f = q · z = 3 · (−4) = −12', '∂L/∂q = ∂L/∂f · z = 1 · (−4) = −4',
    '∂L/∂z = ∂L/∂f · q = 1 · 3 = 3', '∂L/∂x = ∂L/∂q · 1 = (−4) · 1 = −4', '∂L/∂y = ∂L/∂q · 1 = (−4) · 1 = −4']);
  assert.equal(chainLine(sumTimes, 2).latex, 'f = q\\cdot z = 3\\cdot (-4) = -12');
  const sigmoid = core.trace({expr: 'sigmoid(x)', inputs: {x: 2}, dout: 1});
  assert.deepEqual(lines(sigmoid), ['y = σ(x) = 1/(1 + exp(−x)) = σ(2) = 0.8808',
    '∂L/∂x = ∂L/∂y · y(1 − y) = 1 · 0.8808 · (1 − 0.8808) = 0.1050']);
  assert.equal(chainLine(sigmoid, 1).latex, 'y = \\sigma(x) = \\frac{1}{1+\\exp(-x)} = \\sigma(2) = 0.8808');
  const expanded = core.trace({expr: 'sigmoid(x)', expand: true, inputs: {x: 2}, dout: 1});
  assert.deepEqual(lines(expanded), ['y = (−1) · x = (−1) · 2 = −2', 'y = exp(x) = exp(−2) = 0.1353', 'y = x + 1 = 0.1353 + 1 = 1.1353',
    'y = 1/x = 1/1.1353 = 0.8808', '∂L/∂x = ∂L/∂y · (−y²) = 1 · (−0.8808²) = −0.7758', '∂L/∂x = ∂L/∂y · 1 = (−0.7758) · 1 = −0.7758',
    '∂L/∂x = ∂L/∂y · exp(x) = (−0.7758) · exp(−2) = −0.1050', '∂L/∂x = ∂L/∂y · (−1) = (−0.1050) · (−1) = 0.1050']);
  // LaTeX writes the page's subscripts as subscripts.
  const twice = withSymbols(core.trace({expr: '(x+y)*(x-y)', inputs: {x: 3, y: 1}, dout: 1}));
  assert.equal(chainLine(twice, 3).latex, 'f = q_{1}\\cdot q_{2} = 4\\cdot 2 = 8');
  assert.equal(chainLine(twice, 7).latex, '\\frac{\\partial L}{\\partial y} = \\frac{\\partial L}{\\partial q_{2}}\\cdot (-1) = 4\\cdot (-1) = -4');
});
