// Health, warehouse facts and the values each dimension takes.
import { Router } from 'express';
import type { LiveWarehouse } from '../warehouse/live-warehouse.ts';
import { dimensionValues, warehouseMeta } from '../warehouse/warehouse-facts.ts';

export function metaRoutes(warehouse: LiveWarehouse): Router {
  const router = Router();
  router.get('/health', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/meta', async (_request, response) => {
    response.json(await warehouse.use(warehouseMeta));
  });
  router.get('/dimensions', async (_request, response) => {
    response.json(await warehouse.use(dimensionValues));
  });
  return router;
}
