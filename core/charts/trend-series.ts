// The data of a trend chart, from the API's rows after disclosure control: one datum per shown
// estimate, each in a segment that ends at a hidden period (a suppressed cell is a gap in the line,
// never bridged), the strata with nothing shown (named, so the chart can say so), and words for
// each point that screen readers read (the rate and its interval bounds, each by its name).
import type { Dimension, MeasureRow, MeasureUnit, TimePeriod } from '../api/api-types.ts';
import { valueLabel } from './labels.ts';
import { messages } from './messages.ts';
import { periodStart } from './periods.ts';
import { formatInterval, formatValue, unitFormat } from './units.ts';

/** One plotted point; suppressed cells and cells without an estimate never become one. */
export interface TrendDatum {
  period: string;
  periodStart: string;
  stratum: string;
  /** Stratum and run of consecutive shown periods: the line is drawn per segment. */
  segment: string;
  rate: number;
  ciLow: number | null;
  ciHigh: number | null;
  ci: string;
  numerator: number | null;
  denominator: number | null;
  unreliable: boolean;
  reliability: string;
  /** What a screen reader says for this point: stratum, period, rate, CI bounds, reliability. */
  label: string;
  /** In a chart with more strata than colours: this stratum is the one drawn in colour. */
  highlighted: boolean;
  /** The highlighted stratum's name at its last point (a direct label), else null. */
  directLabel: string | null;
}

export const ALL_STRATA = 'All';

export interface TrendDataOptions {
  unit?: MeasureUnit | string;
  unitLabel?: string;
  /** Plot the age-adjusted rate and its Fay–Feuer interval instead of the crude rate. */
  adjusted?: boolean;
  /** The stratum drawn in colour when there are more strata than colours (a stratum's label). */
  highlight?: string | null;
}

const stratumOf = (row: MeasureRow, by: Dimension | null): string | undefined => {
  if (!by) return ALL_STRATA;
  const value = row[by];
  return value === undefined ? undefined : valueLabel(by, value);
};

/** The estimate a row shows (crude or age-adjusted), or null when it shows none. */
function shownEstimate(row: MeasureRow, adjusted: boolean): { rate: number; low: number | null; high: number | null } | null {
  if (row.suppressed) return null;
  const rate = adjusted ? row.adjustedRate : row.rate;
  if (rate === null || rate === undefined) return null;
  return adjusted ? { rate, low: row.adjustedCiLow ?? null, high: row.adjustedCiHigh ?? null } : { rate, low: row.ciLow, high: row.ciHigh };
}

/** Strata in the order the API sends them, counting hidden cells (a stratum keeps its place and colour). */
export function strataOrder(rows: readonly MeasureRow[], by: Dimension | null): string[] {
  const order = new Set<string>();
  for (const row of rows) {
    const stratum = stratumOf(row, by);
    if (stratum !== undefined) order.add(stratum);
  }
  return [...order];
}

/** The strata of which not one period is shown (every cell suppressed or without an estimate). */
export function strataNotShown(rows: readonly MeasureRow[], by: Dimension | null, adjusted = false): string[] {
  if (!by) return [];
  const shown = new Set(rows.filter((row) => shownEstimate(row, adjusted) !== null).map((row) => stratumOf(row, by)));
  return strataOrder(rows, by).filter((stratum) => !shown.has(stratum));
}

/**
 * The plotted points. A stratum's periods run in order over every period the rows have; a period
 * whose cell is hidden (or absent) closes the segment, so the line stops there and starts again after.
 */
export function toTrendData(rows: readonly MeasureRow[], period: TimePeriod, by: Dimension | null, options: TrendDataOptions = {}): TrendDatum[] {
  const unit = options.unit ?? 'percent';
  const adjusted = options.adjusted === true;
  const periods = [...new Set(rows.map((row) => row.period))].sort();
  const byStratum = new Map<string, Map<string, MeasureRow>>();
  for (const row of rows) {
    const stratum = stratumOf(row, by);
    if (stratum === undefined) continue;
    const series = byStratum.get(stratum) ?? new Map<string, MeasureRow>();
    series.set(row.period, row);
    byStratum.set(stratum, series);
  }
  const data: TrendDatum[] = [];
  for (const [stratum, series] of byStratum) {
    let segment = 0;
    let open = false;
    for (const label of periods) {
      const row = series.get(label);
      const estimate = row ? shownEstimate(row, adjusted) : null;
      if (!row || !estimate) {
        if (open) segment++;
        open = false;
        continue;
      }
      open = true;
      const unreliable = row.unreliable === true;
      const ci = estimate.low !== null && estimate.high !== null ? formatInterval(estimate.low, estimate.high, unit) : 'n/a';
      data.push({
        period: label,
        periodStart: periodStart(label, period),
        stratum,
        segment: `${stratum}#${segment}`,
        rate: estimate.rate,
        ciLow: estimate.low,
        ciHigh: estimate.high,
        ci,
        numerator: row.numerator,
        denominator: row.denominator,
        unreliable,
        reliability: unreliable ? messages.unreliableShort() : 'Reliable',
        label: pointLabel({ stratum: by ? stratum : null, period: label, rate: estimate.rate, low: estimate.low, high: estimate.high, unit, unitLabel: options.unitLabel ?? '', adjusted, unreliable }),
        highlighted: false,
        directLabel: null,
      });
    }
  }
  return data;
}

/** `Female, 2019: age-adjusted rate 8.1% (95% CI lower bound 7.6%, upper bound 8.6%)`. */
export function pointLabel(p: { stratum: string | null; period: string; rate: number; low: number | null; high: number | null; unit: string; unitLabel: string; adjusted: boolean; unreliable: boolean }): string {
  const format = unitFormat(p.unit, p.unitLabel);
  const written = (value: number) => `${formatValue(value, p.unit)}${format.spaced ? ' ' : ''}${format.suffix}`;
  const ci = p.low !== null && p.high !== null ? ` (95% CI lower bound ${written(p.low)}, upper bound ${written(p.high)})` : ' (no confidence interval)';
  const reliability = p.unreliable ? `; ${messages.unreliableShort().toLowerCase()}` : '';
  return `${p.stratum ? `${p.stratum}, ` : ''}${p.period}: ${p.adjusted ? 'age-adjusted rate' : 'rate'} ${written(p.rate)}${ci}${reliability}`;
}

export function countSuppressed(rows: readonly MeasureRow[]): number {
  return rows.filter((row) => row.suppressed).length;
}

export function countUnreliable(rows: readonly MeasureRow[]): number {
  return rows.filter((row) => !row.suppressed && row.rate !== null && row.unreliable === true).length;
}

/** Says how many cells the chart leaves out and why, or null when none are. */
export function suppressionNote(rows: readonly MeasureRow[]): string | null {
  const suppressed = rows.filter((row) => row.suppressed);
  const complementary = suppressed.filter((row) => row.suppressionReason === 'complementary').length;
  const dominance = suppressed.filter((row) => row.suppressionReason === 'dominance').length;
  const small = suppressed.length - complementary - dominance;
  const parts = [
    ...(small > 0 ? [messages.suppressed(small)] : []),
    ...(dominance > 0 ? [messages.dominance(dominance)] : []),
    ...(complementary > 0 ? [messages.complementary(complementary)] : []),
  ];
  return parts.length > 0 ? parts.join('; ') : null;
}
