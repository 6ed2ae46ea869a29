// The checks that run in slices of the people (person-period uniqueness and utilization, duplicate
// observations) against small hand-made tables in a real DuckDB: a fault is found whichever slice
// its person falls in, and the counts add up to the whole table's, as one unsliced pass would give.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPUTATIONAL_CONFORMANCE_CHECKS } from '../../pipelines/quality/checks/computational-conformance.ts';
import { UNIQUENESS_CHECKS } from '../../pipelines/quality/checks/uniqueness-plausibility.ts';
import { PERSON_SLICES } from '../../pipelines/quality/check-sql.ts';
import { tablesFor } from '../../pipelines/quality/quality-check.ts';
import { runCheck } from '../../pipelines/quality/run-checks.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';

const PEOPLE = 40; // several people per slice
const person = (i: number) => `p${String(i).padStart(3, '0')}`;
const check = (id: string) => [...UNIQUENESS_CHECKS, ...COMPUTATIONAL_CONFORMANCE_CHECKS].find((c) => c.id === id)!;

describe('quality checks run in slices of the people', () => {
  let db: Database;
  const tables = tablesFor('');
  const now = new Date('2026-01-01T00:00:00Z');

  beforeAll(async () => {
    db = await openDatabase(':memory:');
    await db.run('CREATE SCHEMA core');
    await db.run('CREATE SCHEMA mart');
    // Each person: one ED visit on 2024-01-10, so 1 ED visit in their January, Q1 and 2024 rows.
    await db.run(`CREATE TABLE core.encounter AS SELECT 'p' || lpad(i::VARCHAR, 3, '0') AS person_id, TIMESTAMP '2024-01-10 09:00' AS start_ts, 'emergency' AS encounter_class
                  FROM range(${PEOPLE}) t(i)`);
    for (const [grain, start] of [['month', '2024-01-01'], ['quarter', '2024-01-01'], ['year', '2024-01-01']]) {
      await db.run(`CREATE TABLE mart.person_${grain} AS SELECT 'p' || lpad(i::VARCHAR, 3, '0') AS person_id, DATE '${start}' AS period_start, 1 AS ed_visits, 0 AS inpatient_admits
                    FROM range(${PEOPLE}) t(i)`);
    }
    await db.run(`CREATE TABLE core.observation AS SELECT 'p' || lpad(i::VARCHAR, 3, '0') AS person_id, TIMESTAMP '2024-01-10 09:00' AS obs_ts, '8867-4' AS code, 70.0 AS value_num, NULL::VARCHAR AS value_text
                  FROM range(${PEOPLE}) t(i)`);
  });
  afterAll(() => db?.close());

  it('counts every row once over the slices and finds no fault in clean tables', async () => {
    expect(PERSON_SLICES).toBeGreaterThan(1);
    expect(await runCheck(db, check('person-period-unique'), tables, now)).toMatchObject({ rowsChecked: 3 * PEOPLE, rowsFailed: 0, status: 'pass' });
    expect(await runCheck(db, check('person-period-utilization'), tables, now)).toMatchObject({ rowsChecked: 3 * PEOPLE, rowsFailed: 0, status: 'pass' });
    expect(await runCheck(db, check('observation-duplicate'), tables, now)).toMatchObject({ rowsChecked: PEOPLE, rowsFailed: 0 });
  });

  it('finds injected faults of people in different slices', async () => {
    // Two people repeated in the month table, one in the year table; a second ED visit for two
    // people that their month, quarter and year rows do not count; one observation recorded twice.
    await db.run(`INSERT INTO mart.person_month SELECT * FROM mart.person_month WHERE person_id IN ('${person(3)}', '${person(17)}')`);
    await db.run(`INSERT INTO mart.person_year SELECT * FROM mart.person_year WHERE person_id = '${person(29)}'`);
    await db.run(`INSERT INTO core.encounter SELECT person_id, TIMESTAMP '2024-01-20 09:00', 'emergency' FROM core.encounter WHERE person_id IN ('${person(5)}', '${person(36)}')`);
    await db.run(`INSERT INTO core.observation SELECT * FROM core.observation WHERE person_id = '${person(11)}'`);
    const slices = await db.query<{ n: number }>(`SELECT count(DISTINCT hash(person_id) % ${PERSON_SLICES}) AS n FROM (VALUES ('${person(3)}'), ('${person(17)}'), ('${person(29)}')) v(person_id)`);
    expect(slices[0]!.n).toBeGreaterThan(1); // the duplicates really are in different slices

    expect(await runCheck(db, check('person-period-unique'), tables, now)).toMatchObject({ rowsChecked: 3 * PEOPLE + 3, rowsFailed: 3, status: 'fail' });
    // The two people's month, quarter and year rows, plus the duplicated month rows of p003/p017 (they match).
    expect(await runCheck(db, check('person-period-utilization'), tables, now)).toMatchObject({ rowsChecked: 3 * PEOPLE + 3, rowsFailed: 6, status: 'fail' });
    expect(await runCheck(db, check('observation-duplicate'), tables, now)).toMatchObject({ rowsChecked: PEOPLE + 1, rowsFailed: 1 });
  });
});
