// The per-query time budget: a statement still running when its budget is spent is interrupted and
// fails with a clear domain error (the server answers 503), and the connection answers afterwards.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../core/errors.ts';
import { openDatabase } from '../../core/warehouse/database.ts';
import { STATUS_OF_DOMAIN_ERROR } from '../../server/http/error-status.ts';

// Billions of hashes: tens of seconds on this machine, so only the interrupt can end it in time.
const SLOW_SQL = 'SELECT sum(hash(i)) AS s FROM range(20000000000) t(i)';

describe('the time budget of a query', () => {
  it('stops a statement over budget with query_timeout, and the database still answers', async () => {
    const db = await openDatabase(join(mkdtempSync(join(tmpdir(), 'popsight-budget-')), 'w.duckdb'), { statementTimeoutMs: 200 });
    try {
      const started = performance.now();
      const error = await db.query(SLOW_SQL).then(
        () => undefined,
        (e: unknown) => e,
      );
      const seconds = (performance.now() - started) / 1000;
      expect(isDomainError(error) && error.code).toBe('query_timeout');
      expect(STATUS_OF_DOMAIN_ERROR.query_timeout).toBe(503);
      expect((error as Error).message).toMatch(/more than 0\.2 s of database time/);
      expect(seconds).toBeLessThan(10);
      expect(await db.query<{ x: number }>('SELECT 42 AS x')).toEqual([{ x: 42 }]);
      await expect(db.run(SLOW_SQL)).rejects.toMatchObject({ code: 'query_timeout' });
    } finally {
      db.close();
    }
  });

  it('lets a statement within budget finish', async () => {
    const db = await openDatabase(':memory:', { statementTimeoutMs: 5_000 });
    try {
      expect(await db.query<{ n: number }>('SELECT count(*) AS n FROM range(1000)')).toEqual([{ n: 1000 }]);
    } finally {
      db.close();
    }
  });
});
