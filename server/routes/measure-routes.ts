// The measure catalog and measure results.
import { Router } from 'express';
import { buildCohortSql } from '../cohorts/build-cohort-sql.ts';
import type { CohortStore } from '../cohorts/cohort-store.ts';
import { findCohort } from '../cohorts/find-cohort.ts';
import { HttpError } from '../errors.ts';
import { canonicalQuery, sendCached } from '../http/conditional-get.ts';
import { disclosedTable, rowShapeOf } from '../http/disclosed-table.ts';
import { negotiateFormat, renderTable } from '../http/negotiate.ts';
import { ResponseCache } from '../http/response-cache.ts';
import { messages } from '../messages.ts';
import { describeMeasure, findMeasure, measureIds, MEASURES } from '../measures/catalog.ts';
import { parseMeasureQuery } from '../measures/parse-measure-query.ts';
import { runMeasure } from '../measures/run-measure.ts';
import { measureRowSchema } from '../openapi/api-schemas.ts';
import type { LiveWarehouse } from '../warehouse/live-warehouse.ts';
import { dimensionValues, warehouseMeta } from '../warehouse/warehouse-facts.ts';

const MEASURE_ROW_SHAPE = rowShapeOf(measureRowSchema);

export function measureRoutes(warehouse: LiveWarehouse, cohorts: CohortStore, cache = new ResponseCache()): Router {
  const router = Router();
  router.get('/measures', (_request, response) => {
    response.json({ measures: MEASURES.map(describeMeasure) });
  });
  router.get('/measures/:id', async (request, response) => {
    const measure = findMeasure(request.params.id);
    if (!measure) throw new HttpError(404, 'unknown_measure', messages.unknownMeasure(request.params.id, measureIds()));
    const format = negotiateFormat(request);
    await warehouse.use(async (db) => {
      const { adjustAge, cohortId, ...parsed } = parseMeasureQuery(measure, request.query, await dimensionValues(db));
      // A saved cohort restricts the measure to its members (404 for an unknown id, before any cache).
      const query = { ...parsed, cohort: cohortId === undefined ? undefined : buildCohortSql((await findCohort(cohorts, cohortId)).definition) };
      const { dataVersion } = await warehouseMeta(db);
      const normalized = canonicalQuery({ measure: measure.id, period: query.period, by: query.by, adjust: adjustAge ? 'age' : undefined, cohort: cohortId, ...query.filters });
      await sendCached(request, response, {
        cache,
        identity: { dataVersion, query: normalized, format },
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
