import { describe, expect, it } from 'vitest';
import { roundSummedAmount } from '../../core/measures/round-summed-amount.ts';

describe('roundSummedAmount', () => {
  // Four cent amounts adding up to exactly 208,925.50 dollars (20,892,550 cents).
  const amounts = [37303.52, 72113.24, 47202.84, 52305.9];
  const forward = amounts.reduce((sum, x) => sum + x, 0);
  const backward = [...amounts].reverse().reduce((sum, x) => sum + x, 0);

  it('rounds a sum of cents at .50 the same way whatever the order of addition', () => {
    // The float sums differ in their last bits, so plain rounding disagrees: the gap this fixes.
    expect(forward).not.toBe(backward);
    expect(Math.round(forward)).not.toBe(Math.round(backward));
    expect(roundSummedAmount(forward)).toBe(208926);
    expect(roundSummedAmount(backward)).toBe(208926);
  });

  it('rounds amounts away from .50 as Math.round does', () => {
    expect(roundSummedAmount(52915.498)).toBe(52915); // the nearest 0.2-cent step below .50
    expect(roundSummedAmount(52915.502)).toBe(52916);
    expect(roundSummedAmount(52915.4)).toBe(52915);
    expect(roundSummedAmount(0.5)).toBe(1);
    expect(roundSummedAmount(0)).toBe(0);
    expect(roundSummedAmount(73)).toBe(73);
  });
});
