// GET /api/loads (the load history) and GET /api/quarantine (the last load's quarantined rows by file
// and rule, with redacted examples): for admins. Counts of the operator's extract, so without
// exactCounts no count of 1–10 is sent (core/loads/loads-disclosure.ts), as /api/quality does:
// under OPEN_ACCESS every caller holds admin.
import { requireLoadRecords } from '../../core/warehouse/engine-features.ts';
import { readLoadHistory, type LoadRun } from '../../core/loads/load-history.ts';
import { protectLoadRun, protectQuarantine } from '../../core/loads/loads-disclosure.ts';
import { readQuarantineSummary } from '../../core/loads/quarantine-summary.ts';
import type { RouteTable } from '../routing/route-table.ts';
import type { LiveWarehouse } from '../warehouse/live-warehouse.ts';

const count = { type: ['integer', 'null'], description: 'null when disclosure control hides it (a count of 1–10, or one that gives such a count away)' };
const fileCount = { type: 'object', properties: { file: { type: 'string' }, read: count, loaded: count, quarantined: count } };
const loadRun = {
  type: 'object',
  properties: {
    runId: { type: 'string' }, startedAt: { type: 'string', format: 'date-time' }, finishedAt: { type: 'string', format: 'date-time' },
    seconds: { type: 'number' }, format: { type: 'string' }, layout: { type: 'string' }, status: { type: 'string' }, dataVersion: { type: 'string' },
    read: count, loaded: count, quarantined: count, files: { type: 'array', items: fileCount }, suppressed: { type: 'boolean' },
  },
};
const example = {
  type: 'object',
  properties: { line: { type: 'integer' }, field: { type: ['string', 'null'] }, reason: { type: 'string' }, value: { type: ['string', 'null'], description: 'null for an identifier column: never a raw id, nor its pseudonym' } },
};
const group = {
  type: 'object',
  properties: { file: { type: 'string' }, field: { type: ['string', 'null'] }, reason: { type: 'string' }, rows: count, examples: { type: 'array', items: example, maxItems: 3 }, suppressed: { type: 'boolean' } },
};
const json = (description: string, schema: object) => ({ description, content: { 'application/json': { schema } } });

export function loadRoutes(warehouse: LiveWarehouse, { exactCounts = false }: { exactCounts?: boolean } = {}): RouteTable {
  return [
    {
      method: 'get',
      path: '/loads',
      role: 'admin',
      operation: {
        summary: 'The load history of the warehouse, newest first',
        description: 'Each run: when, format, layout, files, rows read / loaded / quarantined, duration and the data version it published.',
        operationId: 'getLoads',
        tags: ['quality'],
        responses: { 200: json('The runs, newest first', { type: 'object', properties: { exactCounts: { type: 'boolean' }, runs: { type: 'array', items: loadRun } } }) },
      },
      handler: async (_request, response) => {
        const runs: LoadRun[] = await warehouse.use(async (db) => {
          await requireLoadRecords(db, 'load history');
          return readLoadHistory(db);
        });
        response.json({ exactCounts, runs: exactCounts ? runs : runs.map(protectLoadRun) });
      },
    },
    {
      method: 'get',
      path: '/quarantine',
      role: 'admin',
      operation: {
        summary: 'Rows the last load quarantined, by file and rule',
        description: 'Counts per file, field and reason, with up to 3 examples each: line, field, reason, and the value only for a field that is not an identifier.',
        operationId: 'getQuarantine',
        tags: ['quality'],
        responses: {
          200: json('Groups, largest first', { type: 'object', properties: { exactCounts: { type: 'boolean' }, runId: { type: ['string', 'null'] }, groups: { type: 'array', items: group } } }),
        },
      },
      handler: async (_request, response) => {
        const summary = await warehouse.use(async (db) => {
          await requireLoadRecords(db, 'load history');
          return readQuarantineSummary(db);
        });
        response.json({ exactCounts, ...(exactCounts ? summary : protectQuarantine(summary)) });
      },
    },
  ];
}
