// Which cells add up to a published margin: the groups complementary suppression protects.
// A margin is what another request shows (the period total, a cell of a one-way table), so a
// group's total is treated as known to whoever reads this response (CMS cell size suppression
// policy, 2020: suppressed values must not be recoverable "from other data", e.g. totals).

import { disclosureMessages } from './messages.ts';

export interface CellLayout {
  /** One label per cell, e.g. `["2016","F"]`: used in messages and to break ties deterministically. */
  labels: string[];
  /** Groups of cell indices that sum to one margin (a row or a column of a period's table). */
  groups: number[][];
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

/** Groups the cells by each margin; throws on a duplicate cell, a missing key or a bad margin. */
export function buildLayout(
  cells: readonly Record<string, unknown>[],
  keys: readonly string[],
  marginKeys: readonly (readonly string[])[],
): CellLayout {
  for (const margin of marginKeys) {
    const stray = margin.find((field) => !keys.includes(field));
    if (stray !== undefined) throw new RangeError(disclosureMessages.marginKeyNotAKey(stray, keys));
    if (keys.every((key) => margin.includes(key))) {
      throw new RangeError(disclosureMessages.marginSumsNothing(margin));
    }
  }
  const labels = cells.map((cell, index) => labelOf(cell, keys, index));
  const seen = new Set<string>();
  for (const label of labels) {
    if (seen.has(label)) throw new RangeError(disclosureMessages.duplicateCell(label));
    seen.add(label);
  }

  const groups: number[][] = [];
  const groupsOf: number[][] = cells.map(() => []);
  marginKeys.forEach((margin) => {
    for (const members of partition(cells, margin).values()) {
      for (const member of members) groupsOf[member]!.push(groups.length);
      groups.push(members);
    }
  });

  const sliceKeys = keys.filter((key) => marginKeys.every((margin) => margin.includes(key)));
  const slices = marginKeys.length === 0 ? [] : [...partition(cells, sliceKeys).values()];
  return { labels, groups, groupsOf, slices };
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
