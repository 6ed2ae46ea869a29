import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract, type LoadResult } from '../../pipelines/load.ts';
import { stageFhir } from '../../pipelines/sources/fhir/stage-fhir.ts';
import { STAGING_CONTRACT } from '../../pipelines/sources/synthea/synthea-files.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { quietLoadDeps as quiet } from '../helpers/test-env.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const SMART = fixture('fhir-smart-bulk-10');
const BUNDLES = fixture('fhir-bundles');

type Resource = Record<string, any>;
const ndjson = (file: string): Resource[] => readFileSync(join(SMART, file), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const bundleResources = (): Resource[] =>
  readdirSync(BUNDLES).flatMap((f) => JSON.parse(readFileSync(join(BUNDLES, f), 'utf8')).entry.map((e: Resource) => e.resource));

async function load(source: string): Promise<{ result: LoadResult; db: Database }> {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-fhir-'));
  const warehouse = join(dir, 'warehouse.duckdb');
  const result = await loadExtract({ source, warehouse, secretsFile: join(dir, 'key') }, quiet);
  return { result, db: await openDatabase(warehouse, { readOnly: true }) };
}

/** Names, phones, address lines, identifiers (SSN, licence, passport, MRN, NPI) and ids of the input. */
function identifyingValues(resources: Resource[]): string[] {
  const people = resources.filter((r) => ['Patient', 'Practitioner'].includes(r.resourceType));
  const values = [
    ...resources.map((r) => r.id),
    ...people.flatMap((r) => [
      ...(r.name ?? []).flatMap((n: Resource) => [n.family, ...(n.given ?? [])]),
      ...(r.telecom ?? []).map((t: Resource) => t.value),
      ...(r.address ?? []).flatMap((a: Resource) => a.line ?? []),
      ...(r.identifier ?? []).map((i: Resource) => i.value),
      ...(r.extension ?? []).filter((e: Resource) => e.url.endsWith('mothersMaidenName')).map((e: Resource) => e.valueString),
    ]),
  ];
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length >= 4))];
}

/** Every distinct value of every VARCHAR column that contains one of `needles`. */
async function leaks(db: Database, needles: string[]): Promise<{ columns: number; found: string[] }> {
  const columns = await db.query<{ s: string; t: string; c: string }>(
    `SELECT schema_name AS s, table_name AS t, column_name AS c FROM duckdb_columns() WHERE data_type = 'VARCHAR' AND database_name = current_database()`,
  );
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
  const ids = new Set(needles.filter((n) => new RegExp(`^${uuid.source}$`, 'i').test(n)));
  const others = needles.filter((n) => !ids.has(n));
  const found: string[] = [];
  for (const { s, t, c } of columns) {
    const values = await db.query<{ v: string }>(`SELECT DISTINCT "${c}" AS v FROM "${s}"."${t}" WHERE "${c}" IS NOT NULL`);
    for (const { v } of values) {
      for (const [id] of v.matchAll(uuid)) if (ids.has(id)) found.push(`${s}.${t}.${c}: ${id}`);
      for (const needle of others) if (v.includes(needle)) found.push(`${s}.${t}.${c}: ${needle}`);
    }
  }
  return { columns: columns.length, found };
}

describe('loading the smart-bulk-10 FHIR Bulk Data sample', () => {
  let result: LoadResult;
  let db: Database;
  beforeAll(async () => ({ result, db } = await load(SMART)));
  afterAll(() => db?.close());

  it('detects the format and lands every Patient, Encounter, Condition, MedicationRequest and Immunization in core', async () => {
    expect([result.format, result.layout]).toEqual(['fhir', 'bulk-ndjson']);
    const [counts] = await db.query(`SELECT
      (SELECT count(*) FROM core.person) AS people, (SELECT count(*) FROM core.encounter) AS encounters,
      (SELECT count(*) FROM core.condition) AS conditions, (SELECT count(*) FROM core.medication) AS medications,
      (SELECT count(*) FROM core.immunization) AS immunizations, (SELECT count(*) FROM core.procedure) AS procedures,
      (SELECT count(*) FROM core.organization) AS organizations`);
    expect(counts).toEqual({ people: 13, encounters: 1215, conditions: 555, medications: 1745, immunizations: 161, procedures: 2056, organizations: 43 });
  });

  it('reconciles read = loaded + quarantined for every file, and read = the lines of the file', async () => {
    const files = await db.query<{ file: string; read: number; loaded: number; quarantined: number }>('SELECT file, read, loaded, quarantined FROM etl.file_counts');
    expect(files.map((f) => f.file).sort()).toEqual(
      ['Condition', 'Encounter', 'Immunization', 'MedicationRequest', 'Organization', 'Patient', 'Procedure'].map((t) => `${t}.000.ndjson`),
    );
    for (const f of files) {
      expect(f.read, f.file).toBe(f.loaded + f.quarantined);
      expect(f.read, f.file).toBe(ndjson(f.file).length);
    }
  });

  it("maps sex, race, ethnicity and encounter classes to Synthea's values", async () => {
    const patients = ndjson('Patient.000.ndjson');
    const sexes = await db.query('SELECT sex, count(*)::INTEGER AS n FROM core.person GROUP BY 1 ORDER BY 1');
    expect(sexes).toEqual([
      { sex: 'F', n: patients.filter((p) => p.gender === 'female').length },
      { sex: 'M', n: patients.filter((p) => p.gender === 'male').length },
    ]);
    const [people] = await db.query(`SELECT count(*) FILTER (race = 'white') AS white, count(*) FILTER (ethnicity = 'hispanic') AS hispanic FROM core.person`);
    expect(people).toEqual({ white: 13, hispanic: 1 }); // all 2106-3; one 2135-2

    // Expected from the file: v3 ActCode class, refined by Synthea's encounter type codes.
    const expected: Record<string, number> = {};
    for (const e of ndjson('Encounter.000.ndjson')) {
      const type = e.type[0].coding[0].code;
      const cls = { EMER: 'emergency', VR: 'virtual' }[e.class.code as string]
        ?? (e.class.code === 'IMP' ? (type === '449411000124106' ? 'snf' : 'inpatient') : undefined)
        ?? (e.class.code === 'HH' ? (type === '305336008' ? 'hospice' : 'home') : undefined)
        // Synthea CSV files general examinations, well-child visits and death certifications as wellness.
        ?? (['162673000', '410620009', '308646001'].includes(type) ? 'wellness' : type === '702927004' ? 'urgentcare' : 'ambulatory');
      expected[cls] = (expected[cls] ?? 0) + 1;
    }
    const classes = await db.query<{ c: string; n: number }>('SELECT encounter_class AS c, count(*) AS n FROM core.encounter GROUP BY 1');
    expect(Object.fromEntries(classes.map((r) => [r.c, r.n]))).toEqual(expected);
  });

  it('resolves Patient/… and Organization?identifier=… references to the loaded rows', async () => {
    const [linked] = await db.query(`SELECT
      count(*) FILTER (organization_id IN (SELECT organization_id FROM core.organization)) AS with_org,
      count(*) FILTER (person_id IN (SELECT person_id FROM core.person)) AS with_person FROM core.encounter`);
    expect(linked).toEqual({ with_org: 1215, with_person: 1215 });
    const [conditions] = await db.query('SELECT count(*) AS n FROM core.condition WHERE encounter_id IN (SELECT encounter_id FROM core.encounter)');
    expect(conditions).toEqual({ n: 555 });
  });

  it('loads a gzipped copy of a file the same as the plain file', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'popsight-fhir-gz-')), 'smart');
    cpSync(SMART, copy, { recursive: true });
    writeFileSync(join(copy, 'Encounter.000.ndjson.gz'), gzipSync(readFileSync(join(copy, 'Encounter.000.ndjson'))));
    rmSync(join(copy, 'Encounter.000.ndjson'));
    const gz = await load(copy);
    try {
      const digest = 'SELECT count(*) AS n, sum(hash(encounter_id, person_id, organization_id, encounter_class, start_ts, stop_ts)) AS h FROM core.encounter';
      expect(await gz.db.query(digest)).toEqual(await db.query(digest));
      const [file] = await gz.db.query(`SELECT file, read FROM etl.file_counts WHERE file LIKE 'Encounter%'`);
      expect(file).toEqual({ file: 'Encounter.000.ndjson.gz', read: 1215 });
    } finally {
      gz.db.close();
    }
  });

  it('stores no name, phone, address, SSN, licence, passport or original id of the input', async () => {
    const resources = readdirSync(SMART).filter((f) => /^[A-Z].*\.ndjson$/.test(f)).flatMap(ndjson);
    const needles = identifyingValues(resources);
    expect(needles.length).toBeGreaterThan(5_000);
    const { columns, found } = await leaks(db, needles);
    expect(found).toEqual([]);
    expect(columns).toBeGreaterThan(20);
  });
});

describe('loading Synthea-style transaction Bundles', () => {
  let result: LoadResult;
  let db: Database;
  beforeAll(async () => ({ result, db } = await load(BUNDLES)));
  afterAll(() => db?.close());

  it('lands both people with sex, race, ethnicity, county and ZIP3 from the US Core elements', async () => {
    expect([result.format, result.layout, result.people]).toEqual(['fhir', 'bundles', 2]);
    const people = await db.query('SELECT birth_date, death_date, sex, race, ethnicity, state, county, zip3 FROM core.person ORDER BY birth_date');
    expect(people).toEqual([
      { birth_date: '1948-07-04', death_date: '2021-05-02', sex: 'M', race: 'asian', ethnicity: 'nonhispanic', state: 'Massachusetts', county: 'Essex County', zip3: '019' },
      { birth_date: '1960-03-14', death_date: null, sex: 'F', race: 'black', ethnicity: 'hispanic', state: 'Massachusetts', county: null, zip3: '011' },
    ]);
  });

  it('attaches conditions to the right patient through urn:uuid references, also when the fullUrl is not the id', async () => {
    const rows = await db.query('SELECT c.code, p.birth_date FROM core.condition c JOIN core.person p USING (person_id) ORDER BY c.code');
    expect(rows).toEqual([{ code: '44054006', birth_date: '1960-03-14' }, { code: '59621000', birth_date: '1948-07-04' }]);
  });

  it('turns each blood-pressure panel into its systolic 8480-6 and diastolic 8462-4 observations', async () => {
    const rows = await db.query(`SELECT o.code, o.value_num, o.units, p.birth_date FROM core.observation o JOIN core.person p USING (person_id)
      WHERE o.code IN ('85354-9', '8480-6', '8462-4') ORDER BY o.code, p.birth_date`);
    expect(rows).toEqual([
      { code: '8462-4', value_num: 95, units: 'mm[Hg]', birth_date: '1948-07-04' },
      { code: '8462-4', value_num: 82, units: 'mm[Hg]', birth_date: '1960-03-14' },
      { code: '8480-6', value_num: 145, units: 'mm[Hg]', birth_date: '1948-07-04' },
      { code: '8480-6', value_num: 128, units: 'mm[Hg]', birth_date: '1960-03-14' },
    ]);
    expect(await db.query(`SELECT value_num FROM core.observation WHERE code = '39156-5'`)).toEqual([{ value_num: 31.2 }]);
  });

  it('resolves conditional references through the Organizations’ identifiers', async () => {
    const rows = await db.query(`SELECT e.encounter_class, o.name FROM core.encounter e LEFT JOIN core.organization o USING (organization_id) ORDER BY e.start_ts`);
    expect(rows).toEqual([
      { encounter_class: 'ambulatory', name: 'RIVERSIDE FAMILY PRACTICE' },
      { encounter_class: 'wellness', name: 'SPRINGFIELD GENERAL HOSPITAL' },
      { encounter_class: 'emergency', name: 'SPRINGFIELD GENERAL HOSPITAL' },
    ]);
  });

  it('takes encounter costs from the ExplanationOfBenefit, drug costs from the pharmacy Claim and enrolment from Coverage', async () => {
    const encounters = await db.query(`SELECT e.encounter_class, e.total_cost, e.payer_coverage, p.name AS payer
      FROM core.encounter e LEFT JOIN core.payer p USING (payer_id) ORDER BY e.start_ts`);
    expect(encounters).toEqual([
      { encounter_class: 'ambulatory', total_cost: 150, payer_coverage: 120, payer: 'Aetna' },
      { encounter_class: 'wellness', total_cost: 216.36, payer_coverage: 173.09, payer: 'Medicaid' },
      { encounter_class: 'emergency', total_cost: null, payer_coverage: null, payer: null },
    ]);
    const drugs = await db.query('SELECT m.code, m.total_cost, p.name AS payer FROM core.medication m LEFT JOIN core.payer p USING (payer_id) ORDER BY m.code');
    expect(drugs).toEqual([{ code: '314076', total_cost: null, payer: null }, { code: '860975', total_cost: 25.5, payer: 'Medicaid' }]);
    expect(await db.query('SELECT name, category FROM core.payer ORDER BY name')).toEqual([
      { name: 'Aetna', category: 'Commercial' }, { name: 'Medicaid', category: 'Medicaid' },
    ]);
    const coverage = await db.query('SELECT p.name, c.start_date, c.end_date FROM core.coverage c JOIN core.payer p USING (payer_id) ORDER BY c.start_date');
    expect(coverage).toEqual([
      { name: 'Aetna', start_date: '2010-01-01', end_date: '2021-05-02' },
      { name: 'Medicaid', start_date: '2015-01-01', end_date: '2020-12-31' },
    ]);
  });

  it('applies UTC offsets, so an encounter across the end of daylight saving time is kept', async () => {
    const [er] = await db.query(`SELECT start_ts, stop_ts FROM core.encounter WHERE encounter_class = 'emergency'`);
    expect(er).toEqual({ start_ts: '2020-11-01T05:30:00.000Z', stop_ts: '2020-11-01T06:10:00.000Z' });
    expect(await db.query('SELECT count(*) AS n FROM etl.quarantine')).toEqual([{ n: 0 }]);
  });

  it('records each Bundle by its position, never by its file name (Synthea names it after the patient)', async () => {
    const files = await db.query<{ file: string }>('SELECT DISTINCT file FROM etl.file_counts ORDER BY file');
    expect(files.map((f) => f.file)).toEqual(['bundle-00001.json', 'bundle-00002.json', 'bundle-00003.json']);
  });

  it('stores no name, phone, address, SSN, licence or original id of the input', async () => {
    const fileNames = readdirSync(BUNDLES).flatMap((f) => f.replace(/\.json$/, '').split('_'));
    const needles = [...identifyingValues(bundleResources()), ...fileNames.filter((part) => part.length >= 4)];
    expect(needles).toEqual(expect.arrayContaining(['Lovelace891', '999-33-4444', '77 Compiler Court', '555-201-3344', 'patient-b-logical-id']));
    const { found } = await leaks(db, needles);
    expect(found).toEqual([]);
  });
});

describe('the FHIR staging contract', () => {
  it.each([['Bulk Data NDJSON', SMART], ['Bundles', BUNDLES]])('stages %s in exactly the canonical fields of synthea-files.ts, all VARCHAR', async (_label, source) => {
    const db = await openDatabase(':memory:');
    try {
      await db.run('CREATE SCHEMA staging');
      await stageFhir(source, db);
      for (const spec of STAGING_CONTRACT) {
        const columns = await db.query<{ name: string; type: string }>(
          `SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE schema_name = 'staging' AND table_name = $1 ORDER BY column_index`, [spec.file],
        );
        expect(columns.map((c) => c.name), spec.file).toEqual(['_file', '_line', ...spec.fields.map((f) => f.name)]);
        expect(columns.slice(2).every((c) => c.type === 'VARCHAR'), spec.file).toBe(true);
      }
      expect(await db.query(`SELECT count(*) AS n FROM duckdb_schemas() WHERE schema_name = 'fhir'`)).toEqual([{ n: 0 }]);
    } finally {
      db.close();
    }
  });
});
