// Payer attribution (issue 16, item 4): each person-period's payer is the category of the payer
// covering most of its days; a boundary day that two Synthea plan years share belongs to the plan
// that ends on it; equal days go to the category first in alphabetical order. On a warehouse written
// by hand, April 2022 is split between two payers in three ways, each counted by hand.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { PAYERS, writeHandBuiltExtract, type HandBuiltPerson } from '../helpers/hand-built-extract.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

const { aetna, medicaid } = PAYERS; // categories Commercial and Medicaid
const PEOPLE: HandBuiltPerson[] = [
  // Aetna to 2022-04-15, Medicaid from 2022-04-15: the shared day is Aetna's, so April is 15 days each.
  { id: 1, race: 'white', spans: [['2020-01-01', '2022-04-15', aetna], ['2022-04-15', '2025-01-01', medicaid]], visits: ['2021-01-05', '2022-12-31'] },
  // Medicaid April 1–10, no coverage April 11–20, Aetna from April 21: 10 days each, no shared day.
  { id: 2, race: 'black', spans: [['2020-01-01', '2022-04-10', medicaid], ['2022-04-21', '2025-01-01', aetna]] },
  // Medicaid to April 20 (shared day included), Aetna after: 20 days against 10.
  { id: 3, race: 'asian', spans: [['2020-01-01', '2022-04-20', medicaid], ['2022-04-20', '2025-01-01', aetna]] },
];

describe('payer attribution on a hand-built warehouse', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-attribution-'));
  let db: Database;
  const rows = (table: string, start: string) =>
    db.query<{ race: string; payer: string; days: number }>(
      `SELECT race, payer, round(member_months * 365.25 / 12, 6) AS days FROM mart.${table} WHERE period_start = DATE '${start}' ORDER BY race`,
    );

  beforeAll(async () => {
    writeHandBuiltExtract(join(dir, 'synthea'), PEOPLE);
    await loadExtract({ source: join(dir, 'synthea'), warehouse: join(dir, 'w.duckdb'), secretsFile: join(dir, 'key') }, quietLoadDeps);
    db = await openDatabase(join(dir, 'w.duckdb'), { readOnly: true });
  });
  afterAll(() => db?.close());

  it('gives a shared boundary day to the plan that ends on it, breaks a tie of days by category name, and otherwise takes the payer of most days', async () => {
    expect(await rows('person_month', '2022-04-01')).toEqual([
      { race: 'asian', payer: 'Medicaid', days: 30 }, // 20 days against 10
      { race: 'black', payer: 'Commercial', days: 20 }, // 10 and 10: Commercial before Medicaid
      { race: 'white', payer: 'Commercial', days: 30 }, // 15 and 15 with the boundary day Aetna's; 14 and 16 would be Medicaid
    ]);
  });

  it('counts each covered day once in a year and a quarter too', async () => {
    // 2022: person 1 Aetna Jan 1–Apr 15 (105 days), Medicaid after (260); person 2: 365 − 10 uncovered days;
    // person 3: Medicaid Jan 1–Apr 20 (110), Aetna after (255).
    expect(await rows('person_year', '2022-01-01')).toEqual([
      { race: 'asian', payer: 'Commercial', days: 365 },
      { race: 'black', payer: 'Commercial', days: 355 },
      { race: 'white', payer: 'Medicaid', days: 365 },
    ]);
    // Q2 2022 (91 days): person 1 Aetna 15, Medicaid 76; person 2 Medicaid 10, Aetna 71; person 3 Medicaid 20, Aetna 71.
    expect(await rows('person_quarter', '2022-04-01')).toEqual([
      { race: 'asian', payer: 'Commercial', days: 91 },
      { race: 'black', payer: 'Commercial', days: 81 },
      { race: 'white', payer: 'Medicaid', days: 91 },
    ]);
  });
});
