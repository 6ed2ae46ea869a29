// The `from`/`to` years (inclusive) of a measure or trend request: checked against the years the
// warehouse covers (/api/meta dateRange), then the result's rows are kept to them. A window never
// reaches the SQL: it returns a slice of the rows the request without it returns (the same cells,
// the same noise, the same suppression), so it can reveal nothing that request does not.
import { DomainError } from '../errors.ts';
import { messages } from './messages.ts';
import type { Period } from './periods.ts';

export interface TimeWindow {
  from: number;
  to: number;
}

/** The years a warehouse covers, from its date range (ISO dates). */
export function coveredYears(dateRange: { start: string; end: string }): TimeWindow {
  return { from: Number(dateRange.start.slice(0, 4)), to: Number(dateRange.end.slice(0, 4)) };
}

/**
 * The window a request asks for, or undefined without `from` and `to`. A missing bound is the
 * covered range's. Refused (400, naming the parameter and the valid range): a bound that is not a
 * year of the range, `from` after `to`, and any window with period=all (two windows of the pooled
 * range would differ by the years between them, hidden cells included).
 */
export function parseTimeWindow(bounds: { from?: string; to?: string }, period: Period, covered: TimeWindow): TimeWindow | undefined {
  if (bounds.from === undefined && bounds.to === undefined) return undefined;
  if (period === 'all') {
    throw new DomainError('invalid_parameter', messages.windowWithAll(bounds.from !== undefined ? 'from' : 'to'), { parameter: bounds.from !== undefined ? 'from' : 'to' });
  }
  const year = (parameter: 'from' | 'to'): number => {
    const text = bounds[parameter];
    if (text === undefined) return covered[parameter];
    const value = /^\d{4}$/.test(text) ? Number(text) : NaN;
    if (!(value >= covered.from && value <= covered.to)) {
      throw new DomainError('invalid_parameter', messages.yearOutOfRange(parameter, text, covered.from, covered.to), { parameter, min: covered.from, max: covered.to });
    }
    return value;
  };
  const window = { from: year('from'), to: year('to') };
  if (window.from > window.to) {
    throw new DomainError('invalid_parameter', messages.windowReversed(window.from, window.to), { parameter: 'from', min: covered.from, max: window.to });
  }
  return window;
}

/** The rows whose period (2019, 2019-Q3, 2019-07) falls in the window's years. */
export function withinWindow<Row extends { period?: unknown }>(rows: Row[], window: TimeWindow | undefined): Row[] {
  if (!window) return rows;
  return rows.filter((row) => {
    const year = Number(String(row.period).slice(0, 4));
    return year >= window.from && year <= window.to;
  });
}

/** The years a response covers: the window asked for, else every year; none for period=all. */
export const yearsShown = (period: Period, window: TimeWindow | undefined, covered: TimeWindow): { from: number | null; to: number | null } =>
  period === 'all' ? { from: null, to: null } : { from: (window ?? covered).from, to: (window ?? covered).to };
