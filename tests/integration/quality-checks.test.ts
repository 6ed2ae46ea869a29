import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract, type LoadDeps, type LoadResult } from '../../pipelines/load.ts';
import { openDatabase } from '../../core/warehouse/database.ts';
import { appendLines, copyOfNj27, firstRow, NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

type Result = {
  run_id: string; check_id: string; category: string; subcategory: string | null; description: string;
  rows_checked: number; rows_failed: number; percent_failed: number; threshold: number;
  status: 'pass' | 'fail'; comparison: string | null; severity: string;
};

// The fixture's facts the expected counts are built from (counted in the CSV files):
const ENCOUNTERS = 604; // encounters.csv data lines, none quarantined
const OBSERVATIONS = 990;
// conditions 438 + observations 990 + medications 663 + procedures 249 + immunizations 29
const CLINICAL_RECORDS = 2369;
const HBA1C_RESULTS = 7;
// The newborn born 2024-01-03 has her first well-child visit on her birthday, a week before her first
// coverage period starts (2024-01-10): that visit and its 24 observations are outside coverage.
const OBSERVATIONS_OUTSIDE_COVERAGE = 24;
const DEAD_PATIENT = '261ad2a4-7c6f-da54-6a5b-3441beab9a6a'; // died 1976-07-25, covered until 1976-11-15
const FIXED_CLOCK = new Date('2026-01-01T00:00:00Z');

/** The faults injected into a copy of nj27, each aimed at one check. */
function faultyExtract(): string {
  const dir = copyOfNj27();
  const enc = firstRow(dir, 'encounters.csv'); // patient 3edac2e3…, ambulatory, 2023-01-27, covered 2014-10-14 to 2024-12-04
  const patient = enc[3];
  const encounterWith = (changes: Record<number, string>) => enc.map((v, i) => changes[i] ?? v).join(',');
  appendLines(dir, 'encounters.csv', [
    encounterWith({ 0: 'q-after-death', 1: '1977-08-01T10:00:00Z', 2: '1977-08-01T10:30:00Z', 3: DEAD_PATIENT }),
    encounterWith({ 0: 'q-overpaid', 1: '2023-02-27T16:17:47Z', 2: '2023-02-27T16:32:47Z', 11: '100.00', 12: '150.00' }),
    encounterWith({ 0: 'q-duplicate' }), // the first encounter again under another id
  ]);
  const observation = (date: string, code: string, description: string, value: string, units: string) =>
    [date, patient, '', 'vital-signs', code, description, value, units, 'numeric'].join(',');
  appendLines(dir, 'observations.csv', [
    observation('2030-05-01T00:00:00Z', '8867-4', 'Heart rate', '70', '/min'), // after the load clock
    observation('2020-03-01T09:00:00Z', '4548-4', 'Hemoglobin A1c', '21', '%'), // possible (not quarantined), implausible
    // 40 heart rates in January–February 2025: after the coverage ended, before the load clock.
    ...Array.from({ length: 40 }, (_, i) => observation(new Date(Date.UTC(2025, 0, 1 + i, 9)).toISOString(), '8867-4', 'Heart rate', '72', '/min')),
  ]);
  return dir;
}

async function readResults(warehouse: string): Promise<Map<string, Result>> {
  const db = await openDatabase(warehouse, { readOnly: true });
  try {
    return new Map((await db.query<Result>('SELECT * EXCLUDE (checked_at) FROM quality.results')).map((r) => [r.check_id, r]));
  } finally {
    db.close();
  }
}

const INJECTED: Record<string, { failed: number; checked: number }> = {
  'encounter-after-death': { failed: 1, checked: ENCOUNTERS + 3 },
  'payer-coverage-exceeds-cost': { failed: 1, checked: ENCOUNTERS + 3 },
  'encounter-duplicate': { failed: 1, checked: ENCOUNTERS + 3 },
  'clinical-record-in-future': { failed: 1, checked: CLINICAL_RECORDS + 42 },
  'hba1c-range': { failed: 1, checked: HBA1C_RESULTS + 1 },
  // 24 + the 40 after coverage + the one in 2030; 65 / 1,032 = 6.3 % > the 5 % allowed
  'observation-outside-coverage': { failed: OBSERVATIONS_OUTSIDE_COVERAGE + 41, checked: OBSERVATIONS + 42 },
};

describe('data-quality checks of a load (Kahn 2016), compared with the previous load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-quality-'));
  const warehouse = join(dir, 'warehouse.duckdb');
  const log: string[] = [];
  const deps: LoadDeps = { ...quietLoadDeps, clock: () => FIXED_CLOCK, log: (m) => log.push(m) };
  const load = (source: string) => loadExtract({ source, warehouse, secretsFile: join(dir, 'key'), mode: 'replace' }, deps);
  let faulty = '';
  const runs: { load: LoadResult; results: Map<string, Result> }[] = [];

  beforeAll(async () => {
    faulty = faultyExtract();
    for (const source of [NJ27, faulty, NJ27]) {
      const result = await load(source);
      runs.push({ load: result, results: await readResults(warehouse) });
    }
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    if (faulty) rmSync(faulty, { recursive: true, force: true });
  });

  it('records at least 30 checks for the run, each with a Kahn category and subcategory', () => {
    const [{ load: first, results }] = runs;
    expect(results.size).toBeGreaterThanOrEqual(30);
    const kinds = new Set<string>();
    for (const r of results.values()) {
      expect(r.run_id).toBe(first.runId);
      expect(['conformance', 'completeness', 'plausibility']).toContain(r.category);
      const allowed = { conformance: ['value', 'relational', 'computational'], completeness: [null], plausibility: ['uniqueness', 'atemporal', 'temporal'] }[r.category as 'conformance'];
      expect(allowed).toContain(r.subcategory);
      expect(['error', 'warning']).toContain(r.severity);
      expect(r.status).toBe(r.rows_failed > 0 && r.percent_failed > r.threshold ? 'fail' : 'pass');
      kinds.add(`${r.category}/${r.subcategory}`);
    }
    expect(kinds.size).toBe(7); // every subcategory of the framework has checks
  });

  it('passes the targeted checks on the clean extract, with the fixture-specific counts worked out by hand', () => {
    const results = runs[0].results;
    for (const id of Object.keys(INJECTED)) expect(results.get(id)?.status, id).toBe('pass');
    expect(results.get('encounter-after-death')).toMatchObject({ rows_checked: ENCOUNTERS, rows_failed: 0 }); // death certifications excepted
    expect(results.get('clinical-record-in-future')).toMatchObject({ rows_checked: CLINICAL_RECORDS, rows_failed: 0 });
    expect(results.get('hba1c-range')).toMatchObject({ rows_checked: HBA1C_RESULTS, rows_failed: 0 });
    expect(results.get('observation-outside-coverage')).toMatchObject({ rows_checked: OBSERVATIONS, rows_failed: OBSERVATIONS_OUTSIDE_COVERAGE });
    expect(results.get('observation-outside-coverage')!.percent_failed).toBeCloseTo((100 * 24) / 990, 10);
  });

  it('fails each targeted check when its fault is injected, with the hand-computed counts', () => {
    const results = runs[1].results;
    for (const [id, { failed, checked }] of Object.entries(INJECTED)) {
      expect(results.get(id), id).toMatchObject({ status: 'fail', rows_failed: failed, rows_checked: checked });
      expect(results.get(id)!.percent_failed, id).toBeCloseTo((100 * failed) / checked, 10);
    }
  });

  it('reports no comparison for the first load, then the faults as new, then as resolved once removed', () => {
    const [first, second, third] = runs.map((r) => r.results);
    for (const r of first.values()) expect(r.comparison).toBeNull();
    const newOnes = [...second.values()].filter((r) => r.comparison === 'new').map((r) => r.check_id).sort();
    expect(newOnes).toEqual(Object.keys(INJECTED).sort());
    const resolved = [...third.values()].filter((r) => r.comparison === 'resolved').map((r) => r.check_id).sort();
    expect(resolved).toEqual(Object.keys(INJECTED).sort());
    // The fixture lacks ZIP codes and FIPS codes: failing all three times, so stable.
    for (const results of [second, third]) {
      expect(results.get('person-county-fips-missing')).toMatchObject({ status: 'fail', comparison: 'stable' });
      expect([...results.values()].every((r) => r.comparison !== null)).toBe(true);
    }
    expect(log.filter((m) => m.startsWith('6/7 quality:'))).toEqual([
      expect.stringContaining('0 new, 0 resolved (no previous warehouse)'),
      expect.stringMatching(/; 6 new, 0 resolved$/),
      expect.stringMatching(/; 0 new, 6 resolved$/),
    ]);
  });
});

describe('a previous warehouse from before quality.results', () => {
  it('is no reason to fail the load: there is simply no comparison', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'popsight-quality-old-'));
    const warehouse = join(dir, 'warehouse.duckdb');
    const old = await openDatabase(warehouse);
    await old.run('CREATE SCHEMA etl; CREATE TABLE etl.runs (run_id VARCHAR)');
    old.close();
    const log: string[] = [];
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key'), mode: 'replace' }, { ...quietLoadDeps, log: (m) => log.push(m) });
    const results = await readResults(warehouse);
    expect([...results.values()].every((r) => r.comparison === null)).toBe(true);
    expect(log).toContainEqual(expect.stringContaining('older schema'));
    rmSync(dir, { recursive: true, force: true });
  });
});
