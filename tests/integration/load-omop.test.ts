import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract, type LoadResult } from '../../pipelines/load.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { quietLoadDeps as quiet } from '../helpers/test-env.ts';

const EUNOMIA = fileURLToPath(new URL('../fixtures/omop-eunomia-27nj', import.meta.url));

/** Rows of a fixture CSV as objects; the clinical files have no quoted fields, so a split is exact. */
function csvRows(file: string): Record<string, string>[] {
  const text = readFileSync(join(EUNOMIA, file), 'utf8');
  if (text.includes('"')) throw new Error(`${file} has quoted fields; this helper cannot split it`);
  const [header, ...lines] = text.trim().split('\n').map((line) => line.split(','));
  return lines.map((fields) => Object.fromEntries(header.map((name, i) => [name, fields[i] ?? ''])));
}

const countBy = (rows: Record<string, string>[], column: string) =>
  rows.reduce<Record<string, number>>((counts, row) => ({ ...counts, [row[column]]: (counts[row[column]] ?? 0) + 1 }), {});

describe('loading the Eunomia Synthea27Nj OMOP CDM 5.4 sample', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-omop-'));
  const warehouse = join(dir, 'warehouse.duckdb');
  let result: LoadResult;
  let db: Database;

  beforeAll(async () => {
    result = await loadExtract({ source: EUNOMIA, warehouse, secretsFile: join(dir, 'key') }, quiet);
    db = await openDatabase(warehouse, { readOnly: true });
  });
  afterAll(() => db?.close());

  it('detects the format and records the CDM version', async () => {
    expect(result.format).toBe('omop');
    expect(result.layout).toBe('CDM 5.4');
    const [run] = await db.query('SELECT status, format, layout FROM etl.runs');
    expect(run).toEqual({ status: 'published', format: 'omop', layout: 'CDM 5.4' });
  });

  it('loads every person with sex from the gender concepts and the three deaths', async () => {
    expect(countBy(csvRows('PERSON.csv'), 'gender_concept_id')).toEqual({ 8507: 15, 8532: 13 });
    const sexes = await db.query('SELECT sex, count(*) AS n FROM core.person GROUP BY 1 ORDER BY 1');
    expect(sexes).toEqual([{ sex: 'F', n: 13 }, { sex: 'M', n: 15 }]);
    const [{ deaths }] = await db.query<{ deaths: number }>('SELECT count(death_date) AS deaths FROM core.person');
    expect(deaths).toBe(csvRows('DEATH.csv').length);
    expect(deaths).toBe(3);
  });

  it('takes race from the concept, or from the source value when the concept is 0', async () => {
    const expected: Record<string, number> = {};
    const byConcept: Record<string, string> = { 8527: 'white', 8516: 'black', 8515: 'asian', 8657: 'native', 8557: 'hawaiian' };
    for (const p of csvRows('PERSON.csv')) {
      const race = p.race_concept_id === '0' ? p.race_source_value : (byConcept[p.race_concept_id] ?? 'other');
      expected[race] = (expected[race] ?? 0) + 1;
    }
    const rows = await db.query<{ race: string; n: number }>('SELECT race, count(*) AS n FROM core.person GROUP BY 1');
    expect(Object.fromEntries(rows.map((r) => [r.race, r.n]))).toEqual(expected);
    expect(expected.hawaiian).toBe(2); // both have race_concept_id 0 in the sample
  });

  it('accounts for every row of every clinical file as loaded or quarantined with a reason', async () => {
    const expected: Record<string, number> = {
      'PERSON.csv': 28, 'VISIT_OCCURRENCE.csv': 1791, 'CONDITION_OCCURRENCE.csv': 470, 'DRUG_EXPOSURE.csv': 883,
      'PROCEDURE_OCCURRENCE.csv': 1649, 'MEASUREMENT.csv': 10040, 'OBSERVATION.csv': 8099, 'OBSERVATION_PERIOD.csv': 28,
    };
    const counts = await db.query<{ file: string; read: number; loaded: number; quarantined: number }>(
      'SELECT file, sum(read) AS read, sum(loaded) AS loaded, sum(quarantined) AS quarantined FROM etl.file_counts GROUP BY file',
    );
    const quarantine = await db.query<{ file: string; n: number; unexplained: number }>(
      'SELECT file, count(*) AS n, count(*) FILTER (WHERE coalesce(reason, \'\') = \'\') AS unexplained FROM etl.quarantine GROUP BY file',
    );
    for (const [file, rows] of Object.entries(expected)) {
      expect(csvRows(file).length, file).toBe(rows);
      const c = counts.find((f) => f.file === file);
      expect(c, file).toBeDefined();
      expect(c!.read, file).toBe(rows);
      expect(c!.loaded + c!.quarantined, file).toBe(rows);
      const q = quarantine.find((f) => f.file === file);
      expect(q?.n ?? 0, file).toBe(c!.quarantined);
      expect(q?.unexplained ?? 0, file).toBe(0);
    }
  });

  it('classes visits from their visit concepts as ETL-Synthea wrote them', async () => {
    const concepts = countBy(csvRows('VISIT_OCCURRENCE.csv'), 'visit_concept_id');
    const rows = await db.query<{ c: string; n: number }>('SELECT encounter_class AS c, count(*) AS n FROM core.encounter GROUP BY 1');
    expect(Object.fromEntries(rows.map((r) => [r.c, r.n]))).toEqual({ ambulatory: concepts['9202'], emergency: concepts['9203'], inpatient: concepts['9201'] });
  });

  it('resolves codes through CONCEPT.csv: SNOMED conditions, LOINC measurements, RxNorm drugs', async () => {
    const [conditions] = await db.query(`SELECT count(*) AS n, count(*) FILTER (WHERE system = 'SNOMED' AND description IS NOT NULL) AS snomed FROM core.condition`);
    expect(conditions).toEqual({ n: 470, snomed: 470 });
    // Hypertension (SNOMED 59621000, the measures' value set) as often as the source file records it.
    const hypertension = csvRows('CONDITION_OCCURRENCE.csv').filter((r) => r.condition_source_value === '59621000').length;
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM core.condition WHERE code = '59621000'`);
    expect(n).toBe(hypertension);
    expect(n).toBeGreaterThan(0);
    const [systolic] = await db.query(`SELECT any_value(description) AS description, any_value(units) AS units, count(*) AS n FROM core.observation WHERE code = '8480-6'`);
    expect(systolic).toEqual({
      description: 'Systolic blood pressure', units: 'mm[Hg]',
      n: csvRows('MEASUREMENT.csv').filter((r) => r.measurement_concept_id === '3004249').length,
    });
    const [drugs] = await db.query(`SELECT count(*) AS n, count(description) AS described FROM core.medication`);
    expect(drugs).toEqual({ n: 883, described: 883 });
  });

  it('covers each person over their observation periods with one Unknown payer', async () => {
    const payers = await db.query('SELECT name FROM core.payer');
    expect(payers).toEqual([{ name: 'Unknown payer' }]);
    const [coverage] = await db.query<{ n: number; people: number }>('SELECT count(*) AS n, count(DISTINCT person_id) AS people FROM core.coverage');
    expect(coverage).toEqual({ n: 28, people: 28 });
    const [{ members }] = await db.query<{ members: number }>(`SELECT count(DISTINCT person_id) AS members FROM mart.person_period WHERE grain = 'year'`);
    expect(members).toBeGreaterThan(20);
  });

  it('stores neither person_source_value nor visit_source_value (source record ids)', async () => {
    const sourceIds = [
      ...csvRows('PERSON.csv').map((r) => r.person_source_value),
      ...csvRows('VISIT_OCCURRENCE.csv').map((r) => r.visit_source_value),
    ].filter((v) => v.length > 8);
    expect(sourceIds.length).toBe(28 + 1791);
    const textColumns = await db.query<{ schema_name: string; table_name: string; column_name: string }>(
      `SELECT schema_name, table_name, column_name FROM duckdb_columns() WHERE data_type = 'VARCHAR' AND database_name = current_database()`,
    );
    for (const { schema_name, table_name, column_name } of textColumns) {
      const values = await db.query<{ v: string }>(`SELECT DISTINCT "${column_name}" AS v FROM "${schema_name}"."${table_name}" WHERE "${column_name}" IS NOT NULL`);
      const leaks = values.filter(({ v }) => sourceIds.some((id) => v.includes(id)));
      expect(leaks, `${schema_name}.${table_name}.${column_name}`).toEqual([]);
    }
  });
});
