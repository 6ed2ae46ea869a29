// The server's warm-up (server/warehouse/warm-up.ts) on a real loaded warehouse: the live warehouse
// starts it on each generation it opens, at start and again after a load publishes a new file,
// without holding up the requests; and what it computes is what the routes then answer.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../core/warehouse/database.ts';
import { dimensionValues, warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { openLiveWarehouse, type LiveWarehouse } from '../../server/warehouse/live-warehouse.ts';
import { warmCohorts, warmWarehouse } from '../../server/warehouse/warm-up.ts';
import { CohortMembers } from '../../core/cohorts/cohort-members.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

describe('warehouse warm-up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-warm-up-'));
  const warehouse = join(dir, 'w.duckdb');
  const warmed: Database[] = [];
  let live: LiveWarehouse;

  beforeAll(async () => {
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    live = await openLiveWarehouse(warehouse, {
      recheckMs: 0,
      warm: async (db) => {
        warmed.push(db);
        await warmWarehouse(db);
      },
    });
  }, 300_000);
  afterAll(() => live?.close());

  it('warms the warehouse it opens at start, and the facts it computed are the ones a request gets', async () => {
    expect(warmed).toHaveLength(1);
    const [db] = warmed;
    // The same database the requests use, with the facts already cached for it: equal to the facts computed afresh.
    await live.use(async (used) => expect(used).toBe(db));
    const [meta] = await db!.query<{ people: number }>('SELECT count(*)::INTEGER AS people FROM core.person');
    expect((await warehouseMeta(db!, { exactCounts: true })).people).toBe(meta!.people);
    expect((await dimensionValues(db!, { exactCounts: true })).sex.sort()).toEqual(
      (await db!.query<{ sex: string }>('SELECT DISTINCT sex FROM mart.person_year WHERE sex IS NOT NULL')).map((r) => r.sex).sort(),
    );
  });

  it("reads the cohort gate's person index: every person with the record key the load computes, kept for the gate", async () => {
    const members = new CohortMembers();
    await live.use(async (db) => {
      await warmCohorts(db, members);
      const index = await members.index(db);
      // The same index the gate then reads, not read again.
      expect(await members.index(db)).toBe(index);
      const people = await db.query<{ r: number; k: number }>(`SELECT rowid::INTEGER AS r, ('0x' || left(sha256('record-key:' || person_id), 8))::BIGINT AS k FROM core.person`);
      expect(index.everyone.size).toBe(people.length);
      for (const { r, k } of people) expect(index.keys[r]).toBe(Number(k));
    });
  });

  it('warms the new file once a load publishes it', async () => {
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key'), mode: 'replace' }, quietLoadDeps);
    await live.use(async () => undefined); // the next request switches to the new file
    expect(warmed).toHaveLength(2);
    expect(warmed[1]).not.toBe(warmed[0]);
  }, 300_000);
});
