// KPI tiles mark a change only when it is statistically significant (issue 17). The difference's CI
// from the two estimates' CIs (MOVER) must equal Newcombe's interval when those are Wilson intervals.
import { describe, expect, it } from 'vitest';
import { differenceOfEstimates } from '../../client/src/lib/difference-of-estimates.ts';
import { summarizeKpi } from '../../client/src/overview/summarize-kpi.ts';
import { newcombeDifferenceInterval } from '../../core/stats/difference-ci.ts';
import { wilsonInterval } from '../../core/stats/proportion-ci.ts';
import type { MeasureRow } from '../../core/api/api-types.ts';

const wilson = (x: number, n: number) => {
  const w = wilsonInterval(x, n);
  return { value: w.proportion!, low: w.low!, high: w.high! };
};

describe('KPI change test', () => {
  it('equals Newcombe\'s hybrid score interval for two proportions with Wilson limits', () => {
    for (const [x1, n1, x2, n2] of [[56, 70, 48, 80], [5, 56, 0, 29], [700, 1000, 650, 1000]] as const) {
      const ours = differenceOfEstimates(wilson(x1, n1), wilson(x2, n2));
      const newcombe = newcombeDifferenceInterval(x1, n1, x2, n2);
      expect(ours.difference).toBeCloseTo(newcombe.difference!, 12);
      expect(ours.low).toBeCloseTo(newcombe.low!, 12);
      expect(ours.high).toBeCloseTo(newcombe.high!, 12);
    }
  });

  const year = (period: string, rate: number, ciLow: number, ciHigh: number): MeasureRow => ({ period, numerator: null, denominator: null, rate, ciLow, ciHigh, suppressed: false });

  it('calls overlapping intervals "no significant change": neutral tone, no better/worse', () => {
    // 70.0 (66–74) after 68.0 (64–72): difference 2.0, CI 2 ± √(4² + 4²) = (−3.66, 7.66), includes 0.
    const summary = summarizeKpi([year('2023', 68, 64, 72), year('2024', 70, 66, 74)], { direction: 'higher-is-better', unit: 'percent' });
    expect(summary?.significant).toBe(false);
    expect(summary?.tone).toBe('neutral');
    expect(summary?.test?.low).toBeCloseTo(2 - Math.hypot(4, 4), 10);
  });

  it('marks a significant fall of a lower-is-better measure as better', () => {
    // 50 (48–52) after 60 (58–62): difference −10, CI −10 ± √(2² + 2²), excludes 0.
    const summary = summarizeKpi([year('2023', 60, 58, 62), year('2024', 50, 48, 52)], { direction: 'lower-is-better', unit: 'percent' });
    expect(summary?.significant).toBe(true);
    expect(summary?.tone).toBe('better');
  });
});
