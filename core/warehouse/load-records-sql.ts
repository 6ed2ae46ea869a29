// The pieces of SQL the readers of a warehouse's load records (core/loads: etl.runs, etl.file_counts,
// etl.quarantine; core/quality: quality.results) spell per dialect. Those readers order rows as they
// were appended: DuckDB by rowid; a PostgreSQL publication copies the tables to its coordinator with
// that rowid stored (pipelines/publish-postgres), as PostgreSQL has none. Pure: fixed SQL only.
import type { SqlDialect } from './dialect/sql-dialect.ts';

/** The column of a published load-record table holding the row's DuckDB rowid. */
export const APPENDED_ORDER_COLUMN = 'appended_order';

/** The order a load-record row was appended in. */
export const appendedOrderSql = (dialect: SqlDialect): string => (dialect.name === 'duckdb' ? 'rowid' : APPENDED_ORDER_COLUMN);

/** A text column to sort by in byte order, as DuckDB sorts (PostgreSQL would follow the database's collation). */
export const byteOrderSql = (dialect: SqlDialect, column: string): string => (dialect.name === 'duckdb' ? column : `${column} COLLATE "C"`);

/** One row, `present` 1 when the table `schema.table` (fixed names) exists, else 0. */
export function tablePresentSql(dialect: SqlDialect, schema: string, table: string): string {
  if (dialect.name === 'duckdb') {
    return `SELECT count(*) AS present FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = '${schema}' AND table_name = '${table}'`;
  }
  return `SELECT (to_regclass(${dialect.quoteLiteral(`${schema}.${table}`)}) IS NOT NULL)::integer AS present`;
}

/** Milliseconds between two timestamps, as DuckDB's date_diff('millisecond', …) counts them, in seconds. */
export function secondsBetweenSql(dialect: SqlDialect, start: string, end: string): string {
  if (dialect.name === 'duckdb') return `date_diff('millisecond', ${start}, ${end}) / 1000.0`;
  return `(floor(extract(epoch FROM ${end}) * 1000) - floor(extract(epoch FROM ${start}) * 1000)) / 1000.0`;
}
