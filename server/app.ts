// The Express app, built from its dependencies so tests run the real thing on a temporary warehouse.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { unavailableCohortStore } from './state/cohort-store.ts';
import type { CohortStore } from '../core/cohorts/saved-cohort.ts';
import { errorMiddleware, HttpError } from './http/errors.ts';
import { ResponseCache, type ResponseCacheOptions } from './http/response-cache.ts';
import { openApiRoutes } from './openapi/openapi-routes.ts';
import { cohortRoutes } from './cohorts/cohort-routes.ts';
import { measureRoutes } from './measures/measure-routes.ts';
import { metaRoutes } from './meta/meta-routes.ts';
import { qualityRoutes } from './quality/quality-routes.ts';
import { trendRoutes } from './measures/trend-routes.ts';
import type { LiveWarehouse } from './warehouse/live-warehouse.ts';

export interface AppDeps {
  warehouse: LiveWarehouse;
  /** The built dashboard (client/dist); the API works without it. */
  clientDir?: string;
  /** What users save (cohorts now), kept apart from the warehouse, which is opened read-only; without it nothing can be saved. */
  state?: AppState;
  /** The time, for anything the app stamps; tests pass a fixed one. */
  clock?: () => Date;
  /** Bounds of the cache of rendered measure responses; `maxBytes: 0` turns it off. */
  responseCache?: ResponseCacheOptions;
  log?: (message: string) => void;
}

export interface AppState {
  cohorts: CohortStore;
}

export function createApp({ warehouse, clientDir, state, responseCache, log = console.error }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const cohorts = state?.cohorts ?? unavailableCohortStore();
  app.use('/api', metaRoutes(warehouse), trendRoutes(warehouse), measureRoutes(warehouse, cohorts, new ResponseCache(responseCache)), openApiRoutes());
  app.use('/api', qualityRoutes(warehouse));
  app.use('/api', cohortRoutes(warehouse, cohorts));
  app.use('/api', (request) => {
    throw new HttpError(404, 'not_found', `No API endpoint ${request.method} ${request.path}.`);
  });
  if (clientDir && existsSync(join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForHtml }));
    app.get(/.*/, (_request, response) => response.sendFile(join(clientDir, 'index.html')));
  } else {
    app.get('/', (_request, response) => {
      response.type('text').send('The dashboard is not built. Run `npm run build`, or use `npm start`, which builds it.');
    });
  }
  app.use(errorMiddleware(log));
  return app;
}

function noCacheForHtml(response: express.Response, path: string): void {
  if (path.endsWith('.html')) response.setHeader('Cache-Control', 'no-cache');
}
