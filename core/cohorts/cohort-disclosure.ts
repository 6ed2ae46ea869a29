// Counts of cohort members as they may be published (docs/disclosure.md). Two ways:
// - perturbed (the default): each count is its true value plus the noise that the key of exactly
//   the people it counts draws (the cell key method), and a published count of 1–10 is suppressed.
//   The noise already stops differencing, so no complementary cells are hidden, and a share is
//   the published count over the published size;
// - exact (an admin setting for a trusted environment): a breakdown (sex, age band, race) is a
//   table whose margin is the cohort size, so it gets complementary suppression; a single share
//   (members with a condition) is a two-cell table (with / without) with the same margin, so its
//   complement is protected too (CMS cell size suppression policy, 2020).
// Never returns a true count in the perturbed way, nor a count of 1–10 in either.
import { perturbCount } from '../disclosure/cell-key.ts';
import { suppressCells, suppressCount, type DisclosedCount, type SuppressionReason } from '../disclosure/index.ts';
import { DEFAULT_TABLE } from '../measures/perturb-cell.ts';

/** A true count of people with the key residue (sum of record keys modulo 2³²) of exactly those people. */
export interface KeyedCount {
  count: number;
  key: number;
}

export interface CountRow extends KeyedCount {
  value: string;
}

/** One published cell: the count and share (of the cohort size), or nulls and the reason. */
export type DisclosedRow =
  | { value: string; count: number; share: number | null; suppressed: false }
  | { value: string; count: null; share: null; suppressed: true; suppressionReason: SuppressionReason };

export interface CountDisclosure {
  /** The size of a cohort (or any stand-alone count of people). */
  size(people: KeyedCount): DisclosedCount;
  /**
   * A full breakdown of the cohort: the rows cover every member exactly once and list every
   * category, zeros included (a zero can serve as a complement). `size` is the published size.
   */
  breakdown(rows: readonly CountRow[], size: number): DisclosedRow[];
  /** The members with a characteristic, out of the published size. */
  share(value: string, people: KeyedCount, size: number): DisclosedRow;
}

/** The published count of people: true count plus its cell key's noise (D = 5, V = 2). */
export const perturbedPeople = ({ count, key }: KeyedCount): number => perturbCount(DEFAULT_TABLE, count, key);

const PERTURBED: CountDisclosure = {
  size: (people) => suppressCount(perturbedPeople(people)),
  breakdown: (rows, size) => rows.map((row) => PERTURBED.share(row.value, row, size)),
  share(value, people, size) {
    // A subset of the cohort is never shown larger than the cohort (as a proportion's numerator is capped by its denominator).
    const published = suppressCount(Math.min(perturbedPeople(people), size));
    return published.suppressed
      ? { value, count: null, share: null, suppressed: true, suppressionReason: published.suppressionReason }
      : { value, count: published.value, share: size ? published.value / size : null, suppressed: false };
  },
};

const EXACT: CountDisclosure = {
  size: ({ count }) => suppressCount(count),
  breakdown: (rows, size) => discloseBreakdown(rows, size),
  share(value, { count }, size) {
    const [withIt] = discloseBreakdown(
      [
        { value: 'with', count },
        { value: 'without', count: size - count },
      ],
      size,
    );
    return { ...withIt!, value };
  },
};

export const countDisclosure = (options: { exactCounts?: boolean } = {}): CountDisclosure => (options.exactCounts ? EXACT : PERTURBED);

/** Exact counts: one table with the size as its margin, through small-cell and complementary suppression. */
function discloseBreakdown(rows: readonly Pick<CountRow, 'value' | 'count'>[], size: number | null): DisclosedRow[] {
  const cells = rows.map((row) => ({ value: row.value, numeratorPeople: row.count, denominatorPeople: row.count }));
  return suppressCells(cells, { keys: ['value'], fixedKeys: [] }).map((cell) =>
    cell.suppressed
      ? { value: cell.value, count: null, share: null, suppressed: true, suppressionReason: cell.suppressionReason }
      : { value: cell.value, count: cell.numeratorPeople, share: size ? cell.numeratorPeople / size : null, suppressed: false },
  );
}
