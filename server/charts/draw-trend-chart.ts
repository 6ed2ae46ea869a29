// A dashboard trend chart (core/charts/trend-chart.ts) drawn as SVG at a width in CSS pixels, by the
// same Vega the e-mailed reports are drawn with (server/reports/render-chart.ts), compiled once per
// form of chart (compiled-specs.ts) and drawn by a view kept for the form (kept-views.ts).
import { trendChartSpec, type TrendChart } from '../../core/charts/trend-chart.ts';
import { drawByForm } from './kept-views.ts';

export function drawTrendChart(chart: TrendChart, width: number): Promise<string> {
  return drawByForm(trendChartSpec(chart, width));
}
