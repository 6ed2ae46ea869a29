// A dashboard county map (core/charts/county-map-chart.ts) drawn as SVG at a width in CSS pixels,
// over the outlines the server sends the page (server/meta/county-outlines.ts), by the same Vega the
// e-mailed reports are drawn with (server/reports/render-chart.ts).
import { countyMapChartSpec, type CountyMapChart } from '../../core/charts/county-map-chart.ts';
import type { CountyFeature } from '../../core/charts/county-geography.ts';
import { renderSvg } from '../reports/render-chart.ts';

export function drawCountyMap(chart: CountyMapChart, features: readonly CountyFeature[], width: number): Promise<string> {
  return renderSvg(countyMapChartSpec(chart, features, width));
}
