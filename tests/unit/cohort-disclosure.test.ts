import { describe, expect, it } from 'vitest';
import { countDisclosure } from '../../core/cohorts/cohort-disclosure.ts';

const rows = (counts: Record<string, number>) => Object.entries(counts).map(([value, count]) => ({ value, count, key: 0 }));
const exact = countDisclosure({ exactCounts: true });
const perturbed = countDisclosure();

// Keys as fractions of 2³² pick the noise from the documented row for counts of 6 and more
// (docs/disclosure.md): below 0.0005 → −5, in [0.3589, 0.6408) → 0, from 0.9995 → +5.
const KEY_LOWEST = 0;
const KEY_MIDDLE = 2 ** 31;
const KEY_HIGHEST = 2 ** 32 - 1;

describe('cohort disclosure, exact counts', () => {
  it('shows a breakdown with no small cell, with shares of the size', () => {
    expect(exact.breakdown(rows({ F: 30, M: 20 }), 50)).toEqual([
      { value: 'F', count: 30, share: 0.6, suppressed: false },
      { value: 'M', count: 20, share: 0.4, suppressed: false },
    ]);
  });

  it('hides a small cell and a complement, so the size minus the rest does not give it away', () => {
    const out = exact.breakdown(rows({ white: 40, black: 5, asian: 25, other: 0 }), 70);
    expect(out.find((r) => r.value === 'black')).toMatchObject({ count: null, share: null, suppressed: true, suppressionReason: 'small-cell' });
    const hidden = out.filter((r) => r.suppressed);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect(hidden.some((r) => r.suppressed && r.suppressionReason === 'complementary')).toBe(true);
    for (const r of out) if (!r.suppressed) expect(r.count === 0 || r.count >= 11).toBe(true);
  });

  it('hides a share whose complement in the cohort is small', () => {
    const share = (count: number) => exact.share('hypertension', { count, key: 0 }, 50);
    expect(share(45)).toMatchObject({ value: 'hypertension', count: null, suppressed: true });
    expect(share(5)).toMatchObject({ count: null, suppressed: true, suppressionReason: 'small-cell' });
    expect(share(20)).toEqual({ value: 'hypertension', count: 20, share: 0.4, suppressed: false });
    expect(share(0)).toEqual({ value: 'hypertension', count: 0, share: 0, suppressed: false });
    expect(share(50)).toEqual({ value: 'hypertension', count: 50, share: 1, suppressed: false });
  });

  it('publishes a size as it is, hiding 1–10', () => {
    expect(exact.size({ count: 2999, key: KEY_LOWEST })).toEqual({ value: 2999, suppressed: false });
    expect(exact.size({ count: 7, key: KEY_MIDDLE })).toEqual({ value: null, suppressed: true, suppressionReason: 'small-cell' });
  });
});

describe('cohort disclosure, perturbed counts', () => {
  it('adds the noise the key of the counted people draws from the table', () => {
    expect(perturbed.size({ count: 3000, key: KEY_LOWEST })).toEqual({ value: 2995, suppressed: false });
    expect(perturbed.size({ count: 3000, key: KEY_MIDDLE })).toEqual({ value: 3000, suppressed: false });
    expect(perturbed.size({ count: 3000, key: KEY_HIGHEST })).toEqual({ value: 3005, suppressed: false });
    // 0 stays 0; a true 1 stays 1 and is suppressed.
    expect(perturbed.size({ count: 0, key: KEY_HIGHEST })).toEqual({ value: 0, suppressed: false });
    expect(perturbed.size({ count: 1, key: KEY_HIGHEST })).toMatchObject({ value: null, suppressed: true });
  });

  it('suppresses a published 1–10 alone: no complement is hidden, as the noise stops differencing', () => {
    // 14 − 5 = 9: suppressed; 5 + 0 = 5: suppressed; the rest shown with shares of the published size.
    const out = perturbed.breakdown(
      [
        { value: 'white', count: 40, key: KEY_MIDDLE },
        { value: 'black', count: 14, key: KEY_LOWEST },
        { value: 'asian', count: 25, key: KEY_HIGHEST },
        { value: 'other', count: 0, key: 0 },
      ],
      80,
    );
    expect(out).toEqual([
      { value: 'white', count: 40, share: 0.5, suppressed: false },
      { value: 'black', count: null, share: null, suppressed: true, suppressionReason: 'small-cell' },
      { value: 'asian', count: 30, share: 30 / 80, suppressed: false },
      { value: 'other', count: 0, share: 0, suppressed: false },
    ]);
  });

  it('never shows a part larger than the published size, and gives the same answer for the same people', () => {
    expect(perturbed.share('obesity', { count: 50, key: KEY_HIGHEST }, 48)).toEqual({ value: 'obesity', count: 48, share: 1, suppressed: false });
    const key = 123_456_789;
    expect(perturbed.share('asthma', { count: 33, key }, 100)).toEqual(perturbed.share('asthma', { count: 33, key }, 100));
  });
});
