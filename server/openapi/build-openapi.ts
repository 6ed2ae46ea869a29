// The OpenAPI 3.1 document of /api, built from the zod schemas the server validates and answers
// with (components from api-schemas.ts, parameters from measureQuerySchema). OPERATIONS documents
// every endpoint; the served document keeps those the app actually mounts, and
// tests/integration/api-formats-openapi.test.ts fails for a mounted route that has no entry here.
import { z } from 'zod';
import { TABLE_FORMATS } from '../http/negotiate.ts';
import { cohortOperations } from '../cohorts/cohort-openapi.ts';
import { API_SCHEMAS } from '../../core/api/api-schemas.ts';
import type { RegisteredRoute } from './list-routes.ts';
import { measureIdParameter, measureQueryParameters } from './query-parameters.ts';

type SchemaName = keyof typeof API_SCHEMAS;
const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: SchemaName, description: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });
const error = (name: keyof typeof ERROR_RESPONSES) => ({ $ref: `#/components/responses/${name}` });

interface Operation {
  summary: string;
  operationId: string;
  tags: string[];
  description?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

type PathItems = Record<string, Record<string, Operation>>;

const ERROR_RESPONSES = {
  BadRequest: 'An invalid parameter; details name it and its allowed values',
  NotFound: 'No such measure, endpoint or result',
  NotAcceptable: 'None of the formats in Accept is offered',
};

/** Every documented operation, by path (relative to /api) and method. */
function operations(): PathItems {
  return {
    ...cohortOperations(),
    '/health': { get: { summary: 'Liveness check', operationId: 'getHealth', tags: ['meta'], responses: { 200: json('Health', 'The server is up') } } },
    '/meta': { get: { summary: 'Facts about the loaded warehouse', operationId: 'getMeta', tags: ['meta'], responses: { 200: json('Meta', 'Data version, load time, date range and people') } } },
    '/dimensions': { get: { summary: 'Values of each stratifier and filter', operationId: 'getDimensions', tags: ['meta'], responses: { 200: json('Dimensions', 'The values each dimension takes') } } },
    '/openapi.json': { get: { summary: 'This document', operationId: 'getOpenApi', tags: ['meta'], responses: { 200: { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } } } },
    '/quality': {
      get: {
        summary: 'Data-quality checks of the load that built the warehouse',
        operationId: 'getQuality',
        tags: ['quality'],
        responses: { 200: json('QualityReport', 'Checks in Kahn (2016) order, with a summary'), 404: error('NotFound') },
      },
    },
    '/measures': { get: { summary: 'The measure catalog', operationId: 'listMeasures', tags: ['measures'], responses: { 200: json('MeasureList', 'Every measure the API serves') } } },
    '/measures/{id}': {
      get: {
        summary: 'One measure, by period and up to two stratifiers, after disclosure control',
        operationId: 'getMeasure',
        tags: ['measures'],
        description: [
          'Formats by content negotiation (Accept): JSON by default, an Arrow IPC stream (keys Utf8, numbers Float64, flags Bool, null for a suppressed value; the JSON envelope without rows is in the schema metadata under "popsight") or RFC 4180 CSV (header row, suppressed values empty).',
          'Responses carry an ETag that hashes the warehouse data version, the normalized query and the format; send it back in If-None-Match to get 304 while neither has changed.',
        ].join('\n\n'),
        parameters: [measureIdParameter(), ...measureQueryParameters()],
        responses: {
          200: {
            description: 'The measure result',
            headers: { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string', const: 'private, max-age=0, must-revalidate' } } },
            content: {
              [TABLE_FORMATS.json]: { schema: ref('MeasureResult') },
              [TABLE_FORMATS.arrow]: { schema: { type: 'string', contentMediaType: TABLE_FORMATS.arrow, description: 'Arrow IPC stream, one column per MeasureRow field' } },
              [TABLE_FORMATS.csv]: { schema: { type: 'string', contentMediaType: TABLE_FORMATS.csv, description: 'CSV with a header row, one column per MeasureRow field' } },
            },
          },
          304: { description: 'Not modified: If-None-Match matches the current entity tag' },
          400: error('BadRequest'),
          404: error('NotFound'),
          406: error('NotAcceptable'),
        },
      },
    },
    '/measures/{id}/trend': {
      get: {
        summary: 'Annual percent change per stratum, from the shown yearly rates',
        operationId: 'getMeasureTrend',
        tags: ['measures'],
        description: 'Always from yearly rows (period is ignored), crude rates (adjust is ignored); suppressed years are left out.',
        parameters: [measureIdParameter(), ...measureQueryParameters(['period', 'adjust'])],
        responses: { 200: json('MeasureTrend', 'One trend per stratum'), 400: error('BadRequest'), 404: error('NotFound') },
      },
    },
  };
}

/** The document; with `routes`, only the operations of those routes (what the app mounts). */
export function buildOpenApiDocument(options: { routes?: readonly RegisteredRoute[]; version?: string } = {}) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Popsight API',
      version: options.version ?? '0.1.0',
      description: 'Population-health measures over a de-identified warehouse. Every count and rate passes disclosure control (CMS cell-size suppression) before it is sent, in any format.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/api' }],
    tags: [{ name: 'meta' }, { name: 'measures' }, { name: 'cohorts' }, { name: 'quality' }],
    paths: options.routes ? only(operations(), options.routes) : operations(),
    components: {
      schemas: componentSchemas(),
      responses: Object.fromEntries(
        Object.entries(ERROR_RESPONSES).map(([name, description]) => [name, { description, content: { 'application/json': { schema: ref('ErrorBody') } } }]),
      ),
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

function only(items: PathItems, routes: readonly RegisteredRoute[]): PathItems {
  const kept: PathItems = {};
  for (const { method, path } of routes) {
    const operation = items[path]?.[method];
    if (operation) (kept[path] ??= {})[method] = operation;
  }
  return kept;
}

/** All API_SCHEMAS as JSON Schema 2020-12 (OpenAPI 3.1's dialect), referring to each other by $ref. */
function componentSchemas(): Record<string, Record<string, unknown>> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(API_SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema as Record<string, unknown>]));
}
