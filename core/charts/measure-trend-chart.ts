// A measure's answer (GET /api/measures/:id, yearly, quarterly or monthly, by one stratifier or none)
// as the trend chart the Overview and the Costs page draw of it (trend-chart.ts): one builder for the
// page and for the server, which draws the pages' default charts before its first visitor
// (server/charts/default-charts.ts) and so must build exactly the chart a page will ask it to draw.
import { isTimePeriod, type MeasureResult } from '../api/api-types.ts';
import { isDimension } from '../measures/dimensions.ts';
import type { TrendChart } from './trend-chart.ts';

/** The answer's trend chart at `height` CSS pixels, its points reachable by keyboard; undefined for a whole-range answer (period=all). */
export function measureTrendChart(result: MeasureResult, height: number): TrendChart | undefined {
  if (!isTimePeriod(result.period)) return undefined;
  const by = result.by !== null && isDimension(result.by) ? result.by : null;
  return { input: { rows: result.rows, period: result.period, by, unit: result.measure.unit, unitLabel: result.measure.unitLabel, height, focusable: true } };
}
