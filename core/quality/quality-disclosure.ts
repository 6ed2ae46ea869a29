// The quality report as it may be shown below admin (docs/disclosure.md, "Side doors"): a check's
// counts of records are counts of people's records, so by the CMS cell size policy no count of 1–10
// is shown ("people with no encounter: 3"), nor one that a shown field would give away.
// Pure; must never leave a hidden count computable from the fields it keeps.
import { isSmallCount, resolvePolicy } from '../disclosure/policy.ts';
import type { QualityCheckResult } from './quality-report.ts';

/**
 * Hides a check's counts that are 1–10, or would let one compute such a count:
 * - rowsChecked of 1–10 is hidden (small-cell); then rowsFailed or the passing rows are 1–10 too;
 * - rowsFailed of 1–10 is hidden with percentFailed, which is rowsFailed / rowsChecked (small-cell);
 * - rowsFailed is hidden too when the passing rows, rowsChecked − rowsFailed, are 1–10
 *   (complementary: otherwise the difference of two shown counts is the small one).
 * Status, threshold and comparison stay: they tell that the failing share is above or below the
 * threshold, never how many records fail.
 */
export function protectQualityCheck(check: QualityCheckResult): QualityCheckResult {
  const policy = resolvePolicy();
  const { rowsChecked, rowsFailed } = check;
  if (rowsChecked === null || rowsFailed === null) return check; // already protected
  const small = (count: number) => isSmallCount(count, policy);
  const checkedHidden = small(rowsChecked);
  const failedSmall = small(rowsFailed);
  const passingSmall = small(Math.max(0, rowsChecked - rowsFailed));
  if (!checkedHidden && !failedSmall && !passingSmall) return check;
  return {
    ...check,
    rowsChecked: checkedHidden ? null : rowsChecked,
    rowsFailed: null,
    percentFailed: null,
    suppressed: true,
    suppressionReason: checkedHidden || failedSmall ? 'small-cell' : 'complementary',
  };
}
