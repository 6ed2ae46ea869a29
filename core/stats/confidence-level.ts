// Shared argument checks for the interval functions: confidence level and counts.
// Every public function in core/stats validates here and throws RangeError on bad
// input, so a bug upstream surfaces as an error instead of a silently wrong interval.

/** Confidence level used when a caller does not name one. */
export const DEFAULT_CONFIDENCE = 0.95;

/** A two-sided interval. */
export interface Interval {
  low: number;
  high: number;
}

/** α = 1 − confidence, after checking 0 < confidence < 1. */
export function alphaFor(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1 (exclusive), got ${confidence}`);
  }
  return 1 - confidence;
}

/** Throws unless value is a finite number ≥ 0 (and an integer when asked). */
export function assertCount(name: string, value: number, integer = true): void {
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    const kind = integer ? 'a non-negative integer' : 'a finite number ≥ 0';
    throw new RangeError(`${name} must be ${kind}, got ${value}`);
  }
}
