// The server's drawing of a dashboard trend chart (core/charts/trend-chart.ts) or county map
// (core/charts/county-map-chart.ts) as SVG, for a page's first paint: the browser sends the chart it
// would draw (its rows, which it already has, and its container's width) and shows this picture until
// its own Vega view is ready, which then takes over (client/src/charts/vega-chart.ts). The server's
// Vega is warm (it draws a few made-up charts before it listens, chart-warm-up.ts), while a freshly
// opened page would first have to load, compile and run Vega itself. No measure is read from the
// warehouse: the routes draw only the rows they are sent, so they disclose nothing; a map is drawn
// over the county outlines GET /api/geography/counties gives the same caller (public geography).
import type { Response } from 'express';
import { DomainError } from '../../core/errors.ts';
import { MAX_CHART_ROWS, CHART_WIDTHS, parseTrendChartRequest } from '../../core/charts/trend-chart-schema.ts';
import { parseCountyMapRequest } from '../../core/charts/county-map-chart-schema.ts';
import { dimensionValues } from '../../core/warehouse/warehouse-facts.ts';
import { errorResponse } from '../openapi/operation-parts.ts';
import type { RouteTable } from '../routing/route-table.ts';
import { restrictionOf } from '../routing/row-access.ts';
import type { LiveWarehouse } from '../warehouse/live-warehouse.ts';
import { countyOutlines } from '../meta/county-outlines.ts';
import { drawCountyMap } from './draw-county-map.ts';
import { drawTrendChart } from './draw-trend-chart.ts';

const tags = ['charts'];

export function chartRoutes(warehouse: LiveWarehouse, { exactCounts = false }: { exactCounts?: boolean } = {}): RouteTable {
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
        sendSvg(response, await drawn(drawTrendChart(chart, width)));
      },
    },
    {
      method: 'post',
      path: '/charts/county-map.svg',
      role: 'viewer',
      readsRows: true,
      jsonBody: { limit: '2mb' },
      operation: {
        summary: 'Draw a dashboard county map as SVG (the first paint of a page)',
        operationId: 'drawCountyMap',
        tags,
        description:
          `Body { chart: { input }, width }: the inputs of the dashboard's county map but its outlines (core/charts/county-map-chart.ts; at most ${MAX_CHART_ROWS.toLocaleString('en-US')} rows, one period by county) ` +
          `and the width in CSS pixels (${CHART_WIDTHS.min}–${CHART_WIDTHS.max}). Drawn over the outlines of /api/geography/counties; reads no measure.`,
        requestBody: { required: true, description: '{ chart: { input }, width }', content: { 'application/json': { schema: { type: 'object' } } } },
        responses: {
          200: { description: 'The map as SVG', content: { 'image/svg+xml': { schema: { type: 'string' } } } },
          400: errorResponse('BadRequest'),
        },
      },
      handler: async (request, response) => {
        const { chart, width } = parseCountyMapRequest(request.body);
        const { features } = await warehouse.use(async (db) => countyOutlines((await dimensionValues(db, { exactCounts, restriction: restrictionOf(request) })).county));
        sendSvg(response, await drawn(drawCountyMap(chart, features, width)));
      },
    },
  ];
}

/** The drawing, or a 400 saying why Vega could not draw what it was sent. */
async function drawn(drawing: Promise<string>): Promise<string> {
  try {
    return await drawing;
  } catch (error) {
    throw new DomainError('invalid_parameter', `The chart could not be drawn: ${error instanceof Error ? error.message : String(error)}.`, { parameter: 'chart' });
  }
}

function sendSvg(response: Response, svg: string): void {
  response.type('image/svg+xml').set('cache-control', 'no-store').send(svg);
}
