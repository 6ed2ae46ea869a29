// Synthea's own FHIR R4 Bundles carry no standalone Coverage: enrolment and payers come from each encounter's
// Claim (insurance.coverage.display, total) and ExplanationOfBenefit (contained Coverage, total, payment).
// tests/fixtures/synthea-fhir-pair holds the same three people as Synthea CSV and as Synthea Bundles, written by
// hand; both loads must give the person-time, payer spans and PMPM computed by hand below.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract, type LoadResult } from '../../pipelines/load.ts';
import { describeEnrolment, stageFhir } from '../../pipelines/sources/fhir/stage-fhir.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

const PAIR = fileURLToPath(new URL('../fixtures/synthea-fhir-pair', import.meta.url));
const FORMATS = ['csv', 'fhir'] as const;
type Format = (typeof FORMATS)[number];
type Row = Record<string, unknown>;

// The data window runs from 1 January of the first encounter's year (2021-02-10) to the last encounter's
// start (2023-12-15). Days of enrolment in it, birth and death clipped (every birth is before 2021):
//   Ines (Medicaid, Aetna from 2023-06-14): 2021-01-01..2023-12-15 = 365 + 365 + 349 = 1,079
//   Oskar (Medicare, died 2022-09-30):      2021-01-01..2022-09-30 = 365 + 273       =   638
//   Tamsin (uninsured, Blue Cross from 2023-02-01): as Ines                          = 1,079
// 2,796 days = 2,796 / (365.25 / 12) = 91.8603... member-months (the mart's month is 365.25/12 days).
const DAYS = 2796;
const MEMBER_MONTHS = DAYS / (365.25 / 12);
// Claim totals (TOTAL_CLAIM_COST = EOB total 'submitted'): Ines 180 + 120 + 250 + 900 = 1,450;
// Oskar 400 + 5,000 + 1,500 = 6,900; Tamsin 100 + 150 + 200 + 220 = 670; in all 9,020.
const COST = 9020;
// PMPM = 9,020 / 91.8603... = 98.1925... dollars per member-month.
const PMPM = 98.1925;

// By year and payer category (the payer covering most days of the year; a boundary day belongs to the earlier plan):
//   2021: Medicaid 365 (Ines, $180), Medicare 365 (Oskar, $400), Uninsured 365 (Tamsin, $100)
//   2022: Medicaid 365 ($120), Medicare 273 ($5,000 + $1,500), Uninsured 365 ($150)
//   2023: Ines Medicaid 01-01..06-14 (165 days), Aetna 06-15..12-15 (184): Commercial;
//         Tamsin uninsured 01-01..02-01 (32), Blue Cross 02-02..12-15 (317): Commercial;
//         Commercial 349 + 349 = 698 days, $250 + $900 + $200 + $220 = $1,570.
const BY_YEAR_AND_PAYER = [
  { year: '2021', payer: 'Medicaid', days: 365, cost: 180 },
  { year: '2021', payer: 'Medicare', days: 365, cost: 400 },
  { year: '2021', payer: 'Uninsured', days: 365, cost: 100 },
  { year: '2022', payer: 'Medicaid', days: 365, cost: 120 },
  { year: '2022', payer: 'Medicare', days: 273, cost: 6500 },
  { year: '2022', payer: 'Uninsured', days: 365, cost: 150 },
  { year: '2023', payer: 'Commercial', days: 698, cost: 1570 },
];

describe('the same Synthea people as CSV and as Synthea FHIR R4 Bundles (no Coverage resources)', () => {
  const loads = {} as Record<Format, LoadResult>;
  const dbs = {} as Record<Format, Database>;
  const root = mkdtempSync(join(tmpdir(), 'popsight-fhir-claims-'));

  beforeAll(async () => {
    for (const format of FORMATS) {
      const warehouse = join(root, `${format}.duckdb`);
      loads[format] = await loadExtract({ source: join(PAIR, format), warehouse, secretsFile: join(root, 'key'), mode: 'replace' }, quietLoadDeps);
      dbs[format] = await openDatabase(warehouse, { readOnly: true });
    }
  });
  afterAll(() => {
    for (const format of FORMATS) dbs[format]?.close();
  });

  it('loads both in full, the Bundles as Bundles', () => {
    expect([loads.csv.format, loads.fhir.format, loads.fhir.layout]).toEqual(['synthea', 'fhir', 'bundles']);
    for (const format of FORMATS) {
      expect(loads[format].people, format).toBe(3);
      expect(loads[format].files.filter((f) => f.quarantined > 0), format).toEqual([]);
    }
  });

  it.each(FORMATS)('%s: person-time, cost and PMPM are the hand-computed ones', async (format) => {
    const [total] = await dbs[format].query<{ member_months: number; cost: number; people: number }>(
      `SELECT sum(member_months) AS member_months, sum(cost) AS cost, count(DISTINCT person_id)::INTEGER AS people FROM mart.person_year`);
    expect(total.people).toBe(3);
    expect(total.member_months).toBeCloseTo(MEMBER_MONTHS, 9);
    expect(total.member_months / 12).toBeCloseTo(DAYS / 365.25, 9); // person-years
    expect(total.cost).toBeCloseTo(COST, 6);
    expect(total.cost / total.member_months).toBeCloseTo(PMPM, 4);
  });

  it.each(FORMATS)('%s: member-months and cost by year and payer are the hand-computed ones', async (format) => {
    const rows = await dbs[format].query<{ year: string; payer: string; member_months: number; cost: number }>(
      `SELECT strftime(period_start, '%Y') AS year, payer, sum(member_months) AS member_months, sum(cost) AS cost
       FROM mart.person_year GROUP BY ALL ORDER BY ALL`);
    expect(rows.map((r) => ({ year: r.year, payer: r.payer }))).toEqual(BY_YEAR_AND_PAYER.map(({ year, payer }) => ({ year, payer })));
    rows.forEach((r, i) => {
      expect(r.member_months, `${r.year} ${r.payer}`).toBeCloseTo(BY_YEAR_AND_PAYER[i].days / (365.25 / 12), 9);
      expect(r.cost, `${r.year} ${r.payer}`).toBeCloseTo(BY_YEAR_AND_PAYER[i].cost, 6);
    });
  });

  it('gives the same month-by-month payer and person-time, person by person', async () => {
    const sql = `SELECT p.birth_date, m.period_start, m.payer, m.member_months, m.cost
      FROM mart.person_month m JOIN core.person p USING (person_id) ORDER BY ALL`;
    const [csv, fhir] = [await dbs.csv.query<Row>(sql), await dbs.fhir.query<Row>(sql)];
    expect(csv.length).toBe(12 + 12 + 12 + 12 + 9 + 12 + 12 + 12); // Ines and Tamsin 36 months each, Oskar 21
    expect(fhir).toEqual(csv);
  });

  it('names the same payer, cost and payer share on every encounter', async () => {
    const sql = `SELECT e.start_ts, py.name AS payer, e.total_cost, e.payer_coverage
      FROM core.encounter e LEFT JOIN core.payer py USING (payer_id) ORDER BY e.start_ts`;
    const [csv, fhir] = [await dbs.csv.query<Row>(sql), await dbs.fhir.query<Row>(sql)];
    expect(csv).toHaveLength(11);
    expect(fhir).toEqual(csv);
    expect(fhir.map((e) => e.payer)).toEqual([
      'Medicaid', 'Medicare', 'NO_INSURANCE', 'Medicare', 'Medicaid', 'NO_INSURANCE', 'Medicare',
      'Blue Cross Blue Shield', 'Aetna', 'Aetna', 'Blue Cross Blue Shield',
    ]);
  });

  it('derives enrolment spans from the claims: birth to death or the end of the extract, the payer changing at its first claim', async () => {
    const db = await openDatabase(':memory:');
    try {
      await db.run('CREATE SCHEMA staging');
      await stageFhir(join(PAIR, 'fhir'), db);
      const spans = await db.query<Row>(`SELECT p.birthdate, t.payer, t.start, t."end" FROM staging.payer_transitions t
        JOIN staging.patients p ON p.id = t.patient ORDER BY p.birthdate, t.start`);
      expect(spans).toEqual([
        { birthdate: '1955-08-01', payer: 'Medicare', start: '1955-08-01', end: '2022-09-30T06:00:00Z' },
        { birthdate: '1990-01-15', payer: 'NO_INSURANCE', start: '1990-01-15', end: '2023-02-01T12:00:00Z' },
        // The extract ends with the last encounter's end: 2023-12-15T12:30Z.
        { birthdate: '1990-01-15', payer: 'Blue Cross Blue Shield', start: '2023-02-01T12:00:00Z', end: '2023-12-15T12:30:00Z' },
        { birthdate: '2017-05-20', payer: 'Medicaid', start: '2017-05-20', end: '2023-06-14T10:00:00Z' },
        { birthdate: '2017-05-20', payer: 'Aetna', start: '2023-06-14T10:00:00Z', end: '2023-12-15T12:30:00Z' },
      ]);
      expect(await describeEnrolment(db)).toBeUndefined();
    } finally {
      db.close();
    }
  });
});

describe('an extract with neither Coverage nor claims', () => {
  it('says how many people are enrolled from their first to their last encounter only', async () => {
    // smart-bulk-10 has Encounters for its 13 people but no Coverage, Claim or ExplanationOfBenefit file.
    const db = await openDatabase(':memory:');
    try {
      await db.run('CREATE SCHEMA staging');
      await stageFhir(fileURLToPath(new URL('../fixtures/fhir-smart-bulk-10', import.meta.url)), db);
      expect(await describeEnrolment(db)).toBe(
        '13 of 13 people have neither Coverage nor a Claim or ExplanationOfBenefit naming a payer: '
        + 'each is enrolled from their first to their last encounter with an Unknown payer, which undercounts their person-time',
      );
    } finally {
      db.close();
    }
  });

  it('and the load prints that as a warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'popsight-fhir-warn-'));
    const lines: string[] = [];
    await loadExtract(
      { source: fileURLToPath(new URL('../fixtures/fhir-smart-bulk-10', import.meta.url)), warehouse: join(dir, 'w.duckdb'), secretsFile: join(dir, 'key') },
      { ...quietLoadDeps, log: (line: string) => lines.push(line) },
    );
    expect(lines).toContain('warning: 13 of 13 people have neither Coverage nor a Claim or ExplanationOfBenefit naming a payer: '
      + 'each is enrolled from their first to their last encounter with an Unknown payer, which undercounts their person-time');
  });
});
