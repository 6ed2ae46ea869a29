import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ageStandardizedRate,
  NCHS_AGE_GROUPS,
  US_2000_STANDARD,
  type AgeStratum,
} from '../../core/stats/index.ts';

const sig4 = (x: number) => Number(x.toPrecision(4));
const CSV = new URL('../../data/reference/us-2000-standard-population.csv', import.meta.url);

describe('US 2000 standard population (NCHS Statistical Notes No. 20, Distribution #1)', () => {
  const lines = readFileSync(CSV, 'utf8').trim().split('\n');
  const rows = lines.slice(1).map((line) => {
    const [ageGroup, population, weight] = line.split(',');
    return { ageGroup, population: Number(population), weight: Number(weight) };
  });

  it('is the same table in the CSV and in code, in the 11 NCHS groups', () => {
    expect(lines[0]).toBe('age_group,population,weight');
    expect(rows).toEqual(US_2000_STANDARD);
    expect(rows.map((r) => r.ageGroup)).toEqual([...NCHS_AGE_GROUPS]);
  });

  it('has weights that sum to 1 and populations that sum to 274,633,642', () => {
    const total = rows.reduce((s, r) => s + r.population, 0);
    expect(total).toBe(274_633_642);
    expect(rows.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(1, 12);
    // Published weights come from populations rounded to thousands, so they agree with
    // population / total to within rounding in the sixth decimal.
    for (const r of rows) expect(Math.abs(r.weight - r.population / total)).toBeLessThan(2.5e-6);
  });
});

// Strata whose populations are proportional to the standard: every per-person weight
// wᵢ = Wᵢ/nᵢ is the same, so Fay–Feuer must reduce to the exact Garwood interval.
function proportionalStrata(total: number, eventsPerGroup: number[]): AgeStratum[] {
  return US_2000_STANDARD.map((s, i) => ({
    ageGroup: s.ageGroup,
    population: total * s.weight,
    events: eventsPerGroup[i] ?? 0,
  }));
}

describe('ageStandardizedRate (direct method, Fay & Feuer 1997 interval)', () => {
  it('equals the Garwood interval when the population is proportional to the standard', () => {
    // 10 events in 100,000 people → 10 per 100,000, 95% CI (4.795, 18.39) as for x = 10.
    const strata = proportionalStrata(100_000, [0, 0, 1, 0, 2, 1, 0, 3, 1, 2, 0]);
    const r = ageStandardizedRate(strata, { multiplier: 100_000 });
    expect(r.rate).toBeCloseTo(10, 10);
    expect(sig4(r.low)).toBe(4.795);
    expect(sig4(r.high)).toBe(18.39);
    expect(r.events).toBe(10);
    // Var = Σ (Wᵢ/nᵢ)²·dᵢ = 10 / 100,000², so SE = √10 per 100,000.
    expect(r.standardError).toBeCloseTo(Math.sqrt(10), 10);
  });

  it('returns the common rate when every age group has the same rate', () => {
    const strata = US_2000_STANDARD.map((s, i) => ({
      ageGroup: s.ageGroup,
      population: 1000 * (i + 1),
      events: 4 * (i + 1), // 4 per 1,000 in every group
    }));
    expect(ageStandardizedRate(strata, { multiplier: 1000 }).rate).toBeCloseTo(4, 12);
  });

  it('reproduces a published directly adjusted rate and its standard error', () => {
    // E. L. Frome, ORNL, "Example 1 Using Ten Year Intervals" (csm.ornl.gov/~frome/ES/ex-direct.html;
    // US 1970 standard, ages 20–64):
    // published R = 19.3490, seR = 6.2478. Person-years are recovered as events / rate
    // from the printed age-specific rates.
    const weights = [0.28111788, 0.21226284, 0.22695215, 0.19851136, 0.08115578];
    const events = [3, 9, 7, 2, 1];
    const rates = [36.1228, 17.2003, 15.6352, 5.7322, 10.5584];
    const r = ageStandardizedRate(
      events.map((d, i) => ({ ageGroup: `${20 + 10 * i}`, events: d, population: d / rates[i]! })),
      { weights: weights.map((weight, i) => ({ ageGroup: `${20 + 10 * i}`, weight })) },
    );
    expect(r.rate).toBeCloseTo(19.349, 3);
    expect(r.standardError).toBeCloseTo(6.2478, 3);
  });

  it('matches a Fay–Feuer interval worked by hand', () => {
    // Weights W = (0.5, 0.3, 0.2), events d = (2, 5, 9), population n = (1000, 2000, 1500).
    // wᵢ = Wᵢ/nᵢ = (5e-4, 1.5e-4, 1.3333e-4); w_M = 5e-4.
    // y = Σwᵢdᵢ = 0.001 + 0.00075 + 0.0012 = 0.00295            → 2.95 per 1,000
    // v = Σwᵢ²dᵢ = 5e-7 + 1.125e-7 + 1.6e-7 = 7.725e-7           → 0.7725 per 1,000²
    // low:  shape y²/v = 11.2654, scale v/y = 2.61864e-4
    // high: shape (y+w_M)²/(v+w_M²) = 1.19025e-5/1.0225e-6 = 11.6406,
    //       scale (v+w_M²)/(y+w_M) = 1.0225e-6/0.00345 = 2.96377e-4
    // Gamma quantiles at 0.025 and 0.975 for those parameters, from SciPy 1.17
    // scipy.stats.gamma.ppf (an independent implementation): 1.486909e-3 and 5.696146e-3.
    const groups = ['a', 'b', 'c'];
    const r = ageStandardizedRate(
      [
        { ageGroup: 'a', events: 2, population: 1000 },
        { ageGroup: 'b', events: 5, population: 2000 },
        { ageGroup: 'c', events: 9, population: 1500 },
      ],
      { weights: [0.5, 0.3, 0.2].map((weight, i) => ({ ageGroup: groups[i]!, weight })), multiplier: 1000 },
    );
    expect(r.rate).toBeCloseTo(2.95, 12);
    expect(r.variance).toBeCloseTo(0.7725, 12);
    expect(sig4(r.low)).toBe(1.487);
    expect(sig4(r.high)).toBe(5.696);
  });

  it('gives zero events a lower limit of 0 and the Garwood x = 0 bound on w_M', () => {
    // Frome's person-years with no events at all: w_M = 0.28111788 / 0.0830500 = 3.384925,
    // high = w_M · (−ln 0.025) = 3.384925 × 3.688879 = 12.4866.
    const weights = [0.28111788, 0.21226284, 0.22695215, 0.19851136, 0.08115578];
    const populations = [3 / 36.1228, 9 / 17.2003, 7 / 15.6352, 2 / 5.7322, 1 / 10.5584];
    const r = ageStandardizedRate(
      populations.map((population, i) => ({ ageGroup: `${i}`, events: 0, population })),
      { weights: weights.map((weight, i) => ({ ageGroup: `${i}`, weight })) },
    );
    expect(r.rate).toBe(0);
    expect(r.low).toBe(0);
    expect(sig4(r.high)).toBe(12.49);
  });

  it('contains the rate, and narrows as the same rates rest on more people', () => {
    let previousWidth = Infinity;
    for (const scale of [1, 10, 100, 1000]) {
      const strata = US_2000_STANDARD.map((s, i) => ({
        ageGroup: s.ageGroup,
        population: scale * (100 + 40 * i),
        events: scale * (i + 1),
      }));
      const r = ageStandardizedRate(strata, { multiplier: 1000 });
      expect(r.low).toBeLessThan(r.rate);
      expect(r.high).toBeGreaterThan(r.rate);
      expect(r.high - r.low).toBeLessThan(previousWidth);
      previousWidth = r.high - r.low;
    }
  });

  it('refuses an age group with no population unless told to drop it', () => {
    const strata = proportionalStrata(10_000, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]).filter(
      (s) => s.ageGroup !== '<1',
    );
    expect(() => ageStandardizedRate(strata)).toThrow(/<1 has no population/);
    const r = ageStandardizedRate(strata, { emptyStrata: 'drop', multiplier: 10_000 });
    expect(r.droppedAgeGroups).toEqual(['<1']);
    // The 10 remaining groups hold 10 events in 10,000 × (1 − 0.013818) people, in
    // proportion to the rescaled standard: 10 / 0.986182 = 10.140 per 10,000.
    expect(r.rate).toBeCloseTo(10 / 0.986182, 8);
  });

  it('rejects age groups outside the standard, duplicates and impossible counts', () => {
    const ok = { ageGroup: '85+', events: 1, population: 10 };
    const rest = proportionalStrata(1000, []).filter((s) => s.ageGroup !== '85+');
    expect(() => ageStandardizedRate([...rest, { ...ok, ageGroup: '85-89' }])).toThrow(/not in the standard/);
    expect(() => ageStandardizedRate([...rest, ok, ok])).toThrow(/twice/);
    expect(() => ageStandardizedRate([...rest, { ...ok, population: 0 }])).toThrow(/no population/);
    expect(() => ageStandardizedRate([...rest, { ...ok, events: -1 }])).toThrow(RangeError);
    expect(() => ageStandardizedRate([...rest, ok], { multiplier: -1 })).toThrow(RangeError);
  });
});
