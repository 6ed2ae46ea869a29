// What `popsight export --parquet` writes and how each table is partitioned: the core tables and the
// mart tables (person-period marts and cell tables), never etl.* (the quarantine and load records),
// quality.* or the state store. Pure: the tables come in as read from the warehouse's catalog.

/** The schemas exported: every base table of these (views such as mart.person_period are not). */
export const EXPORTED_SCHEMAS = ['core', 'mart'] as const;

/** The hive partition columns the export adds; no warehouse table may have a column of these names. */
export const YEAR_COLUMN = 'year';
export const BUCKET_COLUMN = 'person_bucket';
/** The column a person-level table is bucketed by: the person pseudonym (32 hex digits of an HMAC). */
export const PERSON_COLUMN = 'person_id';
/** Hex digits of the pseudonym the bucket is computed from: 8 digits, a 32-bit unsigned integer every engine holds. */
export const BUCKET_HEX_DIGITS = 8;

export const DEFAULT_BUCKETS = 16;
export const MAX_BUCKETS = 1024;

/**
 * The date or timestamp whose year partitions a table: the period of a mart or cell, the event date of
 * a core table (its start: a stay or a coverage spanning two years is in the year it began). A core or
 * mart table not named here is partitioned by the year of `period_start` if it has one.
 */
const YEAR_SOURCES: Record<string, string> = {
  'core.allergy': 'start_date',
  'core.careplan': 'start_date',
  'core.claim': 'service_date',
  'core.claim_transaction': 'from_date',
  'core.condition': 'start_date',
  'core.coverage': 'start_date',
  'core.device': 'start_ts',
  'core.encounter': 'start_ts',
  'core.imaging_study': 'study_ts',
  'core.immunization': 'imm_ts',
  'core.medication': 'start_ts',
  'core.observation': 'obs_ts',
  'core.procedure': 'start_ts',
  'core.supply': 'supply_date',
};
const PERIOD_COLUMN = 'period_start';

export interface WarehouseColumn {
  name: string;
  /** DuckDB type name, e.g. VARCHAR, DATE, TIMESTAMP, DOUBLE, BIGINT. */
  type: string;
}

export interface WarehouseTable {
  schema: string;
  table: string;
  columns: WarehouseColumn[];
}

export type PartitionColumn =
  | { name: typeof YEAR_COLUMN; type: 'INTEGER'; source: string }
  | { name: typeof BUCKET_COLUMN; type: 'INTEGER'; source: typeof PERSON_COLUMN };

export interface TableExport extends WarehouseTable {
  /** `core.person` */
  name: string;
  /** Folder of the table inside the export, e.g. `core/person`. */
  path: string;
  /** In folder order: `year=2024/person_bucket=7/`. */
  partitionColumns: PartitionColumn[];
}

/** The tables to export, in schema and name order, with their partition columns. */
export function planExport(tables: WarehouseTable[]): TableExport[] {
  return tables
    .filter((t) => (EXPORTED_SCHEMAS as readonly string[]).includes(t.schema))
    .sort((a, b) => `${a.schema}.${a.table}`.localeCompare(`${b.schema}.${b.table}`))
    .map((t) => {
      const name = `${t.schema}.${t.table}`;
      const has = (column: string) => t.columns.some((c) => c.name === column);
      const clash = t.columns.find((c) => c.name === YEAR_COLUMN || c.name === BUCKET_COLUMN);
      if (clash) throw new Error(`${name} has a column named ${clash.name}, the name of a partition column of the export.`);
      const yearSource = YEAR_SOURCES[name] ?? (has(PERIOD_COLUMN) ? PERIOD_COLUMN : undefined);
      const partitionColumns: PartitionColumn[] = [];
      if (yearSource && has(yearSource)) partitionColumns.push({ name: YEAR_COLUMN, type: 'INTEGER', source: yearSource });
      if (has(PERSON_COLUMN)) partitionColumns.push({ name: BUCKET_COLUMN, type: 'INTEGER', source: PERSON_COLUMN });
      return { ...t, name, path: `${t.schema}/${t.table}`, partitionColumns };
    });
}

/** The bucket function in words and in each engine's SQL, for the manifest and the docs. */
export function bucketFunction(buckets: number) {
  const digits = BUCKET_HEX_DIGITS;
  return {
    column: BUCKET_COLUMN,
    source: PERSON_COLUMN,
    buckets,
    definition: `the unsigned integer value of the first ${digits} hex digits of ${PERSON_COLUMN}, modulo ${buckets}`,
    duckdb: `('0x' || left(${PERSON_COLUMN}, ${digits}))::UBIGINT % ${buckets}`,
    spark: `pmod(cast(conv(substr(${PERSON_COLUMN}, 1, ${digits}), 16, 10) AS BIGINT), ${buckets})`,
    trino: `from_base(substr(${PERSON_COLUMN}, 1, ${digits}), 16) % ${buckets}`,
    python: `int(${PERSON_COLUMN}[:${digits}], 16) % ${buckets}`,
  };
}

// The same Parquet column as Spark and Trino name its type (DuckDB writes TIMESTAMP as INT64
// microseconds without time zone, BIGINT as INT64, VARCHAR as UTF-8 BYTE_ARRAY).
const ENGINE_TYPES: Record<string, { spark: string; trino: string }> = {
  VARCHAR: { spark: 'string', trino: 'varchar' },
  BOOLEAN: { spark: 'boolean', trino: 'boolean' },
  INTEGER: { spark: 'int', trino: 'integer' },
  BIGINT: { spark: 'bigint', trino: 'bigint' },
  DOUBLE: { spark: 'double', trino: 'double' },
  DATE: { spark: 'date', trino: 'date' },
  TIMESTAMP: { spark: 'timestamp_ntz', trino: 'timestamp' },
};

/** A column's type in DuckDB, Spark and Trino terms (Spark and Trino: the DuckDB name lower-cased when not mapped). */
export function engineTypes(type: string): { type: string; sparkType: string; trinoType: string } {
  const mapped = ENGINE_TYPES[type];
  return { type, sparkType: mapped?.spark ?? type.toLowerCase(), trinoType: mapped?.trino ?? type.toLowerCase() };
}
