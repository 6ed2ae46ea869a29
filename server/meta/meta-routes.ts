// Health, warehouse facts and the values each dimension takes.
import { Router } from 'express';
import { fixedJsonSender } from '../http/fixed-json.ts';
import type { LiveWarehouse } from '../warehouse/live-warehouse.ts';
import { dimensionValues, warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';

export function metaRoutes(warehouse: LiveWarehouse): Router {
  const router = Router();
  // The facts are one object per warehouse generation: serialized once per generation.
  const sendJson = fixedJsonSender();
  router.get('/health', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/meta', async (request, response) => {
    sendJson(request, response, await warehouse.use(warehouseMeta));
  });
  router.get('/dimensions', async (request, response) => {
    sendJson(request, response, await warehouse.use(dimensionValues));
  });
  return router;
}
