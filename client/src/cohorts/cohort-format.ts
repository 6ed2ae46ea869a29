// How the cohort pages write published numbers: a count as the API gave it (never one of our own), a
// suppressed one in words, shares and differences as percentages. Pure.
import { formatCount } from '../../../core/charts/format.ts';
import { valueLabel } from '../../../core/charts/labels.ts';
import { CONDITION_NAMES } from '../../../core/measures/definitions/conditions.ts';
import type { PublishedSize } from './cohort-api.ts';

export const SUPPRESSED_TEXT = 'suppressed (fewer than 11)';

export const sizeText = (size: PublishedSize | null | undefined): string =>
  !size ? '—' : size.suppressed ? SUPPRESSED_TEXT : formatCount(size.value);

export const countText = (count: number | null, suppressed = count === null): string => (suppressed || count === null ? SUPPRESSED_TEXT : formatCount(count));

export const percentText = (share: number | null, digits = 1): string => (share === null ? '—' : `${(share * 100).toFixed(digits)}%`);

/** A difference of shares in percentage points, signed. */
export const pointsText = (difference: number | null): string =>
  difference === null ? '—' : `${difference > 0 ? '+' : difference < 0 ? '−' : ''}${Math.abs(difference * 100).toFixed(1)} pts`;

export const intervalText = (low: number | null, high: number | null, format: (n: number) => string): string =>
  low === null || high === null ? '—' : `${format(low)} to ${format(high)}`;

/** Share of the step before that is kept: both published and shown, else nothing (a gap is never filled in). */
export function keptText(size: PublishedSize | null, before: PublishedSize | null): string {
  if (!size || !before || size.suppressed || before.suppressed || before.value === 0) return '—';
  return percentText(Math.min(size.value / before.value, 1));
}

export const dollars = (n: number) => n.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });

/** A characteristic's value in words, as the rest of the dashboard names it: `F` → Female, `ckd` → Chronic kidney disease. */
export function characteristicValueText(characteristic: 'ageBand' | 'sex' | 'race' | 'conditionGroup', value: string): string {
  if (characteristic === 'sex' || characteristic === 'race') return valueLabel(characteristic, value);
  if (characteristic === 'conditionGroup') return CONDITION_NAMES[value] ?? value.replaceAll('_', ' ');
  return value;
}
