// Validates the query string of GET /api/measures/:id. Every fault is a 400 naming the parameter
// and what it accepts; filter values must be values the warehouse has.
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { messages } from './messages.ts';
import type { DimensionValues } from '../warehouse/warehouse-facts.ts';
import type { MeasureQuery } from './build-measure-sql.ts';
import { DIMENSION_NAMES, type Dimension } from './dimensions.ts';
import type { MeasureDefinition } from './measure-definition.ts';

import { PERIODS } from './periods.ts';
import { parseTimeWindow, type TimeWindow } from './time-window.ts';

export { PERIODS };

export const measureQuerySchema = z
  .object({
    period: z.enum(PERIODS).default('year').describe('Period of each row; all = the whole date range'),
    by: z.string().optional().describe(`Up to two stratifiers, comma-separated: ${DIMENSION_NAMES.join(', ')}`),
    adjust: z.enum(['age']).optional().describe('age: add rates directly standardized to the US 2000 population'),
    cohort: z.string().optional().describe('Id of a saved cohort: restrict to its members'),
    from: z.string().optional().describe('First year of the window (inclusive), within the years GET /meta dateRange covers; not with period=all'),
    to: z.string().optional().describe('Last year of the window (inclusive), within the years GET /meta dateRange covers; not with period=all'),
    ...Object.fromEntries(DIMENSION_NAMES.map((name) => [name, z.string().optional().describe(`Filter: only rows with this ${name}`)])),
  })
  .strict();

const ALLOWED_PARAMETERS = Object.keys(measureQuerySchema.shape);

export interface ParsedMeasureQuery extends Omit<MeasureQuery, 'cohort'> {
  adjustAge: boolean;
  cohortId?: string;
  /** Rows kept to these years (time-window.ts); undefined: every year. */
  window?: TimeWindow;
}

/** `covered`: the years the warehouse covers (from /api/meta), which bound `from` and `to`. */
export function parseMeasureQuery(measure: MeasureDefinition, query: unknown, values: DimensionValues, covered: TimeWindow): ParsedMeasureQuery {
  const parsed = measureQuerySchema.safeParse(query);
  if (!parsed.success) throw badRequest(parsed.error.issues[0]!, query as Record<string, unknown>);
  const { period, by: byText, adjust, cohort, from, to, ...rest } = parsed.data as z.infer<typeof measureQuerySchema> & Record<string, string | undefined>;
  if (!measure.periods.includes(period)) {
    throw new DomainError('invalid_parameter', messages.periodNotDefined(measure.id, period, measure.periods, measure.periodsReason), { parameter: 'period', measure: measure.id, allowed: measure.periods });
  }
  const window = parseTimeWindow({ from, to }, period, covered);
  const by = parseStratifiers(byText, measure);
  const filters: MeasureQuery['filters'] = {};
  for (const name of DIMENSION_NAMES) {
    const value = rest[name];
    if (value === undefined) continue;
    if (by.includes(name)) throw new DomainError('invalid_parameter', messages.sameStratifierAndFilter(name), { parameter: name });
    if (!values[name].includes(value)) throw invalidChoice(name, value, values[name]);
    filters[name] = value;
  }
  if (adjust === 'age' && measure.kind !== 'proportion' && measure.kind !== 'rate') {
    throw new DomainError('invalid_parameter', messages.adjustNotApplicable(measure.id), { parameter: 'adjust' });
  }
  return { measure, period, by, filters, adjustAge: adjust === 'age', cohortId: cohort, ...(window ? { window } : {}) };
}

function parseStratifiers(text: string | undefined, measure: MeasureDefinition): Dimension[] {
  if (!text) return [];
  const names = text.split(',').map((s) => s.trim());
  const allowed = measure.stratifiers ?? DIMENSION_NAMES;
  if (names.length > 2) throw new DomainError('invalid_parameter', messages.tooManyStratifiers(names.length), { parameter: 'by' });
  for (const name of names) if (!(allowed as string[]).includes(name)) throw invalidChoice('by', name, allowed);
  if (names.length === 2 && names[0] === names[1]) throw new DomainError('invalid_parameter', messages.tooManyStratifiers(1), { parameter: 'by' });
  return names as Dimension[];
}

const invalidChoice = (parameter: string, value: string, allowed: readonly string[]) =>
  new DomainError('invalid_parameter', messages.invalidChoice(parameter, value, allowed), { parameter, allowed });

function badRequest(issue: z.core.$ZodIssue, query: Record<string, unknown>): DomainError {
  if (issue.code === 'unrecognized_keys') {
    return new DomainError('invalid_parameter', messages.unknownParameter(issue.keys[0]!, ALLOWED_PARAMETERS), { parameter: issue.keys[0], allowed: ALLOWED_PARAMETERS });
  }
  const parameter = String(issue.path[0]);
  if (issue.code === 'invalid_value') return invalidChoice(parameter, String(query[parameter]), issue.values.map(String));
  return new DomainError('invalid_parameter', messages.invalidParameter(parameter, issue.message), { parameter });
}
