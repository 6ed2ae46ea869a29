// A dashboard trend chart (core/charts/trend-chart.ts) drawn as SVG at a width in CSS pixels, by the
// same Vega the e-mailed reports are drawn with (server/reports/render-chart.ts), compiled once per
// form of chart (compiled-specs.ts).
import { trendChartSpec, type TrendChart } from '../../core/charts/trend-chart.ts';
import { renderVegaSvg } from '../reports/render-chart.ts';
import { compileByForm } from './compiled-specs.ts';

export function drawTrendChart(chart: TrendChart, width: number): Promise<string> {
  return renderVegaSvg(compileByForm(trendChartSpec(chart, width)));
}
