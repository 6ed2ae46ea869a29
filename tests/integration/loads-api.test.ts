// GET /api/loads and GET /api/quarantine on real servers over a warehouse loaded from a clean nj27
// and then a broken copy: the answers equal SQL on etl.*, identifiers never come out, both routes are
// admin-only in the OpenAPI document, and without exact counts no count of 1–10 is sent.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { openDatabase } from '../../core/warehouse/database.ts';
import { qualityHistorySchema } from '../../core/api/api-schemas.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { appendLines, copyOfNj27, firstRow, NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';
import { sourceIdentifiers, type Identifiers } from '../helpers/identifier-scan.ts';

type Json = Record<string, any>;
const PLANTED_PATIENT = 'planted-patient-5d1e07';

describe('load history and quarantine API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-loads-api-'));
  const warehouse = join(dir, 'w.duckdb');
  let exact: RunningServer;
  let protectedServer: RunningServer;
  let identifiers: Identifiers;
  let sql: <T extends Record<string, unknown>>(text: string, values?: string[]) => Promise<T[]>;
  const get = async (server: RunningServer, path: string): Promise<Json> => {
    const response = await fetch(`${server.url}/api${path}`);
    expect(response.status).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    const extract = copyOfNj27();
    const enc = firstRow(extract, 'encounters.csv');
    appendLines(extract, 'encounters.csv', [
      enc.map((v, i) => ({ 0: 'e-bad-date', 1: '2020-13-45' } as Record<number, string>)[i] ?? v).join(','), // 606
      enc.map((v, i) => ({ 0: 'e-orphan', 3: PLANTED_PATIENT } as Record<number, string>)[i] ?? v).join(','), // 607
    ]);
    const obs = firstRow(extract, 'observations.csv');
    appendLines(extract, 'observations.csv', Array.from({ length: 13 }, () => [obs[0], obs[1], '', 'laboratory', '4548-4', 'Hemoglobin A1c', '87', '%', 'numeric'].join(',')));
    await loadExtract({ source: extract, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    identifiers = sourceIdentifiers(extract);
    identifiers.set(PLANTED_PATIENT, 'planted patient id');
    rmSync(join(extract, '..'), { recursive: true, force: true });
    const copy = join(dir, 'copy.duckdb');
    copyFileSync(warehouse, copy);
    sql = async (text, values = []) => {
      const db = await openDatabase(copy, { readOnly: true });
      try {
        return await db.query(text, values);
      } finally {
        db.close();
      }
    };
    await sql('SELECT 1'); // the copy is read before a server holds the original
    exact = await startServer({ warehouse, port: 0, host: '127.0.0.1', exactCounts: true });
    protectedServer = await startServer({ warehouse: copy, port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await exact?.close();
    await protectedServer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GET /api/loads: every run, newest first, with the counts of etl.file_counts and the published data version', async () => {
    const body = await get(exact, '/loads');
    const runs = await sql<{ run_id: string; format: string; layout: string }>('SELECT run_id, format, layout FROM etl.runs ORDER BY finished_at DESC');
    expect(runs).toHaveLength(2);
    expect(body.runs.map((r: Json) => r.runId)).toEqual(runs.map((r) => r.run_id));
    const [{ data_version }] = await sql<{ data_version: string }>('SELECT data_version FROM etl.warehouse_info');
    expect(body.runs[0].dataVersion).toBe(data_version);
    for (const run of body.runs) {
      const files = await sql<{ file: string; read: number; loaded: number; quarantined: number }>(
        'SELECT file, read, loaded, quarantined FROM etl.file_counts WHERE run_id = $1 ORDER BY file', [run.runId]);
      expect(run.files).toEqual(files);
      const total = (key: 'read' | 'loaded' | 'quarantined') => files.reduce((sum, f) => sum + f[key], 0);
      expect([run.read, run.loaded, run.quarantined]).toEqual([total('read'), total('loaded'), total('quarantined')]);
      expect(run.seconds).toBeGreaterThan(0);
      expect(run).toMatchObject({ format: 'synthea', status: 'published', suppressed: false });
    }
    expect(body.runs[0].quarantined).toBe(2 + 13);
    expect(body.runs[1].quarantined).toBe(0);
  });

  it('GET /api/quarantine: the last run’s groups equal SQL on etl.quarantine, with redacted examples', async () => {
    const body = await get(exact, '/quarantine');
    const [{ run }] = await sql<{ run: string }>('SELECT run_id AS run FROM etl.runs ORDER BY finished_at DESC LIMIT 1');
    expect(body.runId).toBe(run);
    const groups = await sql<{ file: string; field: string; reason: string; rows: number }>(
      'SELECT file, field, reason, count(*) AS rows FROM etl.quarantine WHERE run_id = $1 GROUP BY ALL ORDER BY rows DESC, file, field', [run]);
    expect(body.groups.map(({ file, field, reason, rows }: Json) => ({ file, field, reason, rows }))).toEqual(groups);
    const group = (field: string) => body.groups.find((g: Json) => g.field === field);
    expect(group('start').examples).toEqual([{ line: 606, field: 'start', reason: 'missing or unparseable date', value: '2020-13-45' }]);
    expect(group('patient').examples).toEqual([{ line: 607, field: 'patient', reason: 'orphan reference: no valid patients row has this id', value: null }]);
    expect(group('value').examples.map((e: Json) => [e.line, e.value])).toEqual([[992, '87'], [993, '87'], [994, '87']]);
    const [{ pseudonym }] = await sql<{ pseudonym: string }>("SELECT value AS pseudonym FROM etl.quarantine WHERE field = 'patient'");
    for (const server of [exact, protectedServer]) {
      const text = await (await fetch(`${server.url}/api/quarantine`)).text();
      expect(text).not.toContain(PLANTED_PATIENT);
      expect(text).not.toContain(pseudonym);
    }
  });

  it('hides counts of 1–10 without exact counts, and shows them with', async () => {
    const shown = await get(exact, '/quarantine');
    const hidden = await get(protectedServer, '/quarantine');
    expect(shown.exactCounts).toBe(true);
    expect(hidden.exactCounts).toBe(false);
    // encounters.csv: groups of 1 and 1, hidden with their examples; observations.csv: 13 rows, shown.
    for (const g of hidden.groups.filter((g: Json) => g.file === 'encounters.csv')) expect(g).toMatchObject({ rows: null, examples: [], suppressed: true });
    expect(shown.groups.filter((g: Json) => g.file === 'encounters.csv').map((g: Json) => g.rows)).toEqual([1, 1]);
    expect(hidden.groups.find((g: Json) => g.file === 'observations.csv')).toMatchObject({ rows: 13, suppressed: false });
    // The file counts: encounters.csv quarantined 2 (hidden, and loaded with it: read − loaded would give it back).
    const hiddenRun = (await get(protectedServer, '/loads')).runs[0];
    const shownRun = (await get(exact, '/loads')).runs[0];
    const file = (run: Json, name: string) => run.files.find((f: Json) => f.file === name);
    expect(file(shownRun, 'encounters.csv').quarantined).toBe(2);
    expect(file(hiddenRun, 'encounters.csv')).toMatchObject({ read: file(shownRun, 'encounters.csv').read, loaded: null, quarantined: null });
    expect(file(hiddenRun, 'observations.csv').quarantined).toBe(13);
    expect(hiddenRun.suppressed).toBe(true);
    // No count of 1–10 anywhere in the protected answers.
    const counts = (body: Json): number[] => JSON.stringify(body).match(/"(?:read|loaded|quarantined|rows)":\d+/g)!.map((m) => Number(m.split(':')[1]));
    for (const n of [...counts(hidden), ...counts(await get(protectedServer, '/loads'))]) expect(n === 0 || n > 10, String(n)).toBe(true);
  });

  it('lists the routes in the OpenAPI document, admin only', async () => {
    const doc = await get(exact, '/openapi.json');
    for (const path of ['/loads', '/quarantine', '/quality', '/quality/history']) expect(doc.paths[path].get['x-required-role'], path).toBe('admin');
    expect(doc.paths['/quality/history'].get.responses[200].content['application/json'].schema.$ref).toBe('#/components/schemas/QualityHistory');
  });

  it('GET /api/quality/history: the appended warehouse keeps both loads’ checks, oldest first, each change as the load compared it', async () => {
    const body = await get(exact, '/quality/history');
    const runs = await sql<{ run_id: string }>('SELECT run_id FROM etl.runs ORDER BY finished_at');
    expect(body.runs.map((r: Json) => r.runId)).toEqual(runs.map((r) => r.run_id));
    const stored = await sql<{ run_id: string; check_id: string; status: string; rows_failed: number; comparison: string | null; threshold: number; category: string }>(
      'SELECT run_id, check_id, status, rows_failed, comparison, threshold, category FROM quality.results');
    expect(stored.length).toBe(2 * body.checks.length);
    for (const check of body.checks) {
      expect(check.runs).toHaveLength(2);
      for (const [index, run] of check.runs.entries()) {
        const row = stored.find((r) => r.run_id === run.runId && r.check_id === check.id)!;
        expect([run.status, run.rowsFailed, check.threshold, check.category]).toEqual([row.status, row.rows_failed, row.threshold, row.category]);
        // The second load compared itself with the first when it ran: the history's change must agree.
        if (index === 1) expect(run.change, check.id).toBe(row.comparison);
      }
    }
    const last = await get(exact, '/quality');
    expect(body.runs.at(-1)).toMatchObject({ runId: last.runId, passed: last.summary.passed, failed: last.summary.failed });
  });

  it('GET /api/quality/history: matches its OpenAPI schema, and without exact counts sends no count of 1–10', async () => {
    const shown = await get(exact, '/quality/history');
    const hidden = await get(protectedServer, '/quality/history');
    for (const body of [shown, hidden]) expect(qualityHistorySchema.safeParse(body).success).toBe(true);
    expect([shown.exactCounts, hidden.exactCounts]).toEqual([true, false]);
    const counts = (body: Json): number[] => body.checks.flatMap((c: Json) => c.runs.flatMap((r: Json) => [r.rowsChecked, r.rowsFailed]));
    expect(counts(shown).some((n) => n >= 1 && n <= 10)).toBe(true); // there is something to hide
    for (const n of counts(hidden)) expect(n === null || n === 0 || n > 10, String(n)).toBe(true);
    // A failing count hidden: the passing records (checked − failed) of 1–10 are hidden too.
    for (const c of hidden.checks) for (const r of c.runs) if (r.rowsFailed !== null && r.rowsChecked !== null) expect(r.rowsChecked - r.rowsFailed === 0 || r.rowsChecked - r.rowsFailed > 10).toBe(true);
  });

  it('sends no identifier of the extract in any quality or load answer, on either server', async () => {
    expect(identifiers.size).toBeGreaterThan(100);
    for (const server of [exact, protectedServer]) {
      for (const path of ['/quarantine', '/loads', '/quality', '/quality/history']) {
        const text = await (await fetch(`${server.url}/api${path}`)).text();
        for (const [identifier, kind] of identifiers) expect(text.includes(identifier), `${kind} ${identifier} in ${path}`).toBe(false);
      }
    }
  });
});
