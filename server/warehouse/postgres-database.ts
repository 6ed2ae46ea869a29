// The Database port (core/warehouse/database.ts) over a sharded PostgreSQL coordinator, through a pg
// pool: measure SQL arrives written in the sharded dialect (two phases, pushed to each shard), and rows
// leave as the DuckDB adapter gives them (bigint and numeric → number, date → 'YYYY-MM-DD',
// timestamp → ISO string), converted once, here. Read-only by use: the server only queries.
import pg from 'pg';
import { DomainError } from '../../core/errors.ts';
import { databaseMessages, type Database, type Row, type SqlValue } from '../../core/warehouse/database.ts';
import { postgresShardedDialect } from '../../core/warehouse/dialect/postgres.ts';

/** PostgreSQL type oids whose text form is converted once here (pg_type.oid). */
const OIDS = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114 };

/** PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout. */
const QUERY_CANCELED = '57014';

function typeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === OIDS.int8 || oid === OIDS.numeric) return Number;
  if (oid === OIDS.date) return (value) => value;
  if (oid === OIDS.timestamp) return (value) => new Date(`${value.replace(' ', 'T')}Z`).toISOString();
  return pg.types.getTypeParser(oid, format as 'text');
}

export interface PostgresPoolOptions {
  /** Each statement's time budget (statement_timeout); unset: none. */
  statementTimeoutMs?: number;
  /** Connections the server may hold (default 8). */
  max?: number;
}

/** A pool on the coordinator whose sessions aggregate per partition (so each shard's aggregate is pushed down to it). */
export function openPostgresPool(url: string, options: PostgresPoolOptions = {}): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: options.max ?? 8,
    types: { getTypeParser: typeParser } as pg.CustomTypesConfig,
    options: '-c enable_partitionwise_aggregate=on -c enable_partitionwise_join=on -c default_transaction_read_only=on',
    ...(options.statementTimeoutMs === undefined ? {} : { statement_timeout: options.statementTimeoutMs }),
  });
}

/** One Database over the pool: `label` is what `path` shows (the URL without its password). */
export function postgresDatabase(pool: pg.Pool, label: string, statementTimeoutMs?: number): Database {
  async function query<T extends Row>(sql: string, values: SqlValue[] = []): Promise<T[]> {
    try {
      return (await pool.query(sql, values)).rows as T[];
    } catch (error) {
      if ((error as { code?: string }).code === QUERY_CANCELED && statementTimeoutMs !== undefined) {
        throw new DomainError('query_timeout', databaseMessages.queryTimeout(statementTimeoutMs), { budgetMs: statementTimeoutMs }, { cause: error });
      }
      throw error;
    }
  }
  return {
    path: label,
    dialect: postgresShardedDialect,
    query,
    async run(sql, values) {
      await query(sql, values);
    },
    withConnection() {
      throw new Error('withConnection is DuckDB\'s: a PostgreSQL warehouse is queried through query()');
    },
    progress: () => undefined,
    close() {
      /* the pool belongs to the warehouse that made this Database (postgres-warehouse.ts) */
    },
  };
}
