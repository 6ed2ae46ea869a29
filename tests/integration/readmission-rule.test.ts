// The readmission rule (issue 16, item 4), as docs/measures.md states it: stays compared with the next
// admission only; a transfer (next admission on the discharge day), an overlapped stay (next admission
// before the discharge day) and a stay ending in death are not index stays; a readmission is the next
// admission 1–30 days after the discharge. Stays written by hand, index stays and readmissions counted by hand.
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

const COVERED: HandBuiltPerson['spans'] = [['2020-01-01', '2025-01-01']];
const PEOPLE: HandBuiltPerson[] = [
  {
    id: 1,
    spans: COVERED,
    visits: ['2022-01-03', '2022-12-31'],
    // Jan 10–15, readmitted Feb 1 (17 days); Feb 1–5, readmitted Mar 1 (24 days); Mar 1–5 transferred on
    // Mar 5 (not an index stay); Mar 5–10, no admission after (an index stay, not readmitted).
    stays: [['2022-01-10', '2022-01-15'], ['2022-02-01', '2022-02-05'], ['2022-03-01', '2022-03-05'], ['2022-03-05', '2022-03-10']],
  },
  {
    id: 2,
    spans: COVERED,
    // May 1–20 overlapped by an admission on May 10 (dropped); May 10–12, readmitted Jun 1 (20 days);
    // Jun 1–3, next admission Aug 1 (59 days: not a readmission); Aug 1–2, none after.
    stays: [['2022-05-01', '2022-05-20'], ['2022-05-10', '2022-05-12'], ['2022-06-01', '2022-06-03'], ['2022-08-01', '2022-08-02']],
  },
  // Died on the discharge day: not an index stay.
  { id: 3, spans: COVERED, died: '2022-09-10', stays: [['2022-09-01', '2022-09-10']] },
];
// By hand: index stays 3 (person 1) + 3 (person 2: May 12, Jun 3, Aug 2) = 6; readmissions 2 + 1 = 3.

describe('the 30-day readmission rule on hand-written stays', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-readmission-'));
  let db: Database;

  beforeAll(async () => {
    writeHandBuiltExtract(join(dir, 'synthea'), PEOPLE);
    await loadExtract({ source: join(dir, 'synthea'), warehouse: join(dir, 'w.duckdb'), secretsFile: join(dir, 'key') }, quietLoadDeps);
    db = await openDatabase(join(dir, 'w.duckdb'), { readOnly: true });
  });
  afterAll(() => db?.close());

  it('drops transfers, overlapped stays and stays ending in death from the index stays, and counts the next admission 1–30 days later', async () => {
    const [year] = (await trueCells(db, { measure: requireMeasure('readmission-30-day'), period: 'year', by: [], filters: {} })).filter((c) => String(c.keys[0]).startsWith('2022'));
    expect([year!.numerator, year!.denominator]).toEqual([3, 6]);
    // Each readmission in the month of its index discharge: January, February (person 1), May (person 2).
    const months = await trueCells(db, { measure: requireMeasure('readmission-30-day'), period: 'month', by: [], filters: {} });
    const shown = months.filter((c) => c.denominator > 0).map((c) => [String(c.keys[0]).slice(0, 7), c.numerator, c.denominator]);
    expect(shown).toEqual([['2022-01', 1, 1], ['2022-02', 1, 1], ['2022-03', 0, 1], ['2022-05', 1, 1], ['2022-06', 0, 1], ['2022-08', 0, 1]]);
  });
});
