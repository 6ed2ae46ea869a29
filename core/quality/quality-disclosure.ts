// The quality report as it may be shown below admin (docs/disclosure.md, "Side doors"): a check's
// counts of records are counts of people's records, so by the CMS cell size policy no count of 1–10
// is shown ("people with no encounter: 3"), nor one that a shown field would give away.
// The same rule serves any count of records "failing" out of records "checked" (a load's quarantined
// rows out of the rows it read: core/loads). Pure; must never leave a hidden count computable from
// the fields it keeps.
import { isSmallCount, resolvePolicy } from '../disclosure/policy.ts';
import type { QualityCheckResult } from './quality-report.ts';

/** Counts as they may be shown: null where hidden, with the reason when anything is hidden. */
export interface ProtectedPair {
  checked: number | null;
  failed: number | null;
  suppressionReason: 'small-cell' | 'complementary' | null;
}

/**
 * Hides counts of `failed` out of `checked` records that are 1–10, or would let one compute such a count:
 * - checked of 1–10 is hidden (small-cell); then failed or the passing records are 1–10 too;
 * - failed of 1–10 is hidden (small-cell), and with it any share computed from it;
 * - failed is hidden too when the passing records, checked − failed, are 1–10
 *   (complementary: otherwise the difference of two shown counts is the small one).
 */
export function protectFailedOfChecked(checked: number, failed: number): ProtectedPair {
  const policy = resolvePolicy();
  const small = (count: number) => isSmallCount(count, policy);
  const checkedHidden = small(checked);
  const failedSmall = small(failed);
  const passingSmall = small(Math.max(0, checked - failed));
  if (!checkedHidden && !failedSmall && !passingSmall) return { checked, failed, suppressionReason: null };
  return { checked: checkedHidden ? null : checked, failed: null, suppressionReason: checkedHidden || failedSmall ? 'small-cell' : 'complementary' };
}

/**
 * A check with its counts protected by {@link protectFailedOfChecked}; percentFailed is hidden
 * whenever rowsFailed is (it is rowsFailed / rowsChecked). Status, threshold and comparison stay:
 * they tell that the failing share is above or below the threshold, never how many records fail.
 */
export function protectQualityCheck(check: QualityCheckResult): QualityCheckResult {
  const { rowsChecked, rowsFailed } = check;
  if (rowsChecked === null || rowsFailed === null) return check; // already protected
  const pair = protectFailedOfChecked(rowsChecked, rowsFailed);
  if (!pair.suppressionReason) return check;
  return { ...check, rowsChecked: pair.checked, rowsFailed: null, percentFailed: null, suppressed: true, suppressionReason: pair.suppressionReason };
}
