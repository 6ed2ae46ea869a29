// What a warehouse engine other than DuckDB serves. A sharded PostgreSQL (docs/deployment.md) answers
// measures, trends, the warehouse facts and dimensions, and cohorts (preview, attrition, save, the
// cohort ledger, characterization, comparison, a measure filtered by a cohort), when its publication
// carries the core tables a definition reads. Data quality and the load history are refused by name,
// never run and failed.
import { DomainError } from '../errors.ts';
import type { Database } from './database.ts';
import { PERSON_NUMBER_COLUMN } from './dialect/postgres.ts';

export type EngineFeature = 'cohorts' | 'data quality' | 'load history';

/** Throws engine_unsupported unless `db` is DuckDB. */
export function requireDuckdbFor(db: Database, feature: EngineFeature): void {
  if (db.dialect.name === 'duckdb') return;
  throw unsupported(db, feature, `which serves measures, trends and cohorts but not ${feature}`);
}

/** The core tables a cohort definition reads (core/cohorts/build-cohort-sql.ts). */
export const COHORT_TABLES = ['core.person', 'core.condition', 'core.observation', 'core.medication', 'core.encounter', 'core.coverage', 'core.payer'] as const;

const cohortTables = new WeakMap<Database, Promise<boolean>>();

/** Throws engine_unsupported when `db` is not DuckDB and lacks a table of COHORT_TABLES (a publication made without them, or before conditions carried a person number). */
export async function requireCohortTables(db: Database): Promise<void> {
  if (db.dialect.name === 'duckdb') return;
  let present = cohortTables.get(db);
  if (!present) {
    // A characterization counts the people of core.condition by the person number a publication stores with it (core/warehouse/dialect/postgres.ts).
    const personNumber = `EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'core' AND table_name = 'condition' AND column_name = ${db.dialect.quoteLiteral(PERSON_NUMBER_COLUMN)})`;
    const checks = [...COHORT_TABLES.map((table) => `to_regclass(${db.dialect.quoteLiteral(table)}) IS NOT NULL`), personNumber].join(' AND ');
    present = db.query<{ present: boolean }>(`SELECT ${checks} AS present`).then(([row]) => row?.present === true);
    present.catch(() => cohortTables.delete(db));
    cohortTables.set(db, present);
  }
  if (!(await present)) throw unsupported(db, 'cohorts', `whose publication does not carry the core tables cohorts read (${COHORT_TABLES.join(', ')}, with core.condition's ${PERSON_NUMBER_COLUMN}): publish it again with popsight publish`);
}

function unsupported(db: Database, feature: EngineFeature, why: string): DomainError {
  return new DomainError(
    'engine_unsupported',
    `This server answers from a sharded PostgreSQL (popsight serve --engine), ${why}: serve the DuckDB warehouse (popsight serve --warehouse) for ${feature}. See docs/deployment.md, "Sharded PostgreSQL (and Citus)".`,
    { engine: db.dialect.name, feature },
  );
}
