// Reused plans (`reusePlan`) answer exactly as a fresh statement would: new values each run, no
// stale results, a failed run leaves nothing broken behind, and old plans are let go.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';

describe('Database.query with reusePlan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-plans-'));
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase(join(dir, 'plans.duckdb'));
    await db.run(`CREATE TABLE t AS SELECT i, i % 3 AS k, 'v' || i AS label FROM range(1, 101) r(i)`);
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const SQL = 'SELECT k, count(*)::INTEGER AS n, sum(i)::INTEGER AS total FROM t WHERE i <= $1 GROUP BY k ORDER BY k';

  it('binds the new values on every run of the same SQL', async () => {
    for (const limit of [10, 3, 100, 1]) {
      const reused = await db.query(SQL, [limit], { reusePlan: true });
      const fresh = await db.query(SQL, [limit]);
      expect(reused).toEqual(fresh);
    }
    // By hand: i ≤ 10 → k=0: 3,6,9 (3 rows, 18); k=1: 1,4,7,10 (4, 22); k=2: 2,5,8 (3, 15).
    expect(await db.query(SQL, [10], { reusePlan: true })).toEqual([
      { k: 0, n: 3, total: 18 },
      { k: 1, n: 4, total: 22 },
      { k: 2, n: 3, total: 15 },
    ]);
  });

  it('runs a statement without parameters again after one with them', async () => {
    const sql = 'SELECT count(*)::INTEGER AS n FROM t';
    expect(await db.query(sql, [], { reusePlan: true })).toEqual([{ n: 100 }]);
    expect(await db.query(sql, [], { reusePlan: true })).toEqual([{ n: 100 }]);
  });

  it('reports a failing run and keeps answering afterwards', async () => {
    const sql = 'SELECT label::INTEGER AS n FROM t WHERE i = $1';
    await expect(db.query(sql, [5], { reusePlan: true })).rejects.toThrow(/Could not convert|Conversion Error/i);
    expect(await db.query(SQL, [3], { reusePlan: true })).toEqual([
      { k: 0, n: 1, total: 3 },
      { k: 1, n: 1, total: 1 },
      { k: 2, n: 1, total: 2 },
    ]);
  });

  it('keeps answering correctly when more distinct statements run than it keeps', async () => {
    for (let round = 0; round < 2; round++) {
      for (let j = 0; j < 80; j++) {
        const rows = await db.query<{ n: number }>(`SELECT count(*)::INTEGER + ${j} AS n FROM t WHERE i <= $1`, [j], { reusePlan: true });
        expect(rows).toEqual([{ n: j + j }]);
      }
    }
  });
});
