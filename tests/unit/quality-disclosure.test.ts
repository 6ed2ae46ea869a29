// The quality report below admin: no count of 1–10, and none that the shown fields give back.
import { describe, expect, it } from 'vitest';
import { protectQualityCheck } from '../../core/quality/quality-disclosure.ts';
import type { QualityCheckResult } from '../../core/quality/quality-report.ts';

const check = (rowsChecked: number, rowsFailed: number): QualityCheckResult => ({
  id: 'person-without-encounters', category: 'completeness', subcategory: null, description: 'People with no encounter',
  rowsChecked, rowsFailed, percentFailed: Math.round((1e6 * rowsFailed) / rowsChecked) / 1e4, threshold: 10, status: 'pass',
  comparison: null, severity: 'warning', suppressed: false,
});

describe('protectQualityCheck', () => {
  it('hides 1–10 failing rows with the share that would give them back', () => {
    expect(protectQualityCheck(check(3_000, 3))).toMatchObject({ rowsChecked: 3_000, rowsFailed: null, percentFailed: null, suppressed: true, suppressionReason: 'small-cell' });
    expect(protectQualityCheck(check(3_000, 10)).rowsFailed).toBeNull();
  });

  it('hides the failing rows when 1–10 rows pass, since checked − failed would give them', () => {
    expect(protectQualityCheck(check(27, 20))).toMatchObject({ rowsChecked: 27, rowsFailed: null, percentFailed: null, suppressed: true, suppressionReason: 'complementary' });
  });

  it('hides 1–10 checked rows, and then the failing ones too', () => {
    expect(protectQualityCheck(check(10, 0))).toMatchObject({ rowsChecked: null, rowsFailed: null, percentFailed: null, suppressed: true, suppressionReason: 'small-cell' });
  });

  it('shows 0 and counts of 11 or more as they are', () => {
    for (const [checked, failed] of [[3_000, 0], [3_000, 11], [27, 16], [27, 27], [0, 0], [11, 0]] as const) {
      expect(protectQualityCheck(check(checked, failed))).toEqual(check(checked, failed));
    }
  });
});
