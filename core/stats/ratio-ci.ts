// Confidence interval for a ratio estimator R = Σy / Σx over n units (cost per member-month,
// days per stay), by Taylor linearization (the delta method): Cochran, Sampling Techniques,
// 3rd ed. (1977), §6.3–6.4:  v(R) = Σ(yᵢ − R·xᵢ)² / ((n − 1)·n·x̄²),  with x̄ = Σx / n.
// Σ(yᵢ − R·xᵢ)² = Σy² − 2R·Σxy + R²·Σx², so the sums are all a query needs to return.

import { alphaFor, DEFAULT_CONFIDENCE } from './confidence-level.ts';
import { normalQuantile } from './special/normal.ts';

export interface RatioSums {
  n: number;
  sumY: number;
  sumX: number;
  sumYY: number;
  sumXX: number;
  sumXY: number;
}

export type RatioInterval =
  | { ratio: number; low: number; high: number; standardError: number }
  | { ratio: null; low: null; high: null; standardError: null };

export function ratioInterval(sums: RatioSums, options: { confidence?: number } = {}): RatioInterval {
  const { n, sumY, sumX, sumYY, sumXX, sumXY } = sums;
  if (!(sumX > 0) || n < 1) return { ratio: null, low: null, high: null, standardError: null };
  const ratio = sumY / sumX;
  if (n < 2) return { ratio, low: ratio, high: ratio, standardError: 0 };
  // Rounding can make the residual sum of squares a hair negative when every yᵢ = R·xᵢ.
  const residualSquares = Math.max(0, sumYY - 2 * ratio * sumXY + ratio * ratio * sumXX);
  const meanX = sumX / n;
  const standardError = Math.sqrt(residualSquares / ((n - 1) * n * meanX * meanX));
  const z = normalQuantile(1 - alphaFor(options.confidence ?? DEFAULT_CONFIDENCE) / 2);
  return { ratio, low: Math.max(0, ratio - z * standardError), high: ratio + z * standardError, standardError };
}
