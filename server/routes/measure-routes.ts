// The measure catalog and measure results.
import { Router } from 'express';
import { HttpError } from '../errors.ts';
import { messages } from '../messages.ts';
import { describeMeasure, findMeasure, measureIds, MEASURES } from '../measures/catalog.ts';
import { parseMeasureQuery } from '../measures/parse-measure-query.ts';
import { runMeasure } from '../measures/run-measure.ts';
import type { LiveWarehouse } from '../warehouse/live-warehouse.ts';
import { dimensionValues, warehouseMeta } from '../warehouse/warehouse-facts.ts';

export function measureRoutes(warehouse: LiveWarehouse): Router {
  const router = Router();
  router.get('/measures', (_request, response) => {
    response.json({ measures: MEASURES.map(describeMeasure) });
  });
  router.get('/measures/:id', async (request, response) => {
    const measure = findMeasure(request.params.id);
    if (!measure) throw new HttpError(404, 'unknown_measure', messages.unknownMeasure(request.params.id, measureIds()));
    const body = await warehouse.use(async (db) => {
      const { adjustAge, cohortId: _cohort, ...query } = parseMeasureQuery(measure, request.query, await dimensionValues(db));
      const [{ dataVersion }, rows] = await Promise.all([warehouseMeta(db), runMeasure(db, query, { adjustAge })]);
      return { measure: describeMeasure(measure), dataVersion, period: query.period, by: query.by.length ? query.by.join(',') : null, filters: query.filters, adjust: adjustAge ? 'age' : null, rows };
    });
    response.json(body);
  });
  return router;
}
