// GET /api/quality: the data-quality checks of the load that built the warehouse being served; below
// admin (no exactCounts) with no count of 1–10 (docs/disclosure.md, "Side doors").
import { requireLoadRecords } from '../../core/warehouse/engine-features.ts';
import { DomainError } from '../../core/errors.ts';
import { qualityReport } from '../../core/quality/quality-report.ts';
import { qualityMessages } from '../../core/quality/quality-messages.ts';
import { readQualityHistory } from '../../core/quality/quality-history.ts';
import { warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';
import { fixedJsonSender } from '../http/fixed-json.ts';
import { errorResponse, jsonResponse } from '../openapi/operation-parts.ts';
import type { RouteTable } from '../routing/route-table.ts';
import type { LiveWarehouse } from '../warehouse/live-warehouse.ts';

export function qualityRoutes(warehouse: LiveWarehouse, { exactCounts = false }: { exactCounts?: boolean } = {}): RouteTable {
  const sendJson = fixedJsonSender(); // one report object per warehouse generation and setting
  return [
    {
      method: 'get',
      path: '/quality',
      role: 'admin',
      operation: {
        summary: 'Data-quality checks of the load that built the warehouse',
        operationId: 'getQuality',
        tags: ['quality'],
        responses: { 200: jsonResponse('QualityReport', 'Checks in Kahn (2016) order, with a summary'), 404: errorResponse('NotFound') },
      },
      handler: async (request, response) => {
        const report = await warehouse.use(async (db) => {
          await requireLoadRecords(db, 'data quality');
          return qualityReport(db, { exactCounts });
        });
        if (!report) throw new DomainError('no_quality_results', 'This warehouse has no data-quality results: it was built before the checks existed. Load it again to run them.');
        sendJson(request, response, report);
      },
    },
    {
      method: 'get',
      path: '/quality/history',
      role: 'admin',
      operation: {
        summary: 'Each data-quality check across the loads the warehouse holds',
        description: 'Per run of quality.results (oldest first) each check\'s status, counts and change against the run before: new, resolved or stable.',
        operationId: 'getQualityHistory',
        tags: ['quality'],
        responses: { 200: jsonResponse('QualityHistory', 'Runs oldest first, each check with its runs'), 404: errorResponse('NotFound') },
      },
      handler: async (_request, response) => {
        const answer = await warehouse.use(async (db) => {
          await requireLoadRecords(db, 'data quality');
          const history = await readQualityHistory(db, { exactCounts });
          return history && { dataVersion: (await warehouseMeta(db)).dataVersion, exactCounts, ...history };
        });
        if (!answer) throw new DomainError('no_quality_results', qualityMessages.noResults);
        response.json(answer);
      },
    },
  ];
}
