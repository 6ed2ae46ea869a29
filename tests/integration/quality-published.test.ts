import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract } from '../../pipelines/load.ts';
import { runQualityChecks, type QualitySummary } from '../../pipelines/quality/index.ts';
import { startServer } from '../../cli/start-server.ts';
import { openDatabase } from '../../core/warehouse/database.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

describe('runQualityChecks on a published warehouse (schema core), with the clock it is given', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-quality-published-'));
  const loaded = join(dir, 'loaded.duckdb');
  const copy = join(dir, 'copy.duckdb');
  const now = new Date('2024-01-02T00:00:00Z');
  let summary: QualitySummary;
  const result = (id: string) => summary.results.find((r) => r.check.id === id)!;

  beforeAll(async () => {
    await loadExtract({ source: NJ27, warehouse: loaded, secretsFile: join(dir, 'key') }, quietLoadDeps);
    copyFileSync(loaded, copy);
    const db = await openDatabase(copy);
    try {
      summary = await runQualityChecks(db, { runId: 'rerun-2024-01-02', now, previousWarehouse: loaded });
    } finally {
      db.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts encounters after the clock as in the future, as many as the source file has', () => {
    const starts = readFileSync(join(NJ27, 'encounters.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(',')[1]);
    const expected = starts.filter((start) => new Date(start) > now).length;
    expect(expected).toBe(13);
    expect(result('encounter-in-future')).toMatchObject({ rowsChecked: 604, rowsFailed: expected, status: 'fail' });
  });

  it('counts the newborn of 2024-01-03 as born in the future', () => {
    expect(result('person-date-in-future')).toMatchObject({ rowsChecked: 27, rowsFailed: 1, status: 'fail' });
  });

  it('compares with the run of the warehouse it is given and appends its own run', async () => {
    expect(summary.previousRunId).not.toBeNull();
    expect(result('encounter-in-future').comparison).toBe('new');
    expect(result('person-zip3-missing').comparison).toBe('stable');
    expect(summary.new).toBe(summary.results.filter((r) => r.comparison === 'new').length);
    const db = await openDatabase(copy, { readOnly: true });
    const runs = await db.query<{ run_id: string; n: number }>('SELECT run_id, count(*) AS n FROM quality.results GROUP BY run_id ORDER BY run_id');
    db.close();
    expect(runs).toEqual([
      { run_id: summary.previousRunId, n: summary.checks },
      { run_id: 'rerun-2024-01-02', n: summary.checks },
    ].sort((a, b) => a.run_id!.localeCompare(b.run_id!)));
  });

  it('is what GET /api/quality serves afterwards, although its clock is earlier than the load\'s', async () => {
    const server = await startServer({ warehouse: copy, port: 0, host: '127.0.0.1' });
    try {
      const body = await (await fetch(`${server.url}/api/quality`)).json();
      expect(body.runId).toBe('rerun-2024-01-02');
      expect(body.summary).toEqual({ checks: summary.checks, passed: summary.passed, failed: summary.failed, new: summary.new, resolved: summary.resolved });
    } finally {
      await server.close();
    }
  });

  it('rejects a schema prefix that is not a plain name', async () => {
    const db = await openDatabase(':memory:');
    await expect(runQualityChecks(db, { runId: 'x', now, schemaPrefix: 'wh; DROP TABLE x; --' })).rejects.toThrow(/invalid schema prefix/);
    db.close();
  });
});
