// The Express app, built from its dependencies so tests run the real thing on a temporary warehouse.
// Each feature folder exports a route table; the app mounts them under /api behind the access
// policy, and the OpenAPI document is built from the same tables.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { memoryCohortLedger, type CohortLedger } from '../core/cohorts/cohort-ledger.ts';
import type { CohortQuota, CohortStore } from '../core/cohorts/saved-cohort.ts';
import { chartRoutes } from './charts/chart-routes.ts';
import type { AuditRecorder } from './audit/audit-recorder.ts';
import { auditRoutes } from './audit/audit-routes.ts';
import { auditTrail } from './audit/audit-trail.ts';
import { cohortGate, type CohortGate } from './cohorts/cohort-gate.ts';
import { cohortPreparation, type CohortPreparation } from './cohorts/cohort-preparation.ts';
import { cohortRoutes } from './cohorts/cohort-routes.ts';
import { compression } from './http/compression.ts';
import { compressedStatic } from './http/compressed-static.ts';
import { errorMiddleware, HttpError } from './http/errors.ts';
import { hostCheck, LOOPBACK_HOST_NAMES } from './http/host-check.ts';
import { loadRoutes } from './loads/load-routes.ts';
import { httpMessages } from './http/messages.ts';
import { securityHeaders } from './http/security-headers.ts';
import { rateLimit, type RateLimitOptions } from './http/rate-limit.ts';
import { principalOf } from './cohorts/principal.ts';
import { ResponseCache, type ResponseCacheOptions } from './http/response-cache.ts';
import { measureRoutes } from './measures/measure-routes.ts';
import { measureViews, type MeasureViews } from './measures/measure-views.ts';
import { metaRoutes } from './meta/meta-routes.ts';
import { openApiRoutes } from './openapi/openapi-routes.ts';
import { qualityRoutes } from './quality/quality-routes.ts';
import { reportRoutes, type ReportRouteDeps } from './reports/report-routes.ts';
import { OPEN_ACCESS, type AccessPolicy } from './routing/access.ts';
import { mountRoutes } from './routing/mount-routes.ts';
import type { RouteTable } from './routing/route-table.ts';
import { unavailableCohortStore } from './state/cohort-store.ts';
import type { LiveWarehouse } from './warehouse/live-warehouse.ts';

/** What users save, kept apart from the warehouse (which is opened read-only) so it survives loads. */
export interface AppState {
  cohorts: CohortStore;
  /** Each user's cohort ledger; without it, one kept in memory (it protects only while the process lives). */
  ledger?: CohortLedger;
  /** The gate over that ledger, when the caller shares it with report e-mails (cli/start-server.ts); else one made here. */
  gate?: CohortGate;
  /** Saved cohorts' background preparation, when shared with the warm-up (cli/start-server.ts); else one made here over the gate. */
  preparation?: CohortPreparation;
  /** Report e-mails: the store, and how a "Send now" delivers; without it, no report route. */
  reports?: Omit<ReportRouteDeps, 'warehouse' | 'exactCounts'>;
}

export interface AppDeps {
  warehouse: LiveWarehouse;
  /** Without it nothing can be saved (saving answers 503). */
  state?: AppState;
  /** Who may call which route: OPEN_ACCESS (every caller holds every role) unless sign-in is on (signInAccess). */
  access?: AccessPolicy;
  /** The built dashboard (client/dist); the API works without it. */
  clientDir?: string;
  /** Host names the server answers to (DNS-rebinding defence); default the loopback names, `*` any. */
  allowedHosts?: readonly string[];
  /** Bounds of the cache of rendered measure responses; `maxBytes: 0` turns it off. */
  responseCache?: ResponseCacheOptions;
  /** The measure views' renderer and cache, when shared with a warm-up (cli/start-server.ts); else one made over `responseCache`. */
  views?: MeasureViews;
  /**
   * Exact counts instead of perturbed ones (docs/disclosure.md): an admin setting for a trusted
   * environment, off by default; the app logs it when it starts and every result says which it is.
   */
  exactCounts?: boolean;
  log?: (message: string) => void;
  /** The audit trail (server/audit): every /api request is recorded through it; without it, none is. */
  audit?: AuditRecorder;
  /** A token bucket per principal (server/http/rate-limit.ts): 429 with Retry-After when it is empty; none without. */
  rateLimit?: RateLimitOptions;
  /** Saved cohorts each principal may keep (count, bytes); DEFAULT_COHORT_QUOTA unless given. */
  cohortQuota?: CohortQuota;
}

export function createApp({ warehouse, state, access = OPEN_ACCESS, allowedHosts = LOOPBACK_HOST_NAMES, clientDir, responseCache, views, exactCounts = false, log = console.error, audit, rateLimit: rateLimits, cohortQuota }: AppDeps): Express {
  if (exactCounts) log(httpMessages.exactCountsOn);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(securityHeaders, hostCheck(allowedHosts));
  // Every API body gzip- or brotli-coded when the client accepts it (ETags and 304s follow the coding).
  app.use('/api', compression());
  const cohorts = state?.cohorts ?? unavailableCohortStore();
  // One gate for both route tables: a cohort used as ?cohort= and one previewed share one ledger.
  const gate = state?.gate ?? cohortGate(state?.ledger ?? memoryCohortLedger(), { exactCounts });
  const preparation = state?.preparation ?? cohortPreparation({ warehouse, store: cohorts, members: gate.members, exactCounts, log });
  const tables: RouteTable[] = [
    metaRoutes(warehouse, { exactCounts }),
    measureRoutes(warehouse, cohorts, { views: views ?? measureViews({ cache: new ResponseCache(responseCache), exactCounts }), exactCounts, cohortGate: gate }),
    qualityRoutes(warehouse, { exactCounts }),
    loadRoutes(warehouse, { exactCounts }),
    cohortRoutes(warehouse, cohorts, { exactCounts, gate, preparation, quota: cohortQuota }),
    chartRoutes(warehouse, { exactCounts }),
  ];
  if (state?.reports) {
    const reportCohorts = { store: cohorts, gate };
    tables.push(reportRoutes({ ...state.reports, delivery: { cohorts: reportCohorts, ...state.reports.delivery }, cohorts: reportCohorts, warehouse, exactCounts }));
  }
  if (audit) tables.push(auditRoutes(audit));
  if (access.routes) tables.push(access.routes);
  tables.push(openApiRoutes(() => tables));
  // Ahead of every route (and of the 404 below), so each /api request gets exactly one record.
  if (audit) app.use('/api', auditTrail(audit, tables));
  // Who is calling (sign-in only), for every route and for the record written when the response ends.
  if (access.identify) app.use('/api', access.identify);
  // After identification, so each user (or anonymous address) has a bucket of their own.
  if (rateLimits) app.use('/api', rateLimit(rateLimits, principalOf));
  app.use('/api', mountRoutes(tables, access));
  app.use('/api', (request) => {
    throw new HttpError(404, 'not_found', httpMessages.noEndpoint(request.method, request.path));
  });
  if (clientDir && existsSync(join(clientDir, 'index.html'))) {
    // Text assets compressed (compressed-static.ts); images, and clients that accept no coding, as files.
    const assets = compressedStatic(clientDir, { maxAgeSeconds: 3600 });
    app.use(assets.middleware);
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForHtml }));
    app.get(/.*/, (request, response) => {
      if (!assets.send(request, response, '/index.html')) response.sendFile(join(clientDir, 'index.html'));
    });
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
