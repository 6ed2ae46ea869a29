// Counts and dates for the dashboard (en-US, en-us-numbers.ts). Rates are written by units.ts, which knows their unit.
import { formatUtcDate, formatWhole } from './en-us-numbers.ts';

export const formatCount = (value: number) => formatWhole(value);

/** `2019-01-01` → "Jan 1, 2019"; dates are calendar dates, so they are read as UTC. */
export function formatDate(isoDate: string): string {
  const date = new Date(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  return Number.isNaN(date.getTime()) ? isoDate : formatUtcDate(date);
}
