// The threshold guard and the single-count helper (CMS cell size suppression policy, 2020).
import { describe, expect, it } from 'vitest';
import {
  CMS_MINIMUM_CELL_SIZE,
  DisclosurePolicyError,
  disclosureMessages,
  isSmallCount,
  resolvePolicy,
  suppressCells,
  suppressCount,
} from '../../core/disclosure/index.ts';

describe('resolvePolicy', () => {
  it('defaults to the CMS minimum cell size of 11', () => {
    expect(CMS_MINIMUM_CELL_SIZE).toBe(11);
    expect(resolvePolicy().threshold).toBe(11);
  });

  it('accepts a stricter threshold', () => {
    expect(resolvePolicy({ threshold: 20 }).threshold).toBe(20);
  });

  it('refuses a threshold below 11 without the admin override, with a message that says why', () => {
    expect(() => resolvePolicy({ threshold: 5 })).toThrow(DisclosurePolicyError);
    expect(() => resolvePolicy({ threshold: 10 })).toThrow(disclosureMessages.thresholdBelowMinimum(10, 11));
    expect(() => resolvePolicy({ threshold: 5, allowBelowMinimum: false })).toThrow(DisclosurePolicyError);
  });

  it('allows a threshold below 11 only when allowBelowMinimum is literally true', () => {
    expect(resolvePolicy({ threshold: 5, allowBelowMinimum: true }).threshold).toBe(5);
    const fromQueryString = { threshold: 5, allowBelowMinimum: 'false' as unknown as boolean };
    expect(() => resolvePolicy(fromQueryString)).toThrow(DisclosurePolicyError);
  });

  it('refuses thresholds that are not whole numbers ≥ 1, even with the override', () => {
    for (const threshold of [0, -3, 10.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => resolvePolicy({ threshold, allowBelowMinimum: true })).toThrow(
        disclosureMessages.thresholdNotInteger(threshold),
      );
    }
  });

  it('applies the same guard inside suppressCells and suppressCount', () => {
    const cells = [{ period: '2016', numeratorPeople: 3, denominatorPeople: 50 }];
    expect(() => suppressCells(cells, { keys: ['period'], threshold: 3 })).toThrow(DisclosurePolicyError);
    expect(() => suppressCount(3, { threshold: 3 })).toThrow(DisclosurePolicyError);
  });
});

describe('isSmallCount', () => {
  const policy = resolvePolicy();
  it('is true for 1 to 10 and false for 0 and 11', () => {
    expect([0, 1, 10, 11, 1000].map((n) => isSmallCount(n, policy))).toEqual([false, true, true, false, false]);
  });

  it('throws on a count that is not a non-negative integer instead of calling it "not small"', () => {
    for (const bad of [Number.NaN, -1, 2.5]) expect(() => isSmallCount(bad, policy)).toThrow(RangeError);
  });
});

describe('suppressCount', () => {
  it('suppresses cohort sizes of 1 and 10 and shows 0 and 11', () => {
    const hidden = { value: null, suppressed: true, suppressionReason: 'small-cell' };
    expect(suppressCount(1)).toEqual(hidden);
    expect(suppressCount(10)).toEqual(hidden);
    expect(suppressCount(0)).toEqual({ value: 0, suppressed: false });
    expect(suppressCount(11)).toEqual({ value: 11, suppressed: false });
  });

  it('follows a configured threshold', () => {
    expect(suppressCount(15, { threshold: 20 }).suppressed).toBe(true);
    expect(suppressCount(4, { threshold: 4, allowBelowMinimum: true })).toEqual({ value: 4, suppressed: false });
  });

  it('throws on NaN rather than publishing it', () => {
    expect(() => suppressCount(Number.NaN)).toThrow(RangeError);
  });
});
