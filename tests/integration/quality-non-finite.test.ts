// The quality check for non-finite numbers (issue 14, finding 6): validation quarantines NaN and
// infinities, so a clean load passes; a NaN that reaches core.* anyway is counted.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract } from '../../pipelines/load.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { QUALITY_CHECKS } from '../../pipelines/quality/check-catalog.ts';
import { tablesFor } from '../../pipelines/quality/quality-check.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

// encounters 604 + observations 990 + medications 663 + procedures 249 + immunizations 29 (nj27 data lines)
const NUMERIC_ROWS = 2535;

describe('the numeric-values-finite quality check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-qnf-'));
  const warehouse = join(dir, 'w.duckdb');
  let db: Database;
  const check = QUALITY_CHECKS.find((c) => c.id === 'numeric-values-finite')!;
  const run = async () => (await db.query<{ rows_checked: number; rows_failed: number }>(String(check.sql(tablesFor('')))))[0];

  beforeAll(async () => {
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    db = await openDatabase(warehouse);
  });
  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is one of the 72 checks, the count the README states', () => {
    expect(QUALITY_CHECKS.length).toBe(72);
    expect(readFileSync(new URL('../../README.md', import.meta.url), 'utf8')).toContain('72 data-quality checks');
    expect(check).toMatchObject({ category: 'conformance', subcategory: 'value', severity: 'error', threshold: 0 });
  });
  it('quarantines nothing of the clean fixture by the number rules', async () => {
    const reasons = await db.query<{ reason: string }>(`SELECT DISTINCT reason FROM etl.quarantine`);
    for (const { reason } of reasons) expect(reason).not.toMatch(/finite|plausible maximum|is not a number|outside the plausible range -?\d/);
  });
  it('passes on a clean load, every numeric row checked', async () => {
    expect(await run()).toEqual({ rows_checked: NUMERIC_ROWS, rows_failed: 0 });
  });
  it('counts a NaN cost and an infinite observation value that reach the core tables', async () => {
    await db.run(`UPDATE core.encounter SET total_cost = 'NaN'::DOUBLE WHERE encounter_id = (SELECT min(encounter_id) FROM core.encounter)`);
    await db.run(`UPDATE core.observation SET value_num = 'Infinity'::DOUBLE WHERE rowid = (SELECT min(rowid) FROM core.observation WHERE value_num IS NOT NULL)`);
    expect(await run()).toEqual({ rows_checked: NUMERIC_ROWS, rows_failed: 2 });
  });
});
