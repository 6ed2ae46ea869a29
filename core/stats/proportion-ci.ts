// Wilson score interval for a proportion x/n: the CI behind every percent measure.
// Never returns limits outside [0, 1]; never invents an estimate when n = 0.

import { alphaFor, assertCount, DEFAULT_CONFIDENCE } from './confidence-level.ts';
import { normalQuantile } from './special/normal.ts';

/** A proportion with its interval, all on the 0–1 scale; null throughout when n = 0. */
export type ProportionInterval =
  | { proportion: number; low: number; high: number }
  | { proportion: null; low: null; high: null };

export interface ProportionOptions {
  /** Two-sided confidence level, default 0.95. */
  confidence?: number;
}

/**
 * Wilson (1927) score interval without continuity correction, "method 3" of
 * Newcombe (1998, Stat Med 17:857–872):
 *   (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²)).
 * Chosen over the Wald interval because it stays inside [0, 1] and keeps close to
 * nominal coverage for small n and for proportions near 0 or 1 (Newcombe 1998;
 * Brown, Cai & DasGupta 2001).
 *
 * n = 0 has no proportion to estimate, so the result is all null rather than NaN,
 * which would leak into JSON as null anyway but without saying it was intended.
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  options: ProportionOptions = {},
): ProportionInterval {
  assertCount('successes', successes);
  assertCount('trials', trials);
  if (successes > trials) {
    throw new RangeError(`successes (${successes}) cannot exceed trials (${trials})`);
  }
  const alpha = alphaFor(options.confidence ?? DEFAULT_CONFIDENCE);
  if (trials === 0) return { proportion: null, low: null, high: null };

  const z = normalQuantile(1 - alpha / 2);
  const z2 = z * z;
  const p = successes / trials;
  const centre = 2 * successes + z2;
  const halfWidth = z * Math.sqrt(z2 + 4 * successes * (1 - p));
  const denominator = 2 * (trials + z2);
  // At x = 0 or x = n the formula gives exactly 0 or 1 in exact arithmetic;
  // pin them so rounding cannot put a limit a hair outside [0, 1] or past the estimate.
  const low = successes === 0 ? 0 : Math.max(0, (centre - halfWidth) / denominator);
  const high = successes === trials ? 1 : Math.min(1, (centre + halfWidth) / denominator);
  return { proportion: p, low, high };
}
