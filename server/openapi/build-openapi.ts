// The OpenAPI 3.1 document of /api, built from the route tables the app mounts (each route carries
// its operation) and from the zod schemas the server answers with (components from api-schemas.ts),
// so no mounted route goes undocumented and no documented route is missing.
import { z } from 'zod';
import { API_SCHEMAS } from '../../core/api/api-schemas.ts';
import type { Operation, RouteTable } from '../routing/route-table.ts';
import { ERROR_RESPONSES, schemaRef } from './operation-parts.ts';

type PathItems = Record<string, Record<string, Operation & { 'x-required-role': string }>>;

export function buildOpenApiDocument(tables: readonly RouteTable[], options: { version?: string } = {}) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Popsight API',
      version: options.version ?? '0.1.0',
      description: 'Population-health measures over a de-identified warehouse. Every count and rate passes disclosure control (CMS cell-size suppression) before it is sent, in any format. Each operation names the role it requires in x-required-role, and a higher role for some formats or parameters in x-required-role-by-format and x-required-role-by-parameter.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/api' }],
    tags: [{ name: 'meta' }, { name: 'measures' }, { name: 'cohorts' }, { name: 'quality' }, { name: 'audit' }, { name: 'session' }],
    paths: pathItems(tables),
    components: {
      schemas: componentSchemas(),
      responses: Object.fromEntries(
        Object.entries(ERROR_RESPONSES).map(([name, description]) => [name, { description, content: { 'application/json': { schema: schemaRef('ErrorBody') } } }]),
      ),
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

function pathItems(tables: readonly RouteTable[]): PathItems {
  const items: PathItems = {};
  for (const { method, path, role, operation, roleByFormat, roleByParameter } of tables.flat()) {
    (items[path] ??= {})[method] = {
      ...operation,
      'x-required-role': role,
      ...(roleByFormat ? { 'x-required-role-by-format': roleByFormat } : {}),
      ...(roleByParameter ? { 'x-required-role-by-parameter': roleByParameter } : {}),
    };
  }
  return items;
}

/** All API_SCHEMAS as JSON Schema 2020-12 (OpenAPI 3.1's dialect), referring to each other by $ref. */
function componentSchemas(): Record<string, Record<string, unknown>> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(API_SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema as Record<string, unknown>]));
}
