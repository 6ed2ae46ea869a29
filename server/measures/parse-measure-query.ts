// Validates the query string of GET /api/measures/:id. Every fault is a 400 naming the parameter
// and what it accepts; filter values must be values the warehouse has.
import { z } from 'zod';
import { GRAINS } from '../../pipelines/marts/build-person-period-sql.ts';
import { HttpError } from '../errors.ts';
import { messages } from '../messages.ts';
import type { DimensionValues } from '../warehouse/warehouse-facts.ts';
import type { MeasureQuery } from './build-measure-sql.ts';
import { DIMENSION_NAMES, type Dimension } from './dimensions.ts';
import type { MeasureDefinition } from './measure-definition.ts';

export const measureQuerySchema = z
  .object({
    period: z.enum(GRAINS).default('year'),
    by: z.enum(DIMENSION_NAMES).optional(),
    ...Object.fromEntries(DIMENSION_NAMES.map((name) => [name, z.string().optional()])),
  })
  .strict();

const ALLOWED_PARAMETERS = Object.keys(measureQuerySchema.shape);

export function parseMeasureQuery(measure: MeasureDefinition, query: unknown, values: DimensionValues): MeasureQuery {
  const parsed = measureQuerySchema.safeParse(query);
  if (!parsed.success) throw badRequest(parsed.error.issues[0], query as Record<string, unknown>);
  const { period, by, ...rest } = parsed.data as { period: MeasureQuery['period']; by?: Dimension } & Record<string, string | undefined>;
  const filters: MeasureQuery['filters'] = {};
  for (const name of DIMENSION_NAMES) {
    const value = rest[name];
    if (value === undefined) continue;
    if (name === by) throw new HttpError(400, 'invalid_parameter', messages.sameStratifierAndFilter(name), { parameter: name });
    if (!values[name].includes(value)) {
      throw new HttpError(400, 'invalid_parameter', messages.invalidChoice(name, value, values[name]), { parameter: name, allowed: values[name] });
    }
    filters[name] = value;
  }
  return { measure, period, by, filters };
}

function badRequest(issue: z.core.$ZodIssue, query: Record<string, unknown>): HttpError {
  if (issue.code === 'unrecognized_keys') {
    return new HttpError(400, 'invalid_parameter', messages.unknownParameter(issue.keys[0], ALLOWED_PARAMETERS), { parameter: issue.keys[0], allowed: ALLOWED_PARAMETERS });
  }
  const parameter = String(issue.path[0]);
  const allowed = issue.code === 'invalid_value' ? issue.values.map(String) : [];
  const message = allowed.length
    ? messages.invalidChoice(parameter, String(query[parameter]), allowed)
    : `Invalid parameter '${parameter}': ${issue.message}.`;
  return new HttpError(400, 'invalid_parameter', message, { parameter, allowed });
}
