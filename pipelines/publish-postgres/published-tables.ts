// What a PostgreSQL publication holds and where. Person-level tables (a row per person or per person
// and period: millions) are split across the shards by a hash of the person pseudonym, so every shard
// aggregates its own people; the coordinator holds them as partitioned tables whose partitions are
// foreign tables on the shards. The small tables (measure cells, their catalog, the warehouse facts:
// thousands of rows, millions at 1,000,000 people, indexed by measure; joined to nothing person-level) stay on the coordinator,
// where a query over them needs no network round trip.
import { recordKeySql, RECORD_KEY_COLUMN } from '../../core/disclosure/cell-key.ts';
import { KEY_ROWS_TABLE, PERSON_NUMBER_COLUMN } from '../../core/warehouse/dialect/postgres.ts';
import { STORED_FACTS } from '../../core/warehouse/warehouse-facts-sql.ts';
import { APPENDED_ORDER_COLUMN } from '../../core/warehouse/load-records-sql.ts';

export interface PublishedTable {
  schema: string;
  table: string;
  /** Absent from warehouses loaded before it existed (the quarter cells, the stored warehouse facts): published when present. */
  optional?: boolean;
}

/** A table copied whole to the coordinator, from its DuckDB SELECT when given (else the table as it is). */
export interface CoordinatorTable extends PublishedTable {
  rows?: string;
}

export interface ShardedTable extends PublishedTable {
  /**
   * DuckDB SELECT of the table's rows, each with its record key in RECORD_KEY_COLUMN (core/disclosure/cell-key.ts):
   * the shard is it modulo the shard count.
   */
  rows: string;
}

/**
 * A person-level table's rows with their person's record key and person number (core.person's rowid:
 * null for a row of no listed person). The number names a cohort's members on PostgreSQL: leaf criteria
 * return numbers, and a characterization filters each shard's rows by them (core/cohorts/postgres-members.ts).
 */
const numbered = (table: string): string => `SELECT t.*, ${recordKeySql('t.person_id')} AS ${RECORD_KEY_COLUMN}, p.rowid AS ${PERSON_NUMBER_COLUMN}
  FROM ${table} AS t LEFT JOIN core.person AS p ON p.person_id = t.person_id`;

/** Split across the shards. Every table of one person falls on the same shard (the same record key), so a join by person stays on one shard. */
export const SHARDED_TABLES: ShardedTable[] = [
  // The person rows of the marts carry their record key already; the yearly rows get the person number too: a characterization's cost and a row restriction read them by member.
  { schema: 'mart', table: 'person_year', rows: `SELECT y.*, p.rowid AS ${PERSON_NUMBER_COLUMN} FROM mart.person_year AS y LEFT JOIN core.person AS p ON p.person_id = y.person_id` },
  { schema: 'mart', table: 'person_quarter', rows: 'SELECT * FROM mart.person_quarter' },
  { schema: 'mart', table: 'person_month', rows: 'SELECT * FROM mart.person_month' },
  // The population the API's /meta counts (core/warehouse/warehouse-facts.ts), with the record key the
  // warehouse computes on the fly stored, so each shard counts its people and sums their keys itself
  // (postgres_fdw pushes no aggregate over the key's convert_to()), and the person's number.
  { schema: 'core', table: 'person', rows: `SELECT *, ${recordKeySql('person_id')} AS ${RECORD_KEY_COLUMN}, rowid AS ${PERSON_NUMBER_COLUMN} FROM core.person` },
  // The yearly rows of each record key, counted at publish time: the facts' most rows per person is then
  // each shard's max, pushed down, where counting them at query time is a nested aggregate postgres_fdw
  // cannot push, and shipped one row per person to the coordinator (issue 20).
  { schema: KEY_ROWS_TABLE.schema, table: KEY_ROWS_TABLE.table, rows: `SELECT ${RECORD_KEY_COLUMN}, count(*) AS ${KEY_ROWS_TABLE.rowsColumn} FROM mart.person_year GROUP BY 1` },
  // The person-level core tables a cohort definition reads (core/cohorts/build-cohort-sql.ts), each row
  // on its person's shard with its person's number, so a characterization counts distinct people on each shard.
  ...(['condition', 'observation', 'medication', 'encounter', 'coverage'] as const).map((table) => ({ schema: 'core', table, rows: numbered(`core.${table}`) })),
];

/** The bench's shortcut (PublishOptions.yearlyOnly): the tables its queries read, not the finer grains nor the cohort tables. */
export const YEARLY_TABLES = ['mart.person_year', 'core.person', `${KEY_ROWS_TABLE.schema}.${KEY_ROWS_TABLE.table}`];

/** A load-record table with each row's rowid, the order its readers sort by (core/warehouse/load-records-sql.ts). */
const appended = (table: string): string => `SELECT *, rowid AS ${APPENDED_ORDER_COLUMN} FROM ${table}`;

/** Copied whole to the coordinator. */
export const COORDINATOR_TABLES: CoordinatorTable[] = [
  { schema: 'mart', table: 'measure_cells_demographic' },
  { schema: 'mart', table: 'measure_cells_organization' },
  { schema: 'mart', table: 'measure_cells_demographic_quarter', optional: true },
  { schema: 'mart', table: 'measure_cells_organization_quarter', optional: true },
  { schema: 'mart', table: 'top_share_cells' },
  { schema: 'mart', table: 'top_share_pair_cells' },
  { schema: 'mart', table: 'measure_cells_catalog' },
  { schema: 'etl', table: 'warehouse_info' },
  // The facts the load stored (pipelines/marts/store-warehouse-facts.ts): a few hundred rows the server
  // reads instead of counting the people of every dimension value over the shards (~18 queries).
  { ...STORED_FACTS.population, optional: true },
  { ...STORED_FACTS.dimensionValues, optional: true },
  // The payers a cohort's payer criterion names by category (a few rows).
  { schema: 'core', table: 'payer' },
  // The load records the admin pages read (core/loads, core/quality): a row per load, per file of a load, per
  // check of a load, and per quarantined row (identifiers already pseudonymized, other text kept as its length).
  { schema: 'etl', table: 'runs', rows: appended('etl.runs') },
  { schema: 'etl', table: 'file_counts' },
  { schema: 'etl', table: 'quarantine', rows: appended('etl.quarantine') },
  { schema: 'quality', table: 'results', optional: true, rows: appended('quality.results') },
];

/** The schemas a reader names (mart.person_year …): built aside under a publication's name, then swapped in. */
export const PUBLISHED_SCHEMAS = [...new Set([...SHARDED_TABLES, ...COORDINATOR_TABLES].map((t) => t.schema))];

/** The shard that holds a record key: the same rule for every table and every reader. */
export const shardOfSql = (recordKey: string, shards: number): string => `((${recordKey}) % ${shards})::INTEGER`;
