// What the other requests show: each margin of a table is itself a table someone can request
// (the one-way table by sex, the period total), suppressed by the same rules. Knowing which of
// its cells that request hides lets this table avoid revealing them, so that suppression holds
// across requests (CMS cell size suppression policy, 2020: no derivation "from other data").
// Must stay in step with the server: every request is suppressed by suppressCells with defaults.

import type { TableState } from './complementary.ts';

export interface MarginRequest {
  /** The keys of the margin table, e.g. ['period', 'sex']. */
  keys: readonly string[];
  /** Its own margins: the margins of this table that are coarser than it. */
  marginKeys: readonly (readonly string[])[];
  /** One cell per group of the margin: its keys and the sums of the additive fields. */
  cells: Record<string, unknown>[];
}

/** Suppresses one margin table; injected to keep this module free of an import cycle. */
export type SuppressRequest = (request: MarginRequest) => readonly { suppressed: boolean }[];

/** published[g]: whether the request for group g's margin shows its total. */
export function publishedGroups(
  cells: readonly Record<string, unknown>[],
  state: TableState,
  suppress: SuppressRequest,
): boolean[] {
  const { margins, groups, marginOf } = state.layout;
  const published = groups.map(() => false);
  margins.forEach((keys, margin) => {
    const members = groups.map((_, group) => group).filter((group) => marginOf[group] === margin);
    const request: MarginRequest = {
      keys,
      marginKeys: margins.filter((other) => other.length < keys.length && other.every((key) => keys.includes(key))),
      cells: members.map((group) => marginCell(cells, state, groups[group]!, keys)),
    };
    suppress(request).forEach((shown, i) => {
      published[members[i]!] = !shown.suppressed;
    });
  });
  return published;
}

function marginCell(
  cells: readonly Record<string, unknown>[],
  state: TableState,
  members: readonly number[],
  keys: readonly string[],
): Record<string, unknown> {
  const first = cells[members[0]!]!;
  const cell: Record<string, unknown> = Object.fromEntries(keys.map((key) => [key, first[key]]));
  state.fields.forEach((field, f) => {
    cell[field] = members.reduce((total, member) => total + state.additive[f]![member]!, 0);
  });
  return cell;
}
