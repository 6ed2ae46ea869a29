// Rule 2 as a whole: margin-by-margin complementary suppression, then an audit of all margins
// together, adding complements until no hidden value can be solved for.
// CMS cell size suppression policy (2020): suppressed values must not be derivable from totals.

import { hiddenIn, READER_MODELS, solvableCells, solvableMargins, type AuditScope, type ReaderModel } from './audit.ts';
import { closeMargins, isHidden, smallestFirst, type TableState } from './complementary.ts';
import { isSmallCount, type DisclosurePolicy } from './policy.ts';

/** How many candidate complements are tried for one exposure before taking the first. */
const MAX_TRIALS = 32;

/** A hidden cell, or a margin hidden by its own request, that a reader could solve for. */
interface Exposure {
  scope: AuditScope;
  model: ReaderModel;
  kind: 'cell' | 'margin';
  /** A cell index for 'cell', a group index for 'margin'. */
  target: number;
}

/**
 * Hides complements in `state` until (a) no margin leaves one hidden non-zero value alone,
 * (b) no hidden cell can be solved for from the known margins taken together, and (c) no margin
 * that its own request hides (`published[g]` false) can be computed from this table (audit.ts).
 *
 * A margin counts as known unless it is itself a small cell: its people counts are the sums of
 * its cells', so rule 1 suppresses it in any request that would show it (if other margins imply
 * it, the linear algebra finds that). What a reader could solve even with the whole slice
 * hidden follows from published margins alone, beyond what this table can change (e.g. the only
 * non-empty cell of a column): it is left as it is.
 */
export function protectMargins(state: TableState, policy: DisclosurePolicy, published: readonly boolean[]): void {
  const known = state.layout.groups.map((members) => {
    const sum = (counts: readonly number[]) => members.reduce((total, cell) => total + counts[cell]!, 0);
    return !isSmallCount(sum(state.numeratorPeople), policy) && !isSmallCount(sum(state.denominatorPeople), policy);
  });
  const fields = distinctFields(state);
  closeMargins(state);
  // No margin crosses a slice (a period), so each slice is settled on its own.
  for (const slice of state.layout.slices) {
    const sliceGroups = [...new Set(slice.flatMap((cell) => state.layout.groupsOf[cell]!))];
    if (nothingToSolve(state, slice, sliceGroups, published)) continue;
    const scopes = fields.map((field) => ({ slice, groups: sliceGroups, field, known, published }));
    const beyondReach = new Set(scopes.flatMap((scope) => exposures(state, scope, scope.slice).map(exposureId)));
    for (let found = firstExposure(state, scopes, beyondReach); found; found = firstExposure(state, scopes, beyondReach)) {
      const fix = chooseFix(state, found);
      if (fix === undefined) beyondReach.add(exposureId(found));
      else {
        state.reasons[fix] = 'complementary';
        closeMargins(state, sliceGroups);
      }
    }
  }
}

/**
 * A slice with no hidden cell exposes nothing, unless a margin its own request hides could be
 * added up from its visible cells (a non-zero margin that is not published). Most tables of a
 * large population are such slices, and they skip the audit.
 */
function nothingToSolve(state: TableState, slice: readonly number[], groups: readonly number[], published: readonly boolean[]): boolean {
  if (slice.some((cell) => isHidden(state, cell))) return false;
  return groups.every((group) => published[group] || state.additive.every((values) => state.layout.groups[group]!.every((cell) => values[cell] === 0)));
}

function exposures(state: TableState, scope: AuditScope, hidden: readonly number[]): Exposure[] {
  return READER_MODELS.flatMap((model) => [
    ...solvableCells(state, scope, hidden, model).map((target) => ({ scope, model, kind: 'cell' as const, target })),
    ...solvableMargins(state, scope, hidden, model).map((target) => ({ scope, model, kind: 'margin' as const, target })),
  ]);
}

const exposureId = ({ scope, model, kind, target }: Exposure) =>
  `${model.margins}:${model.zeros}:${scope.field}:${kind}:${target}`;

function isExposed(state: TableState, { scope, model, kind, target }: Exposure): boolean {
  const solve = kind === 'cell' ? solvableCells : solvableMargins;
  return solve(state, scope, hiddenIn(state, scope), model).includes(target);
}

/** One field per distinct zero pattern: the audit depends on the values only through their zeros. */
function distinctFields(state: TableState): number[] {
  const patterns = new Map<string, number>();
  state.additive.forEach((values, field) => {
    const pattern = values.map((value) => (value === 0 ? '0' : '1')).join('');
    if (!patterns.has(pattern)) patterns.set(pattern, field);
  });
  return [...patterns.values()];
}

function firstExposure(state: TableState, scopes: readonly AuditScope[], beyondReach: ReadonlySet<string>): Exposure | undefined {
  for (const scope of scopes) {
    const found = exposures(state, scope, hiddenIn(state, scope)).find((e) => !beyondReach.has(exposureId(e)));
    if (found) return found;
  }
  return undefined;
}

/**
 * The complement that removes an exposure: visible cells sharing a margin with the exposed cell
 * (or inside the exposed margin) first, then the rest of the slice; cells non-zero in the field
 * before zeros; smallest first. The first candidate that, once rule 2 settles, ends the
 * exposure wins; failing that, the first candidate, so each round hides one more cell.
 */
function chooseFix(state: TableState, exposure: Exposure): number | undefined {
  const { groups, groupsOf } = state.layout;
  const { scope, kind, target } = exposure;
  const values = state.additive[scope.field]!;
  const near = new Set(kind === 'cell' ? groupsOf[target]!.flatMap((group) => groups[group]!) : groups[target]!);
  const ordered = smallestFirst(state, scope.slice.filter((cell) => !isHidden(state, cell)));
  const rank = (cell: number) => (near.has(cell) ? 0 : 2) + (values[cell] !== 0 ? 0 : 1);
  const candidates = [0, 1, 2, 3].flatMap((r) => ordered.filter((cell) => rank(cell) === r));

  for (const candidate of candidates.slice(0, MAX_TRIALS)) {
    const trial: TableState = { ...state, reasons: [...state.reasons] };
    trial.reasons[candidate] = 'complementary';
    closeMargins(trial, scope.groups);
    if (!isExposed(trial, exposure)) return candidate;
  }
  return candidates[0];
}
