import { describe, expect, it } from 'vitest';
import { discloseBreakdown, discloseShare } from '../../core/cohorts/cohort-disclosure.ts';

const rows = (counts: Record<string, number>) => Object.entries(counts).map(([value, count]) => ({ value, count }));

describe('cohort disclosure', () => {
  it('shows a breakdown with no small cell, with shares of the size', () => {
    expect(discloseBreakdown(rows({ F: 30, M: 20 }), 50)).toEqual([
      { value: 'F', count: 30, share: 0.6, suppressed: false },
      { value: 'M', count: 20, share: 0.4, suppressed: false },
    ]);
  });

  it('hides a small cell and a complement, so the size minus the rest does not give it away', () => {
    const out = discloseBreakdown(rows({ white: 40, black: 5, asian: 25, other: 0 }), 70);
    expect(out.find((r) => r.value === 'black')).toMatchObject({ count: null, share: null, suppressed: true, suppressionReason: 'small-cell' });
    const hidden = out.filter((r) => r.suppressed);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect(hidden.some((r) => r.suppressed && r.suppressionReason === 'complementary')).toBe(true);
    for (const r of out) if (!r.suppressed) expect(r.count === 0 || r.count >= 11).toBe(true);
  });

  it('hides a share whose complement in the cohort is small', () => {
    expect(discloseShare('hypertension', 45, 50)).toMatchObject({ value: 'hypertension', count: null, suppressed: true });
    expect(discloseShare('hypertension', 5, 50)).toMatchObject({ count: null, suppressed: true, suppressionReason: 'small-cell' });
    expect(discloseShare('hypertension', 20, 50)).toEqual({ value: 'hypertension', count: 20, share: 0.4, suppressed: false });
    expect(discloseShare('asthma', 0, 50)).toEqual({ value: 'asthma', count: 0, share: 0, suppressed: false });
    expect(discloseShare('obesity', 50, 50)).toEqual({ value: 'obesity', count: 50, share: 1, suppressed: false });
  });
});
