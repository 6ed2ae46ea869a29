import { describe, expect, it } from 'vitest';
import { newcombeDifferenceInterval, wilsonInterval } from '../../core/stats/index.ts';

// Newcombe's tables print limits to 4 decimal places.
const dp4 = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);

describe('newcombeDifferenceInterval (Newcombe 1998, Stat Med 17:873–890, method 10)', () => {
  it.each([
    // Table II, method 10 (score, no continuity correction): examples (a), (b) and (d)–(h).
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1.0],
    [10, 10, 0, 10, 0.6075, 1.0],
  ])('reproduces the published interval for %i/%i − %i/%i', (x1, n1, x2, n2, low, high) => {
    const ci = newcombeDifferenceInterval(x1, n1, x2, n2);
    expect(ci.difference).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(dp4(ci.low)).toBe(low);
    expect(dp4(ci.high)).toBe(high);
  });

  it('gives the worked example of the brief: 56/70 vs 48/80 → 0.2 (0.0524 to 0.3339)', () => {
    const ci = newcombeDifferenceInterval(56, 70, 48, 80);
    expect(ci.difference).toBeCloseTo(0.2, 12);
    expect(ci.low).toBeCloseTo(0.0524, 4);
    expect(ci.high).toBeCloseTo(0.3339, 4);
  });

  it('is built from the two Wilson intervals, as the formula says', () => {
    const [a, b] = [wilsonInterval(30, 80), wilsonInterval(12, 55)];
    const d = a.proportion! - b.proportion!;
    const ci = newcombeDifferenceInterval(30, 80, 12, 55);
    expect(ci.low).toBeCloseTo(d - Math.sqrt((a.proportion! - a.low!) ** 2 + (b.high! - b.proportion!) ** 2), 12);
    expect(ci.high).toBeCloseTo(d + Math.sqrt((a.high! - a.proportion!) ** 2 + (b.proportion! - b.low!) ** 2), 12);
  });

  it('changes sign and swaps the limits when the groups swap', () => {
    const ab = newcombeDifferenceInterval(17, 40, 31, 45);
    const ba = newcombeDifferenceInterval(31, 45, 17, 40);
    expect(ba.difference).toBeCloseTo(-ab.difference!, 12);
    expect(ba.low).toBeCloseTo(-ab.high!, 12);
    expect(ba.high).toBeCloseTo(-ab.low!, 12);
  });

  it('widens with the confidence level', () => {
    const ci90 = newcombeDifferenceInterval(56, 70, 48, 80, { confidence: 0.9 });
    const ci99 = newcombeDifferenceInterval(56, 70, 48, 80, { confidence: 0.99 });
    expect(ci90.low!).toBeGreaterThan(0.0524);
    expect(ci99.low!).toBeLessThan(0.0524);
    expect(ci99.high!).toBeGreaterThan(0.3339);
  });

  it('returns nulls, not NaN, when a group is empty', () => {
    expect(newcombeDifferenceInterval(0, 0, 3, 10)).toEqual({ difference: null, low: null, high: null });
    expect(newcombeDifferenceInterval(3, 10, 0, 0)).toEqual({ difference: null, low: null, high: null });
  });

  it('rejects impossible counts', () => {
    expect(() => newcombeDifferenceInterval(11, 10, 3, 10)).toThrow(RangeError);
    expect(() => newcombeDifferenceInterval(-1, 10, 3, 10)).toThrow(RangeError);
    expect(() => newcombeDifferenceInterval(1, 10, 2.5, 10)).toThrow(RangeError);
    expect(() => newcombeDifferenceInterval(1, 10, 2, Number.NaN)).toThrow(RangeError);
  });
});
