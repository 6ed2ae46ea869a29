// A dashboard trend chart (core/charts/trend-chart.ts) drawn as SVG at a width in CSS pixels, by the
// same Vega the e-mailed reports are drawn with (server/reports/render-chart.ts), and made-up drawings
// to warm that Vega before the server listens, so that the first visitor's charts are not drawn by
// freshly loaded, not yet optimized code.
import { trendChartSpec, type TrendChart } from '../../core/charts/trend-chart.ts';
import { renderSvg } from '../reports/render-chart.ts';

export function drawTrendChart(chart: TrendChart, width: number): Promise<string> {
  return renderSvg(trendChartSpec(chart, width));
}

const WARM_UP_YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
const WARM_UP_STRATA = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/** Draws made-up charts `times` times (one to eight strata, nine years, one period hidden), and forgets them. */
export async function warmChartDrawing(times = 16): Promise<void> {
  for (let i = 0; i < times; i++) {
    const strata = WARM_UP_STRATA.slice(0, 1 + (i % WARM_UP_STRATA.length));
    const rows = strata.flatMap((payer) =>
      WARM_UP_YEARS.map((year, y) => (y === 3 && payer === 'A' ? { period: String(year), payer, numerator: null, denominator: null, rate: null, ciLow: null, ciHigh: null, suppressed: true } : { period: String(year), payer, numerator: 100 + y, denominator: 1000, rate: 10 + y, ciLow: 8 + y, ciHigh: 12 + y, suppressed: false })),
    );
    await drawTrendChart({ input: { rows, period: 'year', by: strata.length > 1 ? 'payer' : null, unit: 'percent', unitLabel: 'people', height: 240, focusable: true } }, 640);
  }
}
