// The PostgreSQL dialect (15 and later): the same measure SQL for a PostgreSQL warehouse, written by
// the same builders. Literals assume standard_conforming_strings = on (the default since 9.1).
import { quoteIdentifier, quoteLiteral } from '../sql.ts';
import type { SqlDialect, SqlType } from './sql-dialect.ts';

const TYPE_NAMES: Record<SqlType, string> = {
  double: 'double precision',
  bigint: 'bigint',
  integer: 'integer',
  text: 'text',
  date: 'date',
  boolean: 'boolean',
  timestamp: 'timestamp',
};

const DATE_FORMATS = { year: "'YYYY'", quarter: `'YYYY-"Q"Q'`, month: "'YYYY-MM'" };

export const postgresDialect: SqlDialect = {
  name: 'postgres',
  quoteIdentifier,
  quoteLiteral,
  typeName: (type) => TYPE_NAMES[type],
  cast: (expression, type) => `${expression}::${TYPE_NAMES[type]}`,
  dateLabel: (expression, grain) => `to_char(${expression}, ${DATE_FORMATS[grain]})`,
  columnsExcept: (columns, excluded) => columns.filter((c) => c !== excluded).join(', '),
  // PostgreSQL (before 16) wants every subquery in FROM named.
  subquery: (sql, alias) => `(${sql}) AS ${alias}`,
  groupByKeys: (count) => `GROUP BY ${Array.from({ length: count }, (_, i) => i + 1).join(', ')}`,
  // COLLATE "C": byte order whatever the database's collation, as DuckDB sorts.
  orderByKeys: (keys) => `ORDER BY ${keys.map((k) => (k.type === 'text' ? `${k.column} COLLATE "C"` : k.column)).join(', ')}`,
  integerDivide: (dividend, divisor) => `div(${dividend}, ${divisor})`,
  // DuckDB's recordKeySql spelled for PostgreSQL: the first 32 bits of the same SHA-256, as a bigint.
  recordKey: (pseudonym) => `('x' || left(encode(sha256(convert_to('record-key:' || ${pseudonym}, 'UTF8')), 'hex'), 8))::bit(32)::bigint`,
  // age() borrows a month when the day is not reached, as DuckDB's date_sub counts whole years.
  yearsBetween: (start, end) => `extract(year FROM age(${end}, ${start}))::integer`,
};

/** The column of the published person rows that names their shard (pipelines/publish-postgres). */
export const SHARD_COLUMN = 'shard';

/**
 * The column of a published core.condition that numbers its person (a number of their own, unlike the
 * record key, which two people may share): a characterization counts each person once per shard with
 * count(DISTINCT …) over it, an aggregate postgres_fdw pushes to the shard (core/cohorts/build-profile-sql.ts).
 */
export const PERSON_NUMBER_COLUMN = 'person_number';

/**
 * A table only a sharded publication has (pipelines/publish-postgres): the yearly person rows of each
 * record key (record_key, person_year_rows), counted at publish time and placed on the key's shard.
 */
export const KEY_ROWS_TABLE = { schema: 'mart', table: 'person_year_key_rows', rowsColumn: 'person_year_rows' } as const;

/**
 * PostgreSQL whose person rows are partitions on shard servers (postgres_fdw foreign tables, LIST
 * partitioned by the shard column): every person-row aggregate in two phases, see SqlDialect.shardColumn.
 */
export const postgresShardedDialect: SqlDialect = { ...postgresDialect, shardColumn: SHARD_COLUMN };
