// The SQL of the Parquet export: the catalog read, one COPY per table, the files written. Pure
// builders; identifiers come from the warehouse's catalog and are quoted, paths are the export's own
// (COPY and read_parquet cannot bind them) and quoted as literals.
import { quoteIdentifier, quoteLiteral } from '../../core/warehouse/sql.ts';
import { BUCKET_COLUMN, BUCKET_HEX_DIGITS, PERSON_COLUMN, YEAR_COLUMN, type TableExport } from './export-plan.ts';

/** Every column of every base table of the schemas (bound as values), in table and column order. */
export const catalogSql = (schemas: number): string => `SELECT c.schema_name AS "schema", c.table_name AS "table", c.column_name AS "column", c.data_type AS "type"
  FROM duckdb_columns() c JOIN duckdb_tables() t USING (database_name, schema_name, table_name)
  WHERE c.database_name = current_database()
    AND c.schema_name IN (${Array.from({ length: schemas }, () => '?').join(', ')})
  ORDER BY c.schema_name, c.table_name, c.column_index`;

/** The bucket of a person pseudonym: its first 8 hex digits as an unsigned integer, modulo `buckets`. */
export function bucketSql(column: string, buckets: number): string {
  if (!Number.isInteger(buckets) || buckets < 1) throw new Error(`buckets must be a whole number ≥ 1, not ${buckets}`);
  return `(('0x' || left(${quoteIdentifier(column)}, ${BUCKET_HEX_DIGITS}))::UBIGINT % ${buckets})::INTEGER`;
}

export const rowCountSql = (table: TableExport): string => `SELECT count(*)::BIGINT AS n FROM ${tableSql(table)}`;

/** COPY of one table into `folder` as hive-partitioned Parquet (a single file when it has no partition column). */
export function buildCopySql(table: TableExport, folder: string, buckets: number): string {
  const partitionExpressions = table.partitionColumns.map((p) =>
    p.name === YEAR_COLUMN
      ? `year(${quoteIdentifier(p.source)})::INTEGER AS ${quoteIdentifier(YEAR_COLUMN)}`
      : `${bucketSql(PERSON_COLUMN, buckets)} AS ${quoteIdentifier(BUCKET_COLUMN)}`,
  );
  const select = `SELECT ${['*', ...partitionExpressions].join(', ')} FROM ${tableSql(table)}`;
  if (!table.partitionColumns.length) return `COPY (${select}) TO ${quoteLiteral(`${folder}/data_0.parquet`)} (FORMAT parquet, COMPRESSION zstd)`;
  const by = table.partitionColumns.map((p) => quoteIdentifier(p.name)).join(', ');
  return `COPY (${select}) TO ${quoteLiteral(folder)} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (${by}))`;
}

/** Rows of each Parquet file (paths as given, absolute). */
export const fileRowsSql = (files: string[]): string =>
  `SELECT file_name AS file, num_rows::BIGINT AS rows FROM parquet_file_metadata([${files.map(quoteLiteral).join(', ')}]) ORDER BY 1`;

const tableSql = (table: TableExport) => `${quoteIdentifier(table.schema)}.${quoteIdentifier(table.table)}`;
