// Primary suppression of one stand-alone count of people, e.g. a cohort size or a report headline.
// CMS cell size suppression policy (2020): 1–10 is never shown; 0 and ≥ 11 are.
// Must never return the number for a small count, nor accept NaN or a fraction as "not small".

import { isSmallCount, resolvePolicy, type PolicyOptions } from './policy.ts';

/**
 * Why a cell is hidden: 'small-cell', a count of 1–10 people (published counts: after perturbation);
 * 'complementary', hidden so that a small cell cannot be derived (exact counts only); 'dominance',
 * one person's value is most of the cell's total (magnitudes).
 */
export type SuppressionReason = 'small-cell' | 'complementary' | 'dominance';

/** A count as it may be published: either the number, or null with the reason. */
export type DisclosedCount =
  | { value: number; suppressed: false }
  | { value: null; suppressed: true; suppressionReason: 'small-cell' };

/**
 * `suppressCount(7)` → `{ value: null, suppressed: true, suppressionReason: 'small-cell' }`.
 *
 * A single count has no margin to protect, so only the primary rule applies. Two counts that
 * differ by a subgroup (cohort A, cohort A and B) are a table with a margin: pass them to
 * `suppressCells` instead, so the difference is protected too.
 */
export function suppressCount(count: number, options: PolicyOptions = {}): DisclosedCount {
  const policy = resolvePolicy(options);
  if (isSmallCount(count, policy)) {
    return { value: null, suppressed: true, suppressionReason: 'small-cell' };
  }
  return { value: count, suppressed: false };
}
