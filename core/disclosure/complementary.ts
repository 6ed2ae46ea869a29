// Complementary (secondary) suppression inside each margin group, repeated until stable.
// CMS cell size suppression policy (2020): when a total is shown, a lone suppressed cell can be
// recovered as total − visible cells, so at least one more cell of that total is suppressed.
// Must never count a zero as protection: hiding a 0 leaves total − visible equal to the lone value.

import type { CellLayout } from './cell-groups.ts';
import type { SuppressionReason } from './suppress-count.ts';

/** The mutable working copy of one call of suppressCells (the public function stays pure). */
export interface TableState {
  readonly layout: CellLayout;
  /** Names of the additive fields: people counts always, numerator and denominator when present. */
  readonly fields: readonly string[];
  /** additive[f][i]: value of additive field f of cell i. */
  readonly additive: readonly (readonly number[])[];
  readonly numeratorPeople: readonly number[];
  readonly denominatorPeople: readonly number[];
  /** null = shown; otherwise why the cell is hidden. */
  readonly reasons: (SuppressionReason | null)[];
}

export const isHidden = (state: TableState, cell: number): boolean => state.reasons[cell] !== null;

/** Cells ordered smallest first, by people in the denominator, then numerator, then label. */
export function smallestFirst(state: TableState, cells: readonly number[]): number[] {
  return [...cells].sort(
    (a, b) =>
      state.denominatorPeople[a]! - state.denominatorPeople[b]! ||
      state.numeratorPeople[a]! - state.numeratorPeople[b]! ||
      (state.layout.labels[a]! < state.layout.labels[b]! ? -1 : 1),
  );
}

/**
 * Rule 2, until no group changes: in every margin group and for every additive field, the
 * hidden cells with a non-zero value must not number exactly one. When they do, the margin
 * minus the visible cells equals that one value (hidden zeros add nothing), so the smallest
 * visible cell that is non-zero in the exposed fields is hidden too; it hides all its values
 * (numerator and denominator alike), because the cell is masked as a whole.
 *
 * A group can be left exposed only when no visible cell is non-zero in the field: then every
 * other cell is 0 or already hidden, and the margin itself equals the lone hidden value. For a
 * primary cell that margin is a count of 1–10 people, suppressed by rule 1 in whatever request
 * shows it. The audit (protect.ts) then checks all margins together, including a small margin
 * that other margins imply (e.g. the total minus the other rows).
 */
export function closeMargins(state: TableState, groups: readonly number[] = state.layout.groups.map((_, g) => g)): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const group of groups.map((g) => state.layout.groups[g]!)) {
      const exposed = exposedFields(state, group);
      if (exposed.length === 0) continue;
      const pick = chooseComplement(state, group, exposed);
      if (pick === undefined) continue;
      state.reasons[pick] = 'complementary';
      changed = true;
    }
  }
}

/** Additive fields in which exactly one hidden cell of the group is non-zero. */
function exposedFields(state: TableState, group: readonly number[]): number[] {
  const exposed: number[] = [];
  state.additive.forEach((values, field) => {
    let nonZeroHidden = 0;
    for (const cell of group) if (isHidden(state, cell) && values[cell] !== 0) nonZeroHidden += 1;
    if (nonZeroHidden === 1) exposed.push(field);
  });
  return exposed;
}

/** The smallest visible cell non-zero in every exposed field, else in any; undefined if none. */
function chooseComplement(state: TableState, group: readonly number[], exposed: readonly number[]): number | undefined {
  const visible = group.filter((cell) => !isHidden(state, cell));
  const nonZeroIn = (cell: number, field: number) => state.additive[field]![cell]! > 0;
  const inAll = visible.filter((cell) => exposed.every((field) => nonZeroIn(cell, field)));
  const inAny = visible.filter((cell) => exposed.some((field) => nonZeroIn(cell, field)));
  return smallestFirst(state, inAll.length > 0 ? inAll : inAny)[0];
}
