// Rule 2 as a whole: margin-by-margin complementary suppression, then an audit of all margins
// together, adding complements until no hidden cell can be solved for.
// CMS cell size suppression policy (2020): suppressed values must not be derivable from totals.

import { closeMargins, isHidden, smallestFirst, type TableState } from './complementary.ts';
import { determinedCells } from './linear-audit.ts';
import { isSmallCount, type DisclosurePolicy } from './policy.ts';

/** How many candidate complements are tried for one exposed cell before taking the smallest. */
const MAX_TRIALS = 32;

/**
 * Hides complements in `state` until (a) no margin group leaves one hidden non-zero value
 * alone and (b) no hidden cell is determined by the known margins taken together.
 *
 * A margin counts as known unless it is itself a small cell: its people counts are the sums of
 * its cells', so rule 1 suppresses it in any request that would show it. A hidden cell that the
 * known margins pin down even with its whole slice hidden (e.g. the only cell of a column) is
 * left as is: its value is a published margin, which no pattern in this table can change.
 */
export function protectMargins(state: TableState, policy: DisclosurePolicy): void {
  const known = state.layout.groups.map((members) => {
    const sum = (counts: readonly number[]) => members.reduce((total, cell) => total + counts[cell]!, 0);
    return !isSmallCount(sum(state.numeratorPeople), policy) && !isSmallCount(sum(state.denominatorPeople), policy);
  });
  const exempt = new Set(state.layout.slices.flatMap((slice) => solvable(state, known, slice, slice)));

  closeMargins(state);
  for (;;) {
    const target = firstSolvable(state, known, exempt);
    if (target === undefined) return;
    const fix = chooseFix(state, known, target);
    if (fix === undefined) {
      exempt.add(target);
      continue;
    }
    state.reasons[fix] = 'complementary';
    closeMargins(state);
  }
}

/** Cells of `hidden` (all in one slice) that the known margins of that slice determine. */
function solvable(state: TableState, known: readonly boolean[], slice: readonly number[], hidden: readonly number[]): number[] {
  const hiddenSet = new Set(hidden);
  const groups = new Set(slice.flatMap((cell) => state.layout.groupsOf[cell]!));
  const equations = [...groups]
    .filter((group) => known[group])
    .map((group) => state.layout.groups[group]!.filter((cell) => hiddenSet.has(cell)))
    .filter((members) => members.length > 0);
  return determinedCells(hidden, equations);
}

function firstSolvable(state: TableState, known: readonly boolean[], exempt: ReadonlySet<number>): number | undefined {
  for (const slice of state.layout.slices) {
    const hidden = slice.filter((cell) => isHidden(state, cell));
    const found = solvable(state, known, slice, hidden).find((cell) => !exempt.has(cell));
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The complement that frees `target`: visible cells sharing a margin with it first, then the
 * rest of its slice; non-zero cells before zeros, smallest first. The first candidate that
 * (after rule 2 settles) leaves `target` undetermined wins; failing that, the first candidate,
 * so every round hides one more cell and the loop ends.
 */
function chooseFix(state: TableState, known: readonly boolean[], target: number): number | undefined {
  const { groups, groupsOf, slices } = state.layout;
  const slice = slices.find((cells) => cells.includes(target))!;
  const neighbours = new Set(groupsOf[target]!.flatMap((group) => groups[group]!));
  const visible = (cells: Iterable<number>) => [...cells].filter((cell) => !isHidden(state, cell));
  const nonZeroFirst = (cells: number[]) => {
    const ordered = smallestFirst(state, cells);
    const isZero = (cell: number) => state.additive.every((values) => values[cell] === 0);
    return [...ordered.filter((cell) => !isZero(cell)), ...ordered.filter(isZero)];
  };
  const near = nonZeroFirst(visible(neighbours));
  const far = nonZeroFirst(visible(slice).filter((cell) => !neighbours.has(cell)));
  const candidates = [...near, ...far];

  for (const candidate of candidates.slice(0, MAX_TRIALS)) {
    const trial: TableState = { ...state, reasons: [...state.reasons] };
    trial.reasons[candidate] = 'complementary';
    closeMargins(trial);
    const hidden = slice.filter((cell) => isHidden(trial, cell));
    if (!solvable(trial, known, slice, hidden).includes(target)) return candidate;
  }
  return candidates[0];
}
