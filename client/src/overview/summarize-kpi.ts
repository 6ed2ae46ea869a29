// The numbers of one KPI tile: the latest complete year's rate and its change from the year before.
// Pure; "better" or "worse" depends on the measure's direction, not on the sign of the change.
import type { MeasureDirection, MeasureRow } from '../../../core/api/api-types.ts';
import { unitFormat } from '../../../core/charts/units.ts';

export type Tone = 'better' | 'worse' | 'neutral';
export type Trend = 'up' | 'down' | 'flat';

export interface KpiSummary {
  latest: MeasureRow;
  previous: MeasureRow | null;
  /** latest.rate − previous.rate, or null when either is suppressed or missing. */
  change: number | null;
  trend: Trend | null;
  tone: Tone;
}

/**
 * @param rows yearly rows of one measure, no stratifier
 * @param measure its direction (is up better?) and unit (what precision is shown)
 * @param lastCompleteYear the last year the data cover in full; a partial year would understate
 *   period prevalence, so it is left out of the headline when a complete year exists
 */
export function summarizeKpi(
  rows: readonly MeasureRow[],
  measure: { direction: MeasureDirection; unit: string },
  lastCompleteYear?: number,
): KpiSummary | null {
  // Changes that round to zero at the displayed precision count as flat.
  const flat = 0.5 * 10 ** -unitFormat(measure.unit).decimals;
  const sorted = [...rows].sort((a, b) => a.period.localeCompare(b.period));
  const complete =
    lastCompleteYear === undefined ? sorted : sorted.filter((row) => Number(row.period) <= lastCompleteYear);
  const candidates = complete.length > 0 ? complete : sorted;
  const latest = candidates.at(-1);
  if (!latest) return null;
  const previous = candidates.find((row) => Number(row.period) === Number(latest.period) - 1) ?? null;
  const change =
    latest.rate !== null && previous?.rate != null ? latest.rate - previous.rate : null;
  const trend: Trend | null =
    change === null ? null : Math.abs(change) < flat ? 'flat' : change > 0 ? 'up' : 'down';
  const improving = measure.direction === 'higher-is-better' ? trend === 'up' : trend === 'down';
  const tone: Tone = trend === null || trend === 'flat' ? 'neutral' : improving ? 'better' : 'worse';
  return { latest, previous, change, trend, tone };
}

/** The last calendar year that the data cover through 31 December. */
export function lastCompleteYear(endDate: string): number {
  const year = Number(endDate.slice(0, 4));
  return endDate.slice(5, 10) === '12-31' ? year : year - 1;
}
