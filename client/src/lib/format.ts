// Number and date formatting for the dashboard (en-US, fixed precision so tiles line up).
import type { MeasureUnit } from './api-types.ts';

const rateFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const countFormat = new Intl.NumberFormat('en-US');
const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

export const formatRate = (value: number) => rateFormat.format(value);
export const formatCount = (value: number) => countFormat.format(value);

/** The unit as a tile shows it next to the number: `%` or `per 1,000`. */
export const shortUnitLabel = (unit: MeasureUnit) => (unit === 'percent' ? '%' : 'per 1,000');

/** A change in rate: percentage points for percentages, plain units for per-1,000 rates. */
export function formatChange(change: number, unit: MeasureUnit): string {
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  return `${sign}${formatRate(Math.abs(change))}${unit === 'percent' ? ' pp' : ''}`;
}

/** `2019-01-01` → "Jan 1, 2019"; dates are calendar dates, so they are read as UTC. */
export function formatDate(isoDate: string): string {
  const date = new Date(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  return Number.isNaN(date.getTime()) ? isoDate : dateFormat.format(date);
}
