// One population, two formats: `popsight generate` with the same seed and size as Synthea CSV and
// as FHIR R4 Bulk Data NDJSON, each loaded with the same pseudonym key, gives warehouses with the
// same rows (same pseudonymous ids) and the same measure results. Where FHIR cannot say what the
// CSV says, the difference is asserted as it must be, never skipped (see each test).
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract, type LoadResult } from '../../pipelines/load.ts';
import { stageFhir } from '../../pipelines/sources/fhir/stage-fhir.ts';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

const PEOPLE = 700; // enough diabetics for HbA1c control by sex to show cells in most years (the demo now has Massachusetts's diabetes rate)
const SEED = 20_240;
const FORMATS = ['csv', 'fhir'] as const;
type Format = (typeof FORMATS)[number];
type Row = Record<string, unknown>;

const repo = fileURLToPath(new URL('../..', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'popsight-cross-format-'));

/**
 * Rows that must be equal; doubles within 1e-9 of each other (relative), because a sum over the
 * same amounts in another row order (FHIR files are ordered by type, CSV by person) can differ
 * in the last bits. Returns the differences, so a failure names the rows and columns.
 */
function differences(csv: Row[], fhir: Row[]): string[] {
  if (csv.length !== fhir.length) return [`${csv.length} CSV rows, ${fhir.length} FHIR rows`];
  const out: string[] = [];
  csv.forEach((a, i) => {
    const b = fhir[i];
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const [x, y] = [a[key], b[key]];
      const close = typeof x === 'number' && typeof y === 'number' && Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
      if (!close && JSON.stringify(x) !== JSON.stringify(y)) out.push(`row ${i} ${key}: CSV ${JSON.stringify(x)}, FHIR ${JSON.stringify(y)}`);
    }
  });
  return out.slice(0, 20);
}

describe(`${PEOPLE} generated people as Synthea CSV and as FHIR NDJSON (seed ${SEED})`, () => {
  const loads = {} as Record<Format, LoadResult>;
  const dbs = {} as Record<Format, Database>;
  const servers = {} as Record<Format, RunningServer>;
  const both = async (sql: string) => [await dbs.csv.query<Row>(sql), await dbs.fhir.query<Row>(sql)] as const;

  beforeAll(async () => {
    // Through the command line, as a user runs it (and outside vitest's slower module transform).
    await Promise.all(FORMATS.map((format) => promisify(execFile)(
      process.execPath,
      ['bin/popsight.mjs', 'generate', '--people', String(PEOPLE), '--seed', String(SEED), '--format', format, '--out', join(root, format)],
      { cwd: repo, env: { ...process.env, TZ: 'UTC' } },
    )));
    for (const format of FORMATS) {
      const warehouse = join(root, `${format}-warehouse.duckdb`);
      loads[format] = await loadExtract({ source: join(root, format), warehouse, secretsFile: join(root, 'key'), mode: 'replace' }, quietLoadDeps);
      dbs[format] = await openDatabase(warehouse, { readOnly: true });
      servers[format] = await startServer({ warehouse, port: 0, host: '127.0.0.1', stateDir: join(root, `${format}-state`) });
    }
  });
  afterAll(async () => {
    for (const format of FORMATS) {
      dbs[format]?.close();
      await servers[format]?.close();
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('loads both extracts in full: every person, no quarantined row', () => {
    expect([loads.csv.format, loads.fhir.format, loads.fhir.layout]).toEqual(['synthea', 'fhir', 'bulk-ndjson']);
    for (const format of FORMATS) {
      expect(loads[format].people, format).toBe(PEOPLE);
      expect(loads[format].files.filter((f) => f.quarantined > 0), format).toEqual([]);
    }
  });

  it('lands the same people with the same pseudonyms, dates, sex, race, ethnicity, state, county and ZIP3', async () => {
    const [csv, fhir] = await both('SELECT * FROM core.person ORDER BY person_id');
    expect(csv).toHaveLength(PEOPLE);
    expect(differences(csv, fhir)).toEqual([]);
    expect(new Set(csv.map((p) => p.race)).size).toBeGreaterThanOrEqual(4);
    // Synthea CSV names the state; FHIR (US Core, and Synthea's FHIR) gives its USPS code, which the model names.
    const [csvStates, fhirStates] = await both('SELECT DISTINCT state FROM core.person');
    expect([csvStates, fhirStates]).toEqual([[{ state: 'Massachusetts' }], [{ state: 'Massachusetts' }]]);
  });

  it('lands the same encounters with the same times, codes, organizations, payers and costs', async () => {
    // base_cost: FHIR has no base encounter cost; the reader takes the price of the claim line that bills the visit.
    // encounter_class: compared by its counts below.
    const [csv, fhir] = await both('SELECT * EXCLUDE (encounter_class) FROM core.encounter ORDER BY encounter_id');
    expect(csv.length).toBeGreaterThan(10 * PEOPLE);
    expect(csv.filter((e) => e.base_cost === null)).toEqual([]);
    expect(differences(csv, fhir)).toEqual([]);
  });

  it('counts the same encounters by class, outpatient visits as ambulatory in FHIR', async () => {
    const byClass = 'SELECT encounter_class AS class, count(*)::INTEGER AS n FROM core.encounter GROUP BY 1 ORDER BY 1';
    const [csv, fhir] = (await both(byClass)).map((rows) => Object.fromEntries(rows.map((r) => [r.class, r.n]))) as Record<string, number>[];
    expect(Object.keys(csv).sort()).toEqual(['ambulatory', 'emergency', 'inpatient', 'outpatient', 'urgentcare', 'wellness']);
    // v3 ActCode has no outpatient class: Synthea's FHIR exporter writes outpatient visits as AMB, and
    // their encounter type codes are ambulatory codes too, so a FHIR reader can only say ambulatory.
    const { outpatient, ...rest } = csv;
    expect(fhir).toEqual({ ...rest, ambulatory: csv.ambulatory + outpatient });
  });

  it('lands the same conditions, observations, procedures, immunizations and coverage, row for row', async () => {
    const tables: Record<string, string> = {
      condition: 'SELECT * FROM core.condition',
      observation: 'SELECT * FROM core.observation',
      // Procedure and vaccine prices (base_cost) sit in the FHIR claim lines, not on the resources.
      procedure: 'SELECT * FROM core.procedure',
      immunization: 'SELECT * FROM core.immunization',
      coverage: 'SELECT * FROM core.coverage',
      organization: 'SELECT * FROM core.organization',
    };
    for (const [table, sql] of Object.entries(tables)) {
      const [csv, fhir] = await both(`${sql} ORDER BY ALL`);
      expect(csv.length, table).toBeGreaterThan(0);
      expect(differences(csv, fhir), table).toEqual([]);
    }
    const measureCodes = `SELECT code, count(*)::INTEGER AS n FROM core.observation
      WHERE code IN ('4548-4', '8480-6', '8462-4', '39156-5') GROUP BY 1 ORDER BY 1`;
    const [csv, fhir] = await both(measureCodes);
    expect(csv.map((r) => r.code)).toEqual(['39156-5', '4548-4', '8462-4', '8480-6']);
    expect(fhir).toEqual(csv);
  });

  it('lands the same prescriptions with the same drugs, dates, payers, fills and costs', async () => {
    // payer_id from the pharmacy Claim's insurer; dispenses from numberOfRepeatsAllowed + 1 (the first fill).
    const [csv, fhir] = await both('SELECT * FROM core.medication ORDER BY ALL');
    expect(csv.length).toBeGreaterThan(PEOPLE / 2);
    expect(csv.filter((m) => m.payer_id === null || m.dispenses === null)).toEqual([]);
    expect(new Set(csv.map((m) => m.dispenses)).size).toBeGreaterThan(1);
    expect(differences(csv, fhir)).toEqual([]);
  });

  it('names the same payers of coverage and encounters, in the same categories', async () => {
    const [csv, fhir] = await both(`SELECT * FROM core.payer
      WHERE payer_id IN (SELECT payer_id FROM core.coverage UNION SELECT payer_id FROM core.encounter) ORDER BY ALL`);
    expect(new Set(csv.map((p) => p.category))).toEqual(new Set(['Medicare', 'Medicaid', 'Dual Eligible', 'Commercial', 'Uninsured']));
    expect(differences(csv, fhir)).toEqual([]);
  });

  it('holds the same payers, and no other', async () => {
    const [csv, fhir] = await both('SELECT * FROM core.payer ORDER BY ALL');
    expect(csv.length).toBeGreaterThanOrEqual(5);
    expect(differences(csv, fhir)).toEqual([]);
  });

  it('finds the payer through the Coverage when a Claim or ExplanationOfBenefit names no insurer', async () => {
    // insurance.coverage points to a Coverage, whose payor is the payer: never the Coverage's own id.
    // Staged from the resource types that name payers, as written and with every insurer removed.
    const types = ['Patient', 'Coverage', 'Encounter', 'MedicationRequest', 'Claim', 'ExplanationOfBenefit'];
    const [original, copy] = [join(root, 'fhir-payers'), join(root, 'fhir-payers-without-insurer')];
    for (const dir of [original, copy]) mkdirSync(dir);
    for (const type of types) {
      const file = `${type}.000.ndjson`;
      copyFileSync(join(root, 'fhir', file), join(original, file));
      const lines = readFileSync(join(original, file), 'utf8').trim().split('\n').map((line) => {
        const { insurer, ...resource } = JSON.parse(line);
        if (type === 'Claim' || type === 'ExplanationOfBenefit') expect(insurer.reference).toMatch(/^Organization\//);
        return JSON.stringify(resource);
      });
      writeFileSync(join(copy, file), lines.join('\n') + '\n');
    }
    const staged = async (dir: string) => {
      const db = await openDatabase(':memory:');
      try {
        await db.run('CREATE SCHEMA staging');
        await stageFhir(dir, db);
        return {
          payers: await db.query<Row>('SELECT id, name FROM staging.payers ORDER BY id'),
          encounters: await db.query<Row>('SELECT _line, payer FROM staging.encounters ORDER BY _line'),
          medications: await db.query<Row>('SELECT _line, payer FROM staging.medications ORDER BY _line'),
        };
      } finally {
        db.close();
      }
    };
    const [withInsurer, withoutInsurer] = [await staged(original), await staged(copy)];
    expect(withInsurer.payers.length).toBeGreaterThanOrEqual(5);
    expect(withInsurer.medications.filter((m) => m.payer === null)).toEqual([]);
    for (const table of ['payers', 'encounters', 'medications'] as const) {
      expect(differences(withInsurer[table], withoutInsurer[table]), table).toEqual([]);
    }
  });

  it('builds the same person-period mart', async () => {
    // The mart is a function of the core tables compared above; the year grain row for row, and
    // quarters and months by their row counts, keep this test quick.
    const [csv, fhir] = await both(`SELECT * FROM mart.person_period WHERE grain = 'year' ORDER BY period_start, person_id`);
    expect(csv.length).toBeGreaterThan(PEOPLE * 5);
    expect(differences(csv, fhir)).toEqual([]);
    const [csvRows, fhirRows] = await both('SELECT grain, count(*)::INTEGER AS n FROM mart.person_period GROUP BY 1 ORDER BY 1');
    expect(fhirRows).toEqual(csvRows);
  });

  it.each([
    'diabetes-prevalence', 'ed-visits-per-1000', 'hba1c-control', 'cost-pmpm',
  ])('serves the same %s by year and sex, and by year and payer, row by row', async (measure) => {
    for (const by of ['sex', 'payer']) {
      const [csv, fhir] = await Promise.all(FORMATS.map(async (format) => {
        const response = await fetch(`${servers[format].url}/api/measures/${measure}?period=year&by=${by}`);
        expect(response.status, `${format} ${measure} by ${by}`).toBe(200);
        return (await response.json()) as { measure: Row; period: string; by: string; rows: Row[] };
      }));
      expect([fhir.measure, fhir.period, fhir.by]).toEqual([csv.measure, csv.period, csv.by]);
      expect(csv.rows.filter((r) => !r.suppressed && (r.numerator as number) > 0).length, `${measure} by ${by}`).toBeGreaterThan(5);
      expect(differences(csv.rows, fhir.rows), `${measure} by ${by}`).toEqual([]);
    }
  });
});
