// Is the change between two independent estimates statistically significant? The 95% CI of their
// difference from each estimate's own CI (MOVER: Zou & Donner 2008, "Construction of confidence limits
// about effect measures: a general approach", Stat Med 27:1693–1702). With Wilson intervals it is
// exactly Newcombe's hybrid score interval (core/stats/difference-ci.ts); it also serves rates and
// costs, whose intervals the API computes by other methods. Pure.

export interface Estimate {
  value: number;
  low: number;
  high: number;
}

export interface DifferenceOfEstimates {
  difference: number;
  low: number;
  high: number;
  /** The interval excludes zero. */
  significant: boolean;
}

/** later − earlier, with its interval: L = d − √((l₁ − ℓ₁)² + (u₀ − v₀)²), U = d + √((u₁ − v₁)² + (v₀ − ℓ₀)²). */
export function differenceOfEstimates(later: Estimate, earlier: Estimate): DifferenceOfEstimates {
  const difference = later.value - earlier.value;
  const low = difference - Math.hypot(later.value - later.low, earlier.high - earlier.value);
  const high = difference + Math.hypot(later.high - later.value, earlier.value - earlier.low);
  return { difference, low, high, significant: low > 0 || high < 0 };
}
