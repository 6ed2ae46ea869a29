// What the server accepts as a trend chart to draw (trend-chart.ts): the dashboard's own rows and
// options, bounded so that a drawing costs no more than the dashboard's largest chart (a dozen
// counties by month over the data's years). Faults are named as chart-request-schema.ts says.
import { z } from 'zod';
import { DIMENSIONS, type Dimension } from '../api/api-types.ts';
import { chartInputFields, chartRowsSchema, chartWidthSchema, parseChartRequest, text } from './chart-request-schema.ts';
import type { TrendChart } from './trend-chart.ts';

export { CHART_WIDTHS, MAX_CHART_ROWS } from './chart-request-schema.ts';

const trendChart = z
  .object({
    input: z
      .object({
        ...chartInputFields,
        rows: chartRowsSchema,
        period: z.enum(['year', 'quarter', 'month']),
        by: z.enum(DIMENSIONS as [Dimension, ...Dimension[]]).nullable().optional(),
        adjust: z.literal('age').nullable().optional(),
      })
      .strict(),
    heading: z.object({ text: text(300), subtitle: text(300) }).strict().nullable().optional(),
  })
  .strict();

const trendChartRequestSchema = z.object({ chart: trendChart, width: chartWidthSchema }).strict();

export interface TrendChartRequest {
  chart: TrendChart;
  /** The container's width in CSS pixels. */
  width: number;
}

/** The request body as a chart to draw, or a DomainError('invalid_parameter') naming its first fault. */
export function parseTrendChartRequest(body: unknown): TrendChartRequest {
  return parseChartRequest<TrendChartRequest>(trendChartRequestSchema, body);
}
