// What a warehouse engine other than DuckDB serves. A sharded PostgreSQL (docs/deployment.md) answers
// measures, trends, the warehouse facts and dimensions, cohorts (preview, attrition, save, the cohort
// ledger, characterization, comparison, a measure filtered by a cohort) when its publication carries
// the core tables a definition reads with their person numbers, and data quality and the load history
// when it carries the load records. A publication made before is refused by name, never run and failed.
import { DomainError } from '../errors.ts';
import type { Database } from './database.ts';
import { PERSON_NUMBER_COLUMN } from './dialect/postgres.ts';

export type EngineFeature = 'cohorts' | 'data quality' | 'load history';

/** The load records a publication copies to its coordinator (pipelines/publish-postgres; quality.results only when the warehouse has it, as on DuckDB). */
export const LOAD_RECORD_TABLES = ['etl.runs', 'etl.file_counts', 'etl.quarantine'] as const;

const loadRecords = new WeakMap<Database, Promise<boolean>>();

/** Throws engine_unsupported when `db` is not DuckDB and its publication predates the load records (data quality and the load history read them). */
export async function requireLoadRecords(db: Database, feature: 'data quality' | 'load history'): Promise<void> {
  if (db.dialect.name === 'duckdb') return;
  let present = loadRecords.get(db);
  if (!present) {
    const checks = LOAD_RECORD_TABLES.map((table) => `to_regclass(${db.dialect.quoteLiteral(table)}) IS NOT NULL`).join(' AND ');
    present = db.query<{ present: boolean }>(`SELECT ${checks} AS present`).then(([row]) => row?.present === true);
    present.catch(() => loadRecords.delete(db));
    loadRecords.set(db, present);
  }
  if (!(await present)) throw unsupported(db, feature, `whose publication was made before it carried the load records (${LOAD_RECORD_TABLES.join(', ')}): publish it again with popsight publish`);
}

/** The core tables a cohort definition reads (core/cohorts/build-cohort-sql.ts). */
export const COHORT_TABLES = ['core.person', 'core.condition', 'core.observation', 'core.medication', 'core.encounter', 'core.coverage', 'core.payer'] as const;

const cohortTables = new WeakMap<Database, Promise<boolean>>();

/** The person tables whose rows carry their person's number on PostgreSQL: cohort members are named by it (core/cohorts/postgres-members.ts). */
const NUMBERED_TABLES = [...COHORT_TABLES.filter((table) => table !== 'core.payer'), 'mart.person_year'];

/** Throws engine_unsupported when `db` is not DuckDB and lacks a table of COHORT_TABLES or a person number (a publication made without them, or before every person row carried its number). */
export async function requireCohortTables(db: Database): Promise<void> {
  if (db.dialect.name === 'duckdb') return;
  let present = cohortTables.get(db);
  if (!present) {
    // Members are person numbers, which a publication stores with every person row (core/warehouse/dialect/postgres.ts).
    const numbered = NUMBERED_TABLES.map((table) => db.dialect.quoteLiteral(table)).join(', ');
    const personNumbers = `(SELECT count(*) FROM information_schema.columns WHERE table_schema || '.' || table_name IN (${numbered})
      AND column_name = ${db.dialect.quoteLiteral(PERSON_NUMBER_COLUMN)}) = ${NUMBERED_TABLES.length}`;
    const checks = [...COHORT_TABLES.map((table) => `to_regclass(${db.dialect.quoteLiteral(table)}) IS NOT NULL`), personNumbers].join(' AND ');
    present = db.query<{ present: boolean }>(`SELECT ${checks} AS present`).then(([row]) => row?.present === true);
    present.catch(() => cohortTables.delete(db));
    cohortTables.set(db, present);
  }
  if (!(await present)) throw unsupported(db, 'cohorts', `whose publication does not carry the core tables cohorts read (${COHORT_TABLES.join(', ')}, each person table with its ${PERSON_NUMBER_COLUMN}): publish it again with popsight publish`);
}

function unsupported(db: Database, feature: EngineFeature, why: string): DomainError {
  return new DomainError(
    'engine_unsupported',
    `This server answers from a sharded PostgreSQL (popsight serve --engine), ${why}: serve the DuckDB warehouse (popsight serve --warehouse) for ${feature}. See docs/deployment.md, "Sharded PostgreSQL (and Citus)".`,
    { engine: db.dialect.name, feature },
  );
}
