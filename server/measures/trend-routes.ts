// Trends: the annual percent change of a measure over the years, per stratum (log-linear, SEER APC).
import { Router } from 'express';
import { HttpError } from '../http/errors.ts';
import { messages } from '../../core/measures/messages.ts';
import { describeMeasure, findMeasure, measureIds } from '../../core/measures/catalog.ts';
import { trendsByStratum } from '../../core/measures/measure-trend.ts';
import { parseMeasureQuery } from '../../core/measures/parse-measure-query.ts';
import { runMeasure } from '../../core/measures/run-measure.ts';
import type { LiveWarehouse } from '../warehouse/live-warehouse.ts';
import { dimensionValues, warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';

export function trendRoutes(warehouse: LiveWarehouse): Router {
  const router = Router();
  router.get('/measures/:id/trend', async (request, response) => {
    const measure = findMeasure(request.params.id);
    if (!measure) throw new HttpError(404, 'unknown_measure', messages.unknownMeasure(request.params.id, measureIds()));
    const body = await warehouse.use(async (db) => {
      const { adjustAge: _a, cohortId: _c, ...query } = parseMeasureQuery(measure, { ...request.query, period: 'year' }, await dimensionValues(db));
      const [{ dataVersion }, rows] = await Promise.all([warehouseMeta(db), runMeasure(db, query)]);
      return { measure: describeMeasure(measure), dataVersion, by: query.by.join(',') || null, filters: query.filters, method: 'Annual percent change from a least-squares fit of ln(rate) on year (SEER/Joinpoint APC, one segment), 95% CI from the t distribution; suppressed years are left out.', trends: trendsByStratum(rows, query.by) };
    });
    response.json(body);
  });
  return router;
}
