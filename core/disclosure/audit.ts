// Two models of a reader who solves for hidden values from the margins, used to audit a pattern.
// CMS cell size suppression policy (2020): a suppressed value must not be derivable from the
// published data, including totals that other requests show. Must never under-state what a
// reader can solve: each model only adds knowledge to plain linear algebra over the margins.

import { isHidden, type TableState } from './complementary.ts';
import { spanTest } from './linear-audit.ts';

/**
 * A reader, by what it knows besides the visible cells.
 *
 * margins: 'every' margin that is not a small cell (the conservative view: anything that could be
 * requested), or only those 'published' by their own request after its suppression (the view
 * that checks this table against what other requests hide).
 * zeros: 'known', the reader knows which hidden cells are 0 in the field (an empty stratum is
 * often public, and a reader who knows the policy infers that a complementary cell is 0 when a
 * hidden total is below the threshold); or 'non-negative', it knows only that counts are ≥ 0.
 *
 * Audited strongest first; what a stronger reader could solve even with the whole slice hidden
 * is out of this table's reach, and is then audited against the weaker readers, so that it is
 * still as hidden as this table can make it.
 */
export interface ReaderModel {
  readonly margins: 'every' | 'published';
  readonly zeros: 'known' | 'non-negative';
}
export const READER_MODELS: readonly ReaderModel[] = [
  { margins: 'every', zeros: 'known' },
  { margins: 'every', zeros: 'non-negative' },
  { margins: 'published', zeros: 'known' },
  { margins: 'published', zeros: 'non-negative' },
];

/** Where to look: one slice (e.g. one period) and one additive field. */
export interface AuditScope {
  readonly slice: readonly number[];
  /** The groups (margins) of the slice. */
  readonly groups: readonly number[];
  /** Index into state.additive. */
  readonly field: number;
  /** known[g]: group g's total is treated as known: it is not itself a small cell. */
  readonly known: readonly boolean[];
  /** published[g]: group g's total is shown by its own request (after that request's suppression). */
  readonly published: readonly boolean[];
}

/**
 * Hidden cells with a non-zero value in the field that a reader can solve for, given every
 * known margin (the conservative view: any margin that is not a small cell may be requested).
 * A solved 0 is not reported: under the policy a count of 0 may be shown.
 */
export function solvableCells(state: TableState, scope: AuditScope, hidden: readonly number[], model: ReaderModel): number[] {
  const values = state.additive[scope.field]!;
  const usable = model.margins === 'every' ? scope.known : scope.published;
  const { unknowns, determined } = reader(state, scope, usable, hidden, model);
  return unknowns.filter((cell) => values[cell] !== 0 && determined([cell]));
}

/**
 * Groups whose total is hidden in its own request (a small margin, or that request's complement)
 * but which a reader can compute from this table and the totals that are published: e.g. a
 * one-way table hides the total of "M" to protect "F", and a two-way table must not then show
 * every cell of row M. This is what makes suppression hold across requests.
 */
export function solvableMargins(state: TableState, scope: AuditScope, hidden: readonly number[], model: ReaderModel): number[] {
  if (model.margins === 'every') return []; // that view takes every margin as known already
  const values = state.additive[scope.field]!;
  const { determined } = reader(state, scope, scope.published, hidden, model);
  const isHiddenCell = new Set(hidden);
  return scope.groups.filter((group) => {
    if (scope.published[group]) return false;
    const members = state.layout.groups[group]!;
    return members.some((cell) => values[cell] !== 0) && determined(members.filter((cell) => isHiddenCell.has(cell)));
  });
}

/** The hidden cells of the scope's slice, in slice order. */
export const hiddenIn = (state: TableState, scope: AuditScope): number[] =>
  scope.slice.filter((cell) => isHidden(state, cell));

/**
 * What a reader of `model` knows: which hidden cells stay unknown, and which sums are determined.
 * With zeros 'non-negative', a determined sum of cells that are in fact 0 shows the reader each
 * of them is 0 (counts are ≥ 0); that knowledge unlocks more, so it is applied until stable.
 * The sums tried are each margin's zeros and all zeros of the slice: a heuristic for what an
 * exact check (a linear program per cell) would find, which the brute-force tests confirm.
 */
function reader(state: TableState, scope: AuditScope, usable: readonly boolean[], hidden: readonly number[], model: ReaderModel) {
  const values = state.additive[scope.field]!;
  const isHiddenCell = new Set(hidden);
  const groups = scope.groups.map((group) => state.layout.groups[group]!.filter((cell) => isHiddenCell.has(cell)));
  const equations = scope.groups
    .map((group, i) => (usable[group] ? groups[i]! : []))
    .filter((members) => members.length > 0);
  const knownZero = new Set<number>(model.zeros === 'known' ? hidden.filter((cell) => values[cell] === 0) : []);
  for (;;) {
    const unknowns = hidden.filter((cell) => !knownZero.has(cell));
    const reduced = equations.map((members) => members.filter((cell) => !knownZero.has(cell))).filter((m) => m.length > 0);
    const determined = spanTest(unknowns, reduced);
    if (model.zeros === 'known') return { unknowns, determined };
    // Candidate sums that are 0: each group's hidden zeros, and all hidden zeros of the slice
    // (e.g. rows s1 + s2 minus a column can leave exactly the zeros spread over them).
    const candidates = [...groups, hidden].map((members) =>
      members.filter((cell) => !knownZero.has(cell) && values[cell] === 0),
    );
    const zeros = candidates.filter((members) => members.length > 0 && determined(members)).flat();
    if (zeros.length === 0) return { unknowns, determined };
    zeros.forEach((cell) => knownZero.add(cell));
  }
}
