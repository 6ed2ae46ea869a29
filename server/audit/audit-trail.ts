// The audit middleware: mounted under /api ahead of the route tables, it records every request once
// its response has finished (or the connection closed first): who, the route and its role, the
// parameters (never a body: a JSON body is kept as its SHA-256), status and outcome, and what the
// handler noted (cache, data version, cells). Recording is a push into the recorder's buffer.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Request, RequestHandler, Response } from 'express';
import { canonicalJson } from '../../core/audit/audit-chain.ts';
import { outcomeOf, type AuditEntry } from '../../core/audit/audit-record.ts';
import { principalOf } from '../cohorts/principal.ts';
import type { RouteTable } from '../routing/route-table.ts';
import { restrictionKeyOf } from '../routing/row-access.ts';
import type { AuditRecorder } from './audit-recorder.ts';
import { auditNotesOf } from './audit-notes.ts';
import { routeMatcher } from './route-matcher.ts';

export function auditTrail(recorder: AuditRecorder, tables: readonly RouteTable[]): RequestHandler {
  const match = routeMatcher(tables);
  return (request, response, next) => {
    const time = recorder.clock().toISOString();
    const started = performance.now();
    // The path relative to the mount point, taken now: Express rewrites request.url while routing.
    const path = request.path;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      recorder.record(entryOf(request, response, { time, path, durationMs: Math.round((performance.now() - started) * 100) / 100, matched: match(request.method, path) }));
    };
    response.once('finish', finish);
    response.once('close', finish);
    next();
  };
}

function entryOf(request: Request, response: Response, { time, path, durationMs, matched }: { time: string; path: string; durationMs: number; matched: ReturnType<ReturnType<typeof routeMatcher>> }): AuditEntry {
  const notes = auditNotesOf(response);
  // Without 'finish' the client went away before the response was sent.
  const status = response.writableFinished ? response.statusCode : 499;
  return {
    time,
    principal: principalOf(request),
    role: matched?.role ?? null,
    method: request.method,
    route: matched?.template ?? path,
    parameters: { ...matched?.params, ...queryOf(request) },
    bodyHash: request.body === undefined ? null : createHash('sha256').update(canonicalJson(request.body)).digest('hex'),
    restriction: restrictionKeyOf(request),
    status,
    outcome: outcomeOf(status),
    cached: notes.cached ?? false,
    dataVersion: notes.dataVersion ?? null,
    cellsReturned: notes.cellsReturned ?? null,
    cellsSuppressed: notes.cellsSuppressed ?? null,
    clientAddress: request.ip ?? null,
    durationMs,
  };
}

/**
 * Query parameters that are credentials (the signature of an unsubscribe link, a one-time sign-in
 * link, an identity provider's code and state): recorded as present, never their value.
 */
const CREDENTIAL_PARAMETERS = new Set(['signature', 'token', 'code', 'state']);

function queryOf(request: Request): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(request.query as Record<string, unknown>)) {
    if (CREDENTIAL_PARAMETERS.has(name)) query[name] = '[redacted]';
    else if (typeof value === 'string') query[name] = value;
    else if (Array.isArray(value)) query[name] = value.map(String);
  }
  return query;
}
