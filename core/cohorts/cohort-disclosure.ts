// Counts of cohort members as they may be published: every count goes through core/disclosure.
// A breakdown (sex, age band, race) is a table whose margin is the cohort size, so it gets
// complementary suppression; a single share (members with a condition) is a two-cell table
// (with / without) with the same margin, so its complement is protected too.
// CMS cell size suppression policy (2020): no count of 1–10 people, nor one derivable from totals.
import { suppressCells, type SuppressionReason } from '../disclosure/index.ts';

export interface CountRow {
  value: string;
  count: number;
}

/** One published cell: the count and share (of the cohort size), or nulls and the reason. */
export type DisclosedRow =
  | { value: string; count: number; share: number | null; suppressed: false }
  | { value: string; count: null; share: null; suppressed: true; suppressionReason: SuppressionReason };

/**
 * Suppresses a full breakdown of the cohort (the rows must cover every member exactly once and list
 * every category, zeros included, so a zero can serve as a complement). `size` is the published
 * cohort size, or null when that is suppressed (then no share is given).
 */
export function discloseBreakdown(rows: readonly CountRow[], size: number | null): DisclosedRow[] {
  const cells = rows.map((row) => ({ value: row.value, numeratorPeople: row.count, denominatorPeople: row.count }));
  return suppressCells(cells, { keys: ['value'], fixedKeys: [] }).map((cell) =>
    cell.suppressed
      ? { value: cell.value, count: null, share: null, suppressed: true, suppressionReason: cell.suppressionReason }
      : { value: cell.value, count: cell.numeratorPeople, share: size ? cell.numeratorPeople / size : null, suppressed: false },
  );
}

/** The members with a characteristic, protected together with the members without it. */
export function discloseShare(value: string, count: number, size: number): DisclosedRow {
  const [withIt] = discloseBreakdown(
    [
      { value: 'with', count },
      { value: 'without', count: size - count },
    ],
    size,
  );
  return { ...withIt!, value };
}
