// The server's drawing of a dashboard trend chart (core/charts/trend-chart.ts) or county map
// (core/charts/county-map-chart.ts) as SVG, for a page's first paint: the browser sends the chart it
// would draw (its rows, which it already has, and its container's width) and shows this picture until
// its own Vega view is ready, which then takes over (client/src/charts/vega-chart.ts). The server's
// Vega is warm (it draws a few made-up charts before it listens, chart-warm-up.ts), while a freshly
// opened page would first have to load, compile and run Vega itself. No measure is read from the
// warehouse: the routes draw only the rows they are sent, so they disclose nothing; a map is drawn
// over the county outlines GET /api/geography/counties gives the same caller (public geography).
import type { Request, Response } from 'express';
import { DomainError } from '../../core/errors.ts';
import { MAX_CHART_ROWS, CHART_WIDTHS, parseTrendChartRequest } from '../../core/charts/trend-chart-schema.ts';
import { parseCountyMapRequest } from '../../core/charts/county-map-chart-schema.ts';
import { errorResponse } from '../openapi/operation-parts.ts';
import type { Route, RouteTable } from '../routing/route-table.ts';
import { restrictionOf } from '../routing/row-access.ts';
import type { LiveWarehouse } from '../warehouse/live-warehouse.ts';
import { listedCountyOutlines } from '../meta/county-outlines.ts';
import { drawCountyMap } from './draw-county-map.ts';
import { drawTrendChart } from './draw-trend-chart.ts';

const tags = ['charts'];

export function chartRoutes(warehouse: LiveWarehouse, { exactCounts = false }: { exactCounts?: boolean } = {}): RouteTable {
  return [
    drawingRoute({
      path: '/charts/trend.svg',
      operationId: 'drawTrendChart',
      what: 'trend chart',
      description:
        `Body { chart: { input, heading? }, width }: the inputs of the dashboard's trend chart (core/charts/trend-chart.ts; at most ${MAX_CHART_ROWS.toLocaleString('en-US')} rows) ` +
        `and the width in CSS pixels (${CHART_WIDTHS.min}–${CHART_WIDTHS.max}). Draws only what it is sent; reads no data.`,
      body: '{ chart: { input, heading? }, width }',
      draw: async (request) => {
        const { chart, width } = parseTrendChartRequest(request.body);
        return drawn(drawTrendChart(chart, width));
      },
    }),
    drawingRoute({
      path: '/charts/county-map.svg',
      operationId: 'drawCountyMap',
      what: 'county map',
      readsRows: true,
      description:
        `Body { chart: { input }, width }: the inputs of the dashboard's county map but its outlines (core/charts/county-map-chart.ts; at most ${MAX_CHART_ROWS.toLocaleString('en-US')} rows, one period by county) ` +
        `and the width in CSS pixels (${CHART_WIDTHS.min}–${CHART_WIDTHS.max}). Drawn over the outlines of /api/geography/counties; reads no measure.`,
      body: '{ chart: { input }, width }',
      draw: async (request) => {
        const { chart, width } = parseCountyMapRequest(request.body);
        const { features } = await warehouse.use((db) => listedCountyOutlines(db, { exactCounts, restriction: restrictionOf(request) }));
        return drawn(drawCountyMap(chart, features, width));
      },
    }),
  ];
}

interface DrawingRoute {
  path: string;
  operationId: string;
  /** What it draws, in words ("trend chart"). */
  what: string;
  description: string;
  /** The request body, in words. */
  body: string;
  readsRows?: boolean;
  /** The SVG of the chart the request's body describes (a body fault thrown as a DomainError). */
  draw: (request: Request) => Promise<string>;
}

/** A POST that draws a dashboard chart for a viewer and answers its SVG. */
function drawingRoute({ path, operationId, what, description, body, readsRows, draw }: DrawingRoute): Route {
  return {
    method: 'post',
    path,
    role: 'viewer',
    ...(readsRows && { readsRows }),
    jsonBody: { limit: '2mb' },
    operation: {
      summary: `Draw a dashboard ${what} as SVG (the first paint of a page)`,
      operationId,
      tags,
      description,
      requestBody: { required: true, description: body, content: { 'application/json': { schema: { type: 'object' } } } },
      responses: {
        200: { description: `The ${what} as SVG`, content: { 'image/svg+xml': { schema: { type: 'string' } } } },
        400: errorResponse('BadRequest'),
      },
    },
    handler: async (request: Request, response: Response) => {
      const svg = await draw(request);
      response.type('image/svg+xml').set('cache-control', 'no-store').send(svg);
    },
  };
}

/** The drawing, or a 400 saying why Vega could not draw what it was sent. */
async function drawn(drawing: Promise<string>): Promise<string> {
  try {
    return await drawing;
  } catch (error) {
    throw new DomainError('invalid_parameter', `The chart could not be drawn: ${error instanceof Error ? error.message : String(error)}.`, { parameter: 'chart' });
  }
}
