// Which cells add up to a margin: the groups that complementary suppression protects.
// A margin is what another request shows (the period total, a cell of a one-way table), so a
// group's total may be known to whoever reads this response (CMS cell size suppression policy,
// 2020: suppressed values must not be recoverable from other data, such as totals).
// Must never let a cell be ambiguous: duplicate keys and missing key values are errors.

import { disclosureMessages } from './messages.ts';

export interface CellLayout {
  /** One label per cell, e.g. `["2016","F"]`: used in messages and to break ties deterministically. */
  labels: string[];
  /** The margins, as the keys each keeps, closed under intersection (see closeUnderIntersection). */
  margins: string[][];
  /** Groups of cell indices that sum to one margin (a row or a column of a period's table). */
  groups: number[][];
  /** For each group, the index in `margins` of the margin it sums to. */
  marginOf: number[];
  /** For each cell, the indices of the groups it belongs to. */
  groupsOf: number[][];
  /** Cells that share every key common to all margins (e.g. one period): no margin crosses a slice. */
  slices: number[][];
}

/**
 * Default margins: summing over any one stratifier gives a margin someone can request.
 * keys ['period','sex'] → [['period']] (the period total);
 * keys ['period','sex','race'] → [['period','race'], ['period','sex']] (columns and rows).
 */
export function defaultMarginKeys(keys: readonly string[], fixedKeys: readonly string[]): string[][] {
  const stratifiers = keys.filter((key) => !fixedKeys.includes(key));
  return stratifiers.map((stratifier) => keys.filter((key) => key !== stratifier));
}

/**
 * Groups the cells by each margin; throws on a duplicate cell, a missing key or a bad margin.
 * `labels`: the cells' labels when the caller has them already (from cellLabels, which checks them).
 */
export function buildLayout(
  cells: readonly Record<string, unknown>[],
  keys: readonly string[],
  marginKeys: readonly (readonly string[])[],
  labels: string[] = cellLabels(cells, keys),
): CellLayout {
  checkMarginKeys(keys, marginKeys);
  const margins = closeUnderIntersection(keys, marginKeys);
  const groups: number[][] = [];
  const marginOf: number[] = [];
  const groupsOf: number[][] = cells.map(() => []);
  margins.forEach((margin, index) => {
    for (const members of partition(cells, margin).values()) {
      for (const member of members) groupsOf[member]!.push(groups.length);
      groups.push(members);
      marginOf.push(index);
    }
  });

  const sliceKeys = keys.filter((key) => marginKeys.every((margin) => margin.includes(key)));
  const slices = marginKeys.length === 0 ? [] : [...partition(cells, sliceKeys).values()];
  return { labels, margins, groups, marginOf, groupsOf, slices };
}

/** Throws for a margin that names a field which is not a key, or that keeps every key. */
export function checkMarginKeys(keys: readonly string[], marginKeys: readonly (readonly string[])[]): void {
  for (const margin of marginKeys) {
    const stray = margin.find((field) => !keys.includes(field));
    if (stray !== undefined) throw new RangeError(disclosureMessages.marginKeyNotAKey(stray, keys));
    if (keys.every((key) => margin.includes(key))) {
      throw new RangeError(disclosureMessages.marginSumsNothing(margin));
    }
  }
}

/** One label per cell (see CellLayout.labels); throws on a missing key value or a duplicate cell. */
export function cellLabels(cells: readonly Record<string, unknown>[], keys: readonly string[]): string[] {
  const labels = cells.map((cell, index) => labelOf(cell, keys, index));
  const seen = new Set<string>();
  for (const label of labels) {
    if (seen.has(label)) throw new RangeError(disclosureMessages.duplicateCell(label));
    seen.add(label);
  }
  return labels;
}

/**
 * The margins plus every margin of those margins: a two-way table's rows and columns sum to the
 * period total, which a third request shows, so the total is a margin too.
 */
function closeUnderIntersection(keys: readonly string[], marginKeys: readonly (readonly string[])[]): string[][] {
  const canonical = (fields: readonly string[]) => keys.filter((key) => fields.includes(key));
  const found = new Map(marginKeys.map((margin) => [JSON.stringify(canonical(margin)), canonical(margin)]));
  for (let grew = true; grew; ) {
    grew = false;
    for (const a of [...found.values()]) {
      for (const b of [...found.values()]) {
        const both = a.filter((key) => b.includes(key));
        const id = JSON.stringify(both);
        if (!found.has(id)) {
          found.set(id, both);
          grew = true;
        }
      }
    }
  }
  return [...found.values()];
}

function labelOf(cell: Record<string, unknown>, keys: readonly string[], index: number): string {
  const values = keys.map((key) => {
    if (cell[key] === undefined) throw new RangeError(disclosureMessages.missingKey(key, `#${index}`));
    return cell[key];
  });
  return JSON.stringify(values);
}

/** Cell indices grouped by their values of `fields`, in first-seen order. */
function partition(cells: readonly Record<string, unknown>[], fields: readonly string[]): Map<string, number[]> {
  const parts = new Map<string, number[]>();
  cells.forEach((cell, index) => {
    const id = JSON.stringify(fields.map((field) => cell[field]));
    const members = parts.get(id);
    if (members) members.push(index);
    else parts.set(id, [index]);
  });
  return parts;
}
