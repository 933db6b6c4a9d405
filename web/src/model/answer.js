// model/answer.js: predict mode's judge (figure/predict.js): how a typed
// answer reads and whether it counts as the core's value. It compares; the
// value itself is always C's.
import {parseNumber, formatNumber} from './number.js';

const TOLERANCE = 0.005; // relative

// Whether a typed number counts as the core's `truth`: the same as shown
// (four decimals), or within 0.5%; NaN for NaN, the same infinity for an
// infinity; 0 (either sign) only for 0.
export function isRight(typed, truth) {
  if (!Number.isFinite(truth)) return Object.is(typed, truth);
  if (!Number.isFinite(typed)) return false;
  if (typed === truth || formatNumber(typed) === formatNumber(truth)) return true;
  return truth !== 0 && Math.abs(typed - truth) <= TOLERANCE * Math.abs(truth);
}

// A typed answer read as the CLI reads numbers, ∞ allowed as shown.
export const readAnswer = (text) => parseNumber(String(text).replace(/\u221e/g, 'Infinity'));
