// Public API of core/stats: pure statistical functions for measures, charts and reports.
// Nothing here touches the warehouse, the clock or the file system.

export { wilsonInterval, type ProportionInterval, type ProportionOptions } from './proportion-ci.ts';
export { newcombeDifferenceInterval, type DifferenceInterval } from './difference-ci.ts';
export {
  poissonCountInterval,
  poissonRateInterval,
  type PoissonOptions,
  type RateInterval,
  type RateOptions,
} from './poisson-ci.ts';
export {
  ageStandardizedRate,
  type AgeStratum,
  type StandardizationOptions,
  type StandardizedRate,
} from './age-standardization.ts';
export {
  NCHS_AGE_GROUPS,
  US_2000_STANDARD,
  type NchsAgeGroup,
  type StandardWeight,
} from './us-2000-standard.ts';
export {
  assessReliability,
  poissonRsePercent,
  type Reliability,
  type ReliabilityInput,
  type ReliabilityThresholds,
  type UnreliableReason,
} from './reliability.ts';
export {
  annualPercentChange,
  MIN_TREND_POINTS,
  type TrendOptions,
  type TrendPoint,
  type TrendResult,
} from './trend.ts';
export { ratioInterval, type RatioInterval, type RatioSums } from './ratio-ci.ts';
export { DEFAULT_CONFIDENCE, type Interval } from './confidence-level.ts';
// The distributions underneath, for callers that need a quantile of their own.
export { normalCdf, normalQuantile, zForConfidence } from './special/normal.ts';
export { studentTCdf, studentTQuantile, studentTTwoSidedP } from './special/student-t.ts';
export { gammaQuantile, regularizedGammaP, regularizedGammaQ } from './special/incomplete-gamma.ts';
export { regularizedBeta } from './special/incomplete-beta.ts';
export { logGamma } from './special/log-gamma.ts';
