// 1. Extract, OMOP CDM 5.4 CSV: lands the CDM tables in the same `staging.*` tables the Synthea
// reader produces (canonical fields of synthea-files.ts, all VARCHAR, `_file`, `_line`), with values
// in Synthea's conventions so one model serves every format. Raw OMOP columns are read into a
// scratch `omop` schema, mapped by one SQL file per staging table, and the scratch schema is dropped.
import type { Database } from '../../../core/warehouse/database.ts';
import { runSqlFile } from '../../../core/warehouse/sql-file.ts';
import { LoadError } from '../../load-errors.ts';
import type { StagedFile, StageResult } from '../source-reader.ts';
import { STAGING_CONTRACT } from '../synthea/synthea-files.ts';
import { buildCodedViewSql, CODED_TABLES } from './build-coded-view-sql.ts';
import { openOmopFolder } from './omop-files.ts';
import { OMOP_TABLES } from './omop-tables.ts';
import { readOmopTable, type ReadTable } from './read-omop-table.ts';

export { looksLikeOmop } from './omop-files.ts';

export async function stageOmop(dir: string, db: Database): Promise<StageResult> {
  const folder = openOmopFolder(dir);
  await db.run('CREATE SCHEMA omop');
  try {
    const read = new Map<string, ReadTable>();
    for (const table of OMOP_TABLES) read.set(table.name, await readOmopTable(db, folder, table));
    checkCoverageSource(read);

    await runSqlFile(db, new URL('sql/macros.sql', import.meta.url));
    await runSqlFile(db, new URL('sql/lookups.sql', import.meta.url));
    for (const coded of CODED_TABLES) await db.run(buildCodedViewSql(coded));
    // The staging tables, in the order of the contract.
    for (const { file: table } of STAGING_CONTRACT) await runSqlFile(db, new URL(`sql/${table}.sql`, import.meta.url));
    // The vocabulary's names of the staged codes: reference descriptions for the free-text rule.
    await runSqlFile(db, new URL('sql/code-names.sql', import.meta.url));

    return { format: 'omop', layout: await cdmLayout(db, read), files: await stagedFiles(db) };
  } finally {
    await db.run('DROP SCHEMA IF EXISTS omop CASCADE');
  }
}

/** Coverage is the denominator of every rate: without plan periods or observation periods there is none. */
function checkCoverageSource(read: Map<string, ReadTable>): void {
  const periods = read.get('observation_period')!;
  if (periods.rows === 0 && read.get('payer_plan_period')!.rows === 0) {
    throw new LoadError(periods.file ?? 'OBSERVATION_PERIOD.csv',
      'has a header but no rows, and PAYER_PLAN_PERIOD.csv has none either; expected one observation period per person (the coverage measures are counted over)');
  }
}

async function cdmLayout(db: Database, read: Map<string, ReadTable>): Promise<string> {
  const [{ version }] = await db.query<{ version: string | null }>('SELECT any_value(trim(cdm_version)) AS version FROM omop.cdm_source');
  // Without CDM_SOURCE, 5.4 is recognised by a column it renamed (5.3: admitting_source_concept_id).
  const fromHeaders = read.get('visit_occurrence')!.headers.some((h) => h.toLowerCase() === 'admitted_from_concept_id') ? '5.4' : '5.3';
  const vocabulary = read.get('concept')!.rows > 0 ? '' : ', no CONCEPT.csv: codes from source values';
  return `CDM ${(version ?? fromHeaders).replace(/^v/i, '')}${vocabulary}`;
}

async function stagedFiles(db: Database): Promise<StagedFile[]> {
  const files: StagedFile[] = [];
  for (const { file: table } of STAGING_CONTRACT) {
    const rows = await db.query<{ file: string; n: number }>(`SELECT _file AS file, count(*) AS n FROM staging.${table} GROUP BY _file ORDER BY _file`);
    for (const { file, n } of rows) files.push({ file, table, read: n });
  }
  return files;
}
