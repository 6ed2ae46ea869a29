// What the server accepts as a trend chart to draw (trend-chart.ts): the dashboard's own rows and
// options, bounded so that a drawing costs no more than the dashboard's largest chart (a dozen
// counties by month over the data's years). A fault is a DomainError naming the field by its path
// (`chart.input.rows[3].rate`) and what was expected there.
import { z } from 'zod';
import { DIMENSIONS, type Dimension } from '../api/api-types.ts';
import { formatPath } from '../cohorts/validate-definition.ts';
import { DomainError } from '../errors.ts';
import type { TrendChart } from './trend-chart.ts';

/** Most rows a drawn chart may have: 40 strata × 20 years of months is 9,600. */
export const MAX_CHART_ROWS = 10_000;
/** The widths a chart may be drawn at, in CSS pixels. */
export const CHART_WIDTHS = { min: 120, max: 4000 } as const;

const count = z.number().finite().nullable();
const text = (max: number) => z.string().max(max);
const dimensionValues = Object.fromEntries(DIMENSIONS.map((d) => [d, text(200).nullable().optional()])) as Record<Dimension, z.ZodOptional<z.ZodNullable<z.ZodString>>>;

const row = z.object({
  period: text(40),
  numerator: count,
  denominator: count,
  rate: count,
  ciLow: count,
  ciHigh: count,
  unreliable: z.boolean().nullable().optional(),
  adjustedRate: count.optional(),
  adjustedCiLow: count.optional(),
  adjustedCiHigh: count.optional(),
  suppressed: z.boolean(),
  suppressionReason: z.enum(['small-cell', 'complementary', 'dominance']).optional(),
  ...dimensionValues,
});

const trendChart = z
  .object({
    input: z
      .object({
        rows: z.array(row).max(MAX_CHART_ROWS),
        period: z.enum(['year', 'quarter', 'month']),
        by: z.enum(DIMENSIONS as [Dimension, ...Dimension[]]).nullable().optional(),
        unit: text(40),
        unitLabel: text(120),
        adjust: z.literal('age').nullable().optional(),
        highlight: text(200).nullable().optional(),
        title: text(300).optional(),
        height: z.number().int().min(80).max(2000).optional(),
        focusable: z.boolean().optional(),
      })
      .strict(),
    heading: z.object({ text: text(300), subtitle: text(300) }).strict().nullable().optional(),
  })
  .strict();

const trendChartRequestSchema = z
  .object({ chart: trendChart, width: z.number().int().min(CHART_WIDTHS.min).max(CHART_WIDTHS.max) })
  .strict();

export interface TrendChartRequest {
  chart: TrendChart;
  /** The container's width in CSS pixels. */
  width: number;
}

/** The request body as a chart to draw, or a DomainError('invalid_parameter') naming its first fault. */
export function parseTrendChartRequest(body: unknown): TrendChartRequest {
  const parsed = trendChartRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data as TrendChartRequest;
  const issue = parsed.error.issues[0]!;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
  const field = path.length ? formatPath(path) : 'body';
  const expected = issue.code === 'unrecognized_keys' ? 'no such field' : issue.message;
  throw new DomainError('invalid_parameter', `The chart to draw is not valid at ${field}: ${expected}.`, { parameter: field });
}
