// The trend charts the pages draw of their default views (server/measures/default-views.ts: the
// Overview's trend, Explore's chart, every Costs and use section), drawn once a warehouse generation's
// answers are in and before the server listens: each chart's form is then compiled and has a kept
// view (kept-views.ts), and a first visitor's charts are drawn by those views at whatever width the
// visitor's page has. Each is built as its page builds it (the view's `chart`) and checked as the
// route checks a request body, so it is the very form the page will ask for.
import { parseTrendChartRequest } from '../../core/charts/trend-chart-schema.ts';
import type { DefaultAnswer } from '../measures/default-views.ts';
import { drawTrendChart } from './draw-trend-chart.ts';

/** Any width will do: a kept view draws its form at every width. */
const DRAWN_WIDTH = 640;

/** Draws the chart of every answer whose view a page draws; how many were drawn. */
export async function drawDefaultCharts(answers: readonly DefaultAnswer[]): Promise<number> {
  let drawn = 0;
  for (const { view, answer } of answers) {
    const chart = view.chart?.(answer);
    if (!chart) continue;
    try {
      const request = parseTrendChartRequest({ chart, width: DRAWN_WIDTH });
      await drawTrendChart(request.chart, request.width);
      drawn++;
    } catch {
      // The page's own request draws it, or says why it cannot.
    }
  }
  return drawn;
}
