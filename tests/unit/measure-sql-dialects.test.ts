// Golden SQL per dialect: the text the measure builders write for every measure of the catalog, so a
// changed snapshot means the generated SQL changed (and, for DuckDB, the server's cached plans with it).
// Regenerate on purpose: UPDATE_GOLDEN=1 npx vitest run tests/unit/measure-sql-dialects.test.ts
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costSql, demographicsSql, diagnosesSql, indexDateSql, sharedDescriptionsSql } from '../../core/cohorts/build-profile-sql.ts';
import { buildMeasureSql, topShareByHeapSql, type BuiltSql, type MeasureQuery } from '../../core/measures/build-measure-sql.ts';
import { findMeasure, MEASURES } from '../../core/measures/catalog.ts';
import { measureCellCatalog, measureCellsSql, type CellCatalog } from '../../core/measures/measure-cells.ts';
import type { MeasureDefinition, TopShareMeasure } from '../../core/measures/measure-definition.ts';
import { crossTableQuery } from '../../core/measures/run-measure.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { duckdbDialect } from '../../core/warehouse/dialect/duckdb.ts';
import { postgresDialect, postgresShardedDialect } from '../../core/warehouse/dialect/postgres.ts';
import type { SqlDialect } from '../../core/warehouse/dialect/sql-dialect.ts';
import { memberBitmap } from '../../core/cohorts/postgres-members.ts';
import { MemberSet } from '../../core/cohorts/member-set.ts';

const GOLDEN = 'tests/golden/sql';
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const DIALECTS: SqlDialect[] = [duckdbDialect, postgresDialect];

/** The representative request: by sex, yearly, filtered to one payer. */
const representative = (measure: MeasureDefinition): MeasureQuery => ({ measure, period: 'year', by: ['sex'], filters: { payer: 'Medicaid' } });

const statement = (title: string, { sql, values }: BuiltSql) => `-- ${title}\n-- values: ${JSON.stringify(values)}\n${sql};\n`;

function measureGolden(measure: MeasureDefinition, cells: CellCatalog, dialect: SqlDialect): string {
  const query = representative(measure);
  return [
    `-- ${measure.id}: by sex, period year, filter payer = 'Medicaid'.`,
    '-- Regenerate on purpose: UPDATE_GOLDEN=1 npx vitest run tests/unit/measure-sql-dialects.test.ts\n',
    statement('1. Over the person rows, the filter a bound value', buildMeasureSql(query, undefined, dialect)),
    statement('2. As the server sends it (the filter a stratifier of the cross-table), over the pre-aggregated cells', buildMeasureSql(crossTableQuery(query).crossTable, cells, dialect)),
  ].join('\n');
}

/** The query shapes a single measure's golden does not show: other periods, age groups, cohorts, top-share cells. */
function shapesGolden(cells: CellCatalog, dialect: SqlDialect): string {
  const rate = findMeasure('diabetes-incidence')!;
  const ratio = findMeasure('cost-pmpm')!;
  const topShare = findMeasure('top-5-percent-cost-share') as TopShareMeasure;
  const cohort = { sql: 'SELECT person_id FROM mart.person_period WHERE sex = $1 AND has_diabetes', values: ['F'] };
  const shapes: [string, BuiltSql][] = [
    ['quarterly, two stratifiers, person rows', buildMeasureSql({ measure: rate, period: 'quarter', by: ['ageBand', 'race'], filters: {} }, undefined, dialect)],
    ['monthly, one filter, person rows', buildMeasureSql({ measure: ratio, period: 'month', by: [], filters: { county: "O'Brien County" } }, undefined, dialect)],
    ['quarterly by sex (age standardization), quarter cells', buildMeasureSql({ measure: rate, period: 'quarter', by: ['sex'], filters: {}, byStdAgeGroup: true }, cells, dialect)],
    ['quarterly by organization, one filter, quarter cells', buildMeasureSql({ measure: ratio, period: 'quarter', by: ['organization'], filters: { sex: 'F' } }, cells, dialect)],
    ['whole span (period all), by payer, cells', buildMeasureSql({ measure: ratio, period: 'all', by: ['payer'], filters: {} }, cells, dialect)],
    ['yearly by standard age group (age standardization), cells', buildMeasureSql({ measure: rate, period: 'year', by: ['sex'], filters: {}, byStdAgeGroup: true }, cells, dialect)],
    ['yearly, a saved cohort with a filter (parameters renumbered), person rows', buildMeasureSql({ measure: rate, period: 'year', by: ['sex'], filters: { payer: 'Medicare' }, cohort }, undefined, dialect)],
    ['top share, quarterly by county, person rows (window form)', buildMeasureSql({ measure: topShare, period: 'quarter', by: ['county'], filters: {} }, undefined, dialect)],
    ['top share, yearly, whole population, cells', buildMeasureSql({ measure: topShare, period: 'year', by: [], filters: {} }, cells, dialect)],
    ['top share, yearly by organization, cells', buildMeasureSql({ measure: topShare, period: 'year', by: ['organization'], filters: {} }, cells, dialect)],
    ['top share, yearly by race × sex (stored as sex × race), cells', buildMeasureSql({ measure: topShare, period: 'year', by: ['race', 'sex'], filters: {} }, cells, dialect)],
  ];
  // DuckDB's one-pass top share, which the load uses to build the top-share cells.
  if (dialect === duckdbDialect) shapes.push(['top share by heap (the load), yearly by payer, 40 largest kept', topShareByHeapSql({ measure: topShare, period: 'year', by: ['payer'], filters: {} }, 40)]);
  return shapes.map(([title, built], i) => statement(`${i + 1}. ${title}`, built)).join('\n');
}

function expectGolden(path: string, actual: string) {
  if (UPDATE) {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`no golden SQL at ${path}; write it on purpose with UPDATE_GOLDEN=1`);
  expect(actual, `${path} differs (the generated SQL changed; if on purpose, UPDATE_GOLDEN=1)`).toBe(readFileSync(path, 'utf8'));
}

describe('measure SQL per dialect', () => {
  let db: Database;
  let cells: CellCatalog;

  // The cell catalog a warehouse built today holds, read back as the server reads it.
  beforeAll(async () => {
    db = await openDatabase(':memory:');
    await db.run('CREATE SCHEMA mart');
    for (const sql of measureCellsSql(MEASURES, 'mart', {}, { quarters: true }).filter((s) => s.includes('measure_cells_catalog'))) await db.run(sql);
    cells = await measureCellCatalog(db);
  });
  afterAll(() => db?.close());

  for (const dialect of DIALECTS) {
    it(`writes the golden ${dialect.name} SQL for every measure of the catalog`, () => {
      expect(MEASURES).toHaveLength(42);
      for (const measure of MEASURES) expectGolden(join(GOLDEN, dialect.name, `${measure.id}.sql`), measureGolden(measure, cells, dialect));
    });

    it(`writes the golden ${dialect.name} SQL for the other query shapes`, () => {
      expectGolden(join(GOLDEN, dialect.name, '_query-shapes.sql'), shapesGolden(cells, dialect));
    });
  }

  it('writes the golden sharded PostgreSQL SQL: person-row aggregates in two phases (per shard, then re-aggregated); cells as on one server', () => {
    expectGolden(join(GOLDEN, 'postgres-sharded', '_query-shapes.sql'), shapesGolden(cells, postgresShardedDialect));
  });

  it('writes the golden sharded PostgreSQL SQL of a cohort characterization: each aggregate in two phases, the members one bound bitset of person numbers', () => {
    // Person numbers 1 and 33: bit 1 of byte 0 and bit 1 of byte 4, as get_bit() numbers them.
    const members = { bitmap: memberBitmap(MemberSet.fromRows(40, [1, 33])), indexDate: '2024-12-31' };
    expect(members.bitmap).toBe('\\x0200000002000000');
    const valueSets = new Map([['diabetes', ['44054006', '46635009']], ['hypertension', ['59621000']]]);
    const golden = [
      '-- A cohort characterization on sharded PostgreSQL (core/cohorts/build-profile-sql.ts), two members (person numbers 1 and 33), two condition groups.',
      '-- Regenerate on purpose: UPDATE_GOLDEN=1 npx vitest run tests/unit/measure-sql-dialects.test.ts\n',
      statement('1. The index date, when the definition has none', { sql: indexDateSql(postgresShardedDialect, false), values: [] }),
      statement('2. Age band, sex and race', demographicsSql(postgresShardedDialect, members)),
      statement('3. Condition groups and common diagnoses', diagnosesSql(postgresShardedDialect, members, valueSets, true)),
      statement('4. Cost PMPM over the latest year', costSql(postgresShardedDialect, members)),
      statement('5. The descriptions 11 or more people share', sharedDescriptionsSql(postgresShardedDialect, [{ system: 'SNOMED', code: '44054006' }], 11)),
    ].join('\n');
    expectGolden(join(GOLDEN, 'postgres-sharded', '_cohort-profile.sql'), golden);
  });

  it('writes the golden DuckDB statements that build the measure cells at load', () => {
    expectGolden(join(GOLDEN, 'duckdb', '_measure-cells-load.sql'), `${measureCellsSql(MEASURES, 'wh.mart', { '': 900, sex: 500, organization: 40 }, { quarters: true }).join(';\n\n')};\n`);
  });
});
