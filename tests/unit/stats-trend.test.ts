import { describe, expect, it } from 'vitest';
import { annualPercentChange, type TrendPoint } from '../../core/stats/index.ts';

const sig4 = (x: number) => Number(x.toPrecision(4));

// ln(rate) = ln 50 + 0.05·(year − 2018) + e, with residuals e chosen orthogonal to 1 and
// to year (Σe = 0, Σ(year − 2018)·e = 0), so least squares returns b₁ = 0.05 exactly.
const RESIDUALS = [0.01, -0.02, 0, 0.02, -0.01];
const HAND_SERIES: TrendPoint[] = RESIDUALS.map((e, i) => ({
  year: 2016 + i,
  rate: 50 * Math.exp(0.05 * (i - 2) + e),
}));

describe('annualPercentChange (log-linear least squares, SEER APC definition)', () => {
  it('matches the regression worked by hand', () => {
    // Sxx = Σ(year − 2018)² = 4 + 1 + 0 + 1 + 4 = 10; b₁ = 0.05.
    // RSS = Σe² = 0.0001 + 0.0004 + 0 + 0.0004 + 0.0001 = 0.001; s² = RSS/(n − 2) = 0.001/3.
    // SE(b₁) = √(s²/Sxx) = √(0.001/30) = 0.0057735; t = 0.05/0.0057735 = 8.6603, df = 3.
    // APC = 100(e^0.05 − 1) = 5.1271.
    // t(0.975; 3) = 3.182446 (t table 3.182): b₁ ± 0.018374 → (0.031626, 0.068374),
    //   APC CI = (100(e^0.031626 − 1), 100(e^0.068374 − 1)) = (3.2132, 7.0766).
    // p: with 3 df, P(T ≤ t) = 1/2 + (u/(1 + u²) + atan u)/π where u = t/√3 = 5, so
    //   p = 1 − (2/π)(5/26 + atan 5) = 1 − 0.6366198 × 1.5657085 = 0.003239.
    const r = annualPercentChange(HAND_SERIES);
    expect(r.slope).toBeCloseTo(0.05, 12);
    expect(sig4(r.slopeStandardError)).toBe(0.005774);
    expect(sig4(r.tStatistic)).toBe(8.660);
    expect(r.degreesOfFreedom).toBe(3);
    expect(sig4(r.apc)).toBe(5.127);
    expect(sig4(r.low)).toBe(3.213);
    expect(sig4(r.high)).toBe(7.077);
    expect(sig4(r.pValue)).toBe(0.003239);
    expect(r.significant).toBe(true);
    expect(r.excludedYears).toEqual([]);
  });

  it('recovers a constant 3% a year exactly, with a zero-width interval', () => {
    const points = [0, 1, 2, 3].map((k) => ({ year: 2010 + k, rate: 100 * 1.03 ** k }));
    const r = annualPercentChange(points);
    expect(r.apc).toBeCloseTo(3, 10);
    expect(r.low).toBeCloseTo(3, 6);
    expect(r.high).toBeCloseTo(3, 6);
    expect(r.significant).toBe(true);
  });

  it('calls a flat series not significant with p = 1', () => {
    const r = annualPercentChange([2015, 2016, 2017].map((year) => ({ year, rate: 7 })));
    expect(r).toMatchObject({ apc: 0, pValue: 1, significant: false });
  });

  it('marks a noisy series not significant when its interval spans 0', () => {
    const r = annualPercentChange([
      { year: 1, rate: 10 },
      { year: 2, rate: 13 },
      { year: 3, rate: 9 },
      { year: 4, rate: 12 },
    ]);
    expect(r.low).toBeLessThan(0);
    expect(r.high).toBeGreaterThan(0);
    expect(r.significant).toBe(false);
    expect(r.pValue).toBeGreaterThan(0.05);
  });

  it('weights by inverse variance of ln(rate) when asked, worked by hand', () => {
    // x = (0, 1, 2), ln rate = (0, 0.1, 0.3), weights rate²/SE² = (1, 1, 2).
    // Σw = 4, x̄ = (0 + 1 + 4)/4 = 1.25, ȳ = (0 + 0.1 + 0.6)/4 = 0.175.
    // Sxx = 1.5625 + 0.0625 + 2·0.5625 = 2.75
    // Sxy = (−1.25)(−0.175) + (−0.25)(−0.075) + 2(0.75)(0.125) = 0.425 → b₁ = 0.154545.
    // Fitted: −0.018182, 0.136364, 0.290909; RSS = 0.018182² + 0.036364² + 2·0.009091²
    //   = 0.0018182; SE(b₁) = √(0.0018182/1/2.75) = 0.025713.
    // (Unweighted, b₁ would be 0.15.)
    const lnRates = [0, 0.1, 0.3];
    const weights = [1, 1, 2];
    const points = lnRates.map((y, i) => ({
      year: i,
      rate: Math.exp(y),
      standardError: Math.exp(y) / Math.sqrt(weights[i]!),
    }));
    const r = annualPercentChange(points, { weighting: 'inverse-variance' });
    expect(sig4(r.slope)).toBe(0.1545);
    expect(sig4(r.slopeStandardError)).toBe(0.02571);
    expect(annualPercentChange(points).slope).toBeCloseTo(0.15, 12);
  });

  it('gives the unweighted answer when every year is equally precise', () => {
    const points = HAND_SERIES.map((p) => ({ ...p, standardError: p.rate * 0.1 }));
    const weighted = annualPercentChange(points, { weighting: 'inverse-variance' });
    const plain = annualPercentChange(HAND_SERIES);
    expect(weighted.apc).toBeCloseTo(plain.apc, 10);
    expect(weighted.slopeStandardError).toBeCloseTo(plain.slopeStandardError, 10);
  });

  it('refuses rates ≤ 0 by default, or excludes them and says which years', () => {
    const withZero = [...HAND_SERIES, { year: 2021, rate: 0 }];
    expect(() => annualPercentChange(withZero)).toThrow(/2021/);
    const r = annualPercentChange(withZero, { nonPositive: 'exclude' });
    expect(r.excludedYears).toEqual([2021]);
    expect(r.apc).toBeCloseTo(annualPercentChange(HAND_SERIES).apc, 12);
  });

  it('needs three distinct years and standard errors for weighting', () => {
    expect(() => annualPercentChange(HAND_SERIES.slice(0, 2))).toThrow(/at least 3/);
    expect(() => annualPercentChange([...HAND_SERIES, HAND_SERIES[0]!])).toThrow(/twice/);
    expect(() => annualPercentChange(HAND_SERIES, { weighting: 'inverse-variance' })).toThrow(
      /standard error/,
    );
  });
});
