// The measure catalog and measure results.
import { Router } from 'express';
import { buildCohortSql } from '../../core/cohorts/build-cohort-sql.ts';
import type { CohortStore } from '../state/cohort-store.ts';
import { findCohort } from '../../core/cohorts/find-cohort.ts';
import { HttpError } from '../http/errors.ts';
import { canonicalQuery, sendCached, sendRemembered } from '../http/conditional-get.ts';
import { disclosedTable, rowShapeOf } from '../http/disclosed-table.ts';
import { fixedJsonSender } from '../http/fixed-json.ts';
import { negotiateFormat, renderTable } from '../http/negotiate.ts';
import { ResponseCache } from '../http/response-cache.ts';
import { messages } from '../../core/measures/messages.ts';
import { describeMeasure, findMeasure, measureIds, MEASURES } from '../../core/measures/catalog.ts';
import { parseMeasureQuery } from '../../core/measures/parse-measure-query.ts';
import { runMeasure } from '../../core/measures/run-measure.ts';
import { measureRowSchema } from '../../core/api/api-schemas.ts';
import type { LiveWarehouse } from '../warehouse/live-warehouse.ts';
import { dimensionValues, warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';

const MEASURE_ROW_SHAPE = rowShapeOf(measureRowSchema);

export function measureRoutes(warehouse: LiveWarehouse, cohorts: CohortStore, cache = new ResponseCache()): Router {
  const router = Router();
  const sendJson = fixedJsonSender();
  const catalog = { measures: MEASURES.map(describeMeasure) };
  router.get('/measures', (request, response) => {
    sendJson(request, response, catalog);
  });
  router.get('/measures/:id', async (request, response) => {
    const measure = findMeasure(request.params.id);
    if (!measure) throw new HttpError(404, 'unknown_measure', messages.unknownMeasure(request.params.id, measureIds()));
    const format = negotiateFormat(request);
    await warehouse.use(async (db) => {
      const { dataVersion } = await warehouseMeta(db);
      // The same URL in the same format on the same data has the same answer: once it has been
      // validated and answered, a repeat is served from the cache without parsing it again.
      const requestKey = `${format} ${request.originalUrl} ${dataVersion}`;
      if (sendRemembered(request, response, cache, requestKey)) return;
      const { adjustAge, cohortId, ...parsed } = parseMeasureQuery(measure, request.query, await dimensionValues(db));
      // A saved cohort restricts the measure to its members (404 for an unknown id, before any cache).
      const query = { ...parsed, cohort: cohortId === undefined ? undefined : buildCohortSql((await findCohort(cohorts, cohortId)).definition) };
      const normalized = canonicalQuery({ measure: measure.id, period: query.period, by: query.by, adjust: adjustAge ? 'age' : undefined, cohort: cohortId, ...query.filters });
      await sendCached(request, response, {
        cache,
        identity: { dataVersion, query: normalized, format },
        // Not with a cohort: it can be deleted, and the same URL must then answer 404.
        requestKey: cohortId === undefined ? requestKey : undefined,
        render: async () => {
          // runMeasure returns rows after disclosure control; nothing is rendered before that.
          const rows = await runMeasure(db, query, { adjustAge });
          const envelope = { measure: describeMeasure(measure), dataVersion, period: query.period, by: query.by.length ? query.by.join(',') : null, filters: query.filters, adjust: adjustAge ? 'age' : null };
          const table = disclosedTable(rows, { keys: ['period', ...query.by], ...MEASURE_ROW_SHAPE });
          return renderTable(format, { table, envelope, filename: `${measure.id}-${query.period}.csv` });
        },
      });
    });
  });
  return router;
}
