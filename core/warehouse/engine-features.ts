// What a warehouse engine other than DuckDB serves. A sharded PostgreSQL (docs/deployment.md) answers
// measures, trends, the warehouse facts and dimensions, cohorts (preview, attrition, save, the cohort
// ledger, characterization, comparison, a measure filtered by a cohort) when its publication carries
// the core tables a definition reads with their person numbers, and data quality and the load history
// when it carries the load records. A publication made before is refused by name, never run and failed.
import { DomainError } from '../errors.ts';
import type { Database } from './database.ts';
import { PERSON_NUMBER_COLUMN } from './dialect/postgres.ts';
import { perDatabase } from './per-database.ts';

export type EngineFeature = 'cohorts' | 'data quality' | 'load history';

/** The load records a publication copies to its coordinator (pipelines/publish-postgres; quality.results only when the warehouse has it, as on DuckDB). */
export const LOAD_RECORD_TABLES = ['etl.runs', 'etl.file_counts', 'etl.quarantine'] as const;

/** `tables` all exist, and `more` (SQL) holds: one row's check. */
async function present(db: Database, tables: readonly string[], more: string[] = []): Promise<boolean> {
  const checks = [...tables.map((table) => `to_regclass(${db.dialect.quoteLiteral(table)}) IS NOT NULL`), ...more].join(' AND ');
  const [row] = await db.query<{ present: boolean }>(`SELECT ${checks} AS present`);
  return row?.present === true;
}

const hasLoadRecords = perDatabase((db) => present(db, LOAD_RECORD_TABLES));

/** Throws engine_unsupported when `db` is not DuckDB and its publication predates the load records (data quality and the load history read them). */
export async function requireLoadRecords(db: Database, feature: 'data quality' | 'load history'): Promise<void> {
  if (db.dialect.name === 'duckdb') return;
  if (!(await hasLoadRecords(db))) throw unsupported(db, feature, `whose publication was made before it carried the load records (${LOAD_RECORD_TABLES.join(', ')}): publish it again with popsight publish`);
}

/** The core tables a cohort definition reads (core/cohorts/build-cohort-sql.ts). */
export const COHORT_TABLES = ['core.person', 'core.condition', 'core.observation', 'core.medication', 'core.encounter', 'core.coverage', 'core.payer'] as const;

/** The person tables whose rows carry their person's number on PostgreSQL: cohort members are named by it (core/cohorts/postgres-members.ts). */
const NUMBERED_TABLES = [...COHORT_TABLES.filter((table) => table !== 'core.payer'), 'mart.person_year'];

const hasCohortTables = perDatabase((db) => {
  // Members are person numbers, which a publication stores with every person row (core/warehouse/dialect/postgres.ts).
  const numbered = NUMBERED_TABLES.map((table) => db.dialect.quoteLiteral(table)).join(', ');
  const personNumbers = `(SELECT count(*) FROM information_schema.columns WHERE table_schema || '.' || table_name IN (${numbered})
      AND column_name = ${db.dialect.quoteLiteral(PERSON_NUMBER_COLUMN)}) = ${NUMBERED_TABLES.length}`;
  return present(db, COHORT_TABLES, [personNumbers]);
});

/** Throws engine_unsupported when `db` is not DuckDB and lacks a table of COHORT_TABLES or a person number (a publication made without them, or before every person row carried its number). */
export async function requireCohortTables(db: Database): Promise<void> {
  if (db.dialect.name === 'duckdb') return;
  if (!(await hasCohortTables(db))) throw unsupported(db, 'cohorts', `whose publication does not carry the core tables cohorts read (${COHORT_TABLES.join(', ')}, each person table with its ${PERSON_NUMBER_COLUMN}): publish it again with popsight publish`);
}

function unsupported(db: Database, feature: EngineFeature, why: string): DomainError {
  return new DomainError(
    'engine_unsupported',
    `This server answers from a sharded PostgreSQL (popsight serve --engine), ${why}: serve the DuckDB warehouse (popsight serve --warehouse) for ${feature}. See docs/deployment.md, "Sharded PostgreSQL (and Citus)".`,
    { engine: db.dialect.name, feature },
  );
}
