// The in-memory evaluation of a cohort (core/cohorts/cohort-members.ts) against the warehouse: each
// definition's size equals the count of its compiled SQL, and its key residue equals the sum of the
// members' record keys computed here with Node's SHA-256 from their pseudonyms (as the load derives
// them, docs/disclosure.md), so the preview's noise is drawn from the same key as before.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builderSession } from '../../bench/cohort-preview.ts';
import { buildCohortSql } from '../../core/cohorts/build-cohort-sql.ts';
import { CohortMembers } from '../../core/cohorts/cohort-members.ts';
import type { CohortCriteria } from '../../core/cohorts/cohort-query.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { buildTestWarehouse, type TestWarehouse } from '../helpers/test-server.ts';

const recordKey = (personId: string) => BigInt(`0x${createHash('sha256').update(`record-key:${personId}`).digest('hex').slice(0, 8)}`);

describe('cohort members evaluated in memory, on 1,500 generated people', () => {
  let built: TestWarehouse;
  let db: Database;

  beforeAll(async () => {
    built = await buildTestWarehouse({ people: 1_500, seed: 11 });
    db = await openDatabase(built.warehouse, { readOnly: true });
  }, 600_000);
  afterAll(() => {
    db?.close();
    built?.remove();
  });

  async function truth(definition: CohortCriteria): Promise<{ count: number; key: number }> {
    const { sql, values } = buildCohortSql(definition);
    const rows = await db.query<{ person_id: string }>(`SELECT person_id FROM (${sql}) AS m`, values);
    const key = rows.reduce((sum, row) => sum + recordKey(row.person_id), 0n) % 2n ** 32n;
    return { count: rows.length, key: Number(key) };
  }

  const definitions = (counties: string[], payer: string): CohortCriteria[] => [
    ...builderSession().map((criteria) => ({ criteria })),
    { criteria: { not: { any: [{ sex: 'F' }, { condition: { group: 'diabetes' } }] } } },
    { criteria: { all: [{ age: { min: 40, max: 64 } }, { alive: true }] }, indexDate: '2015-06-30' },
    { criteria: { all: [{ condition: { group: 'hypertension' } }, { not: { medication: { codes: ['314076'] } } }] }, restriction: { county: counties } },
    { criteria: { payer: { category: 'Medicare' } }, restriction: { payer: [payer] } },
  ];

  it('sizes every definition as its SQL counts it, with the key of exactly its members', async () => {
    const members = new CohortMembers();
    // Restrictions to the two largest counties and to the most common payer of the person-years.
    const counties = (await db.query<{ county: string }>('SELECT county FROM core.person WHERE county IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 2')).map((r) => r.county);
    const [{ payer }] = await db.query<{ payer: string }>('SELECT payer FROM mart.person_year WHERE payer IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    let nonEmpty = 0;
    const all = definitions(counties, payer);
    for (const definition of all) {
      const expected = await truth(definition);
      const { count, key } = await members.sized(db, definition);
      expect({ definition, count, key }).toEqual({ definition, ...expected });
      if (expected.count > 0) nonEmpty += 1;
    }
    // The check means something only if most cohorts hold people.
    expect(nonEmpty).toBeGreaterThan(all.length * 0.8);
  }, 300_000);

  it('finds the exact symmetric difference of two cohorts (people in exactly one)', async () => {
    const members = new CohortMembers();
    const a: CohortCriteria = { criteria: { condition: { group: 'diabetes' } } };
    const b: CohortCriteria = { criteria: { all: [{ condition: { group: 'diabetes' } }, { alive: true }] } };
    const [sa, sb] = [buildCohortSql(a), buildCohortSql(b)];
    const [{ n }] = await db.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM ((${sa.sql}) EXCEPT (${sb.sql.replace(/\$(\d+)/g, (_, d: string) => `$${Number(d) + sa.values.length}`)}))`,
      [...sa.values, ...sb.values],
    );
    // b is a subset of a, so |a Δ b| = |a \ b|.
    expect((await members.of(db, a)).symmetricDifference(await members.of(db, b))).toBe(n);
  }, 120_000);
});
