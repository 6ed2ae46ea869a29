// GET /api/audit: the audit trail's records, filtered (time range, principal, route, outcome) and
// paged either way by sequence, and GET /api/audit/verify: the chain checked. For administrators
// (under OPEN_ACCESS every caller holds the role). Records waiting in the recorder's buffer are
// written first, so an answer includes every request finished before it.
import { auditMessages } from '../../core/audit/audit-messages.ts';
import { parseInstant } from '../../core/audit/parse-instant.ts';
import { verifyAuditLog } from '../../core/audit/verify-log.ts';
import { DomainError } from '../../core/errors.ts';
import { errorResponse, objectResponse } from '../openapi/operation-parts.ts';
import type { RouteTable } from '../routing/route-table.ts';
import type { AuditRecorder } from './audit-recorder.ts';

export const MAX_AUDIT_LIMIT = 10_000;
const DEFAULT_LIMIT = 1_000;
const PARAMETERS = ['from', 'to', 'limit', 'principal', 'route', 'outcome', 'after', 'before', 'order'];
const OUTCOMES = ['ok', 'refused', 'error'] as const;

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
          { name: 'principal', in: 'query', required: false, description: 'Only this caller: user:<name>, token:<id>, anonymous, local', schema: { type: 'string', maxLength: 200 } },
          { name: 'route', in: 'query', required: false, description: 'Only this route template, e.g. /measures/{id}', schema: { type: 'string', maxLength: 500 } },
          { name: 'outcome', in: 'query', required: false, description: 'Only answered (ok), refused (401, 403, 409) or failed (error) requests', schema: { type: 'string', enum: OUTCOMES } },
          { name: 'order', in: 'query', required: false, description: 'asc: oldest first (default); desc: newest first', schema: { type: 'string', enum: ['asc', 'desc'], default: 'asc' } },
          { name: 'after', in: 'query', required: false, description: 'Only records after this sequence (the next page, oldest first)', schema: { type: 'integer', minimum: 0 } },
          { name: 'before', in: 'query', required: false, description: 'Only records before this sequence (the next page, newest first)', schema: { type: 'integer', minimum: 1 } },
        ],
        responses: { 200: objectResponse('{ anchor: { sequence, hash }, records, truncated, next: { after } | { before } | null }'), 400: errorResponse('BadRequest') },
      },
      handler: async (request, response) => {
        const query = request.query as Record<string, unknown>;
        const unknown = Object.keys(query).find((name) => !PARAMETERS.includes(name));
        if (unknown) throw new DomainError('invalid_parameter', auditMessages.unknownParameter(unknown), { parameter: unknown });
        const from = parseInstant('from', query.from);
        const to = parseInstant('to', query.to);
        const limit = parseLimit(query.limit);
        const order = oneOf('order', query.order, ['asc', 'desc'] as const) ?? 'asc';
        const filters = {
          principal: text('principal', query.principal, 200),
          route: text('route', query.route, 500),
          outcome: oneOf('outcome', query.outcome, OUTCOMES),
          afterSequence: sequence('after', query.after, 0),
          beforeSequence: sequence('before', query.before, 1),
        };
        await recorder.flush();
        const [anchor, read] = await Promise.all([recorder.log.anchor(), recorder.log.read({ from, to, ...filters, order, limit: limit + 1 })]);
        const records = read.slice(0, limit);
        const truncated = read.length > limit;
        const last = records.at(-1);
        const next = truncated && last ? (order === 'desc' ? { before: last.sequence } : { after: last.sequence }) : null;
        response.json({ anchor, records, truncated, next });
      },
    },
    {
      method: 'get',
      path: '/audit/verify',
      role: 'admin',
      operation: {
        summary: "Verify the audit trail's hash chain from its anchor",
        operationId: 'verifyAuditChain',
        tags: ['audit'],
        description: 'Reads every kept record, page by page, and checks each links to the one before and hashes to its own hash (as popsight audit verify does).',
        responses: { 200: objectResponse('{ ok, records, message } and, when broken, { sequence, problem, expectedSequence }') },
      },
      handler: async (_request, response) => {
        await recorder.flush();
        const verdict = await verifyAuditLog(recorder.log);
        const { head: _head, ...shown } = verdict.ok ? verdict : { ...verdict, head: undefined };
        response.setHeader('Cache-Control', 'no-store');
        response.json({ ...shown, message: auditMessages.verdict(verdict) });
      },
    },
  ];
}

const invalid = (parameter: string, message: string) => new DomainError('invalid_parameter', message, { parameter });

function text(name: string, value: unknown, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '' || value.length > max) throw invalid(name, auditMessages.badText(name, max));
  return value;
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw invalid(name, auditMessages.badChoice(name, allowed));
  return value as T;
}

function sequence(name: string, value: unknown, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) throw invalid(name, auditMessages.badSequence(name, min));
  return n;
}

function parseLimit(value: unknown): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_AUDIT_LIMIT) throw new DomainError('invalid_parameter', auditMessages.badLimit(MAX_AUDIT_LIMIT), { parameter: 'limit' });
  return n;
}
