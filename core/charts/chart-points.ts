// The points of a chart as a keyboard reaches them: a trend's cells series by series (one series per
// stratum, every period, suppressed ones included) and a map's counties, each with the sentence a
// screen reader announces when it has the focus (stratum, period, value, 95% CI, numerator and
// denominator, reliability, or why there is no value), and how the arrow keys move between them.
// Pure: the dashboard's chart components draw the focus and speak the sentence.
import type { MeasureRow } from '../api/api-types.ts';
import type { TrendSpecInput } from './build-trend-spec.ts';
import { formatCount } from './format.ts';
import { valueLabel } from './labels.ts';
import { messages, MIN_CELL_SIZE } from './messages.ts';
import { periodStart } from './periods.ts';
import type { CountyDatum } from './county-map-data.ts';
import { strataOrder } from './trend-series.ts';
import { unitFormat, formatValue } from './units.ts';

/** One point a keyboard can reach; `stratum` and `period` (or `county`) say where to draw the focus. */
export interface ChartPoint {
  /** The series' stratum as the chart names it (a value label; 'All' without a stratifier). */
  stratum: string;
  period: string;
  /** The period's first day (ISO date), where the trend draws the focus line. */
  start?: string;
  /** The map's county (the API's name), for a map's point. */
  county?: string;
  /** What is announced when the point has the focus. */
  description: string;
}

/** Why a cell has no value, in words (the table's Suppression column says the same). */
export function suppressionWords(row: Pick<MeasureRow, 'suppressionReason'>): string {
  if (row.suppressionReason === 'complementary') return messages.mapComplementary();
  if (row.suppressionReason === 'dominance') return 'suppressed (one person holds most of the total)';
  return `suppressed (fewer than ${MIN_CELL_SIZE} people)`;
}

/**
 * What a chart shows in one sentence, read with its name before any key is pressed (the chart's image
 * itself is hidden from screen readers: its tick labels are no summary): a trend's latest period per
 * series; a map, how many counties the keys reach.
 */
export function chartSummary(points: readonly (readonly ChartPoint[])[]): string {
  const series = points.filter((s) => s.length > 0);
  if (series.length === 0) return messages.chartEmpty();
  if (series.some((s) => s[0]!.county !== undefined)) return messages.mapSummary(series.flat().length);
  return `${messages.latestPeriod()}: ${series.map((s) => s.at(-1)!.description).join('; ')}.`;
}

/** What the trend spec is built from (build-trend-spec.ts): the same input gives the chart and its points. */
export type TrendPointsInput = Pick<TrendSpecInput, 'rows' | 'period' | 'by' | 'unit' | 'unitLabel' | 'adjust'>;

/**
 * A trend's points: one series per stratum in the chart's order (strata with nothing shown too),
 * each over every period of the rows in time order, so a suppressed period is reached and said.
 */
export function trendPoints(input: TrendPointsInput): ChartPoint[][] {
  const by = input.by ?? null;
  const adjusted = input.adjust === 'age';
  const periods = [...new Set(input.rows.map((row) => row.period))].sort();
  return strataOrder(input.rows, by).map((stratum) => {
    const own = new Map(input.rows.filter((row) => (by ? row[by] !== undefined && valueLabel(by, row[by]!) === stratum : true)).map((row) => [row.period, row]));
    return periods.map((period) => {
      const row = own.get(period);
      const where = `${by ? `${stratum}, ` : ''}${period}`;
      return { stratum, period, start: periodStart(period, input.period), description: row ? `${where}: ${cellWords(row, input, adjusted)}` : `${where}: no data` };
    });
  });
}

function cellWords(row: MeasureRow, unit: Pick<TrendPointsInput, 'unit' | 'unitLabel'>, adjusted: boolean): string {
  if (row.suppressed) return suppressionWords(row);
  const rate = adjusted ? row.adjustedRate : row.rate;
  if (rate === null || rate === undefined) return messages.mapNoEstimate();
  const low = adjusted ? row.adjustedCiLow : row.ciLow;
  const high = adjusted ? row.adjustedCiHigh : row.ciHigh;
  const ci = low != null && high != null ? `95% CI ${written(low, unit)} to ${written(high, unit)}` : 'no confidence interval';
  const counts = row.numerator !== null && row.denominator !== null ? `; ${formatCount(row.numerator)} of ${formatCount(row.denominator)}` : '';
  const reliability = row.unreliable === true ? `; ${lowerFirst(messages.unreliableShort())}` : '';
  return `${adjusted ? 'age-adjusted rate' : 'rate'} ${written(rate, unit)}, ${ci}${counts}${reliability}`;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** `8.1%`, `12.3 per 1,000`, `$412.35 PMPM`. */
function written(value: number, unit: Pick<TrendPointsInput, 'unit' | 'unitLabel'>): string {
  const format = unitFormat(unit.unit, unit.unitLabel);
  return `${formatValue(value, unit.unit)}${format.spaced ? ' ' : ''}${format.suffix}`;
}

/** A map's counties as one series in name order, each said as its tooltip says it. */
export function countyPoints(data: readonly CountyDatum[], period: string, unit: Pick<TrendPointsInput, 'unit' | 'unitLabel'>): ChartPoint[][] {
  const format = unitFormat(unit.unit, unit.unitLabel);
  const counties = [...data].sort((a, b) => a.county.localeCompare(b.county));
  return [
    counties.map((d) => {
      const value =
        d.status === 'estimate' && d.rate !== null
          ? `rate ${d.value}${format.spaced ? ' ' : ''}${format.suffix}, 95% CI ${d.ci}; numerator ${d.numerator}, denominator ${d.denominator}; ${lowerFirst(d.reliability)}`
          : d.statusKey;
      return { stratum: d.county, period, county: d.county, description: `${d.county}, ${period}: ${value}` };
    }),
  ];
}

/** Where the focus is: the series and the point's place in it. */
export interface PointPosition {
  series: number;
  index: number;
}

/**
 * Where a key moves the focus in `points` (series × periods): Left/Right along the series, Up/Down
 * to the previous/next series at the same period (along the only series when there is one), Home/End to the series' ends. With no focus yet,
 * any of them starts at the first point. Null for any other key (the page keeps it).
 */
export function movePoint(points: readonly (readonly ChartPoint[])[], at: PointPosition | null, key: string): PointPosition | null {
  const last = (series: number) => Math.max(0, (points[series]?.length ?? 1) - 1);
  if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(key)) return null;
  if (points.length === 0 || points.every((series) => series.length === 0)) return null;
  if (at === null) return { series: 0, index: 0 };
  const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), max);
  switch (key) {
    case 'ArrowLeft':
      return { series: at.series, index: clamp(at.index - 1, last(at.series)) };
    case 'ArrowRight':
      return { series: at.series, index: clamp(at.index + 1, last(at.series)) };
    case 'ArrowUp':
    case 'ArrowDown': {
      // One series (a map's counties): up and down step through it too.
      if (points.length === 1) return { series: 0, index: clamp(at.index + (key === 'ArrowUp' ? -1 : 1), last(0)) };
      const series = clamp(at.series + (key === 'ArrowUp' ? -1 : 1), points.length - 1);
      return { series, index: clamp(at.index, last(series)) };
    }
    case 'Home':
      return { series: at.series, index: 0 };
    default:
      return { series: at.series, index: last(at.series) };
  }
}

/** The trend spec's focus signals (build-trend-spec.ts, `focusable`) for a point, or none. */
export const trendFocusSignals = (point: ChartPoint | null): Record<string, string | null> => ({
  focusStratum: point?.stratum ?? null,
  focusPeriod: point?.period ?? null,
  focusStart: point?.start ?? null,
});

/** The county map spec's focus signal (build-county-map-spec.ts, `focusable`). */
export const countyFocusSignals = (point: ChartPoint | null): Record<string, string | null> => ({ focusCounty: point?.county ?? null });
