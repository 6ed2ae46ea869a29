// OpenAPI parameter objects generated from the zod schema a route validates its query with, so the
// document cannot drift from what the parser accepts (enums, defaults, descriptions included).
import { z } from 'zod';
import { DIMENSION_NAMES, isDimension } from '../../core/measures/dimensions.ts';
import { measureIds } from '../../core/measures/catalog.ts';
import { measureQuerySchema } from '../../core/measures/parse-measure-query.ts';

export interface ParameterObject {
  name: string;
  in: 'query' | 'path';
  required: boolean;
  description?: string;
  schema: Record<string, unknown>;
  style?: 'form';
  explode?: boolean;
}

/** A JSON Schema for use inside the OpenAPI document: no $schema/$id of its own. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  const { $schema: _s, $id: _i, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

export function queryParameters(schema: z.ZodObject, options: { omit?: readonly string[] } = {}): ParameterObject[] {
  return Object.entries(schema.shape)
    .filter(([name]) => !options.omit?.includes(name))
    .map(([name, field]) => {
      const { description, ...fieldSchema } = jsonSchemaOf(field as z.ZodType, 'input');
      const parameter: ParameterObject = { name, in: 'query', required: !(field as z.ZodType).safeParse(undefined).success, schema: fieldSchema };
      if (typeof description === 'string') parameter.description = description;
      if (isDimension(name)) parameter.description = `${parameter.description ?? 'Filter'}: one of the values GET /dimensions lists for ${name}`;
      return STRATIFIER_LISTS.has(name) ? { ...parameter, ...stratifierList() } : parameter;
    });
}

/**
 * measureQuerySchema takes `by` as the raw text and parseMeasureQuery splits it; to clients it is
 * a list of up to two dimension names, which OpenAPI states as a form array without explode.
 */
const STRATIFIER_LISTS = new Set(['by']);
const stratifierList = () => ({
  style: 'form' as const,
  explode: false,
  schema: { type: 'array', items: { type: 'string', enum: [...DIMENSION_NAMES] }, minItems: 1, maxItems: 2, uniqueItems: true },
});

export const measureIdParameter = (): ParameterObject => ({
  name: 'id',
  in: 'path',
  required: true,
  description: 'Measure id, as listed by GET /measures',
  schema: { type: 'string', enum: measureIds() },
});

export const measureQueryParameters = (omit?: readonly string[]) => queryParameters(measureQuerySchema, { omit });
