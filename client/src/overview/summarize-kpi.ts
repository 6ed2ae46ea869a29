// The numbers of one KPI tile: the latest complete year's rate and its change from the year before.
// Pure. A change is marked better or worse (by the measure's direction) only when it is statistically
// significant: the 95% CI of the difference excludes zero. Otherwise it reads "no significant change".
import type { MeasureDirection, MeasureRow } from '../../../core/api/api-types.ts';
import { unitFormat } from '../../../core/charts/units.ts';
import { differenceOfEstimates, type DifferenceOfEstimates } from '../lib/difference-of-estimates.ts';

export type Tone = 'better' | 'worse' | 'neutral';
export type Trend = 'up' | 'down' | 'flat';

export interface KpiSummary {
  latest: MeasureRow;
  previous: MeasureRow | null;
  /** latest.rate − previous.rate, or null when either is suppressed or missing. */
  change: number | null;
  trend: Trend | null;
  /** The difference's 95% CI, when both years have an interval. */
  test: DifferenceOfEstimates | null;
  /** Whether the change is statistically significant; null when it cannot be tested (no interval). */
  significant: boolean | null;
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
  // Periods ('2019', '2019-Q1', '2019-03') sort as written (no locale collation: it loads locale data).
  const sorted = [...rows].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
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
  const test =
    latest.rate !== null && latest.ciLow !== null && latest.ciHigh !== null && previous?.rate != null && previous.ciLow !== null && previous.ciHigh !== null
      ? differenceOfEstimates({ value: latest.rate, low: latest.ciLow, high: latest.ciHigh }, { value: previous.rate, low: previous.ciLow, high: previous.ciHigh })
      : null;
  const significant = test ? test.significant : null;
  const improving = measure.direction === 'higher-is-better' ? trend === 'up' : trend === 'down';
  const tone: Tone = trend === null || trend === 'flat' || significant !== true ? 'neutral' : improving ? 'better' : 'worse';
  return { latest, previous, change, trend, test, significant, tone };
}

/** The last calendar year that the data cover through 31 December. */
export function lastCompleteYear(endDate: string): number {
  const year = Number(endDate.slice(0, 4));
  return endDate.slice(5, 10) === '12-31' ? year : year - 1;
}
