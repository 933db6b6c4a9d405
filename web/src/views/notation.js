// views/notation.js: a formula tree (words/ops.js, references bound) drawn
// in one notation: MATHML (views/mathml.js), TEXT and LATEX (views/formula.js).
// The tree says what to write; this walker decides the parentheses, the
// same way in every notation, and the notation only spells each piece. A
// notation with frac() builds fractions up; one without writes a/b on the
// line, with the parentheses that then need.
//
// Leaves: a number written as it is (1, 2), a name ('x', 'q₁'), or a value
// of the trace, {v}, shown through fmt. Beyond the ops' operators, the
// chain rule's ['∂', top, bottom] (∂top/∂bottom).
//
// Parentheses go around a negative number or negation where it follows an
// operator (· on either side, right of + or −, a power's base, another
// negation, an item of max(0, x)), around a sum inside a product, a
// power's base or a negation, or right of −; never around a function's
// only argument or the parts of a built-up fraction.
const MINUS = '\u2212';
const SUM = 1, PRODUCT = 2, NEGATION = 3, POWER = 4, ATOM = 5;

// A chain of equal sides (trees) on one line, in notation N.
export const chain = (sides, N, fmt) => sides.map((side) => render(side, N, fmt)).join(' = ');

export const render = (tree, N, fmt) => draw(tree, N, fmt).out;

function draw(t, N, fmt) {
  if (typeof t === 'number') return {out: N.literal(String(t)), prec: ATOM};
  if (typeof t === 'string') return {out: N.name(t), prec: ATOM};
  if (!Array.isArray(t)) {
    const text = fmt(t.v);
    const negative = text.startsWith(MINUS);
    return {out: N.value(t.v, text), prec: negative ? NEGATION : ATOM, negative, value: true};
  }
  const [op, ...rest] = t;
  if (op === '∂') return {out: N.d(rest[0], rest[1]), prec: ATOM};
  if (op === 'call') {
    const items = rest.slice(1).map((x) => draw(x, N, fmt));
    return {out: N.call(rest[0], items.map((x) => (items.length > 1 ? wrap(x, x.negative, N) : x).out)), prec: ATOM};
  }
  const [a, b] = rest.map((x) => draw(x, N, fmt));
  const signed = (x) => x.negative || x.prec <= SUM;
  switch (op) {
    case '+': return {out: N.infix('+', a.out, wrap(b, b.negative, N).out), prec: SUM, negative: a.negative};
    case '−': return {out: N.infix('−', a.out, wrap(b, signed(b), N).out), prec: SUM, negative: a.negative};
    case '·': case 'juxt': {
      const [l, r] = [a, b].map((x) => wrap(x, x.negative || x.prec < PRODUCT, N).out);
      // Side by side reads as a product only with a name: y(1 − y), not 0.62(1 − 0.62).
      return {out: op === '·' || a.value || b.value ? N.infix('·', l, r) : N.juxt(l, r), prec: PRODUCT};
    }
    case '/':
      if (N.frac) return {out: N.frac(a.out, b.out), prec: PRODUCT}; // built up; else on one line, a/b
      return {out: N.infix('/', wrap(a, signed(a), N).out, wrap(b, b.negative || b.prec < POWER, N).out), prec: PRODUCT};
    case '^': return {out: N.pow(wrap(a, a.prec < ATOM, N).out, wrap(b, !N.frac && b.prec < ATOM, N).out), prec: POWER};
    case 'neg': return {out: N.neg(wrap(a, signed(a), N).out), prec: NEGATION, negative: true};
    case 'sqrt': return {out: N.sqrt(a.out), prec: ATOM};
    case 'abs': return {out: N.abs(a.out), prec: ATOM};
    default: return {out: N.positive(a.out), prec: ATOM}; // '[>0]'
  }
}

const wrap = (x, yes, N) => (yes ? {out: N.paren(x.out), prec: ATOM} : x);
