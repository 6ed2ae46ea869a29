// Rule 3: how a suppressed cell looks on the way out, the same for JSON, CSV, Arrow and reports.
// CMS cell size suppression policy (2020): no value derived from a suppressed count may survive,
// so a hidden cell keeps its keys and nothing else: every other field becomes null.
// Nulling by allow-list (the keys) rather than by a list of value fields means a field added
// later (an adjusted rate, a formatted label with the count in it) cannot leak by being forgotten.

import type { SuppressionReason } from './suppress-count.ts';

type Flags = 'suppressed' | 'suppressionReason';

/** A cell that is shown: every input field, plus `suppressed: false` (and no reason). */
export type ShownCell<T> = Omit<T, Flags> & { suppressed: false; suppressionReason?: undefined };

/** A cell that is hidden: its keys, null for every other field, and why. */
export type HiddenCell<T, K extends keyof T> = {
  [F in Exclude<keyof T, Flags>]: F extends K ? T[F] : null;
} & { suppressed: true; suppressionReason: SuppressionReason };

export type DisclosedCell<T, K extends keyof T> = ShownCell<T> | HiddenCell<T, K>;

const NOTHING: ReadonlySet<string> = new Set();

/**
 * The output form of one cell; a new object, the input is not touched. Fields in `omit` are left
 * out (e.g. the people counts, once they have been judged).
 */
export function maskCell<T extends object, K extends keyof T, O extends keyof T = never>(
  cell: T,
  keys: readonly K[],
  reason: SuppressionReason | null,
  omit: ReadonlySet<string> = NOTHING,
): DisclosedCell<Omit<T, O>, K & keyof Omit<T, O>> {
  const masked: Record<string, unknown> = {};
  for (const field in cell) {
    if (omit.has(field)) continue;
    masked[field] = reason === null || (keys as readonly PropertyKey[]).includes(field) ? cell[field] : null;
  }
  masked.suppressed = reason !== null;
  if (reason !== null) masked.suppressionReason = reason;
  return masked as DisclosedCell<Omit<T, O>, K & keyof Omit<T, O>>;
}
