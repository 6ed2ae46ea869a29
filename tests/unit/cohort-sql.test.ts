import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCohortSql } from '../../core/cohorts/build-cohort-sql.ts';
import { cohortDefinitionSchema, type CohortDefinition, type Criterion } from '../../core/cohorts/cohort-schema.ts';
import { buildMeasureSql } from '../../core/measures/build-measure-sql.ts';
import { findMeasure } from '../../core/measures/catalog.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';

// A hand-built warehouse of eight people. The latest encounter (p5's wellness visit) is on
// 2024-06-30, which makes that the default index date. Ages on it: p1 74, p2 84, p3 34, p4 38,
// p5 14, p6 64, p8 24; p7's birth date is withheld (aged 90+).
const TABLES = [
  `CREATE TABLE core.person (person_id VARCHAR, birth_date DATE, age_90_plus BOOLEAN, death_date DATE, sex VARCHAR, race VARCHAR,
     ethnicity VARCHAR, state VARCHAR, county VARCHAR, county_fips VARCHAR, zip3 VARCHAR)`,
  `INSERT INTO core.person VALUES
     ('p1', '1950-06-01', false, NULL, 'F', 'white', 'nonhispanic', 'MA', 'Middlesex County', '25017', '021'),
     ('p2', '1940-01-01', false, NULL, 'M', 'black', 'hispanic', 'MA', 'Essex County', '25009', '019'),
     ('p3', '1990-02-02', false, NULL, 'F', 'asian', 'nonhispanic', 'MA', 'Middlesex County', '25017', '021'),
     ('p4', '1985-07-15', false, NULL, 'M', 'white', 'nonhispanic', 'MA', 'Suffolk County', '25025', '021'),
     ('p5', '2010-03-03', false, NULL, 'F', 'white', 'hispanic', 'MA', 'Suffolk County', '25025', '021'),
     ('p6', '1960-05-05', false, NULL, 'M', 'other', 'nonhispanic', 'MA', 'Essex County', '25009', '019'),
     ('p7', NULL, true, '2023-01-01', 'F', 'white', 'nonhispanic', 'MA', 'Middlesex County', '25017', '021'),
     ('p8', '2000-01-01', false, NULL, 'M', 'white', 'nonhispanic', 'IA', 'O''Brien County', '19141', '512')`,
  `CREATE TABLE core.payer (payer_id VARCHAR, name VARCHAR, category VARCHAR)`,
  `INSERT INTO core.payer VALUES ('mcaid', 'Medicaid', 'Medicaid'), ('mcare', 'Medicare', 'Medicare'), ('comm', 'Aetna', 'Commercial'), ('none', 'NO_INSURANCE', 'Uninsured')`,
  `CREATE TABLE core.coverage (person_id VARCHAR, payer_id VARCHAR, start_date DATE, end_date DATE)`,
  `INSERT INTO core.coverage VALUES
     ('p1', 'mcaid', '2018-01-01', '2022-12-31'), ('p1', 'comm', '2023-01-01', '2024-12-31'), ('p2', 'mcare', '2005-01-01', '2024-12-31'),
     ('p3', 'comm', '2015-01-01', '2024-12-31'), ('p4', 'comm', '2020-01-01', '2024-12-31'), ('p5', 'none', '2010-03-03', '2024-12-31'),
     ('p6', 'mcaid', '2019-01-01', '2024-12-31'), ('p7', 'mcare', '2000-01-01', '2023-01-01'),
     ('p8', 'none', '2021-01-01', '2022-06-30'), ('p8', 'none', '2022-08-01', '2024-12-31')`,
  `CREATE TABLE core.condition (person_id VARCHAR, encounter_id VARCHAR, system VARCHAR, code VARCHAR, description VARCHAR, start_date DATE, stop_date DATE)`,
  `INSERT INTO core.condition VALUES
     ('p1', NULL, 'SNOMED', '44054006', 'Diabetes mellitus type 2 (disorder)', '2019-03-01', NULL),
     ('p2', NULL, 'SNOMED', '46635009', 'Diabetes mellitus type 1 (disorder)', '2018-01-01', NULL),
     ('p4', NULL, 'SNOMED', '44054006', 'Diabetes mellitus type 2 (disorder)', '2021-01-01', NULL),
     ('p6', NULL, 'SNOMED', '44054006', 'Diabetes mellitus type 2 (disorder)', '2019-05-01', NULL),
     ('p5', NULL, 'SNOMED', '195967001', 'Asthma (disorder)', '2015-02-01', '2016-01-01'),
     ('p3', NULL, 'SNOMED', '59621000', 'Essential hypertension (disorder)', '2012-01-01', NULL),
     ('p7', NULL, 'SNOMED', '59621000', 'Essential hypertension (disorder)', '2010-01-01', NULL)`,
  `CREATE TABLE core.observation (person_id VARCHAR, encounter_id VARCHAR, obs_ts TIMESTAMP, category VARCHAR, code VARCHAR, description VARCHAR,
     value_num DOUBLE, value_text VARCHAR, units VARCHAR)`,
  `INSERT INTO core.observation VALUES
     ('p1', NULL, '2020-01-10 09:00', 'laboratory', '4548-4', 'HbA1c', 9.5, NULL, '%'),
     ('p1', NULL, '2020-01-10 09:00', 'laboratory', '2339-0', 'Glucose', 120, NULL, 'mg/dL'),
     ('p2', NULL, '2021-05-05 09:00', 'laboratory', '4548-4', 'HbA1c', 10.0, NULL, '%'),
     ('p3', NULL, '2020-06-06 09:00', 'laboratory', '4548-4', 'HbA1c', 9.2, NULL, '%'),
     ('p3', NULL, '2021-06-06 09:00', 'laboratory', '4548-4', 'HbA1c', NULL, 'see note', NULL),
     ('p4', NULL, '2021-02-02 09:00', 'laboratory', '4548-4', 'HbA1c', 8.0, NULL, '%'),
     ('p6', NULL, '2018-12-31 09:00', 'laboratory', '4548-4', 'HbA1c', 9.1, NULL, '%')`,
  `CREATE TABLE core.medication (person_id VARCHAR, encounter_id VARCHAR, payer_id VARCHAR, code VARCHAR, description VARCHAR,
     start_ts TIMESTAMP, stop_ts TIMESTAMP, dispenses INTEGER, total_cost DOUBLE)`,
  `INSERT INTO core.medication VALUES
     ('p4', NULL, 'comm', '860975', 'metformin', '2021-01-02 10:00', NULL, 12, 100),
     ('p6', NULL, 'mcaid', '860975', 'metformin', '2019-05-02 10:00', '2019-12-31 10:00', 8, 80),
     ('p2', NULL, 'mcare', '106892', 'insulin', '2018-01-05 10:00', '2018-06-01 10:00', 5, 500)`,
  `CREATE TABLE core.encounter (encounter_id VARCHAR, person_id VARCHAR, organization_id VARCHAR, payer_id VARCHAR, encounter_class VARCHAR,
     code VARCHAR, description VARCHAR, start_ts TIMESTAMP, stop_ts TIMESTAMP, base_cost DOUBLE, total_cost DOUBLE, payer_coverage DOUBLE, reason_code VARCHAR)`,
  `INSERT INTO core.encounter (encounter_id, person_id, encounter_class, start_ts) VALUES
     ('e1', 'p1', 'emergency', '2019-03-15 10:00'), ('e2', 'p1', 'emergency', '2019-03-20 10:00'), ('e3', 'p1', 'wellness', '2023-05-01 10:00'),
     ('e4', 'p2', 'emergency', '2018-01-10 10:00'), ('e5', 'p2', 'emergency', '2019-06-01 10:00'),
     ('e6', 'p3', 'emergency', '2020-02-01 10:00'), ('e7', 'p3', 'emergency', '2020-03-01 10:00'), ('e8', 'p3', 'emergency', '2020-04-01 10:00'),
     ('e9', 'p4', 'emergency', '2021-01-05 10:00'), ('e10', 'p4', 'emergency', '2021-01-20 10:00'),
     ('e11', 'p5', 'wellness', '2024-06-30 10:00'), ('e12', 'p5', 'wellness', '2023-06-01 10:00'),
     ('e13', 'p6', 'emergency', '2019-05-10 10:00'), ('e14', 'p6', 'emergency', '2019-05-12 10:00'), ('e15', 'p6', 'inpatient', '2019-04-20 10:00'),
     ('e16', 'p7', 'inpatient', '2022-12-20 10:00'), ('e17', 'p8', 'ambulatory', '2022-02-02 10:00')`,
];

const EXAMPLE: CohortDefinition = {
  name: 'Poorly controlled diabetics with ED use',
  criteria: {
    all: [
      { condition: { group: 'diabetes' } },
      { lab: { code: '4548-4', op: '>', value: 9, between: ['2019-01-01', '2025-12-31'] } },
      { encounter: { class: 'emergency', minCount: 2 } },
      { not: { age: { min: 76 } } },
    ],
  },
};

const edAfterDiabetes = (minCount: number): Criterion => ({
  encounter: { class: 'emergency', minCount, within: { days: 30, after: { condition: { group: 'diabetes' } } } },
});

describe('buildCohortSql', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-cohort-sql-'));
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase(join(dir, 'tiny.duckdb'));
    await db.run('CREATE SCHEMA core');
    for (const sql of TABLES) await db.run(sql);
  });
  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // A PostgreSQL publication names people by the integer person_number it stores with every person row
  // (core/cohorts/postgres-members.ts): every criterion and the row restriction must join and return by it.
  it('names people by person_number throughout when asked, the same SQL otherwise, never the pseudonym', () => {
    const definition = {
      criteria: { all: [{ not: { sex: 'M' } }, { any: [{ age: { min: 65 } }, { payer: { category: 'Medicaid' } }] }, { enrolled: { before: 365 } },
        { encounter: { class: 'emergency', within: { days: 30, after: { condition: { group: 'diabetes' } } } } }, { lab: { code: '4548-4', op: '>', value: 9 } }] },
      restriction: { county: ['Essex'], organization: ['org-1'], payer: ['Medicare'] },
    } as Parameters<typeof buildCohortSql>[0];
    const byId = buildCohortSql(definition);
    const byNumber = buildCohortSql(definition, undefined, undefined, 'members', 'person_number');
    expect(byNumber.sql).not.toMatch(/person_id/);
    expect(byNumber.sql.replaceAll('person_number', 'person_id')).toBe(byId.sql);
    expect(byNumber.values).toEqual(byId.values);
  });

  /** The members a definition selects, sorted; the definition passes the schema first. */
  async function members(criteria: Criterion, indexDate?: string): Promise<string[]> {
    const definition = cohortDefinitionSchema.parse({ name: 'test', criteria, ...(indexDate ? { indexDate } : {}) });
    const { sql, values } = buildCohortSql(definition);
    const rows = await db.query<{ person_id: string }>(sql, values);
    const ids = rows.map((r) => r.person_id);
    expect(new Set(ids).size, 'one row per member').toBe(ids.length);
    return ids.sort();
  }

  describe('SQL shape', () => {
    it('binds every value as a parameter and uses each parameter', () => {
      const { sql, values } = buildCohortSql(EXAMPLE);
      expect(values).toEqual(['44054006', '46635009', '4548-4', 9, '2019-01-01', '2025-12-31', 2, 'emergency', 76]);
      for (const literal of ['4548-4', '44054006', '2019-01-01', 'emergency']) expect(sql).not.toContain(literal);
      expect(sql.replace(/\$\d+/g, '$')).not.toMatch(/\b(9|2|76)\b/);
      // The only quoted text is the compiler's own: the date_sub unit.
      expect([...sql.matchAll(/'[^']*'/g)].map((m) => m[0])).toEqual(["'year'"]);
      const used = new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
      expect([...used].sort((a, b) => a - b)).toEqual(values.map((_, i) => i + 1));
    });

    it('reads only core.* tables and combines criteria with set operations', () => {
      const { sql } = buildCohortSql(EXAMPLE);
      expect(sql).toMatch(/^SELECT person_id FROM \(/);
      expect([...sql.matchAll(/FROM (\w+)\.(\w+)/g)].map((m) => m[1])).toEqual(expect.arrayContaining(['core']));
      expect(sql).not.toMatch(/\b(mart|etl|staging)\./);
      expect(sql.match(/\bINTERSECT\b/g)).toHaveLength(3);
      expect(sql).toContain('SELECT person_id FROM core.person EXCEPT');
      expect(sql).toContain('HAVING count(*) >= $7::INTEGER');
      expect(sql).toContain('value_num > $4::DOUBLE');
    });

    it('maps the comparator through the allow-list, never from the input text', () => {
      expect(buildCohortSql({ criteria: { lab: { code: '4548-4', op: '!=', value: 7 } } }).sql).toContain('value_num <> $2::DOUBLE');
    });

    it('keeps hostile text in the parameters: a quote in a county name is just a value', async () => {
      const hostile = "x'); DROP TABLE core.person; --";
      const { sql, values } = buildCohortSql({ criteria: { county: hostile } });
      expect(sql).not.toContain('DROP');
      expect(values).toEqual([hostile]);
      expect(await members({ county: hostile })).toEqual([]);
      expect(await members({ county: "O'Brien County" })).toEqual(['p8']);
      expect((await db.query('SELECT count(*)::INTEGER AS n FROM core.person'))[0]).toEqual({ n: 8 });
    });

    it('renumbers cleanly when spliced into a measure query after its own parameters', () => {
      const measure = findMeasure('diabetes-prevalence')!;
      const cohort = buildCohortSql(EXAMPLE);
      const { sql, values } = buildMeasureSql({ measure, period: 'year', by: [], filters: { sex: 'F' }, cohort });
      expect(values).toEqual(['F', ...cohort.values]);
      const used = new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
      expect(Math.max(...used)).toBe(values.length);
      expect(sql).toContain('HAVING count(*) >= $8::INTEGER');
    });
  });

  describe('members on a hand-built warehouse', () => {
    it('selects the example cohort: diabetic, HbA1c > 9 since 2019, two ED visits, not 76 or older', async () => {
      expect(await members(EXAMPLE.criteria)).toEqual(['p1']);
    });

    it.each<[string, Criterion, string[]]>([
      ['sex', { sex: 'F' }, ['p1', 'p3', 'p5', 'p7']],
      ['either sex', { sex: ['F', 'M'] }, ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8']],
      ['race', { race: ['black', 'asian'] }, ['p2', 'p3']],
      ['ethnicity', { ethnicity: 'hispanic' }, ['p2', 'p5']],
      ['counties', { county: ['Essex County', 'Suffolk County'] }, ['p2', 'p4', 'p5', 'p6']],
      ['age 65+, the withheld 90+ birth date counting as 90', { age: { min: 65 } }, ['p1', 'p2', 'p7']],
      ['age up to 17', { age: { max: 17 } }, ['p5']],
      ['age 30–64 inclusive', { age: { min: 30, max: 64 } }, ['p3', 'p4', 'p6']],
      ['age on a date of its own, born by then', { age: { max: 17, at: '2000-01-01' } }, ['p3', 'p4', 'p8']],
      ['payer on the index date', { payer: { category: 'Commercial' } }, ['p1', 'p3', 'p4']],
      ['payer in a window', { payer: { category: ['Medicaid'], between: ['2019-01-01', '2019-12-31'] } }, ['p1', 'p6']],
      ['a condition group', { condition: { group: 'diabetes' } }, ['p1', 'p2', 'p4', 'p6']],
      ['explicit SNOMED codes', { condition: { codes: ['59621000'] } }, ['p3', 'p7']],
      ['a condition active in a window', { condition: { group: 'diabetes', between: ['2020-01-01', '2020-12-31'] } }, ['p1', 'p2', 'p6']],
      ['a resolved condition, in its window', { condition: { group: 'asthma', between: ['2015-06-01', '2015-12-31'] } }, ['p5']],
      ['a resolved condition, after it', { condition: { group: 'asthma', between: ['2016-06-01', '2017-01-01'] } }, []],
      ['HbA1c > 9', { lab: { code: '4548-4', op: '>', value: 9 } }, ['p1', 'p2', 'p3', 'p6']],
      ['HbA1c ≥ 9.2', { lab: { code: '4548-4', op: '>=', value: 9.2 } }, ['p1', 'p2', 'p3']],
      ['HbA1c < 8.5', { lab: { code: '4548-4', op: '<', value: 8.5 } }, ['p4']],
      ['HbA1c ≤ 8', { lab: { code: '4548-4', op: '<=', value: 8 } }, ['p4']],
      ['HbA1c = 10', { lab: { code: '4548-4', op: '=', value: 10 } }, ['p2']],
      ['HbA1c ≠ 10, text results ignored', { lab: { code: '4548-4', op: '!=', value: 10 } }, ['p1', 'p3', 'p4', 'p6']],
      ['a lab in a window', { lab: { code: '4548-4', op: '>', value: 9, between: ['2019-01-01', '2020-12-31'] } }, ['p1', 'p3']],
      ['a medication', { medication: { codes: ['106892', '860975'] } }, ['p2', 'p4', 'p6']],
      ['a medication active in a window', { medication: { codes: ['860975'], between: ['2019-06-01', '2019-06-30'] } }, ['p6']],
      ['a medication stopped before the window', { medication: { codes: ['860975'], between: ['2020-01-01', '2020-12-31'] } }, []],
      ['three ED visits', { encounter: { class: 'emergency', minCount: 3 } }, ['p3']],
      ['either of two classes', { encounter: { class: ['inpatient', 'ambulatory'] } }, ['p6', 'p7', 'p8']],
      ['any encounter in a window', { encounter: { between: ['2024-01-01', '2024-12-31'] } }, ['p5']],
      ['ED visits in 2019', { encounter: { class: 'emergency', between: ['2019-01-01', '2019-12-31'] } }, ['p1', 'p2', 'p6']],
      ['two ED visits within 30 days after a diabetes diagnosis', edAfterDiabetes(2), ['p1', 'p4', 'p6']],
      ['one ED visit within 30 days after a diabetes diagnosis', edAfterDiabetes(1), ['p1', 'p2', 'p4', 'p6']],
      ['an admission within 14 days before a diagnosis', { encounter: { class: 'inpatient', within: { days: 14, before: { condition: { group: 'diabetes' } } } } }, ['p6']],
      ['an admission within 10 days before a diagnosis', { encounter: { class: 'inpatient', within: { days: 10, before: { condition: { group: 'diabetes' } } } } }, []],
      ['metformin within a day of a diagnosis', { medication: { codes: ['860975'], within: { days: 1, around: { condition: { group: 'diabetes' } } } } }, ['p4', 'p6']],
      ['metformin on the day of a diagnosis', { medication: { codes: ['860975'], within: { days: 0, around: { condition: { group: 'diabetes' } } } } }, []],
      ['an anchor that is itself anchored', { lab: { code: '4548-4', op: '>', value: 0, within: { days: 400, after: { encounter: { class: 'emergency', within: { days: 30, after: { condition: { group: 'diabetes' } } } } } } } }, ['p1', 'p4']],
      ['any of', { any: [{ sex: 'F' }, { race: 'black' }] }, ['p1', 'p2', 'p3', 'p5', 'p7']],
      ['not', { not: { sex: 'F' } }, ['p2', 'p4', 'p6', 'p8']],
      ['not not', { not: { not: { sex: 'F' } } }, ['p1', 'p3', 'p5', 'p7']],
      ['nested all / any / not', { all: [{ any: [{ county: 'Essex County' }, { county: 'Suffolk County' }] }, { not: { condition: { group: 'diabetes' } } }] }, ['p5']],
      ['a single-item all', { all: [{ ethnicity: 'hispanic' }] }, ['p2', 'p5']],
    ])('selects by %s', async (_what, criteria, expected) => {
      expect(await members(criteria)).toEqual(expected);
    });

    // Index date 2024-06-30 unless given. Coverage: p1 2018-01-01…2022-12-31 then 2023-01-01…2024-12-31
    // (two payers, meeting: continuous), p2 2005, p3 2015, p4 2020, p5 2010, p6 2019-01-01 (each to
    // 2024-12-31), p7 2000…2023-01-01 (died that day), p8 2021-01-01…2022-06-30, a gap, 2022-08-01…2024-12-31.
    it.each<[string, Criterion, string | undefined, string[]]>([
      ['alive on the index date (p7 died 2023-01-01)', { alive: true }, undefined, ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p8']],
      ['alive on the day before p7 died', { alive: true }, '2022-12-31', ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8']],
      ['alive on p7\'s day of death (no longer)', { alive: true }, '2023-01-01', ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p8']],
      ['alive, and born by the index date (p5 was born 2010-03-03)', { alive: true }, '2010-01-01', ['p1', 'p2', 'p3', 'p4', 'p6', 'p7', 'p8']],
      ['in coverage on the index date', { enrolled: {} }, undefined, ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p8']],
      ['in coverage on 2023-01-01 (p7\'s last day, p1\'s second payer\'s first)', { enrolled: {} }, '2023-01-01', ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8']],
      ['continuously 2,200 days before (from 2018-06-22: p4 from 2020 and p6 from 2019 are not)', { enrolled: { before: 2200 } }, undefined, ['p1', 'p2', 'p3', 'p5']],
      ['continuously 699 days before (from 2022-08-01, the day p8\'s coverage resumed)', { enrolled: { before: 699 } }, undefined, ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p8']],
      ['continuously 700 days before (from 2022-07-31: p8\'s gap)', { enrolled: { before: 700 } }, undefined, ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']],
      ['continuously 184 days after (to 2024-12-31, the last covered day)', { enrolled: { after: 184 } }, undefined, ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p8']],
      ['continuously 185 days after (to 2025-01-01)', { enrolled: { after: 185 } }, undefined, []],
      ['alive and continuously covered a year before (p7 died that day, p8 has a gap)', { all: [{ alive: true }, { enrolled: { before: 365 } }] }, '2023-01-01', ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']],
    ])('selects %s', async (_what, criteria, indexDate, expected) => {
      expect(await members(criteria, indexDate)).toEqual(expected);
    });

    it('measures ages on the definition’s index date when it has one', async () => {
      expect(await members({ age: { max: 17 } }, '2010-01-01')).toEqual(['p8']);
      expect(await members({ payer: { category: 'Medicaid' } }, '2018-06-30')).toEqual(['p1']);
    });
  });
});
