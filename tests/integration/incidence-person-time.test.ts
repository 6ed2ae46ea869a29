// Incidence censors person-time at onset (issue 16, item 4): on a warehouse of six people written by
// hand, the person-time at risk of each year is counted by hand from their coverage and first
// diagnosis, and the diabetes incidence's events and person-years must equal it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireMeasure } from '../../core/measures/catalog.ts';
import { trueCells } from '../../core/measures/run-measure.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { writeHandBuiltExtract, type HandBuiltPerson } from '../helpers/hand-built-extract.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

// Each person: coverage spans (Synthea's payer_transitions, end day included), death, first diabetes diagnosis.
// Person 1's visits open and close the data window.
const PEOPLE: (HandBuiltPerson & { what: string })[] = [
  { id: 1, what: 'diagnosed 2022-04-10, covered throughout', spans: [['2020-01-01', '2025-01-01']], onset: '2022-04-10', visits: ['2021-02-10', '2023-12-31'] },
  { id: 2, what: 'never diagnosed, died 2022-09-30', spans: [['2020-01-01', '2025-01-01']], died: '2022-09-30', visits: ['2022-01-10'] },
  { id: 3, what: 'diagnosed 2022-03-15, covered only from 2022-07-01', spans: [['2022-07-01', '2025-01-01']], onset: '2022-03-15' },
  { id: 4, what: 'diagnosed 2019-06-01, before coverage starts', spans: [['2020-01-01', '2025-01-01']], onset: '2019-06-01' },
  { id: 5, what: 'diagnosed 2022-04-20 in a gap of coverage (2022-03-01 to 2022-05-31)', spans: [['2020-01-01', '2022-02-28'], ['2022-06-01', '2025-01-01']], onset: '2022-04-20' },
  { id: 6, what: 'diagnosed on 2023-01-01', spans: [['2020-01-01', '2025-01-01']], onset: '2023-01-01' },
];

// By hand. The data window runs from 2019-01-01 (the year of person 4's diagnosis visit) to 2023-12-31 (the
// last encounter); coverage starts in 2020 at the earliest, so 2019 has no rows.
// Days at risk per year: covered days of people free of diabetes, through the day of diagnosis.
//   2020: persons 1, 2, 5, 6 (366 each, a leap year) = 1464; person 3 is not covered, person 4 is prevalent.
//   2021: persons 1, 2, 5, 6 (365 each) = 1460.
//   2022: 1: Jan 1–Apr 10 = 31+28+31+10 = 100; 2: Jan 1–Sep 30 = 273; 3: no covered day up to Mar 15 = 0;
//         5: Jan 1–Feb 28 = 59 (the gap holds the diagnosis); 6: 365.  Total 797.
//   2023: 6: Jan 1 = 1. Persons 1, 3, 5 are prevalent; 2 has died; 4 is prevalent.
// New cases, diagnosed on a covered day: 2022: person 1 (person 3 was diagnosed before coverage, person 5 in
// a gap); 2023: person 6.
const EXPECTED = [
  { year: 2020, cases: 0, days: 1464 },
  { year: 2021, cases: 0, days: 1460 },
  { year: 2022, cases: 1, days: 797 },
  { year: 2023, cases: 1, days: 1 },
];
const MEMBER_MONTH_DAYS = 365.25 / 12;

describe('diabetes incidence on a hand-built warehouse', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-incidence-'));
  const extract = join(dir, 'synthea');
  const warehouse = join(dir, 'w.duckdb');
  let db: Database;
  const measure = requireMeasure('diabetes-incidence');
  const cells = (period: 'year' | 'all' | 'month') => trueCells(db, { measure, period, by: [], filters: {} });

  beforeAll(async () => {
    writeHandBuiltExtract(extract, PEOPLE);
    await loadExtract({ source: extract, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    db = await openDatabase(warehouse, { readOnly: true });
  });
  afterAll(() => db?.close());

  it('ends each person\'s time at risk at the first diagnosis, and counts only diagnoses made on a covered day', async () => {
    const byYear = (await cells('year')).map((c) => ({ year: Number(String(c.keys[0]).slice(0, 4)), cases: c.numerator, days: c.denominator * 12 * MEMBER_MONTH_DAYS }));
    expect(byYear.map((c) => c.year)).toEqual(EXPECTED.map((e) => e.year));
    for (const [i, expected] of EXPECTED.entries()) {
      expect(byYear[i]!.cases, String(expected.year)).toBe(expected.cases);
      expect(byYear[i]!.days, String(expected.year)).toBeCloseTo(expected.days, 6);
    }
  });

  it('pools the years for period=all: 2 cases over 3,722 days at risk', async () => {
    const [all] = await cells('all');
    expect(all!.numerator).toBe(2);
    expect(all!.denominator * 12 * MEMBER_MONTH_DAYS).toBeCloseTo(1464 + 1460 + 797 + 1, 6);
  });

  it('ends time at risk at onset in months too, and counts the same cases as the years', async () => {
    const months = await cells('month');
    const april = months.find((c) => String(c.keys[0]).startsWith('2022-04'))!;
    // Person 1: Apr 1–10; persons 2 and 6: 30 days each; person 5 is in a gap (no covered day in April).
    expect(april.numerator).toBe(1);
    expect(april.denominator * 12 * MEMBER_MONTH_DAYS).toBeCloseTo(10 + 30 + 30, 6);
    expect(months.reduce((sum, c) => sum + c.numerator, 0)).toBe(2);
    const days2022 = months.filter((c) => String(c.keys[0]).startsWith('2022')).reduce((sum, c) => sum + c.denominator * 12 * MEMBER_MONTH_DAYS, 0);
    expect(days2022).toBeCloseTo(797, 6);
  });
});
