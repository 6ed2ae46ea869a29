// GET /api/audit: the audit trail's records in a time range, for administrators (the role is
// declared for when sign-in lands; under OPEN_ACCESS every caller holds it). Records waiting in the
// recorder's buffer are written first, so the answer includes every request finished before it.
import { auditMessages } from '../../core/audit/audit-messages.ts';
import { parseInstant } from '../../core/audit/parse-instant.ts';
import { DomainError } from '../../core/errors.ts';
import { errorResponse, objectResponse } from '../openapi/operation-parts.ts';
import type { RouteTable } from '../routing/route-table.ts';
import type { AuditRecorder } from './audit-recorder.ts';

export const MAX_AUDIT_LIMIT = 10_000;
const DEFAULT_LIMIT = 1_000;
const PARAMETERS = ['from', 'to', 'limit'];

const instant = { type: 'string', description: 'A date (YYYY-MM-DD, midnight UTC) or an ISO 8601 time' };

export function auditRoutes(recorder: AuditRecorder): RouteTable {
  return [
    {
      method: 'get',
      path: '/audit',
      role: 'admin',
      operation: {
        summary: 'Audit trail: one hash-chained record per API request, oldest first',
        operationId: 'listAuditRecords',
        tags: ['audit'],
        description: 'Each record carries its sequence, the hash of the record before it and its own hash (SHA-256 over both; docs/architecture.md, Audit trail). `anchor` is where the kept records chain from.',
        parameters: [
          { name: 'from', in: 'query', required: false, description: 'Records at or after this time', schema: instant },
          { name: 'to', in: 'query', required: false, description: 'Records before this time', schema: instant },
          { name: 'limit', in: 'query', required: false, description: `At most this many records (default ${DEFAULT_LIMIT})`, schema: { type: 'integer', minimum: 1, maximum: MAX_AUDIT_LIMIT } },
        ],
        responses: { 200: objectResponse('{ anchor: { sequence, hash }, records, truncated }'), 400: errorResponse('BadRequest') },
      },
      handler: async (request, response) => {
        const query = request.query as Record<string, unknown>;
        const unknown = Object.keys(query).find((name) => !PARAMETERS.includes(name));
        if (unknown) throw new DomainError('invalid_parameter', auditMessages.unknownParameter(unknown), { parameter: unknown });
        const from = parseInstant('from', query.from);
        const to = parseInstant('to', query.to);
        const limit = parseLimit(query.limit);
        await recorder.flush();
        const [anchor, records] = await Promise.all([recorder.log.anchor(), recorder.log.read({ from, to, limit: limit + 1 })]);
        response.json({ anchor, records: records.slice(0, limit), truncated: records.length > limit });
      },
    },
  ];
}

function parseLimit(value: unknown): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_AUDIT_LIMIT) throw new DomainError('invalid_parameter', auditMessages.badLimit(MAX_AUDIT_LIMIT), { parameter: 'limit' });
  return n;
}
