// A trend chart (core/charts/trend-chart.ts) as an attachment: its spec at the container's width,
// first drawn by the server on a freshly opened page (vega-chart.ts, first-paint.ts).
import type { View } from 'vega';
import { trendChartSpec, type TrendChart } from '../../../core/charts/trend-chart.ts';
import { drawTrendChart } from '../lib/api.ts';
import { vegaLite } from './vega-chart.ts';

export function trendChartAttachment(chart: TrendChart, onview: (view: View | null) => void) {
  return vegaLite(trendChartSpec(chart, 'container'), onview, (width, signal) => drawTrendChart(chart, width, signal));
}
