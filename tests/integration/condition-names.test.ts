// The names a characterization shows its top diagnoses with (core/cohorts/condition-names.ts), on a
// real DuckDB core.condition built here: the reference description where data/reference has one,
// else the description the most people share if 11 or more do (ties to the first in sort order),
// else none. Each expectation is worked out by hand from the rows below, whichever way the module
// reads them (the first records of a code proving 11 people, or a full count).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conditionNames } from '../../core/cohorts/condition-names.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';

const S = 'SNOMED';
type Row = [person: string, code: string, description: string | null];

/** `people` people with `perPerson` records each of a code and description. */
const records = (code: string, description: string | null, people: number, perPerson = 1, prefix = `${code}-${description}`): Row[] =>
  Array.from({ length: people }, (_, p) => Array.from({ length: perPerson }, (): Row => [`${prefix}-p${p}`, code, description])).flat();

const ROWS: Row[] = [
  // One description, 11 people: shown.
  ...records('100', 'Eleven people (disorder)', 11),
  // One description, 10 people with 5 records each (50 records): not shown.
  ...records('200', 'Ten people (disorder)', 10, 5),
  // One description, its first 1,200 records from 4 people, then 8 more people: 12 in all, shown.
  ...records('300', 'Late people (disorder)', 4, 300, 'late-a'),
  ...records('300', 'Late people (disorder)', 8, 1, 'late-b'),
  // Two descriptions: 12 and 15 people: the second.
  ...records('400', 'Fewer (disorder)', 12),
  ...records('400', 'More (disorder)', 15),
  // Two descriptions with 12 people each: the first in sort order.
  ...records('500', 'Beta (disorder)', 12),
  ...records('500', 'Alpha (disorder)', 12),
  // Records without a description do not count for any: 11 people, 5 of whom have no text.
  ...records('600', 'Six with text (disorder)', 6),
  ...records('600', null, 5),
  // A code with a reference description: that one, whatever the records say.
  ...records('44054006', 'Something else (disorder)', 30),
];

describe('condition names', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase(':memory:');
    await db.run('CREATE SCHEMA core');
    await db.run('CREATE TABLE core.condition (person_id VARCHAR, system VARCHAR, code VARCHAR, description VARCHAR)');
    const values = ROWS.map(([person, code, description]) => `('${person}', '${S}', '${code}', ${description === null ? 'NULL' : `'${description}'`})`);
    await db.run(`INSERT INTO core.condition VALUES ${values.join(', ')}`);
  });
  afterAll(() => db?.close());

  it('names each code by its reference description, else the description 11 or more people share the most of', async () => {
    const codes = ['100', '200', '300', '400', '500', '600', '44054006', '999'].map((code) => ({ system: S, code }));
    const names = await conditionNames(db, codes);
    const shown = Object.fromEntries(codes.map(({ code }) => [code, names.get(`${S}|${code}`) ?? null]));
    expect(shown).toEqual({
      '100': 'Eleven people (disorder)',
      '200': null,
      '300': 'Late people (disorder)',
      '400': 'More (disorder)',
      '500': 'Alpha (disorder)',
      '600': null,
      '44054006': 'Diabetes mellitus type 2 (disorder)',
      '999': null,
    });
  });

  it('answers a code asked for again, alone, as it did among others', async () => {
    const names = await conditionNames(db, [{ system: S, code: '300' }, { system: S, code: '200' }]);
    expect(names.get(`${S}|300`)).toBe('Late people (disorder)');
    expect(names.has(`${S}|200`)).toBe(false);
  });
});
