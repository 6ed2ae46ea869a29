// Annual percent change (APC) of a rate series from a log-linear regression on year.
// Pure; one segment only (no joinpoints), with the rule for zero rates made explicit.

import { alphaFor, DEFAULT_CONFIDENCE } from './confidence-level.ts';
import { studentTQuantile, studentTTwoSidedP } from './special/student-t.ts';

export interface TrendPoint {
  year: number;
  rate: number;
  /** Standard error of the rate; needed only for weighting: 'inverse-variance'. */
  standardError?: number;
}

export interface TrendOptions {
  /**
   * 'none' (default): ordinary least squares, the SEER/Joinpoint APC definition.
   * 'inverse-variance': weighted least squares with wᵢ = 1/Var(ln rateᵢ) ≈ rateᵢ²/SEᵢ²
   * (delta method), which gives precise years more say, as Joinpoint does when given
   * standard errors. The weights set only relative precision: σ² is still estimated
   * from the residuals, so the t distribution with n − 2 df applies either way.
   */
  weighting?: 'none' | 'inverse-variance';
  /**
   * ln(rate) is undefined for rate ≤ 0. 'error' (default) throws, as an APC over a
   * series with empty years is not meaningful without a model for the zeros;
   * 'exclude' drops those years and lists them in excludedYears.
   */
  nonPositive?: 'error' | 'exclude';
  /** Two-sided confidence level, default 0.95. */
  confidence?: number;
}

export interface TrendResult {
  /** 100·(e^b₁ − 1), percent per year. */
  apc: number;
  low: number;
  high: number;
  /** b₁ of ln(rate) = b₀ + b₁·year, its standard error, and t = b₁/SE. */
  slope: number;
  slopeStandardError: number;
  tStatistic: number;
  degreesOfFreedom: number;
  /** Two-sided p-value of H₀: b₁ = 0 (equivalently APC = 0). */
  pValue: number;
  /** pValue < α, i.e. the interval excludes 0. */
  significant: boolean;
  excludedYears: number[];
}

/** Fewer points leave no degrees of freedom for the error variance. */
export const MIN_TREND_POINTS = 3;

/**
 * APC as SEER defines it: fit ln(rate) = b₀ + b₁·year by least squares; APC =
 * 100·(e^b₁ − 1), CI = 100·(e^(b₁ ± t·SE(b₁)) − 1) with t from n − 2 df (NCI SEER
 * Cancer Statistics Review, "Annual Percent Change"; Kim et al. 2000, Stat Med
 * 19:335–351, for the Joinpoint generalization).
 */
export function annualPercentChange(
  points: readonly TrendPoint[],
  options: TrendOptions = {},
): TrendResult {
  const alpha = alphaFor(options.confidence ?? DEFAULT_CONFIDENCE);
  const weighted = options.weighting === 'inverse-variance';
  const excludedYears: number[] = [];
  const seen = new Set<number>();
  const xs: number[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  for (const { year, rate, standardError } of points) {
    if (!Number.isFinite(year) || !Number.isFinite(rate)) {
      throw new RangeError(`year and rate must be finite numbers, got ${year}, ${rate}`);
    }
    if (seen.has(year)) throw new RangeError(`year ${year} appears twice`);
    seen.add(year);
    if (rate <= 0) {
      if (options.nonPositive === 'exclude') {
        excludedYears.push(year);
        continue;
      }
      throw new RangeError(`rate for ${year} is ${rate}; ln(rate) needs rate > 0`);
    }
    if (weighted && !(standardError !== undefined && standardError > 0)) {
      throw new RangeError(`inverse-variance weighting needs a standard error > 0 for ${year}`);
    }
    xs.push(year);
    ys.push(Math.log(rate));
    ws.push(weighted ? (rate / standardError!) ** 2 : 1);
  }
  const n = xs.length;
  if (n < MIN_TREND_POINTS) {
    throw new RangeError(`an APC needs at least ${MIN_TREND_POINTS} years with rates, got ${n}`);
  }

  // Weighted least squares about the weighted means, which keeps the sums well
  // conditioned for calendar years (x ≈ 2000) as well as for 0, 1, 2, …
  const sumW = ws.reduce((a, b) => a + b, 0);
  const meanX = xs.reduce((a, x, i) => a + ws[i]! * x, 0) / sumW;
  const meanY = ys.reduce((a, y, i) => a + ws[i]! * y, 0) / sumW;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += ws[i]! * (xs[i]! - meanX) ** 2;
    sxy += ws[i]! * (xs[i]! - meanX) * (ys[i]! - meanY);
  }
  const slope = sxy / sxx;
  let rss = 0;
  for (let i = 0; i < n; i++) {
    rss += ws[i]! * (ys[i]! - meanY - slope * (xs[i]! - meanX)) ** 2;
  }
  const df = n - 2;
  const slopeStandardError = Math.sqrt(rss / df / sxx);
  // A perfect fit has SE 0: t is ±Infinity (p = 0), or 0 (p = 1) for a flat series.
  const tStatistic = slope === 0 ? 0 : slope / slopeStandardError;
  const tCritical = studentTQuantile(1 - alpha / 2, df);
  const apc = (b: number) => 100 * Math.expm1(b);
  const pValue = studentTTwoSidedP(tStatistic, df);
  return {
    apc: apc(slope),
    low: apc(slope - tCritical * slopeStandardError),
    high: apc(slope + tCritical * slopeStandardError),
    slope,
    slopeStandardError,
    tStatistic,
    degreesOfFreedom: df,
    pValue,
    significant: pValue < alpha,
    excludedYears,
  };
}
