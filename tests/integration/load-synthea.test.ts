import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { stagingPathFor } from '../../pipelines/publish.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract, type LoadResult } from '../../pipelines/load.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps as quiet } from '../helpers/test-env.ts';

describe('loading the nj27 Synthea v3.0.0 sample', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-load-'));
  const warehouse = join(dir, 'warehouse.duckdb');
  let result: LoadResult;
  let db: Database;

  beforeAll(async () => {
    result = await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quiet);
    db = await openDatabase(warehouse, { readOnly: true });
  });
  afterAll(() => db?.close());

  it('loads every patient, encounter and condition of the sample', async () => {
    const [counts] = await db.query(`SELECT
      (SELECT count(*) FROM core.person) AS people, (SELECT count(*) FROM core.encounter) AS encounters,
      (SELECT count(*) FROM core.condition) AS conditions, (SELECT count(*) FROM core.observation) AS observations,
      (SELECT count(*) FROM core.medication) AS medications, (SELECT count(*) FROM core.coverage) AS coverage`);
    expect(counts).toEqual({ people: 27, encounters: 604, conditions: 438, observations: 990, medications: 663, coverage: 1051 });
    const [others] = await db.query(`SELECT (SELECT count(*) FROM core.claim) AS claims, (SELECT count(*) FROM core.claim_transaction) AS transactions,
      (SELECT count(*) FROM core.allergy) AS allergies, (SELECT count(*) FROM core.careplan) AS careplans, (SELECT count(*) FROM core.device) AS devices,
      (SELECT count(*) FROM core.supply) AS supplies, (SELECT count(*) FROM core.imaging_study) AS imaging, (SELECT count(*) FROM core.provider) AS providers,
      (SELECT count(*) FROM core.procedure) AS procedures, (SELECT count(*) FROM core.immunization) AS immunizations`);
    expect(others).toEqual({ claims: 1267, transactions: 5228, allergies: 40, careplans: 49, devices: 3, supplies: 72, imaging: 1, providers: 166, procedures: 249, immunizations: 29 });
    expect(result.layout).toBe('3.x');
  });

  it('counts sex and encounter classes as the source files do', async () => {
    const sexes = await db.query('SELECT sex, count(*) AS n FROM core.person GROUP BY 1 ORDER BY 1');
    expect(sexes).toEqual([{ sex: 'F', n: 13 }, { sex: 'M', n: 14 }]);
    const classes = Object.fromEntries((await db.query<{ c: string; n: number }>('SELECT encounter_class AS c, count(*) AS n FROM core.encounter GROUP BY 1')).map((r) => [r.c, r.n]));
    expect(classes).toEqual({ wellness: 348, ambulatory: 174, outpatient: 52, emergency: 17, inpatient: 11, urgentcare: 2 });
  });

  it('reconciles read = loaded + quarantined for every file and records the run', async () => {
    const files = await db.query<{ file: string; read: number; loaded: number; quarantined: number }>('SELECT file, read, loaded, quarantined FROM etl.file_counts');
    expect(files.map((f) => f.file).sort()).toEqual([
      'allergies.csv', 'careplans.csv', 'claims.csv', 'claims_transactions.csv', 'conditions.csv', 'devices.csv', 'encounters.csv', 'imaging_studies.csv',
      'immunizations.csv', 'medications.csv', 'observations.csv', 'organizations.csv', 'patients.csv', 'payer_transitions.csv', 'payers.csv',
      'procedures.csv', 'providers.csv', 'supplies.csv',
    ]);
    for (const f of files) expect(f.read).toBe(f.loaded + f.quarantined);
    const lines = (file: string) => readFileSync(join(NJ27, file), 'utf8').trim().split('\n').length - 1;
    expect(files.find((f) => f.file === 'encounters.csv')!.read).toBe(lines('encounters.csv'));
    const [run] = await db.query('SELECT status, format FROM etl.runs');
    expect(run).toEqual({ status: 'published', format: 'synthea' });
  });

  it('stores no name, SSN, address or original id of any patient', async () => {
    // Every identifying value of the input: patients' ids, SSNs, licence and passport numbers, names,
    // addresses and coordinates; original encounter, claim and member ids; device UDIs; provider names.
    const column = (file: string, ...names: string[]) => {
      const [header, ...rows] = readFileSync(join(NJ27, file), 'utf8').trim().split('\n').map((l) => l.split(','));
      return names.flatMap((name) => rows.map((r) => r[header!.indexOf(name)]!));
    };
    const identifying = [
      ...column('patients.csv', 'Id', 'SSN', 'DRIVERS', 'PASSPORT', 'FIRST', 'LAST', 'MAIDEN', 'ADDRESS', 'LAT', 'LON'),
      ...column('encounters.csv', 'Id'), ...column('claims.csv', 'Id'), ...column('payer_transitions.csv', 'MEMBERID'),
      ...column('devices.csv', 'UDI'), ...column('providers.csv', 'Id', 'NAME', 'ADDRESS'), ...column('organizations.csv', 'Id', 'PHONE', 'ADDRESS'),
    ].filter((v) => v && v.length > 5);
    expect(identifying.length).toBeGreaterThan(2_000);
    const textColumns = await db.query<{ schema_name: string; table_name: string; column_name: string }>(
      `SELECT schema_name, table_name, column_name FROM duckdb_columns() WHERE data_type = 'VARCHAR' AND database_name = current_database()`,
    );
    for (const { schema_name, table_name, column_name } of textColumns) {
      const values = await db.query<{ v: string }>(`SELECT DISTINCT "${column_name}" AS v FROM "${schema_name}"."${table_name}" WHERE "${column_name}" IS NOT NULL`);
      const leaks = values.filter(({ v }) => identifying.some((id) => v.includes(id)));
      expect(leaks, `${schema_name}.${table_name}.${column_name}`).toEqual([]);
    }
    expect(textColumns.length).toBeGreaterThan(20);
  });

  it('builds a person-period mart whose yearly member-months match the monthly ones', async () => {
    const rows = await db.query<{ grain: string; mm: number }>('SELECT grain, round(sum(member_months), 6) AS mm FROM mart.person_period GROUP BY 1');
    const byGrain = Object.fromEntries(rows.map((r) => [r.grain, r.mm]));
    expect(byGrain.year).toBeCloseTo(byGrain.month, 3);
    expect(byGrain.quarter).toBeCloseTo(byGrain.month, 3);
  });

  it('leaves no staging or build files behind', () => {
    expect(existsSync(`${warehouse}.building-${process.pid}`)).toBe(false);
    expect(existsSync(stagingPathFor(warehouse))).toBe(false);
    expect(readdirSync(dir).filter((name) => name !== 'w.duckdb' && name !== 'key' && name !== 'warehouse.duckdb')).toEqual([]);
  });
});
