// The audit trail on a real server and a real state store: each /api request of each kind (a
// measure, the same from cache, a 400, a 404, a cohort preview) gets exactly one record whose cells
// match the response; records survive a restart; `popsight audit verify` finds the chain intact,
// then names a record edited or deleted with SQL in state.duckdb; `audit export` writes them all.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditExportCommand, verifyAuditLog } from '../../cli/audit-commands.ts';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { auditMessages } from '../../core/audit/audit-messages.ts';
import type { AuditRecord } from '../../core/audit/audit-record.ts';
import { openDatabase } from '../../core/warehouse/database.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { pruneAuditLog } from '../../server/audit/audit-retention.ts';
import { openStateStore, STATE_FILE } from '../../server/state/state-store.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';
import { runPopsight } from '../helpers/run-popsight.ts';

type Json = Record<string, any>;
const MEASURE = '/api/measures/diabetes-prevalence?by=sex';


/** Runs SQL on a state file directly (no server holds it). */
async function tamper(stateDir: string, sql: string): Promise<void> {
  const db = await openDatabase(join(stateDir, STATE_FILE));
  try {
    await db.query(sql);
  } finally {
    db.close();
  }
}

describe('audit trail', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-audit-'));
  const warehouse = join(dir, 'warehouse.duckdb');
  const stateDir = join(dir, 'state');
  let server: RunningServer;
  const start = () => startServer({ warehouse, port: 0, host: '127.0.0.1', stateDir });
  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, body: (await response.json()) as Json };
  };

  beforeAll(async () => {
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    server = await start();
  });
  afterAll(async () => {
    await server?.close();
  });

  let measure: Json;
  let preview: Json;
  let records: AuditRecord[];

  it('records each request once, with its route, parameters, outcome and the cells its response returned', async () => {
    measure = await get(MEASURE);
    const again = await get(MEASURE);
    const badStratifier = await get('/api/measures/diabetes-prevalence?by=shoe-size');
    const unknownMeasure = await get('/api/measures/no-such-measure');
    const definition = { criteria: { sex: 'F' } };
    const previewResponse = await fetch(`${server.url}/api/cohorts/preview`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(definition) });
    preview = { status: previewResponse.status, body: await previewResponse.json() };
    expect([measure.status, again.status, badStratifier.status, unknownMeasure.status, preview.status]).toEqual([200, 200, 400, 404, 200]);

    const audit = await get('/api/audit');
    expect(audit.status).toBe(200);
    records = audit.body.records;
    expect(records).toHaveLength(5);
    expect(audit.body.anchor).toEqual({ sequence: 0, hash: '0'.repeat(64) });
    const [first, cached, bad, unknown, previewed] = records as [AuditRecord, AuditRecord, AuditRecord, AuditRecord, AuditRecord];

    const rows = measure.body.rows as { suppressed: boolean }[];
    expect(rows.length).toBeGreaterThan(0);
    const common = { principal: 'local', restriction: null, clientAddress: expect.stringMatching(/127\.0\.0\.1/), bodyHash: null };
    expect(first).toMatchObject({
      ...common, sequence: 1, method: 'GET', route: '/measures/{id}', role: 'viewer', parameters: { id: 'diabetes-prevalence', by: 'sex' },
      status: 200, outcome: 'ok', cached: false, dataVersion: measure.body.dataVersion,
      cellsReturned: rows.length, cellsSuppressed: rows.filter((row) => row.suppressed).length,
    });
    expect(cached).toMatchObject({ ...common, sequence: 2, route: '/measures/{id}', status: 200, cached: true, cellsReturned: first.cellsReturned, cellsSuppressed: first.cellsSuppressed, dataVersion: first.dataVersion });
    expect(bad).toMatchObject({ ...common, route: '/measures/{id}', parameters: { id: 'diabetes-prevalence', by: 'shoe-size' }, status: 400, outcome: 'error', cellsReturned: null, cached: false });
    expect(unknown).toMatchObject({ ...common, route: '/measures/{id}', role: 'viewer', parameters: { id: 'no-such-measure' }, status: 404, outcome: 'error', cellsReturned: null });
    expect(previewed).toMatchObject({
      principal: 'local', method: 'POST', route: '/cohorts/preview', role: 'analyst', parameters: {}, status: 200, outcome: 'ok', dataVersion: preview.body.dataVersion,
      cellsReturned: 1, cellsSuppressed: preview.body.size.suppressed ? 1 : 0,
      // The definition itself is never kept: only its hash.
      bodyHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(previewed)).not.toContain('"sex"');
    for (const record of records) expect(Date.parse(record.time)).not.toBeNaN();
  });

  it('records a path no route has under the path itself, with no role', async () => {
    expect((await get('/api/no/such/endpoint?x=1')).status).toBe(404);
    const { body } = await get('/api/audit?limit=1000');
    // The earlier /api/audit call, then the unknown path.
    expect(body.records.slice(5, 7)).toMatchObject([
      { route: '/audit', role: 'admin', status: 200 },
      { route: '/no/such/endpoint', role: null, parameters: { x: '1' }, status: 404, outcome: 'error' },
    ]);
    expect((await get('/api/audit?from=yesterday')).status).toBe(400);
  });

  it('says the server holds the state store when `popsight audit verify` runs beside it', async () => {
    const { code, stderr } = await runPopsight(['audit', 'verify', '--state', stateDir]);
    expect(code).toBe(1);
    expect(stderr).toContain('stop the server first');
  });

  it('keeps the records over a restart, and `popsight audit verify` finds the chain intact', async () => {
    await server.close();
    server = await start();
    const { body } = await get('/api/audit');
    expect(body.records.slice(0, 5)).toEqual(records);
    await server.close();
    const verdict = await verifyAuditLog({ state: stateDir });
    expect(verdict).toMatchObject({ ok: true });
    // 5 above, the /api/audit calls, the unknown path, the 400, and the /api/audit after the restart.
    expect(verdict.records).toBe(body.records.length + 1);
    const cli = await runPopsight(['audit', 'verify', '--state', stateDir]);
    expect(cli.code).toBe(0);
    expect(cli.stdout.trim()).toBe(auditMessages.verdict(verdict));
  });

  it('exports every record as a JSON line with its hash', async () => {
    const out = join(dir, 'audit.jsonl');
    const count = await auditExportCommand({ state: stateDir, out });
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as AuditRecord);
    expect(lines).toHaveLength(count);
    expect(count).toBe((await verifyAuditLog({ state: stateDir })).records);
    expect(lines[0]).toEqual(records[0]);
    expect(lines.map((r) => r.sequence)).toEqual(lines.map((_, i) => i + 1));
  });

  it('names a record edited in state.duckdb', async () => {
    const copy = join(dir, 'edited');
    cpSync(stateDir, copy, { recursive: true });
    await tamper(copy, 'UPDATE audit_log SET cells_suppressed = cells_suppressed + 1 WHERE sequence = 2');
    const verdict = await verifyAuditLog({ state: copy });
    expect(verdict).toMatchObject({ ok: false, sequence: 2, problem: 'edited', records: 1 });
    const cli = await runPopsight(['audit', 'verify', '--state', copy]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(auditMessages.verdict(verdict));
  });

  it('names the record after one deleted from state.duckdb', async () => {
    const copy = join(dir, 'deleted');
    cpSync(stateDir, copy, { recursive: true });
    await tamper(copy, 'DELETE FROM audit_log WHERE sequence = 3');
    expect(await verifyAuditLog({ state: copy })).toMatchObject({ ok: false, sequence: 4, problem: 'missing-before', expectedSequence: 3, records: 2 });
  });

  it('prunes records past retention in state.duckdb, leaving a checkpoint that the rest and later records verify from', async () => {
    const copy = join(dir, 'pruned');
    cpSync(stateDir, copy, { recursive: true });
    const total = (await verifyAuditLog({ state: copy })).records;
    // A clock one day after the fourth record's time, with one day of retention: the first three go.
    const clock = () => new Date(Date.parse(records[3]!.time) + 24 * 60 * 60 * 1000);
    const store = await openStateStore(copy, { clock, newId: () => 'unused' });
    try {
      const removed = await pruneAuditLog(store.audit, { days: 1, clock, log: () => undefined });
      expect(removed).toBe(records.filter((r) => r.time < records[3]!.time).length);
      expect(await store.audit.anchor()).toEqual({ sequence: removed, hash: records[removed - 1]!.hash });
      await store.audit.append([{ ...records[0]!, time: clock().toISOString() }]);
    } finally {
      await store.close();
    }
    const verdict = await verifyAuditLog({ state: copy });
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.records).toBeGreaterThan(0);
    expect(verdict.ok && verdict.head.sequence).toBe(total + 1);
  });
});
