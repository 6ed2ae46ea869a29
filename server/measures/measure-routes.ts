// The measure catalog, measure results and their trends.
import type { CohortStore } from '../../core/cohorts/saved-cohort.ts';
import type { Request } from 'express';
import { DomainError } from '../../core/errors.ts';
import type { MeasureDefinition } from '../../core/measures/measure-definition.ts';
import { describeMeasure, MEASURES, requireMeasure } from '../../core/measures/catalog.ts';
import { messages } from '../../core/measures/messages.ts';
import { parseMeasureQuery } from '../../core/measures/parse-measure-query.ts';
import { coveredYears, type TimeWindow } from '../../core/measures/time-window.ts';
import type { Database } from '../../core/warehouse/database.ts';
import { dimensionValues, warehouseMeta, type DimensionValues } from '../../core/warehouse/warehouse-facts.ts';
import { noteForAudit } from '../audit/audit-notes.ts';
import { sendCached, sendRemembered } from '../http/conditional-get.ts';
import { fixedJsonSender } from '../http/fixed-json.ts';
import { negotiateFormat, TABLE_FORMATS } from '../http/negotiate.ts';
import { ResponseCache } from '../http/response-cache.ts';
import { errorResponse, jsonResponse, schemaRef } from '../openapi/operation-parts.ts';
import { measureIdParameter, measureQueryParameters } from '../openapi/query-parameters.ts';
import type { RouteTable } from '../routing/route-table.ts';
import { checkFiltersWithin, restrictionKeyOf, restrictionOf } from '../routing/row-access.ts';
import type { LiveWarehouse } from '../warehouse/live-warehouse.ts';
import type { CohortGate } from '../cohorts/cohort-gate.ts';
import { measureViews, TREND_FORMAT, type MeasureView, type MeasureViews } from './measure-views.ts';

const tags = ['measures'];
const EXPORT_ROLES = { [TABLE_FORMATS.arrow]: 'analyst', [TABLE_FORMATS.csv]: 'analyst' } as const;
const COHORT_ROLE = { cohort: 'analyst' } as const;

/** A trend is yearly: `period` may be left out or be `year`; anything else is refused (400), not ignored. */
function yearlyQuery(query: Record<string, unknown>): Record<string, unknown> {
  if (query.period !== undefined && query.period !== 'year') {
    throw new DomainError('invalid_parameter', messages.trendIsYearly(String(query.period)), { parameter: 'period' });
  }
  return { ...query, period: 'year' };
}

export interface MeasureRouteOptions {
  cache?: ResponseCache;
  /** How views are rendered and cached (shared with the start-up warm-up); else made here over `cache`. */
  views?: MeasureViews;
  /** Exact counts (a trusted environment) instead of the cell key method's perturbed ones. */
  exactCounts?: boolean;
  /** The caller's cohort ledger, which a `?cohort=` passes before the measure is computed. */
  cohortGate: CohortGate;
}

export function measureRoutes(warehouse: LiveWarehouse, cohorts: CohortStore, options: MeasureRouteOptions): RouteTable {
  const { exactCounts = false, cohortGate } = options;
  const views = options.views ?? measureViews({ cache: options.cache ?? new ResponseCache(), exactCounts });
  const { cache } = views;
  const sendJson = fixedJsonSender();
  const catalog = { measures: MEASURES.map(describeMeasure) };
  return [
    {
      method: 'get',
      path: '/measures',
      role: 'viewer',
      operation: { summary: 'The measure catalog', operationId: 'listMeasures', tags, responses: { 200: jsonResponse('MeasureList', 'Every measure the API serves') } },
      handler: (request, response) => sendJson(request, response, catalog),
    },
    {
      method: 'get',
      path: '/measures/{id}',
      role: 'viewer',
      readsRows: true,
      // A dashboard reads JSON; exports and measures over a cohort are an analyst's work.
      roleByFormat: EXPORT_ROLES,
      roleByParameter: COHORT_ROLE,
      operation: {
        summary: 'One measure, by period and up to two stratifiers, after disclosure control',
        operationId: 'getMeasure',
        tags,
        description: [
          'Formats by content negotiation (Accept): JSON by default, an Arrow IPC stream (keys Utf8, numbers Float64, flags Bool, null for a suppressed value; the JSON envelope without rows is in the schema metadata under "popsight") or RFC 4180 CSV (header row, suppressed values empty).',
          'JSON needs the role viewer; CSV and Arrow exports, and a measure over a cohort (cohort=), need analyst (x-required-role-by-format, x-required-role-by-parameter).',
          'Responses carry an ETag that hashes the warehouse data version, the normalized query and the format; send it back in If-None-Match to get 304 while neither has changed.',
        ].join('\n\n'),
        parameters: [measureIdParameter(), ...measureQueryParameters()],
        responses: {
          200: {
            description: 'The measure result',
            headers: { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string', const: 'private, max-age=0, must-revalidate' } } },
            content: {
              [TABLE_FORMATS.json]: { schema: schemaRef('MeasureResult') },
              [TABLE_FORMATS.arrow]: { schema: { type: 'string', contentMediaType: TABLE_FORMATS.arrow, description: 'Arrow IPC stream, one column per MeasureRow field' } },
              [TABLE_FORMATS.csv]: { schema: { type: 'string', contentMediaType: TABLE_FORMATS.csv, description: 'CSV with a header row, one column per MeasureRow field' } },
            },
          },
          304: { description: 'Not modified: If-None-Match matches the current entity tag' },
          400: errorResponse('BadRequest'),
          404: errorResponse('NotFound'),
          406: errorResponse('NotAcceptable'),
          409: errorResponse('Conflict'),
        },
      },
      handler: async (request, response) => {
        const measure = requireMeasure(String(request.params.id));
        const format = negotiateFormat(request);
        await warehouse.use(async (db) => {
          const { dataVersion, dateRange, loadedAt } = await warehouseMeta(db);
          noteForAudit(response, { dataVersion });
          // The same URL in the same format on the same data, for callers under the same row
          // restriction, has the same answer: once it has been validated and answered, a repeat is
          // served from the cache without parsing it again. Another restriction never shares it.
          const restrictionKey = restrictionKeyOf(request) ?? '';
          const requestKey = `${format} ${restrictionKey} ${request.originalUrl} ${dataVersion}`;
          if (sendRemembered(request, response, cache, requestKey)) return;
          checkFiltersWithin(request, request.query);
          const listed = await dimensionValues(db, { exactCounts, restriction: restrictionOf(request) });
          const covered = coveredYears(dateRange);
          const view = await validatedView(db, request, measure, request.query, listed, covered, restrictionKey);
          await sendCached(request, response, {
            cache,
            identity: views.measureIdentity(view, dataVersion, format),
            // Not with a cohort: it can be deleted, and the same URL must then answer 404.
            requestKey: view.cohortId === undefined ? requestKey : undefined,
            render: () => views.renderMeasure(db, view, { dataVersion, loadedAt, covered, listed }, format),
          });
        });
      },
    },
    {
      method: 'get',
      path: '/measures/{id}/trend',
      role: 'analyst',
      readsRows: true,
      operation: {
        summary: 'Annual percent change per stratum, from the shown yearly rates',
        operationId: 'getMeasureTrend',
        tags,
        description: 'From yearly rows (period may be left out or be year; any other period is refused with 400); with adjust=age, of the age-adjusted rates; suppressed years are left out. A cohort restricts the trend to its members, as it does the measure (unknown cohort: 404).',
        parameters: [measureIdParameter(), ...measureQueryParameters()],
        responses: { 200: jsonResponse('MeasureTrend', 'One trend per stratum'), 400: errorResponse('BadRequest'), 404: errorResponse('NotFound'), 409: errorResponse('Conflict') },
      },
      handler: async (request, response) => {
        const measure = requireMeasure(String(request.params.id));
        await warehouse.use(async (db) => {
          const { dataVersion, dateRange, loadedAt } = await warehouseMeta(db);
          noteForAudit(response, { dataVersion });
          // Cached as the measure is (same key rules), under its own format so its tag never
          // matches the measure's: Explore and Costs ask for a trend beside every yearly view.
          const restrictionKey = restrictionKeyOf(request) ?? '';
          const requestKey = `${TREND_FORMAT} ${restrictionKey} ${request.originalUrl} ${dataVersion}`;
          if (sendRemembered(request, response, cache, requestKey)) return;
          checkFiltersWithin(request, request.query);
          const listed = await dimensionValues(db, { exactCounts, restriction: restrictionOf(request) });
          const covered = coveredYears(dateRange);
          const view = await validatedView(db, request, measure, yearlyQuery(request.query), listed, covered, restrictionKey);
          await sendCached(request, response, {
            cache,
            identity: views.trendIdentity(view, dataVersion),
            requestKey: view.cohortId === undefined ? requestKey : undefined,
            render: () => views.renderTrend(db, view, { dataVersion, loadedAt, covered, listed }),
          });
        });
      },
    },
  ];

  /** The request's query validated (400s), with its cohort's members (404/409) and the caller's row restriction. */
  async function validatedView(db: Database, request: Request, measure: MeasureDefinition, query: unknown, listed: DimensionValues, covered: TimeWindow, restrictionKey: string): Promise<MeasureView> {
    const parsed = parseMeasureQuery(measure, query, listed, covered);
    const { adjustAge, cohortId, window, ...rest } = parsed;
    const cohort = await cohortGate.membersSql(db, request, cohorts, cohortId);
    return { ...parsed, query: { ...rest, cohort, restriction: restrictionOf(request) }, restrictionKey };
  }
}
