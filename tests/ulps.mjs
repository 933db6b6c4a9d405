// Distances between doubles in units in the last place, for comparing values
// that come from a C library (glibc natively, musl in WebAssembly): each is
// within an ulp of the true value, so the two may differ by one or two.
//
// A double's bits, read as a signed 64-bit integer, grow with the value for
// positive numbers and shrink for negative ones. `ordered` folds the negative
// half over so that the integers count the doubles in order:
//   ... -5e-324 → -2, -0 → -1, +0 → 0, 5e-324 → 1, ... Infinity → 0x7ff0…0.
// So the distance is the number of steps from one double to the other; +0
// and -0 are one step apart (a changed sign of zero counts), and the largest
// double is one step from Infinity.
const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

function ordered(x) {
  f64[0] = x;
  const i = i64[0];
  return i >= 0n ? i : -(i & 0x7fffffffffffffffn) - 1n;
}

// How many doubles apart a and b are: 0 when equal (both NaN counts as equal),
// Infinity when only one is NaN.
export function ulps(a, b) {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  const d = ordered(a) - ordered(b);
  return Number(d < 0n ? -d : d);
}

// Whether a and b are at most `max` ulps apart; with max 0, the same double
// (Object.is: -0 is not 0, NaN is NaN).
export const within = (a, b, max) => (max === 0 ? Object.is(a, b) : ulps(a, b) <= max);

// The documented bound for values that pass through the C library's log, pow,
// tanh, sin or cos: each side within an ulp of the true value, so at most two
// apart.
export const LIBM_ULPS = 2;
