// GET /openapi.json: the API's OpenAPI 3.1 document for the routes this app mounts under /api,
// built on the first request (when every router is in place) and kept.
import { Router } from 'express';
import { buildOpenApiDocument } from './build-openapi.ts';
import { listRoutes } from './list-routes.ts';

export function openApiRoutes(): Router {
  const router = Router();
  let document: string | undefined;
  router.get('/openapi.json', (request, response) => {
    document ??= JSON.stringify(buildOpenApiDocument({ routes: listRoutes(request.app, '/api') }), null, 2);
    response.type('application/json').send(document);
  });
  return router;
}
