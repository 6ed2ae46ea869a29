// The PostgreSQL characterization's age bands compare birth dates with cutoff dates computed here
// (core/cohorts/build-profile-sql.ts): each cutoff must split people exactly where DuckDB's
// date_sub('year', birth, index) does, month ends and 29 February included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDateCutoff } from '../../core/cohorts/build-profile-sql.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';

describe('birth date cutoffs of the age bands', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
  });
  afterAll(() => db?.close());

  it('puts a person at or before the cutoff exactly when DuckDB counts them that many whole years old', async () => {
    const indexDates = ['2024-12-31', '2023-02-28', '2024-02-29', '2024-02-28', '2021-04-30', '2021-05-30', '2020-06-30', '2022-01-01', '2021-03-31'];
    let checked = 0;
    for (const indexDate of indexDates) {
      for (const years of [1, 4, 18, 35, 50, 65, 75, 85]) {
        const cutoff = birthDateCutoff(indexDate, years);
        // Every birth date from 40 days before the cutoff to 40 days after it.
        const rows = await db.query<{ birth: string; old_enough: boolean }>(
          `SELECT strftime(d, '%Y-%m-%d') AS birth, date_sub('year', d::DATE, $1::DATE) >= $2 AS old_enough
           FROM range($3::DATE - INTERVAL 40 DAY, $3::DATE + INTERVAL 41 DAY, INTERVAL 1 DAY) AS t(d)`,
          [indexDate, years, cutoff],
        );
        for (const { birth, old_enough } of rows) expect([indexDate, years, birth, birth <= cutoff]).toEqual([indexDate, years, birth, old_enough]);
        checked += rows.length;
      }
    }
    expect(checked).toBe(9 * 8 * 81);
    // By hand: 29 February is a year older on 28 February of a year without one (the last day of its month).
    expect(birthDateCutoff('2023-02-28', 1)).toBe('2022-02-28');
    expect(birthDateCutoff('2001-02-28', 1)).toBe('2000-02-29');
    expect(birthDateCutoff('2024-02-29', 1)).toBe('2023-02-28');
    expect(birthDateCutoff('2021-05-30', 18)).toBe('2003-05-30');
  });
});
