// What a PostgreSQL publication holds and where. Person-level tables (a row per person or per person
// and period: millions) are split across the shards by a hash of the person pseudonym, so every shard
// aggregates its own people; the coordinator holds them as partitioned tables whose partitions are
// foreign tables on the shards. The small tables (measure cells, their catalog, the warehouse facts:
// thousands of rows, millions at 1,000,000 people, indexed by measure; joined to nothing person-level) stay on the coordinator,
// where a query over them needs no network round trip.
import { recordKeySql, RECORD_KEY_COLUMN } from '../../core/disclosure/cell-key.ts';

export interface PublishedTable {
  schema: string;
  table: string;
}

export interface ShardedTable extends PublishedTable {
  /** DuckDB SQL of each row's record key (core/disclosure/cell-key.ts): the shard is it modulo the shard count. */
  recordKey: string;
}

/** Split across the shards. Every table of one person falls on the same shard (the same record key), so a join by person stays on one shard. */
export const SHARDED_TABLES: ShardedTable[] = [
  { schema: 'mart', table: 'person_year', recordKey: RECORD_KEY_COLUMN },
  { schema: 'mart', table: 'person_quarter', recordKey: RECORD_KEY_COLUMN },
  { schema: 'mart', table: 'person_month', recordKey: RECORD_KEY_COLUMN },
  // The population the API's /meta counts (core/warehouse/warehouse-facts.ts).
  { schema: 'core', table: 'person', recordKey: recordKeySql('person_id') },
];

/** Copied whole to the coordinator. */
export const COORDINATOR_TABLES: PublishedTable[] = [
  { schema: 'mart', table: 'measure_cells_demographic' },
  { schema: 'mart', table: 'measure_cells_organization' },
  { schema: 'mart', table: 'top_share_cells' },
  { schema: 'mart', table: 'top_share_pair_cells' },
  { schema: 'mart', table: 'measure_cells_catalog' },
  { schema: 'etl', table: 'warehouse_info' },
];

/** The schemas a reader names (mart.person_year …): built aside under a publication's name, then swapped in. */
export const PUBLISHED_SCHEMAS = [...new Set([...SHARDED_TABLES, ...COORDINATOR_TABLES].map((t) => t.schema))];

/** The shard that holds a record key: the same rule for every table and every reader. */
export const shardOfSql = (recordKey: string, shards: number): string => `((${recordKey}) % ${shards})::INTEGER`;
