// Direct age standardization with the Fay–Feuer gamma confidence interval.
// Pure: weights come in as a parameter (US 2000 standard by default); never reads files.

import { alphaFor, assertCount, DEFAULT_CONFIDENCE } from './confidence-level.ts';
import { gammaQuantile } from './special/incomplete-gamma.ts';
import { US_2000_STANDARD } from './us-2000-standard.ts';

/** Events and population (persons or person-years) in one age group. */
export interface AgeStratum {
  ageGroup: string;
  events: number;
  population: number;
}

export interface StandardizationOptions {
  /** Scale of the rate, e.g. 100000 for "per 100,000". Default 1. */
  multiplier?: number;
  /** Standard weights by age group; any non-negative sizes, normalized here. Default US 2000. */
  weights?: ReadonlyArray<{ ageGroup: string; weight: number }>;
  /** Two-sided confidence level, default 0.95. */
  confidence?: number;
  /**
   * An age group of the standard with no population in the data has no rate, so the
   * standardized rate is undefined. 'error' (default) throws; 'drop' leaves the group
   * out and rescales the remaining weights to sum to 1, which changes the standard, so
   * the dropped groups are reported in the result.
   */
  emptyStrata?: 'error' | 'drop';
}

export interface StandardizedRate {
  /** Σ wᵢ·dᵢ/nᵢ × multiplier. */
  rate: number;
  low: number;
  high: number;
  /** Σ wᵢ²·dᵢ/nᵢ² × multiplier² (Poisson events; Chiang 1961). */
  variance: number;
  standardError: number;
  /** Total events, the numerator that reliability rules look at. */
  events: number;
  /** Age groups left out under emptyStrata: 'drop'. */
  droppedAgeGroups: string[];
}

/**
 * Directly standardized rate (NCHS Statistical Notes No. 6, Curtin & Klein 1995) with
 * the gamma interval of Fay & Feuer (1997, Stat Med 16:791–801), SEER*Stat's default
 * and NCHS's method for sparse data (Anderson & Rosenberg 1998, NVSR 47(3)). With per-person weights wᵢ = Wᵢ/nᵢ, y = Σwᵢdᵢ, v = Σwᵢ²dᵢ and
 * w_M = max wᵢ:
 *   low  = G⁻¹(α/2;       shape y²/v,                 scale v/y)
 *   high = G⁻¹(1 − α/2;   shape (y+w_M)²/(v+w_M²),    scale (v+w_M²)/(y+w_M))
 * It reduces to the exact Garwood interval when the population is proportional to the
 * standard, and is conservative otherwise. Events are treated as Poisson whether the
 * denominator is persons or person-years, as NCHS does for death rates.
 * (The Tiwari et al. 2006 modification is not implemented: its published form could not
 * be checked against a reference here, and Fay–Feuer is the conservative choice.)
 */
export function ageStandardizedRate(
  strata: readonly AgeStratum[],
  options: StandardizationOptions = {},
): StandardizedRate {
  const multiplier = options.multiplier ?? 1;
  if (!(multiplier > 0 && Number.isFinite(multiplier))) {
    throw new RangeError(`multiplier must be a positive number, got ${multiplier}`);
  }
  const alpha = alphaFor(options.confidence ?? DEFAULT_CONFIDENCE);
  const byGroup = indexStrata(strata, options.weights ?? US_2000_STANDARD);

  const present: Array<{ weight: number; events: number; population: number }> = [];
  const droppedAgeGroups: string[] = [];
  for (const { ageGroup, weight } of options.weights ?? US_2000_STANDARD) {
    const stratum = byGroup.get(ageGroup) ?? { events: 0, population: 0 };
    if (stratum.population > 0) present.push({ weight, ...stratum });
    else if (weight === 0) continue;
    else if (options.emptyStrata === 'drop') droppedAgeGroups.push(ageGroup);
    else throw new RangeError(`age group ${ageGroup} has no population to standardize`);
  }
  const totalWeight = present.reduce((sum, s) => sum + s.weight, 0);
  if (!(totalWeight > 0)) throw new RangeError('no age group has both a weight and a population');

  let y = 0;
  let v = 0;
  let wMax = 0;
  let events = 0;
  for (const s of present) {
    const w = s.weight / totalWeight / s.population;
    y += w * s.events;
    v += w * w * s.events;
    wMax = Math.max(wMax, w);
    events += s.events;
  }
  // With no events the lower limit is 0 (the gamma for it degenerates); the upper
  // limit is then w_M·(−ln α/2), Garwood's x = 0 bound on the most sparse stratum.
  const low = y === 0 ? 0 : gammaQuantile(alpha / 2, (y * y) / v, v / y);
  const yUp = y + wMax;
  const vUp = v + wMax * wMax;
  const high = gammaQuantile(1 - alpha / 2, (yUp * yUp) / vUp, vUp / yUp);
  return {
    rate: y * multiplier,
    low: low * multiplier,
    high: high * multiplier,
    variance: v * multiplier * multiplier,
    standardError: Math.sqrt(v) * multiplier,
    events,
    droppedAgeGroups,
  };
}

// Checks the data against the standard: every group known, none twice, counts valid.
function indexStrata(
  strata: readonly AgeStratum[],
  weights: ReadonlyArray<{ ageGroup: string; weight: number }>,
): Map<string, { events: number; population: number }> {
  const known = new Set<string>();
  for (const { ageGroup, weight } of weights) {
    if (known.has(ageGroup)) throw new RangeError(`standard lists age group ${ageGroup} twice`);
    if (!(weight >= 0 && Number.isFinite(weight))) {
      throw new RangeError(`weight of age group ${ageGroup} must be ≥ 0, got ${weight}`);
    }
    known.add(ageGroup);
  }
  const byGroup = new Map<string, { events: number; population: number }>();
  for (const { ageGroup, events, population } of strata) {
    if (!known.has(ageGroup)) throw new RangeError(`age group ${ageGroup} is not in the standard`);
    if (byGroup.has(ageGroup)) throw new RangeError(`age group ${ageGroup} appears twice`);
    assertCount(`events in ${ageGroup}`, events);
    assertCount(`population in ${ageGroup}`, population, false);
    if (population === 0 && events > 0) {
      throw new RangeError(`age group ${ageGroup} has ${events} events but no population`);
    }
    byGroup.set(ageGroup, { events, population });
  }
  return byGroup;
}
