// `popsight publish`: a warehouse's person rows and measure cells into a PostgreSQL coordinator whose
// person-level tables are partitioned across shard servers (postgres_fdw foreign partitions, LIST by a
// shard number: the person's record key modulo the shard count). A publication is built aside under
// its own names (schemas popsight_<id> on the shards, <schema>_<id> and servers popsight_<id>_shard_<n>
// on the coordinator) and swapped in by renaming schemas in one transaction: a reader sees the old
// publication or the new one, never a half. It never writes to the warehouse (opened read-only).
import { mkdtempSync, readdirSync, rmSync, chmodSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { RECORD_KEY_COLUMN } from '../../core/disclosure/cell-key.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { duckdbDialect, sqlTypeOfDuckdb } from '../../core/warehouse/dialect/duckdb.ts';
import { postgresDialect, SHARD_COLUMN } from '../../core/warehouse/dialect/postgres.ts';
import { quoteIdentifier as q, quoteLiteral } from '../../core/warehouse/sql.ts';
import { COORDINATOR_TABLES, PUBLISHED_SCHEMAS, SHARDED_TABLES, shardOfSql, YEARLY_TABLES, type CoordinatorTable, type PublishedTable, type ShardedTable } from './published-tables.ts';
import { connect, copyCsvInto, parsePostgresUrl, type PostgresServer } from './postgres-url.ts';
import { publishMessages as say } from './publish-messages.ts';

export interface PublishOptions {
  /** The DuckDB warehouse file. */
  warehouse: string;
  /** postgres:// URL of the coordinator (the server the API queries). */
  coordinator: string;
  /** postgres:// URLs of the shards, as the coordinator reaches them; shard n is the n-th (from 0). */
  shards: string[];
  /** Rows postgres_fdw fetches per round trip (its fetch_size); default 10,000. */
  fetchSize?: number;
  /**
   * The bench's shortcut: only the yearly person rows (and core.person), the grain its queries read,
   * not the quarterly and monthly ones (12× the rows at a million people) nor the core tables of
   * cohorts. A server on such a publication fails quarterly and monthly requests and refuses cohorts;
   * `popsight publish` always publishes all.
   */
  yearlyOnly?: boolean;
  /** Where the split CSV files are written meanwhile (default the system temp folder). */
  scratchDir?: string;
}

export interface PublishDeps {
  log: (line: string) => void;
  clock: () => Date;
}

export interface PublishResult {
  publication: string;
  dataVersion: string;
  /** Person-level rows copied to each shard, by shard. */
  shardRows: number[];
  seconds: number;
}

/** A comment on every schema a publication makes: how the next publish knows what it may replace. */
const MARK = 'popsight publication';
const DEFAULT_FETCH_SIZE = 10_000;

export async function publishToPostgres(options: PublishOptions, deps: PublishDeps): Promise<PublishResult> {
  const started = performance.now();
  // 1. Check the servers named: one coordinator, each shard its own database.
  const coordinator = parsePostgresUrl(options.coordinator, '--engine');
  if (options.shards.length === 0) throw new Error(say.noShards);
  const shards = options.shards.map((url) => parsePostgresUrl(url, '--shard'));
  const seen = new Set([coordinator.label]);
  for (const shard of shards) {
    if (seen.has(shard.label)) throw new Error(say.duplicateServer(shard.label));
    seen.add(shard.label);
  }
  const publication = publicationId(deps.clock());
  const db = await openDatabase(options.warehouse, { readOnly: true });
  const folder = mkdtempSync(join(options.scratchDir ?? tmpdir(), 'popsight-publish-'));
  const shardedTables = options.yearlyOnly ? SHARDED_TABLES.filter((t) => YEARLY_TABLES.includes(nameOf(t))) : SHARDED_TABLES;
  const clients: pg.Client[] = [];
  let live = false;
  try {
    const [info] = await db.query<{ data_version: string; people: number }>('SELECT data_version, people FROM etl.warehouse_info LIMIT 1');
    deps.log(say.start(`${info!.people.toLocaleString('en-US')} people, data version ${info!.data_version}`, coordinator.label, shards.length));
    const coord = await connect(coordinator);
    clients.push(coord);
    const shardClients = await Promise.all(shards.map(connect));
    clients.push(...shardClients);
    await checkSchemasAreOurs(coord, coordinator.label);

    // 2. Export each person-level table once, split by shard (DuckDB writes a folder per shard number).
    chmodSync(folder, 0o755);
    const coordinatorTables = await presentTables(db, COORDINATOR_TABLES);
    const columns = new Map<string, { name: string; type: string }[]>();
    for (const table of [...shardedTables, ...coordinatorTables]) columns.set(nameOf(table), await describe(db, table));
    for (const table of shardedTables) {
      const t0 = performance.now();
      await db.run(`COPY (SELECT *, ${shardOfSql(RECORD_KEY_COLUMN, shards.length)} AS ${SHARD_COLUMN} FROM (${table.rows}) AS published)
                    TO ${quoteLiteral(join(folder, nameOf(table)))} (FORMAT csv, HEADER false, PARTITION_BY (${SHARD_COLUMN}))`);
      deps.log(say.exported(nameOf(table), (performance.now() - t0) / 1000));
    }
    for (const table of coordinatorTables) {
      await db.run(`COPY ${table.rows ? `(${table.rows})` : nameOf(table)} TO ${quoteLiteral(join(folder, `${nameOf(table)}.csv`))} (FORMAT csv, HEADER false)`);
    }

    // 3. The shards: one schema per publication, a table per person-level table, its shard number a checked default.
    const shardSchema = `popsight_${publication}`;
    const shardRows = await Promise.all(shards.map(async (server, n) => {
      const client = shardClients[n]!;
      let rows = 0;
      await client.query(`CREATE SCHEMA ${q(shardSchema)}`);
      await client.query(`COMMENT ON SCHEMA ${q(shardSchema)} IS ${quoteLiteral(`${MARK} ${publication}`)}`);
      for (const table of shardedTables) {
        const remote = `${q(shardSchema)}.${q(shardTableName(table))}`;
        const cols = columns.get(nameOf(table))!;
        await client.query(`CREATE TABLE ${remote} (${definitions(cols)}, ${SHARD_COLUMN} integer NOT NULL DEFAULT ${n} CHECK (${SHARD_COLUMN} = ${n}))`);
        const t0 = performance.now();
        let copied = 0;
        for (const file of csvFiles(join(folder, nameOf(table), `${SHARD_COLUMN}=${n}`))) copied += await copyCsvInto(server, remote, cols.map((c) => q(c.name)), file);
        await client.query(`ANALYZE ${remote}`);
        rows += copied;
        deps.log(say.copied(nameOf(table), n, copied, (performance.now() - t0) / 1000));
      }
      return rows;
    }));

    // 4. The coordinator: foreign servers, the partitioned tables over them, the small tables whole.
    await coord.query('CREATE EXTENSION IF NOT EXISTS postgres_fdw');
    const servers = shards.map((_, n) => `popsight_${publication}_shard_${n}`);
    for (const [n, server] of shards.entries()) {
      await coord.query(`CREATE SERVER ${q(servers[n]!)} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (${serverOptions(server, options.fetchSize ?? DEFAULT_FETCH_SIZE)})`);
      const mapping = [`user ${quoteLiteral(server.user)}`, ...(server.password ? [`password ${quoteLiteral(server.password)}`] : [])];
      await coord.query(`CREATE USER MAPPING FOR PUBLIC SERVER ${q(servers[n]!)} OPTIONS (${mapping.join(', ')})`);
    }
    const building = (schema: string) => q(`${schema}_${publication}`);
    for (const schema of PUBLISHED_SCHEMAS) {
      await coord.query(`CREATE SCHEMA ${building(schema)}`);
      await coord.query(`COMMENT ON SCHEMA ${building(schema)} IS ${quoteLiteral(`${MARK} ${publication}`)}`);
    }
    for (const table of shardedTables) {
      const parent = `${building(table.schema)}.${q(table.table)}`;
      await coord.query(`CREATE TABLE ${parent} (${definitions(columns.get(nameOf(table))!)}, ${SHARD_COLUMN} integer NOT NULL) PARTITION BY LIST (${SHARD_COLUMN})`);
      for (const n of shards.keys()) {
        await coord.query(`CREATE FOREIGN TABLE ${building(table.schema)}.${q(`${table.table}_shard_${n}`)} PARTITION OF ${parent} FOR VALUES IN (${n})
                           SERVER ${q(servers[n]!)} OPTIONS (schema_name ${quoteLiteral(shardSchema)}, table_name ${quoteLiteral(shardTableName(table))})`);
      }
    }
    for (const table of coordinatorTables) {
      const local = `${building(table.schema)}.${q(table.table)}`;
      const cols = columns.get(nameOf(table))!;
      await coord.query(`CREATE TABLE ${local} (${definitions(cols)})`);
      const rows = await copyCsvInto(coordinator, local, cols.map((c) => q(c.name)), join(folder, `${nameOf(table)}.csv`));
      deps.log(say.copiedLocal(nameOf(table), rows));
    }
    // The cell tables are read one measure at a time (millions of rows at 1M people: 41 measures × every
    // stratum × year); an index on the measure lets a query read its measure's rows only.
    for (const table of coordinatorTables) {
      if (columns.get(nameOf(table))!.some((c) => c.name === 'measure_id')) await coord.query(`CREATE INDEX ON ${building(table.schema)}.${q(table.table)} (measure_id)`);
    }
    // The small tables only: ANALYZE of a foreign table fetches every row of it (postgres_fdw before 16),
    // and the plans that push each shard's aggregate down do not need the shards' statistics here.
    for (const table of coordinatorTables) await coord.query(`ANALYZE ${building(table.schema)}.${q(table.table)}`);

    // 5. Swap: the new schemas take the readers' names in one transaction; then the old publication goes.
    await coord.query('BEGIN');
    for (const schema of PUBLISHED_SCHEMAS) {
      const [{ exists }] = (await coord.query<{ exists: boolean }>('SELECT count(*) > 0 AS exists FROM pg_namespace WHERE nspname = $1', [schema])).rows as [{ exists: boolean }];
      if (exists) await coord.query(`ALTER SCHEMA ${q(schema)} RENAME TO ${q(`${schema}_retired_${publication}`)}`);
      await coord.query(`ALTER SCHEMA ${building(schema)} RENAME TO ${q(schema)}`);
    }
    // Every session on the coordinator aggregates per partition, so each shard's aggregate is pushed down to it.
    await coord.query(`ALTER DATABASE ${q(coordinator.database)} SET enable_partitionwise_aggregate = on`);
    await coord.query(`ALTER DATABASE ${q(coordinator.database)} SET enable_partitionwise_join = on`);
    await coord.query('COMMIT');
    live = true;
    deps.log(say.swapped(info!.data_version, publication));
    const retired = await removeOtherPublications(coord, shardClients, publication);
    if (retired > 0) deps.log(say.retired(retired));
    const seconds = (performance.now() - started) / 1000;
    deps.log(say.done(seconds));
    return { publication, dataVersion: info!.data_version, shardRows, seconds };
  } catch (error) {
    // Nothing of this publication is live until the swap commits: then its parts are removed (after, it is served).
    if (!live) {
      await Promise.all(clients.map((c) => c.query('ROLLBACK').catch(() => undefined)));
      await removePublication(clients[0], clients.slice(1), publication).catch(() => undefined);
    }
    throw error;
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    db.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A publication's id: the time to the second (readable, sortable) and a random suffix. */
function publicationId(now: Date): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  return `p${stamp}_${Math.floor(Math.random() * 0x10000).toString(16).padStart(4, '0')}`;
}

const nameOf = (table: PublishedTable) => `${table.schema}.${table.table}`;
const shardTableName = (table: PublishedTable) => `${table.schema}__${table.table}`;

/** The columns of a table as published: a sharded table's are those of its rows' SELECT. */
/** The tables to publish: every required one (a missing one fails in describe), the optional ones the warehouse holds. */
async function presentTables<T extends PublishedTable>(db: Database, tables: T[]): Promise<T[]> {
  const rows = await db.query<{ name: string }>(`SELECT table_schema || '.' || table_name AS name FROM information_schema.tables`);
  const present = new Set(rows.map((r) => r.name));
  return tables.filter((t) => !t.optional || present.has(nameOf(t)));
}

async function describe(db: Database, table: CoordinatorTable | ShardedTable): Promise<{ name: string; type: string }[]> {
  const relation = table.rows ?? `${duckdbDialect.quoteIdentifier(table.schema)}.${duckdbDialect.quoteIdentifier(table.table)}`;
  const rows = await db.query<{ column_name: string; column_type: string }>(`DESCRIBE ${relation}`);
  return rows.map((r) => ({ name: r.column_name, type: postgresDialect.typeName(sqlTypeOfDuckdb(r.column_type)) }));
}

const definitions = (columns: { name: string; type: string }[]) => columns.map((c) => `${q(c.name)} ${c.type}`).join(', ');

function csvFiles(dir: string): string[] {
  if (!existsSync(dir)) return []; // no person fell on this shard
  return readdirSync(dir).filter((f) => f.endsWith('.csv')).sort().map((f) => join(dir, f));
}

/** The foreign server's options: where the shard is, async scans (shards work at once), rows per fetch. */
function serverOptions(server: PostgresServer, fetchSize: number): string {
  return [
    `host ${quoteLiteral(server.host)}`, `port ${quoteLiteral(String(server.port))}`, `dbname ${quoteLiteral(server.database)}`,
    `async_capable 'true'`, `fetch_size ${quoteLiteral(String(fetchSize))}`,
  ].join(', ');
}

/** The coordinator's published schemas must be ours (or absent): a publish never renames someone else's `mart`. */
async function checkSchemasAreOurs(coord: pg.Client, label: string): Promise<void> {
  const { rows } = await coord.query<{ nspname: string; comment: string | null }>(
    `SELECT nspname, obj_description(oid, 'pg_namespace') AS comment FROM pg_namespace WHERE nspname = ANY($1)`, [PUBLISHED_SCHEMAS]);
  const foreign = rows.find((r) => !r.comment?.startsWith(MARK));
  if (foreign) throw new Error(say.foreignSchema(foreign.nspname, label));
}

/** Drops every publication but `keep`: retired and half-built schemas, foreign servers, shard schemas. Returns how many were dropped. */
async function removeOtherPublications(coord: pg.Client, shards: pg.Client[], keep: string): Promise<number> {
  const ids = new Set<string>();
  const { rows } = await coord.query<{ comment: string }>(`SELECT obj_description(oid, 'pg_namespace') AS comment FROM pg_namespace WHERE obj_description(oid, 'pg_namespace') LIKE $1`, [`${MARK} %`]);
  for (const r of rows) ids.add(r.comment.slice(MARK.length + 1));
  const servers = await coord.query<{ srvname: string }>(`SELECT srvname FROM pg_foreign_server WHERE srvname LIKE 'popsight\\_p%'`);
  for (const s of servers.rows) ids.add(/^popsight_(p\d+_[0-9a-f]+)_shard_\d+$/.exec(s.srvname)?.[1] ?? keep);
  for (const shard of shards) {
    const found = await shard.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'popsight\\_p%'`);
    for (const s of found.rows) ids.add(s.nspname.slice('popsight_'.length));
  }
  ids.delete(keep);
  for (const id of ids) await removePublication(coord, shards, id, [keep]);
  return ids.size;
}

/** Drops one publication's parts: its schemas on the coordinator (not those now live under a reader's name) and the shards, its foreign servers. */
async function removePublication(coord: pg.Client | undefined, shards: pg.Client[], id: string, live: string[] = []): Promise<void> {
  if (coord) {
    const { rows } = await coord.query<{ nspname: string; comment: string }>(
      `SELECT nspname, obj_description(oid, 'pg_namespace') AS comment FROM pg_namespace WHERE obj_description(oid, 'pg_namespace') = $1`, [`${MARK} ${id}`]);
    for (const r of rows) if (!live.some((l) => r.comment === `${MARK} ${l}`)) await coord.query(`DROP SCHEMA ${q(r.nspname)} CASCADE`);
    const servers = await coord.query<{ srvname: string }>(`SELECT srvname FROM pg_foreign_server WHERE srvname LIKE $1`, [`popsight\\_${id}\\_shard\\_%`]);
    for (const s of servers.rows) await coord.query(`DROP SERVER ${q(s.srvname)} CASCADE`);
  }
  for (const shard of shards) await shard.query(`DROP SCHEMA IF EXISTS ${q(`popsight_${id}`)} CASCADE`);
}
