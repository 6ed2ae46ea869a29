import { describe, expect, it } from 'vitest';
import { poissonCountInterval, poissonRateInterval } from '../../core/stats/index.ts';

const sig4 = (x: number) => Number(x.toPrecision(4));

describe('poissonCountInterval (Garwood 1936 exact limits)', () => {
  it.each([
    // 95% exact limits for a Poisson count as tabulated for SMRs (e.g. Breslow & Day
    // 1987, Appendix; Ulm 1990), here to 4 significant digits.
    [0, 0, 3.689],
    [1, 0.02532, 5.572],
    [2, 0.2422, 7.225],
    [5, 1.623, 11.67],
    [10, 4.795, 18.39],
    [20, 12.22, 30.89],
    [100, 81.36, 121.6],
  ])('x = %i → (%f, %f)', (x, low, high) => {
    const ci = poissonCountInterval(x);
    expect(sig4(ci.low)).toBe(low);
    expect(sig4(ci.high)).toBe(high);
  });

  it('gives x = 0 the closed-form upper limit −ln(α/2)', () => {
    expect(poissonCountInterval(0).high).toBeCloseTo(-Math.log(0.025), 12);
    expect(poissonCountInterval(0, { confidence: 0.9 }).high).toBeCloseTo(-Math.log(0.05), 12);
    expect(poissonCountInterval(0).low).toBe(0);
  });

  it('gives x = 1 the closed-form lower limit −ln(1 − α/2)', () => {
    // P(X ≥ 1 | μ) = 1 − e^(−μ) = 0.025 → μ = −ln(0.975) = 0.025318.
    expect(poissonCountInterval(1).low).toBeCloseTo(-Math.log(0.975), 12);
  });

  it('contains the count and narrows relative to it as the count grows', () => {
    let previous = Infinity;
    for (const x of [1, 3, 10, 30, 100, 1000, 10_000]) {
      const { low, high } = poissonCountInterval(x);
      expect(low).toBeLessThan(x);
      expect(high).toBeGreaterThan(x);
      const relativeWidth = (high - low) / x;
      expect(relativeWidth).toBeLessThan(previous);
      previous = relativeWidth;
    }
  });

  it('rejects counts that are not non-negative integers', () => {
    expect(() => poissonCountInterval(-1)).toThrow(RangeError);
    expect(() => poissonCountInterval(2.5)).toThrow(RangeError);
    expect(() => poissonCountInterval(3, { confidence: 1 })).toThrow(RangeError);
  });
});

describe('poissonRateInterval', () => {
  it('divides the count limits by person-time and applies the multiplier', () => {
    // 10 events in 2,000 person-years per 1,000: 5.000 (4.795/2, 18.39/2) = (2.398, 9.195).
    const r = poissonRateInterval(10, 2000, { multiplier: 1000 });
    expect(r.rate).toBe(5);
    expect(sig4(r.low!)).toBe(2.398);
    expect(sig4(r.high!)).toBe(9.195);
  });

  it('accepts fractional person-time such as member-years', () => {
    const r = poissonRateInterval(3, 12.5, { multiplier: 1000 });
    expect(r.rate).toBe(240);
    expect(r.low!).toBeLessThan(240);
    expect(r.high!).toBeGreaterThan(240);
  });

  it('returns nulls when there is no person-time, and rejects events without it', () => {
    expect(poissonRateInterval(0, 0)).toEqual({ rate: null, low: null, high: null });
    expect(() => poissonRateInterval(2, 0)).toThrow(/no person-time/);
    expect(() => poissonRateInterval(2, 10, { multiplier: 0 })).toThrow(RangeError);
    expect(() => poissonRateInterval(2, -10)).toThrow(RangeError);
  });
});
