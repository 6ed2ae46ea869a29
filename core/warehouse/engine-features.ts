// What a warehouse engine other than DuckDB serves. A sharded PostgreSQL (docs/deployment.md) answers
// measures, trends, the warehouse facts and dimensions; cohorts, data quality and the load history read
// core and etl tables a publication does not carry, so they are refused by name, never run and failed.
import { DomainError } from '../errors.ts';
import type { Database } from './database.ts';

export type EngineFeature = 'cohorts' | 'data quality' | 'load history';

/** Throws engine_unsupported unless `db` is DuckDB. */
export function requireDuckdbFor(db: Database, feature: EngineFeature): void {
  if (db.dialect.name === 'duckdb') return;
  throw new DomainError(
    'engine_unsupported',
    `This server answers from a sharded PostgreSQL (popsight serve --engine), which serves measures and trends but not ${feature}: serve the DuckDB warehouse (popsight serve --warehouse) for ${feature}. See docs/deployment.md, "Sharded PostgreSQL (and Citus)".`,
    { engine: db.dialect.name, feature },
  );
}
