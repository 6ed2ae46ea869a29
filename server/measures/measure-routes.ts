// The measure catalog, measure results and their trends.
import type { CohortStore } from '../../core/cohorts/saved-cohort.ts';
import { measureRowSchema } from '../../core/api/api-schemas.ts';
import { countCells } from '../../core/audit/audit-record.ts';
import { DomainError } from '../../core/errors.ts';
import { describeMeasure, MEASURES, requireMeasure } from '../../core/measures/catalog.ts';
import { messages } from '../../core/measures/messages.ts';
import { trendsByStratum } from '../../core/measures/measure-trend.ts';
import { parseMeasureQuery } from '../../core/measures/parse-measure-query.ts';
import { runMeasure } from '../../core/measures/run-measure.ts';
import { exportColumns, exportFilename, type ExportView } from '../../core/measures/export-description.ts';
import { coveredYears, withinWindow, yearsShown } from '../../core/measures/time-window.ts';
import { dimensionValues, warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';
import { noteForAudit } from '../audit/audit-notes.ts';
import { canonicalQuery, sendCached, sendRemembered } from '../http/conditional-get.ts';
import { disclosedTable, rowShapeOf } from '../http/disclosed-table.ts';
import { fixedJsonSender } from '../http/fixed-json.ts';
import { negotiateFormat, renderTable, TABLE_FORMATS } from '../http/negotiate.ts';
import { ResponseCache } from '../http/response-cache.ts';
import { errorResponse, jsonResponse, schemaRef } from '../openapi/operation-parts.ts';
import { measureIdParameter, measureQueryParameters } from '../openapi/query-parameters.ts';
import type { RouteTable } from '../routing/route-table.ts';
import { checkFiltersWithin, restrictionKeyOf, restrictionOf } from '../routing/row-access.ts';
import type { LiveWarehouse } from '../warehouse/live-warehouse.ts';
import type { CohortGate } from '../cohorts/cohort-gate.ts';

const MEASURE_ROW_SHAPE = rowShapeOf(measureRowSchema);
const TREND_METHOD = 'Annual percent change from a least-squares fit of ln(rate) on year (SEER/Joinpoint APC, one segment) over the years from–to, 95% CI from the t distribution; suppressed years are left out; with adjust=age, of the age-adjusted rates.';
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
  /** Exact counts (a trusted environment) instead of the cell key method's perturbed ones. */
  exactCounts?: boolean;
  /** The caller's cohort ledger, which a `?cohort=` passes before the measure is computed. */
  cohortGate: CohortGate;
}

export function measureRoutes(warehouse: LiveWarehouse, cohorts: CohortStore, { cache = new ResponseCache(), exactCounts = false, cohortGate }: MeasureRouteOptions): RouteTable {
  const disclosure = exactCounts ? 'exact' : 'perturbed';
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
          const restriction = restrictionOf(request);
          const listed = await dimensionValues(db, { exactCounts, restriction });
          const covered = coveredYears(dateRange);
          const { adjustAge, cohortId, window, ...parsed } = parseMeasureQuery(measure, request.query, listed, covered);
          // A saved cohort restricts the measure to its members (404 for an unknown id, 409 for one too
          // close to an earlier cohort of the caller's ledger; both before any cache).
          const query = { ...parsed, cohort: await cohortGate.membersSql(db, request, cohorts, cohortId), restriction };
          const normalized = canonicalQuery({
            measure: measure.id, period: query.period, by: query.by, adjust: adjustAge ? 'age' : undefined, cohort: cohortId, restriction: restrictionKey || undefined,
            from: window && String(window.from), to: window && String(window.to), ...query.filters,
          });
          await sendCached(request, response, {
            cache,
            identity: { dataVersion, query: normalized, format },
            // Not with a cohort: it can be deleted, and the same URL must then answer 404.
            requestKey: cohortId === undefined ? requestKey : undefined,
            render: async () => {
              // runMeasure returns rows after disclosure control; nothing is rendered before that.
              // A window keeps a slice of the rows: the same cells as without it (time-window.ts).
              const rows = withinWindow(await runMeasure(db, query, { adjustAge, exactCounts, listed }), window);
              const years = yearsShown(query.period, window, covered);
              const envelope = { measure: describeMeasure(measure), dataVersion, dataAsOf: loadedAt, period: query.period, ...years, by: query.by.length ? query.by.join(',') : null, filters: query.filters, adjust: adjustAge ? 'age' : null, disclosure };
              const table = disclosedTable(rows, { keys: ['period', ...query.by], ...MEASURE_ROW_SHAPE });
              const exportView: ExportView = { measure, period: query.period, by: query.by, filters: query.filters, cohortId, adjustAge, ...years, disclosure, dataVersion, dataAsOf: loadedAt };
              return { ...renderTable(format, { table, envelope, filename: exportFilename(exportView), csvConstants: exportColumns(exportView) }), cells: countCells(rows) };
            },
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
        const body = await warehouse.use(async (db) => {
          checkFiltersWithin(request, request.query);
          const restriction = restrictionOf(request);
          const listed = await dimensionValues(db, { exactCounts, restriction });
          const { dataVersion, dateRange, loadedAt } = await warehouseMeta(db);
          noteForAudit(response, { dataVersion });
          const covered = coveredYears(dateRange);
          const { adjustAge, cohortId, window, ...parsed } = parseMeasureQuery(measure, yearlyQuery(request.query), listed, covered);
          const query = { ...parsed, cohort: await cohortGate.membersSql(db, request, cohorts, cohortId), restriction };
          // The APC is fitted to the window's years only.
          const rows = withinWindow(await runMeasure(db, query, { exactCounts, listed, adjustAge }), window);
          const trends = trendsByStratum(rows, query.by, adjustAge ? 'adjustedRate' : 'rate');
          return { measure: describeMeasure(measure), dataVersion, dataAsOf: loadedAt, ...yearsShown('year', window, covered), by: query.by.join(',') || null, filters: query.filters, adjust: adjustAge ? 'age' : null, disclosure, method: TREND_METHOD, trends };
        });
        response.json(body);
      },
    },
  ];
}
