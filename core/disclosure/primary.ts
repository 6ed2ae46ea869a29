// Rule 1, primary suppression: a cell whose people counts include 1–10 is hidden.
// CMS cell size suppression policy (2020): 1–10 in the numerator or in the denominator; 0 is shown.
// Also checks every count first, so a NaN or a fractional count fails loudly instead of being shown.

import type { CellLayout } from './cell-groups.ts';
import type { TableState } from './complementary.ts';
import { disclosureMessages } from './messages.ts';
import { assertPeopleCount, isSmallCount, type DisclosurePolicy } from './policy.ts';

/** The counts that disclosure is judged on; numerator/denominator may be events and member-years. */
export interface PeopleCounts {
  numeratorPeople: number;
  denominatorPeople: number;
}

/**
 * Fields that add up to a margin, checked by rule 2. The people counts always are; numerator
 * and denominator (events, member-years) are when present, since the period total of events is
 * the sum of its strata's events just as the people count is.
 */
export const DEFAULT_ADDITIVE_FIELDS: readonly string[] = [
  'numeratorPeople',
  'denominatorPeople',
  'numerator',
  'denominator',
];

/** Validates the cells and returns the working state with rule 1 applied. */
export function applyPrimary(
  cells: readonly Record<string, unknown>[],
  layout: CellLayout,
  policy: DisclosurePolicy,
  additiveFields: readonly string[] = DEFAULT_ADDITIVE_FIELDS,
): TableState {
  const numeratorPeople = cells.map((cell, i) => peopleCount(cell, 'numeratorPeople', layout.labels[i]!));
  const denominatorPeople = cells.map((cell, i) => peopleCount(cell, 'denominatorPeople', layout.labels[i]!));
  const fields = presentFields(cells, additiveFields);
  const additive = fields.map((field) => cells.map((cell, i) => additiveValue(cell, field, layout.labels[i]!)));
  const reasons = cells.map((_, i) =>
    isSmallCount(numeratorPeople[i]!, policy) || isSmallCount(denominatorPeople[i]!, policy)
      ? ('small-cell' as const)
      : null,
  );
  return { layout, fields, additive, numeratorPeople, denominatorPeople, reasons };
}

/**
 * Whether rule 1 hides any cell, after the same checks as applyPrimary (so a bad count fails the
 * same way). Without a small cell there is nothing for rule 2 to protect: a margin is a sum of
 * zeros and counts ≥ the threshold, so it is zero or ≥ the threshold too, in this table and in
 * every table of its margins.
 */
export function anySmallCell(
  cells: readonly Record<string, unknown>[],
  labels: readonly string[],
  policy: DisclosurePolicy,
  additiveFields: readonly string[] = DEFAULT_ADDITIVE_FIELDS,
): boolean {
  // In applyPrimary's order, so the first bad value found is the same.
  const numeratorPeople = cells.map((cell, i) => peopleCount(cell, 'numeratorPeople', labels[i]!));
  const denominatorPeople = cells.map((cell, i) => peopleCount(cell, 'denominatorPeople', labels[i]!));
  for (const field of presentFields(cells, additiveFields)) cells.forEach((cell, i) => additiveValue(cell, field, labels[i]!));
  const small = (count: number) => isSmallCount(count, policy);
  return numeratorPeople.some(small) || denominatorPeople.some(small);
}

/** The additive fields the cells have: the people counts always, the others when any cell has them. */
function presentFields(cells: readonly Record<string, unknown>[], additiveFields: readonly string[]): string[] {
  return additiveFields.filter((field) => field.endsWith('People') || cells.some((cell) => cell[field] !== undefined));
}

function additiveValue(cell: Record<string, unknown>, field: string, where: string): number {
  const value = cell[field];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(disclosureMessages.badAdditiveValue(field, value, where));
  }
  return value;
}

function peopleCount(cell: Record<string, unknown>, field: keyof PeopleCounts, where: string): number {
  const value = cell[field];
  assertPeopleCount(field, value, where);
  return value;
}
