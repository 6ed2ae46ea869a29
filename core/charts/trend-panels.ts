// The Explore page's charts: one trend chart per value of the first stratifier, each stratified by the
// second (small multiples: a dozen counties × six races never share one legend or reuse a colour),
// or one chart. Age-adjusted views draw the adjusted rates and say so in the chart's own title, so an
// exported image says it too. Pure: the server draws Explore's default chart with it before its first
// visitor (server/measures/default-views.ts).
import type { Dimension, MeasureRow, TimePeriod } from '../api/api-types.ts';
import type { TrendChart } from './trend-chart.ts';
import { trendPoints, type ChartPoint } from './chart-points.ts';
import { dimensionLabels, valueLabel } from './labels.ts';

export interface TrendPanel {
  key: string;
  /** The first stratifier's value, or null for a single chart. */
  heading: string | null;
  rows: MeasureRow[];
  /** The panel's chart (its spec: trend-chart.ts trendChartSpec). */
  chart: TrendChart;
  /** The points the arrow keys step through, said as crude or age-adjusted. */
  points: ChartPoint[][];
}

export const adjustmentLabel = (adjusted: boolean) =>
  adjusted ? 'Age-adjusted rates (direct method, US 2000 standard population)' : 'Crude rates (not age-adjusted)';

/** The age-adjusted rate and interval in the places the chart reads the rate from. */
export const asAdjusted = (rows: readonly MeasureRow[]): MeasureRow[] =>
  rows.map((row) => ({ ...row, rate: row.adjustedRate ?? null, ciLow: row.adjustedCiLow ?? null, ciHigh: row.adjustedCiHigh ?? null }));

export interface PanelInput {
  rows: readonly MeasureRow[];
  by: readonly Dimension[];
  period: TimePeriod;
  unit: string;
  unitLabel: string;
  title: string;
  adjusted: boolean;
}

export function trendPanels(input: PanelInput): TrendPanel[] {
  const rows = input.adjusted ? asAdjusted(input.rows) : [...input.rows];
  const adjust = input.adjusted ? 'age' : null;
  // asAdjusted keeps the adjusted fields, so the points read them as the age-adjusted rates.
  const points = (panelRows: MeasureRow[], by: Dimension | null) => trendPoints({ rows: panelRows, period: input.period, by, unit: input.unit, unitLabel: input.unitLabel, adjust });
  const chart = (panelRows: MeasureRow[], by: Dimension | null, heading: string | null, height: number): TrendChart => ({
    input: { rows: panelRows, period: input.period, by, unit: input.unit, unitLabel: input.unitLabel, height, focusable: true },
    heading: { text: heading ? `${input.title}: ${heading}` : input.title, subtitle: adjustmentLabel(input.adjusted) },
  });
  if (input.by.length < 2) return [{ key: 'all', heading: null, rows, chart: chart(rows, input.by[0] ?? null, null, 320), points: points(rows, input.by[0] ?? null) }];
  const [outer, inner] = input.by;
  const groups = new Map<string, MeasureRow[]>();
  for (const row of rows) {
    const value = row[outer] ?? '';
    groups.set(value, [...(groups.get(value) ?? []), row]);
  }
  return [...groups].map(([value, group]) => {
    const heading = `${dimensionLabels[outer]} ${valueLabel(outer, value)}`;
    return { key: value, heading, rows: group, chart: chart(group, inner, heading, 200), points: points(group, inner ?? null) };
  });
}
