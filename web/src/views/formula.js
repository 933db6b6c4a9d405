// views/formula.js: the chain-rule line of one step, as plain text (for the
// figure) and as LaTeX (to copy into slides). Every number comes from the
// trace; this file only lays them out.
//
//   chainLine(trace, 2, fmt)  -> {text: '∂L/∂x = ∂L/∂y · y(1−y) = 1 · 0.6225 · (1 − 0.6225) = 0.2350',
//                                 latex: '\frac{\partial L}{\partial x} = \frac{\partial L}{\partial y}\cdot y(1-y) = 1\cdot 0.6225\cdot(1-0.6225) = 0.2350'}
import {formatNumber} from '../model/number.js';
import {nodeTitle} from '../words/figure.js';

const MINUS = '\u2212';

// A piece of formula in both notations.
const p = (text, latex = text) => ({text, latex});
const join = (parts, text, latex) => p(parts.map((x) => x.text).join(text), parts.map((x) => x.latex).join(latex));
const cat = (...parts) => join(parts, '', '');
const DOT = p(' · ', '\\cdot ');
const EQ = p(' = ', ' = ');
const d = (top, bottom) => p(`∂${top}/∂${bottom}`, `\\frac{\\partial ${top}}{\\partial ${bottom}}`);
const paren = (x) => cat(p('('), x, p(')'));
const fn = (name, x) => cat(p(name, `\\${name}`), paren(x));

function texNumber(text) {
  return text.replace(/\u2212/g, '-').replace('\u221e', '\\infty').replace('NaN', '\\mathrm{NaN}')
    .replace(/e(-?)(\d+)$/, (m, s, e) => `\\times 10^{${s}${e}}`);
}

// A number from the trace; a negative one in parentheses when `wrap`.
function numberPiece(v, fmt, wrap) {
  const text = fmt(v);
  const piece = p(text, texNumber(text));
  return wrap && text.startsWith(MINUS) ? paren(piece) : piece;
}

function forwardParts(trace, s, num) {
  const node = trace.nodes[s.node];
  const x = node.args.length ? trace.nodes[node.args[0]].value : NaN;
  const X = p('x'), Y = p('y');
  const y = num(s.value, false);
  switch (node.op) {
    case 'scale': return [Y, cat(num(node.k), DOT, X), cat(num(node.k), DOT, num(x)), y];
    case 'add_const': return [Y, cat(X, p(' + ', ' + '), num(node.k)), cat(num(x, false), p(' + ', ' + '), num(node.k)), y];
    case 'exp': return [Y, fn('exp', X), fn('exp', num(x, false)), y];
    case 'recip': return [Y, p('1/x', '\\frac{1}{x}'), p(`1/${num(x).text}`, `\\frac{1}{${num(x, false).latex}}`), y];
    case 'relu': return [Y, fn('max', p('0, x')), fn('max', cat(p('0, '), num(x))), y];
    case 'sigmoid': return [Y, p('σ(x)', '\\sigma(x)'), p('1/(1 + exp(−x))', '\\frac{1}{1+\\exp(-x)}'), cat(p('σ', '\\sigma'), paren(num(x, false))), y];
    default: {
      const args = join(node.args.map((a) => num(trace.nodes[a].value)), ', ', ', ');
      const name = nodeTitle(node);
      return [Y, cat(p(name, `\\mathrm{${name.replace(/[\\{}]/g, '')}}`), paren(args)), y];
    }
  }
}

function backwardParts(trace, s, num) {
  const node = trace.nodes[s.node];
  const x = trace.nodes[s.to].value;
  const y = node.value;
  let symbolic, substituted = null;
  switch (node.op) {
    case 'scale': symbolic = num(node.k); break;
    case 'add_const': symbolic = p('1'); break;
    case 'exp': symbolic = fn('exp', p('x')); substituted = fn('exp', num(x, false)); break;
    case 'recip': symbolic = p('(−y²)', '(-y^2)'); substituted = cat(p('(−', '(-'), num(y), p('²)', '^2)')); break;
    case 'relu': symbolic = p('[x > 0]', '[x > 0]'); substituted = cat(p('['), num(x, false), p(' > 0]')); break;
    case 'sigmoid': symbolic = p('y(1 − y)', 'y(1-y)');
      substituted = cat(num(y), DOT, p('(1 − ', '(1-'), num(y, false), p(')')); break;
    default: symbolic = d('y', 'x');
  }
  const parts = [d('L', 'x'), cat(d('L', 'y'), DOT, symbolic)];
  parts.push(cat(num(s.upstream), DOT, substituted ?? num(s.local)));
  parts.push(num(s.grad, false));
  return parts;
}

// The line for step `step` of `trace` (0: the given inputs).
export function chainLine(trace, step, fmt = formatNumber) {
  const num = (v, wrap = true) => numberPiece(v, fmt, wrap);
  if (step === 0) {
    const given = Object.entries(trace.inputs).map(([k, v]) => cat(p(k), EQ, num(v, false)));
    given.push(cat(d('L', 'y'), EQ, num(trace.dout, false)));
    return join(given, ', ', ',\\quad ');
  }
  const s = trace.steps[step - 1];
  const parts = s.phase === 'forward' ? forwardParts(trace, s, num) : backwardParts(trace, s, num);
  return join(parts, EQ.text, EQ.latex);
}
