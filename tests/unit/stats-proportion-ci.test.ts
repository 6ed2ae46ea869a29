import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../core/stats/index.ts';

// Newcombe's tables print limits to 4 decimal places.
const dp4 = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);

describe('wilsonInterval (Wilson 1927; Newcombe 1998 method 3)', () => {
  it.each([
    // Worked examples of Newcombe (1998, Stat Med 17:857–872), score method without
    // continuity correction.
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('reproduces Newcombe’s interval for %i/%i', (x, n, low, high) => {
    const ci = wilsonInterval(x, n);
    expect(dp4(ci.low)).toBe(low);
    expect(dp4(ci.high)).toBe(high);
    expect(ci.proportion).toBe(x / n);
  });

  it('reproduces the closed form at x = 0: high = z²/(n + z²)', () => {
    // z = 1.959964 → z² = 3.841459; n = 29: 3.841459 / 32.841459 = 0.116970.
    expect(wilsonInterval(0, 29).high).toBeCloseTo(0.11697, 5);
    expect(wilsonInterval(29, 29).low).toBeCloseTo(1 - 0.11697, 5);
    expect(wilsonInterval(29, 29).high).toBe(1);
  });

  it('returns nulls, not NaN, when there are no trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ proportion: null, low: null, high: null });
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1, Number.NaN)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 4, { confidence: 95 })).toThrow(RangeError);
  });

  it('contains the estimate and stays within [0, 1] for every x', () => {
    for (const n of [1, 2, 7, 50, 1000]) {
      for (let x = 0; x <= n; x += Math.max(1, Math.floor(n / 17))) {
        const ci = wilsonInterval(x, n);
        if (ci.proportion === null) throw new Error('unexpected null');
        expect(ci.low).toBeGreaterThanOrEqual(0);
        expect(ci.high).toBeLessThanOrEqual(1);
        expect(ci.low).toBeLessThanOrEqual(ci.proportion);
        expect(ci.high).toBeGreaterThanOrEqual(ci.proportion);
      }
    }
  });

  it('narrows as n grows at a fixed proportion, and widens with the confidence level', () => {
    const widths = [10, 100, 1000, 10_000].map((n) => {
      const ci = wilsonInterval(n * 0.3, n);
      return ci.high! - ci.low!;
    });
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeLessThan(widths[i - 1]!);
    const ci95 = wilsonInterval(30, 100);
    const ci99 = wilsonInterval(30, 100, { confidence: 0.99 });
    expect(ci99.low!).toBeLessThan(ci95.low!);
    expect(ci99.high!).toBeGreaterThan(ci95.high!);
  });

  it('is symmetric: the interval for n − x mirrors the one for x', () => {
    const a = wilsonInterval(7, 40);
    const b = wilsonInterval(33, 40);
    expect(a.low!).toBeCloseTo(1 - b.high!, 12);
    expect(a.high!).toBeCloseTo(1 - b.low!, 12);
  });
});
