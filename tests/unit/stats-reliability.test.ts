import { describe, expect, it } from 'vitest';
import { assessReliability, poissonRsePercent } from '../../core/stats/index.ts';

describe('assessReliability (NCHS presentation standards)', () => {
  it('flags fewer than 20 events and says so', () => {
    // A crude rate on 19 events: SE = rate/√19, RSE = 100/√19 = 22.94% (below 30%).
    const r = assessReliability({ numerator: 19, estimate: 19, standardError: Math.sqrt(19) });
    expect(r.rsePercent).toBeCloseTo(22.94, 2);
    expect(r).toMatchObject({ unreliable: true, reasons: ['numerator-below-minimum'] });
  });

  it('passes 20 events with an RSE of 100/√20 = 22.36%', () => {
    const r = assessReliability({ numerator: 20, estimate: 10, standardError: 10 / Math.sqrt(20) });
    expect(r.rsePercent).toBeCloseTo(22.36, 2);
    expect(r).toMatchObject({ unreliable: false, reasons: [] });
  });

  it('flags an RSE above 30% even with many events (e.g. an age-adjusted rate)', () => {
    // SE 3.1 on an estimate of 10 → RSE 31%.
    const r = assessReliability({ numerator: 45, estimate: 10, standardError: 3.1 });
    expect(r.rsePercent).toBeCloseTo(31, 10);
    expect(r.reasons).toEqual(['rse-above-maximum']);
    expect(r.unreliable).toBe(true);
    // Exactly 30% is not "above" 30%.
    expect(assessReliability({ numerator: 45, estimate: 10, standardError: 3 }).unreliable).toBe(false);
  });

  it('reports both reasons when both rules fail', () => {
    const r = assessReliability({ numerator: 4, estimate: 2, standardError: 1 });
    expect(r.reasons).toEqual(['numerator-below-minimum', 'rse-above-maximum']);
  });

  it('has no RSE for a zero estimate, which its zero numerator already flags', () => {
    const r = assessReliability({ numerator: 0, estimate: 0, standardError: 0 });
    expect(r).toEqual({ rsePercent: null, unreliable: true, reasons: ['numerator-below-minimum'] });
  });

  it('accepts other thresholds', () => {
    const r = assessReliability(
      { numerator: 15, estimate: 10, standardError: 2.5 },
      { minNumerator: 10, maxRsePercent: 23 },
    );
    expect(r.reasons).toEqual(['rse-above-maximum']);
  });

  it('rejects negative or non-finite inputs', () => {
    expect(() => assessReliability({ numerator: -1, estimate: 1, standardError: 1 })).toThrow(RangeError);
    expect(() => assessReliability({ numerator: 1, estimate: NaN, standardError: 1 })).toThrow(RangeError);
  });
});

describe('poissonRsePercent', () => {
  it('is 100/√count', () => {
    expect(poissonRsePercent(25)).toBe(20);
    expect(poissonRsePercent(100)).toBe(10);
    expect(poissonRsePercent(0)).toBeNull();
  });
});
