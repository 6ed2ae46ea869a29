// A dashboard trend chart (core/charts/trend-chart.ts) drawn as SVG at a width in CSS pixels, by the
// same Vega the e-mailed reports are drawn with (server/reports/render-chart.ts), and a small drawing
// to warm that Vega when the server starts, so that the first visitor's charts are not drawn by
// freshly loaded, not yet optimized code.
import { trendChartSpec, type TrendChart } from '../../core/charts/trend-chart.ts';
import { renderSvg } from '../reports/render-chart.ts';

export function drawTrendChart(chart: TrendChart, width: number): Promise<string> {
  return renderSvg(trendChartSpec(chart, width));
}

const WARM_UP_YEARS = [2020, 2021, 2022, 2023, 2024];

/** Draws a small made-up chart a few times (two strata, five years), and forgets it. */
export async function warmChartDrawing(times = 6): Promise<void> {
  const rows = ['F', 'M'].flatMap((sex) =>
    WARM_UP_YEARS.map((year, i) => ({ period: String(year), sex, numerator: 100 + i, denominator: 1000, rate: 0.1 + i / 100, ciLow: 0.08, ciHigh: 0.12 + i / 100, suppressed: false })),
  );
  for (let i = 0; i < times; i++) await drawTrendChart({ input: { rows, period: 'year', by: 'sex', unit: 'percent', unitLabel: 'people', height: 240, focusable: true } }, 640);
}
