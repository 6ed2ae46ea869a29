// The one entry point of disclosure control for tables: every output path (JSON, CSV, Arrow,
// cohort counts, reports) passes its cells through suppressCells before anything is written.
// CMS cell size suppression policy (2020): rule 1 hides cells of 1–10 people, rule 2 hides
// enough others that no hidden value follows from the margins, rule 3 nulls their values.

import { buildLayout, cellLabels, checkMarginKeys, defaultMarginKeys } from './cell-groups.ts';
import { publishedGroups, type MarginRequest } from './margin-requests.ts';
import { maskCell, type DisclosedCell } from './mask.ts';
import { resolvePolicy, type DisclosurePolicy, type PolicyOptions } from './policy.ts';
import { anySmallCell, applyPrimary, type PeopleCounts } from './primary.ts';
import { closeMargins } from './complementary.ts';
import { protectMargins } from './protect.ts';
import type { SuppressionReason } from './suppress-count.ts';

export interface SuppressCellsOptions<K extends string> extends PolicyOptions {
  /** Fields that identify a cell, e.g. ['period', 'sex']; the only fields a hidden cell keeps. */
  keys: readonly K[];
  /**
   * Each entry lists the keys a margin keeps: cells equal on them sum to a total that another
   * request can show. Default: one margin per stratifier, summing it out (see defaultMarginKeys),
   * i.e. the period total for a one-way table, every row and column for a two-way table. The
   * margins of margins (a two-way table's period total) are added automatically.
   */
  marginKeys?: readonly (readonly K[])[];
  /** Keys that are never summed over, used only for the default margins. Default: ['period']. */
  fixedKeys?: readonly K[];
  /** Fields that add up to the margin; default people counts, numerator and denominator. */
  additiveFields?: readonly string[];
  /**
   * 'full' (default): the margin rule, then the audit of all margins together and of the tables
   * other requests show. 'margins': the margin rule alone (no margin leaves one hidden non-zero
   * value alone), for tables too large to audit in a request's time; the audit's cost grows
   * much faster than the table.
   */
  audit?: 'full' | 'margins';
}

/** Fields judged but not given back, e.g. the people counts: `omit: ['numeratorPeople', 'denominatorPeople']`. */
export interface OmitOption<O extends string> {
  omit?: readonly O[];
}

/**
 * Applies the disclosure rules to the cells of one result (one table, all its periods) and
 * returns them in the same order: shown cells get `suppressed: false`, hidden ones keep only
 * their keys, with `suppressed: true` and `suppressionReason` ('small-cell' for rule 1,
 * 'complementary' for rule 2). The result is deterministic, so the same table in another
 * request is suppressed the same way.
 *
 * Pass the table dense (a zero cell for every combination of stratum values in each period):
 * a combination missing from the input cannot be hidden, so it cannot serve as a complement.
 *
 * @throws DisclosurePolicyError for a threshold below 11 without `allowBelowMinimum: true`.
 * @throws RangeError for a count that is not a non-negative integer, a duplicate cell or bad keys.
 */
export function suppressCells<T extends PeopleCounts, K extends keyof T & string, O extends keyof T & string = never>(
  cells: readonly T[],
  options: SuppressCellsOptions<K> & OmitOption<O>,
): DisclosedCell<Omit<T, O>, K & keyof Omit<T, O>>[] {
  const policy = resolvePolicy(options);
  const { keys } = options;
  const fixedKeys = options.fixedKeys ?? keys.filter((key) => key === 'period');
  const marginKeys = options.marginKeys ?? defaultMarginKeys(keys, fixedKeys);
  const records = cells as readonly Record<string, unknown>[];
  const reasons = suppressionReasons(records, keys, marginKeys, policy, options.additiveFields, options.audit);
  const omit = new Set<string>(options.omit ?? []);
  return cells.map((cell, i) => maskCell<T, K, O>(cell, keys, reasons[i]!, omit));
}

/**
 * Rules 1 and 2 on plain records: null for a shown cell, else the reason it is hidden. With
 * `audit: 'margins'`, rule 2 is the margin rule only (see SuppressCellsOptions.audit).
 */
function suppressionReasons(
  records: readonly Record<string, unknown>[],
  keys: readonly string[],
  marginKeys: readonly (readonly string[])[],
  policy: DisclosurePolicy,
  additiveFields?: readonly string[],
  audit: 'full' | 'margins' = 'full',
): (SuppressionReason | null)[] {
  checkMarginKeys(keys, marginKeys);
  const labels = cellLabels(records, keys);
  // No small cell: no rule hides anything, here or in any table of the margins (anySmallCell), so
  // the margins need not be laid out. Most tables of a large population end here, after the same
  // input checks as the full path.
  if (!anySmallCell(records, labels, policy, additiveFields)) return records.map(() => null);
  const state = applyPrimary(records, buildLayout(records, keys, marginKeys, labels), policy, additiveFields);
  if (audit === 'margins') {
    closeMargins(state);
    return state.reasons;
  }
  // The margin tables are what other requests show: suppress them first, by the same rules.
  const suppressRequest = (request: MarginRequest) =>
    suppressionReasons(request.cells, request.keys, request.marginKeys, policy, state.fields).map((reason) => ({
      suppressed: reason !== null,
    }));
  protectMargins(state, policy, publishedGroups(records, state, suppressRequest));
  return state.reasons;
}
