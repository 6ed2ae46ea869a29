import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract, type LoadResult } from '../../pipelines/load.ts';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { qualityReportSchema } from '../../core/api/api-schemas.ts';
import { openDatabase } from '../../core/warehouse/database.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

const CHECK_KEYS = ['category', 'comparison', 'description', 'id', 'percentFailed', 'rowsChecked', 'rowsFailed', 'severity', 'status', 'subcategory', 'suppressed', 'threshold'];

describe('GET /api/quality on a real server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-quality-api-'));
  const warehouse = join(dir, 'warehouse.duckdb');
  const withoutResults = join(dir, 'before-quality.duckdb');
  let loaded: LoadResult;
  let server: RunningServer;
  let oldServer: RunningServer;

  beforeAll(async () => {
    loaded = await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    copyFileSync(warehouse, withoutResults);
    const db = await openDatabase(withoutResults);
    await db.run('DROP TABLE quality.results');
    db.close();
    server = await startServer({ warehouse, port: 0, host: '127.0.0.1' });
    oldServer = await startServer({ warehouse: withoutResults, port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
    await oldServer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns the run, its summary and every check as counts', async () => {
    const response = await fetch(`${server.url}/api/quality`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(['checks', 'dataVersion', 'runId', 'summary']);
    expect(qualityReportSchema.safeParse(body).success).toBe(true); // the shape the OpenAPI document promises
    expect(body.runId).toBe(loaded.runId);
    expect(body.dataVersion).toBe(loaded.dataVersion);
    const checks = body.checks as Record<string, unknown>[];
    expect(checks.length).toBeGreaterThanOrEqual(30);
    for (const check of checks) {
      // A suppressed check (a count of 1–10, see side-doors.test.ts) says why; the others have no reason.
      expect(Object.keys(check).filter((key) => key !== 'suppressionReason').sort()).toEqual(CHECK_KEYS);
      expect('suppressionReason' in check).toBe(check.suppressed);
      expect(check.rowsChecked === null || typeof check.rowsChecked === 'number').toBe(true);
      expect(typeof check.rowsFailed).toBe(check.suppressed ? 'object' : 'number'); // null or a count
      expect(check.comparison).toBeNull(); // the first load has nothing to compare with
    }
    // nj27 has no FIPS codes and 12 of its 27 people have no ZIP code: the only two failing checks.
    const failing = checks.filter((c) => c.status === 'fail').map((c) => c.id).sort();
    expect(failing).toEqual(['person-county-fips-missing', 'person-zip3-missing']);
    // 12 failing and 15 passing: neither is 1–10, so the counts are shown.
    expect(checks.find((c) => c.id === 'person-zip3-missing')).toMatchObject({ rowsChecked: 27, rowsFailed: 12, percentFailed: 44.4444, suppressed: false });
    expect(body.summary).toEqual({ checks: checks.length, passed: checks.length - 2, failed: 2, new: 0, resolved: 0 });
  });

  it('lists the checks in the order of the framework: conformance, completeness, plausibility', async () => {
    const { checks } = await (await fetch(`${server.url}/api/quality`)).json();
    const categories = (checks as { category: string }[]).map((c) => c.category);
    const firstOf = (category: string) => categories.indexOf(category);
    const lastOf = (category: string) => categories.lastIndexOf(category);
    expect(lastOf('conformance')).toBeLessThan(firstOf('completeness'));
    expect(lastOf('completeness')).toBeLessThan(firstOf('plausibility'));
  });

  it('answers 404 with an error body for a warehouse built before the checks existed', async () => {
    const response = await fetch(`${oldServer.url}/api/quality`);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('no_quality_results');
  });
});
