// model/number.js: the number grammar of the native CLI (core/src/number.c,
// bp_parse_number), and how the page prints numbers.
//
// Accepted: optional surrounding spaces; an optional sign ('+', '-' or U+2212
// MINUS SIGN); then either exactly inf, Infinity, nan or NaN, or digits with an
// optional '.' fraction and an optional exponent. Nothing else: no hex, no
// thousands separators, no decimal comma. Magnitudes beyond the largest double
// are refused (as the CLI does), while tiny ones round to 0 or a subnormal.

const MINUS = '\u2212';
const SPACE = /^[ \t\n\r]+|[ \t\n\r]+$/g;
const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const isDigit = (c) => c >= '0' && c <= '9';
const SPECIAL = {inf: Infinity, Infinity, nan: NaN, NaN};

// Read text as a double. Returns {ok: true, value} or {ok: false, reason},
// where reason is a code (no-text, empty, too-long, no-exponent-digits,
// decimal-comma, not-a-number, too-large) that words/figure.js words in the
// CLI's English (core/src/number.c) or in Korean.
export function parseNumber(text) {
  if (typeof text !== 'string') return {ok: false, reason: 'no-text'};
  let s = text.replace(SPACE, '');
  if (s === '') return {ok: false, reason: 'empty'};
  if (s.length > 400) return {ok: false, reason: 'too-long'};
  let sign = '';
  if (s[0] === '+' || s[0] === '-' || s[0] === MINUS) {
    sign = s[0] === '+' ? '' : '-';
    s = s.slice(1);
  }
  if (Object.hasOwn(SPECIAL, s)) {
    const v = SPECIAL[s];
    return {ok: true, value: sign && v === Infinity ? -Infinity : v};
  }
  if (!DECIMAL.test(s)) {
    // Why not, in the CLI's order: scan the mantissa, then the exponent,
    // then name what stopped the scan.
    let i = 0, digits = 0;
    while (isDigit(s[i])) { i++; digits++; }
    if (s[i] === '.') { i++; while (isDigit(s[i])) { i++; digits++; } }
    if (digits > 0 && (s[i] === 'e' || s[i] === 'E')) {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      if (!isDigit(s[i])) return {ok: false, reason: 'no-exponent-digits'};
      while (isDigit(s[i])) i++;
    }
    if (s[i] === ',') return {ok: false, reason: 'decimal-comma'};
    return {ok: false, reason: 'not-a-number'};
  }
  const value = Number(sign + s);
  if (!Number.isFinite(value)) return {ok: false, reason: 'too-large'};
  return {ok: true, value};
}

// The shortest text that reads back to the same double, in the CLI's words
// for the non-finite ones ("NaN", "Infinity", "-Infinity") and "-0" for
// negative zero. Used for data-value attributes, the URL and the fields.
export function exactText(v) {
  if (Object.is(v, -0)) return '-0';
  return String(v);
}

// A number for reading: four decimals, or scientific notation when that
// would hide it; a real minus sign; ∞ for the infinities. With precise set,
// every digit the double has.
export function formatNumber(v, {precise = false} = {}) {
  let s;
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '\u221e';
  if (v === -Infinity) return MINUS + '\u221e';
  if (precise) s = exactText(v);
  else if (v === 0) s = Object.is(v, -0) ? '-0' : '0';
  else if (Number.isInteger(v) && Math.abs(v) < 1e6) s = String(v);
  else if (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5) s = v.toFixed(4);
  else s = v.toExponential(3);
  s = s.replace('e+', 'e').replace('e-', 'e' + MINUS);
  return s[0] === '-' ? MINUS + s.slice(1) : s;
}

// Whether a value needs the page's non-finite marking.
// Formatted text as a factor in a product: in parentheses when negative,
// so that 1 × (−0.3875) never reads as a subtraction.
export const asFactor = (text) => (text.startsWith(MINUS) ? `(${text})` : text);

export const isNonFinite = (v) => typeof v === 'number' && !Number.isFinite(v);
