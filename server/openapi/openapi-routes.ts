// GET /openapi.json: the API's OpenAPI 3.1 document, built once from the app's route tables
// (this one included) on the first request and kept.
import type { Route, RouteTable } from '../routing/route-table.ts';
import { buildOpenApiDocument } from './build-openapi.ts';

export function openApiRoutes(tablesOfApp: () => readonly RouteTable[]): RouteTable {
  let document: string | undefined;
  const route: Route = {
    method: 'get',
    path: '/openapi.json',
    role: 'anyone',
    operation: { summary: 'This document', operationId: 'getOpenApi', tags: ['meta'], responses: { 200: { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } } },
    handler: (_request, response) => {
      document ??= JSON.stringify(buildOpenApiDocument(tablesOfApp()), null, 2);
      response.type('application/json').send(document);
    },
  };
  return [route];
}
