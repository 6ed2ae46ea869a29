// Period labels of the API (`2016`, `2016-Q1`, `2016-01`) as calendar dates. Pure.
import type { TimePeriod } from '../api/api-types.ts';

/** First day: `2016` → `2016-01-01`, `2016-Q3` → `2016-07-01`, `2016-07` → `2016-07-01`. */
export function periodStart(label: string, period: TimePeriod): string {
  const year = label.slice(0, 4);
  if (period === 'year') return `${year}-01-01`;
  if (period === 'quarter') return `${year}-${pad((Number(label.slice(-1)) - 1) * 3 + 1)}-01`;
  return `${label.slice(0, 7)}-01`;
}

/** Last day: `2016` → `2016-12-31`, `2016-Q1` → `2016-03-31`, `2016-02` → `2016-02-29`. */
export function periodEnd(label: string, period: TimePeriod): string {
  const year = Number(label.slice(0, 4));
  const lastMonth =
    period === 'year' ? 12 : period === 'quarter' ? Number(label.slice(-1)) * 3 : Number(label.slice(5, 7));
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return `${year}-${pad(lastMonth)}-${pad(lastDay)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');
