// The words and the table that go with a report's chart: alt text that states the key numbers (the
// latest period's estimate and 95% CI per stratum, or "suppressed") and the values table of the
// e-mail. Pure: rows in (after disclosure control), text out; never a count the rows do not publish.
import type { Dimension, MeasureRow } from '../api/api-types.ts';
import { suppressionNote } from '../charts/build-trend-spec.ts';
import { dimensionLabels, periodLabels, valueLabel } from '../charts/labels.ts';
import { formatInterval, formatNumber, formatValue, unitFormat } from '../charts/units.ts';
import { reportMessages } from './report-messages.ts';

export interface SummaryInput {
  title: string;
  rows: readonly MeasureRow[];
  period: 'year' | 'quarter' | 'month';
  /** The stratifiers, outer first (none, one, or two as the dashboard's by=a,b). */
  by: readonly Dimension[];
  unit: string;
  unitLabel: string;
}

/** Periods the e-mail's table shows (the latest ones); the CSV attachment has all of them. */
export const TABLE_PERIODS = 12;

/** `9.7%`, `12.3 per 1,000`, `$412.35 PMPM`. */
export function formatEstimate(value: number, unit: string, unitLabel: string): string {
  const format = unitFormat(unit, unitLabel);
  return `${formatValue(value, unit)}${format.spaced ? ' ' : ''}${format.suffix}`;
}

const labelOf = (row: MeasureRow, dimension: Dimension): string => (row[dimension] !== undefined && row[dimension] !== null ? valueLabel(dimension, String(row[dimension])) : 'All');
/** `Female`, `Essex County · White`. */
const stratumOf = (row: MeasureRow, by: readonly Dimension[]): string => by.map((dimension) => labelOf(row, dimension)).join(' · ');

/** One stratum's latest estimate: `Female 9.7% (95% CI 8.6–10.8)`, `Male suppressed`. */
function statement(row: MeasureRow, input: SummaryInput): string {
  const name = input.by.length ? `${stratumOf(row, input.by)} ` : '';
  if (row.suppressed) return `${name}${reportMessages.suppressedValue()}`;
  if (row.rate === null) return `${name}${reportMessages.noEstimate()}`;
  const ci = row.ciLow !== null && row.ciHigh !== null ? ` (95% CI ${formatInterval(row.ciLow, row.ciHigh, input.unit)})` : '';
  return `${name}${formatEstimate(row.rate, input.unit, input.unitLabel)}${ci}`;
}

const periodsOf = (rows: readonly MeasureRow[]): string[] => [...new Set(rows.map((row) => row.period))].sort();

export function altText(input: SummaryInput): string {
  const periods = periodsOf(input.rows);
  const names = [periodLabels[input.period], ...input.by.map((dimension) => dimensionLabels[dimension])].map((name) => name.toLowerCase());
  const scope = `${input.title}, by ${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]}`;
  if (periods.length === 0) return `${scope}. ${reportMessages.noRows()}`;
  const latest = periods.at(-1)!;
  const range = periods.length > 1 ? `, ${periods[0]} to ${latest}` : `, ${latest}`;
  const statements = input.rows.filter((row) => row.period === latest).map((row) => statement(row, input));
  const note = suppressionNote(input.rows);
  return `${scope}${range}. ${reportMessages.latest(latest)}: ${statements.join('; ')}.${note ? ` ${note}.` : ''}`;
}

export interface ValuesTable {
  headers: string[];
  rows: string[][];
  /** Set when older periods were left out of the table. */
  note: string | null;
}

/** The latest TABLE_PERIODS periods, newest first, one line per stratum; suppressed cells say so. */
export function valuesTable(input: SummaryInput): ValuesTable {
  const periods = periodsOf(input.rows);
  const shown = new Set(periods.slice(-TABLE_PERIODS));
  const headers = ['Period', ...input.by.map((dimension) => dimensionLabels[dimension]), 'Estimate', '95% CI', 'Numerator', 'Denominator'];
  const rows = input.rows
    .filter((row) => shown.has(row.period))
    .sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : 0))
    .map((row) => {
      const stratum = input.by.map((dimension) => labelOf(row, dimension));
      if (row.suppressed) return [row.period, ...stratum, reportMessages.suppressedValue(), '', '', ''];
      return [
        row.period,
        ...stratum,
        row.rate === null ? reportMessages.noEstimate() : formatEstimate(row.rate, input.unit, input.unitLabel),
        row.ciLow !== null && row.ciHigh !== null ? formatInterval(row.ciLow, row.ciHigh, input.unit) : '',
        row.numerator === null ? '' : formatNumber(row.numerator, Number.isInteger(row.numerator) ? 0 : 2),
        row.denominator === null ? '' : formatNumber(row.denominator, Number.isInteger(row.denominator) ? 0 : 2),
      ];
    });
  return { headers, rows, note: periods.length > TABLE_PERIODS ? reportMessages.tableTruncated(TABLE_PERIODS, periods.length) : null };
}
