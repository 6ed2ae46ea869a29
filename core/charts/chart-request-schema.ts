// What every chart the server draws for a page's first paint accepts (trend-chart-schema.ts,
// county-map-chart-schema.ts): the API's measure rows as the page holds them, a width in CSS pixels,
// and a fault as a DomainError naming the field by its path (`chart.input.rows[3].rate`) and what
// was expected there.
import { z } from 'zod';
import { DIMENSIONS, type Dimension } from '../api/api-types.ts';
import { formatPath } from '../cohorts/validate-definition.ts';
import { DomainError } from '../errors.ts';

/** Most rows a drawn chart may have: 40 strata × 20 years of months is 9,600. */
export const MAX_CHART_ROWS = 10_000;
/** The widths a chart may be drawn at, in CSS pixels. */
export const CHART_WIDTHS = { min: 120, max: 4000 } as const;

const count = z.number().finite().nullable();
export const text = (max: number) => z.string().max(max);
const dimensionValues = Object.fromEntries(DIMENSIONS.map((d) => [d, text(200).nullable().optional()])) as Record<Dimension, z.ZodOptional<z.ZodNullable<z.ZodString>>>;

/** One row of a measure's answer (core/api/api-types.ts MeasureRow). */
export const measureRowSchema = z.object({
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

export const chartRowsSchema = z.array(measureRowSchema).max(MAX_CHART_ROWS);

/** The inputs every drawn chart has beside its rows: the measure's unit, and the chart's options. */
export const chartInputFields = {
  unit: text(40),
  unitLabel: text(120),
  highlight: text(200).nullable().optional(),
  title: text(300).optional(),
  height: z.number().int().min(80).max(2000).optional(),
  focusable: z.boolean().optional(),
};
export const chartWidthSchema = z.number().int().min(CHART_WIDTHS.min).max(CHART_WIDTHS.max);

/** The body as `schema` has it, or a DomainError('invalid_parameter') naming its first fault. */
export function parseChartRequest<T>(schema: z.ZodType, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data as T;
  const issue = parsed.error.issues[0]!;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
  const field = path.length ? formatPath(path) : 'body';
  const expected = issue.code === 'unrecognized_keys' ? 'no such field' : issue.message;
  throw new DomainError('invalid_parameter', `The chart to draw is not valid at ${field}: ${expected}.`, { parameter: field });
}
