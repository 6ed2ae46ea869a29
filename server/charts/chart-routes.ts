// The server's drawing of a dashboard trend chart (core/charts/trend-chart.ts) as SVG, for a page's
// first paint: the browser sends the chart it would draw (its rows, which it already has, and its
// container's width) and shows this picture until its own Vega view is ready, which then takes over
// (client/src/charts/vega-chart.ts). The server's Vega is warm (it draws a few made-up charts before
// it listens, cli/start-server.ts), while a freshly opened page would first have to load, compile and
// run Vega itself. Nothing is read from the warehouse: the route draws only what it is sent, so it
// discloses nothing.
import { DomainError } from '../../core/errors.ts';
import { MAX_CHART_ROWS, CHART_WIDTHS, parseTrendChartRequest } from '../../core/charts/trend-chart-schema.ts';
import { errorResponse } from '../openapi/operation-parts.ts';
import type { RouteTable } from '../routing/route-table.ts';
import { drawTrendChart } from './draw-trend-chart.ts';

const tags = ['charts'];

export function chartRoutes(): RouteTable {
  return [
    {
      method: 'post',
      path: '/charts/trend.svg',
      role: 'viewer',
      jsonBody: { limit: '2mb' },
      operation: {
        summary: 'Draw a dashboard trend chart as SVG (the first paint of a page)',
        operationId: 'drawTrendChart',
        tags,
        description:
          `Body { chart: { input, heading? }, width }: the inputs of the dashboard's trend chart (core/charts/trend-chart.ts; at most ${MAX_CHART_ROWS.toLocaleString('en-US')} rows) ` +
          `and the width in CSS pixels (${CHART_WIDTHS.min}–${CHART_WIDTHS.max}). Draws only what it is sent; reads no data.`,
        requestBody: { required: true, description: '{ chart: { input, heading? }, width }', content: { 'application/json': { schema: { type: 'object' } } } },
        responses: {
          200: { description: 'The chart as SVG', content: { 'image/svg+xml': { schema: { type: 'string' } } } },
          400: errorResponse('BadRequest'),
        },
      },
      handler: async (request, response) => {
        const { chart, width } = parseTrendChartRequest(request.body);
        let svg: string;
        try {
          svg = await drawTrendChart(chart, width);
        } catch (error) {
          throw new DomainError('invalid_parameter', `The chart could not be drawn: ${error instanceof Error ? error.message : String(error)}.`, { parameter: 'chart' });
        }
        response.type('image/svg+xml').set('cache-control', 'no-store').send(svg);
      },
    },
  ];
}
