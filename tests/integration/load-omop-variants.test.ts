import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoadError } from '../../pipelines/load-errors.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { stageOmop } from '../../pipelines/sources/omop/stage-omop.ts';
import { STAGING_CONTRACT } from '../../pipelines/sources/synthea/synthea-files.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { quietLoadDeps as quiet } from '../helpers/test-env.ts';

const EUNOMIA = fileURLToPath(new URL('../fixtures/omop-eunomia-27nj', import.meta.url));

function copyOfEunomia(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'popsight-omop-')), 'eunomia');
  cpSync(EUNOMIA, dir, { recursive: true });
  return dir;
}
const rewrite = (dir: string, file: string, change: (text: string) => string) =>
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
const append = (dir: string, file: string, lines: string[]) => appendFileSync(join(dir, file), lines.map((l) => `${l}\n`).join(''));
/** Drops one column (by header name) from a file without quoted fields. */
const dropColumn = (dir: string, file: string, column: string) => rewrite(dir, file, (text) => {
  const index = text.split('\n')[0].split(',').indexOf(column);
  return text.split('\n').map((line) => (line ? line.split(',').filter((_, i) => i !== index).join(',') : line)).join('\n');
});

async function load(source: string) {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-omop-wh-'));
  const warehouse = join(dir, 'warehouse.duckdb');
  const result = await loadExtract({ source, warehouse, secretsFile: join(dir, 'key') }, quiet);
  return { result, warehouse };
}

describe('the OMOP reader', () => {
  it('lands exactly the staging tables and fields of the Synthea contract', async () => {
    const db = await openDatabase(':memory:');
    try {
      await db.run('CREATE SCHEMA staging');
      await stageOmop(EUNOMIA, db);
      for (const spec of STAGING_CONTRACT) {
        const columns = await db.query<{ name: string; type: string }>(
          `SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE schema_name = 'staging' AND table_name = $1 ORDER BY column_index`, [spec.file]);
        expect(columns.map((c) => c.name), spec.file).toEqual(['_file', '_line', ...spec.fields.map((f) => f.name)]);
        expect(columns.slice(2).every((c) => c.type === 'VARCHAR'), spec.file).toBe(true);
      }
      const [{ schemas }] = await db.query<{ schemas: number }>(`SELECT count(*) AS schemas FROM duckdb_schemas() WHERE schema_name = 'omop'`);
      expect(schemas).toBe(0); // the scratch copy of the raw tables is gone
    } finally {
      db.close();
    }
  });

  it('loads the same folder without CONCEPT.csv, coding from the source values', async () => {
    const dir = copyOfEunomia();
    rmSync(join(dir, 'CONCEPT.csv'));
    const { result, warehouse } = await load(dir);
    expect(result.layout).toBe('CDM 5.4, no CONCEPT.csv: codes from source values');
    const db = await openDatabase(warehouse, { readOnly: true });
    try {
      const [conditions] = await db.query(`SELECT count(*) AS n, count(*) FILTER (WHERE system = 'SNOMED') AS snomed, count(description) AS described FROM core.condition`);
      expect(conditions).toEqual({ n: 470, snomed: 470, described: 0 });
      const [{ n }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM core.condition WHERE code = '59621000'`);
      expect(n).toBeGreaterThan(0);
      const [{ systolic }] = await db.query<{ systolic: number }>(`SELECT count(*) AS systolic FROM core.observation WHERE code = '8480-6'`);
      expect(systolic).toBeGreaterThan(0);
      const [{ people }] = await db.query<{ people: number }>('SELECT count(*) AS people FROM core.person');
      expect(people).toBe(28);
    } finally {
      db.close();
    }
  });

  it('reads a tab-delimited, unquoted CONCEPT.csv as Athena ships it', async () => {
    const dir = copyOfEunomia();
    const scratch = await openDatabase(':memory:');
    try {
      const rows = await scratch.query<Record<string, string | null>>(`SELECT * FROM read_csv($1, header = true, all_varchar = true)`, [join(dir, 'CONCEPT.csv')]);
      const columns = Object.keys(rows[0]);
      const tsv = [columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))].map((fields) => fields.join('\t')).join('\n');
      expect(tsv).not.toContain('"');
      writeFileSync(join(dir, 'CONCEPT.csv'), `${tsv}\n`);
    } finally {
      scratch.close();
    }
    const { result, warehouse } = await load(dir);
    expect(result.layout).toBe('CDM 5.4');
    const db = await openDatabase(warehouse, { readOnly: true });
    try {
      const [described] = await db.query(`SELECT count(*) AS n, count(description) AS described FROM core.condition`);
      expect(described).toEqual({ n: 470, described: 470 });
    } finally {
      db.close();
    }
  });

  it('finds the tables whatever the letter case of their file names', async () => {
    const dir = copyOfEunomia();
    for (const name of readdirSync(dir)) renameSync(join(dir, name), join(dir, name.toLowerCase()));
    const { result } = await load(dir);
    expect(result.format).toBe('omop');
    expect(result.files.find((f) => f.table === 'encounters')).toEqual({ file: 'visit_occurrence.csv', table: 'encounters', read: 1791, loaded: 1791, quarantined: 0 });
  });
});

describe('an OMOP extract with plan periods, costs, a vaccine and an unmapped visit', () => {
  let db: Database;
  let files: { file: string; table: string; read: number; loaded: number; quarantined: number }[];

  beforeAll(async () => {
    const dir = copyOfEunomia();
    // Concept ids above 2,000,000,000 are OMOP's range for local concepts: these are made up for the test.
    append(dir, 'CONCEPT.csv', [
      '2000000001,NO PAYMENT from an Organization/Agency/Program/Private Payer Listed,Payer,SOPT,SOPT,S,81,1970-01-01,2099-12-31,',
      '2000000002,"Influenza, seasonal, injectable, preservative free",Drug,CVX,CVX,S,140,1970-01-01,2099-12-31,',
    ]);
    const periods = readFileSync(join(dir, 'OBSERVATION_PERIOD.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    append(dir, 'PAYER_PLAN_PERIOD.csv', [
      ...periods.map(([, person, start, end], i) => `${i + 1},${person},${start},${end},0,${i % 2 ? 'payer-b' : 'payer-a'},0,0,${i % 2 ? 'Humana' : 'Medicare'},0,0,,0,,0,,0`),
      `100,1,1990-01-01,1990-12-31,2000000001,,0,0,,0,0,,0,,0,,0`,
    ]);
    // Visit 21 (person 1, 2000-12-27) was charged 129.16 in one COST row; visit 1 in two rows.
    append(dir, 'COST.csv', [
      '1,21,Visit,32814,44818668,129.16,,129.16,100.00,29.16,,,,,,,,,,,,',
      '2,1,Visit,32814,44818668,50,,50,40,10,,,,,,,,,,,,',
      '3,1,Visit,32814,44818668,25.5,,25.5,20,5.5,,,,,,,,,,,,',
    ]);
    append(dir, 'DRUG_EXPOSURE.csv', ['9001,1,2000000002,2010-04-30,2010-04-30 00:00:00,2010-04-30,2010-04-30 00:00:00,,32869,,0,0,1,,0,0,33,23,1000023,140,2000000002,,']);
    // Visit 2 (line 33) becomes a 'Non-hospital institution Visit', a concept with no Synthea class.
    rewrite(dir, 'VISIT_OCCURRENCE.csv', (text) => text.replace(/^2,1,9202,/m, '2,1,42898160,'));

    const loaded = await load(dir);
    files = loaded.result.files;
    db = await openDatabase(loaded.warehouse, { readOnly: true });
  });
  afterAll(() => db?.close());

  it('takes coverage from PAYER_PLAN_PERIOD, naming payers as ETL-Synthea and SOPT do', async () => {
    const payers = await db.query('SELECT name, category FROM core.payer ORDER BY name');
    expect(payers).toEqual([
      { name: 'Humana', category: 'Commercial' }, { name: 'Medicare', category: 'Medicare' }, { name: 'NO_INSURANCE', category: 'Uninsured' },
    ]);
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*) AS n FROM core.coverage');
    expect(n).toBe(29);
    const [{ withPayer }] = await db.query<{ withPayer: number }>('SELECT count(payer_id) AS withPayer FROM core.encounter');
    expect(withPayer).toBeGreaterThan(1700); // visits inside a plan period get its payer
  });

  it('sums COST rows per visit into the total cost and the payer coverage', async () => {
    const costs = await db.query(`SELECT total_cost, payer_coverage FROM core.encounter WHERE total_cost IS NOT NULL ORDER BY total_cost`);
    expect(costs).toEqual([{ total_cost: 75.5, payer_coverage: 60 }, { total_cost: 129.16, payer_coverage: 100 }]);
  });

  it('files a drug coded in CVX as an immunization and counts DRUG_EXPOSURE.csv once across both tables', async () => {
    const immunizations = await db.query('SELECT code, description FROM core.immunization');
    expect(immunizations).toEqual([{ code: '140', description: 'Influenza, seasonal, injectable, preservative free' }]);
    const drugRows = files.filter((f) => f.file === 'DRUG_EXPOSURE.csv');
    expect(drugRows.map((f) => f.table).sort()).toEqual(['immunizations', 'medications']);
    expect(drugRows.reduce((sum, f) => sum + f.read, 0)).toBe(884);
  });

  it('quarantines a visit whose concept has no Synthea class, naming the concept', async () => {
    const rows = await db.query(`SELECT file, line, field, value, reason FROM etl.quarantine WHERE file = 'VISIT_OCCURRENCE.csv'`);
    expect(rows).toEqual([{ file: 'VISIT_OCCURRENCE.csv', line: 33, field: 'encounterclass', value: '42898160', reason: expect.stringMatching(/^unknown encounter class/) }]);
    for (const f of files) expect(f.read, f.file).toBe(f.loaded + f.quarantined);
  });
});

describe('structural faults in an OMOP extract', () => {
  const expectLoadError = async (dir: string, message: RegExp) => {
    const target = mkdtempSync(join(tmpdir(), 'popsight-omop-wh-'));
    const warehouse = join(target, 'warehouse.duckdb');
    const error = await loadExtract({ source: dir, warehouse, secretsFile: join(target, 'key'), format: 'omop' }, quiet).catch((e: unknown) => e);
    expect(isLoadError(error), String(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect(existsSync(warehouse)).toBe(false);
  };

  it('names the file and the column when VISIT_OCCURRENCE lacks one', async () => {
    const dir = copyOfEunomia();
    dropColumn(dir, 'VISIT_OCCURRENCE.csv', 'visit_start_date');
    await expectLoadError(dir, /^VISIT_OCCURRENCE\.csv: column visit_start_date is missing/);
  });

  it('names a missing required table', async () => {
    const dir = copyOfEunomia();
    rmSync(join(dir, 'OBSERVATION_PERIOD.csv'));
    await expectLoadError(dir, /^OBSERVATION_PERIOD\.csv: missing; an OMOP CDM extract needs PERSON\.csv/);
  });

  it('rejects an empty file and a PERSON table without rows', async () => {
    const empty = copyOfEunomia();
    writeFileSync(join(empty, 'CONDITION_OCCURRENCE.csv'), '');
    await expectLoadError(empty, /^CONDITION_OCCURRENCE\.csv: the file is empty/);
    const headerOnly = copyOfEunomia();
    rewrite(headerOnly, 'PERSON.csv', (text) => `${text.split('\n')[0]}\n`);
    await expectLoadError(headerOnly, /^PERSON\.csv: has a header but no rows/);
  });

  it('rejects a clinical table written with semicolons', async () => {
    const dir = copyOfEunomia();
    rewrite(dir, 'DRUG_EXPOSURE.csv', (text) => text.replaceAll(',', ';'));
    await expectLoadError(dir, /^DRUG_EXPOSURE\.csv: line 1 looks ';'-delimited/);
  });

  it('rejects an extract with neither plan periods nor observation periods', async () => {
    const dir = copyOfEunomia();
    rewrite(dir, 'OBSERVATION_PERIOD.csv', (text) => `${text.split('\n')[0]}\n`);
    await expectLoadError(dir, /^OBSERVATION_PERIOD\.csv: has a header but no rows, and PAYER_PLAN_PERIOD\.csv has none either/);
  });
});
