// Exact (Garwood 1936) confidence limits for a Poisson count and for a rate
// count / person-time: the CI behind every "per 1,000 member-years" measure.
// Never uses a normal approximation, which goes negative for small counts.

import {
  alphaFor,
  assertCount,
  DEFAULT_CONFIDENCE,
  type Interval,
} from './confidence-level.ts';
import { gammaQuantile } from './special/incomplete-gamma.ts';

export interface PoissonOptions {
  /** Two-sided confidence level, default 0.95. */
  confidence?: number;
}

export interface RateOptions extends PoissonOptions {
  /** Scale of the rate, e.g. 1000 for "per 1,000 person-years". Default 1. */
  multiplier?: number;
}

/** A rate with its interval, in multiplier units; null throughout when person-time is 0. */
export type RateInterval =
  | { rate: number; low: number; high: number }
  | { rate: null; low: null; high: null };

/**
 * Garwood (1936, Biometrika 28:437–442) central interval for the mean of a Poisson
 * count x:  low = χ²(α/2; 2x) / 2,  high = χ²(1 − α/2; 2x + 2) / 2.
 * χ²(p; 2k)/2 is the p-quantile of a Gamma(k, 1), which is how it is computed here
 * (Ulm 1990, Am J Epidemiol 131:373–375). For x = 0 the lower limit is 0 and the
 * upper is −ln(α/2) = 3.689 at 95%.
 */
export function poissonCountInterval(count: number, options: PoissonOptions = {}): Interval {
  assertCount('count', count);
  const alpha = alphaFor(options.confidence ?? DEFAULT_CONFIDENCE);
  return {
    low: count === 0 ? 0 : gammaQuantile(alpha / 2, count),
    high: gammaQuantile(1 - alpha / 2, count + 1),
  };
}

/**
 * Rate = count / personTime × multiplier, with the Garwood limits of the count divided
 * by the same person-time (person-time is treated as fixed, as NCHS and SEER do).
 * personTime may be person-years or member-years; the multiplier fixes the unit.
 * personTime = 0 has no rate (all null); a count with no person-time is an error.
 */
export function poissonRateInterval(
  count: number,
  personTime: number,
  options: RateOptions = {},
): RateInterval {
  assertCount('count', count);
  assertCount('personTime', personTime, false);
  const multiplier = options.multiplier ?? 1;
  if (!(multiplier > 0 && Number.isFinite(multiplier))) {
    throw new RangeError(`multiplier must be a positive number, got ${multiplier}`);
  }
  if (personTime === 0) {
    if (count > 0) throw new RangeError(`count ${count} has no person-time to be a rate of`);
    return { rate: null, low: null, high: null };
  }
  const { low, high } = poissonCountInterval(count, options);
  const scale = multiplier / personTime;
  return { rate: count * scale, low: low * scale, high: high * scale };
}
