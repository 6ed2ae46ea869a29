// Public face of disclosure control: import from here, not from the modules behind it.
// CMS cell size suppression policy (2020): cells of 1–10 people are suppressed, with complements.

export { CMS_MINIMUM_CELL_SIZE, DisclosurePolicyError, isSmallCount, resolvePolicy } from './policy.ts';
export type { DisclosurePolicy, PolicyOptions } from './policy.ts';
export { suppressCount } from './suppress-count.ts';
export type { DisclosedCount, SuppressionReason } from './suppress-count.ts';
export { suppressCells } from './suppress-cells.ts';
export type { SuppressCellsOptions } from './suppress-cells.ts';
export { defaultMarginKeys } from './cell-groups.ts';
export { DEFAULT_ADDITIVE_FIELDS } from './primary.ts';
export type { PeopleCounts } from './primary.ts';
export { maskCell } from './mask.ts';
export type { DisclosedCell, HiddenCell, ShownCell } from './mask.ts';
export { disclosureMessages } from './messages.ts';
