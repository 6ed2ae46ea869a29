// A dashboard trend chart (core/charts/trend-chart.ts) drawn as SVG at a width in CSS pixels, by the
// same Vega the e-mailed reports are drawn with (server/reports/render-chart.ts).
import { trendChartSpec, type TrendChart } from '../../core/charts/trend-chart.ts';
import { renderSvg } from '../reports/render-chart.ts';

export function drawTrendChart(chart: TrendChart, width: number): Promise<string> {
  return renderSvg(trendChartSpec(chart, width));
}
