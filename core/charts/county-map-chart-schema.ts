// What the server accepts as a county map to draw (county-map-chart.ts): one period's rows by county
// and the map's options. Faults are named as chart-request-schema.ts says.
import { z } from 'zod';
import { chartInputFields, chartRowsSchema, chartWidthSchema, parseChartRequest, text } from './chart-request-schema.ts';
import type { CountyMapChart } from './county-map-chart.ts';

const countyMapChart = z
  .object({
    input: z
      .object({
        ...chartInputFields,
        rows: chartRowsSchema,
        period: text(40),
      })
      .strict(),
  })
  .strict();

const countyMapRequestSchema = z.object({ chart: countyMapChart, width: chartWidthSchema }).strict();

export interface CountyMapRequest {
  chart: CountyMapChart;
  /** The container's width in CSS pixels. */
  width: number;
}

/** The request body as a map to draw, or a DomainError('invalid_parameter') naming its first fault. */
export function parseCountyMapRequest(body: unknown): CountyMapRequest {
  return parseChartRequest<CountyMapRequest>(countyMapRequestSchema, body);
}
