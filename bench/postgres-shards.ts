// Section 8, sharded PostgreSQL: the measure queries of section 4 over the person rows on DuckDB, one
// PostgreSQL and a PostgreSQL coordinator with 1, 2 and 4 shards (postgres_fdw foreign partitions,
// filled by `popsight publish`, the SQL in two phases), p50/p95 of each, the publish time, and what
// the plan pushes down (EXPLAIN ANALYZE: each shard's scan). All clusters share this machine's cores,
// so the shard counts show the overhead and the pushdown, not the speed-up of separate machines.
// Then the honest peer: the same questions asked of the core tables of a plain PostgreSQL warehouse,
// as a BI tool would (hand-written SQL), against Popsight's API answer (uncached, on DuckDB and on the
// two-shard coordinator). Sharded results are compared cell by cell with DuckDB's.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { buildMeasureSql } from '../core/measures/build-measure-sql.ts';
import { findMeasure } from '../core/measures/catalog.ts';
import { crossTableQuery } from '../core/measures/run-measure.ts';
import type { Database, SqlValue } from '../core/warehouse/database.ts';
import { duckdbDialect } from '../core/warehouse/dialect/duckdb.ts';
import { postgresDialect, postgresShardedDialect } from '../core/warehouse/dialect/postgres.ts';
import type { SqlDialect } from '../core/warehouse/dialect/sql-dialect.ts';
import { startServer } from '../cli/start-server.ts';
import { publishToPostgres } from '../pipelines/publish-postgres/publish-postgres.ts';
import { caseId, MEASURE_CASES, type MeasureCase } from './api-queries.ts';
import type { BenchContext } from './context.ts';
import { copyTables, findPgBin, startPgCluster, type PgCluster } from './pg-cluster.ts';
import { sameCells } from './postgres.ts';
import { percentile, timeMs } from './stats.ts';
import { BI_QUESTIONS } from './bi-questions.ts';

export const SHARD_COUNTS = [1, 2, 4];

/** Per cluster: five share the machine (a coordinator and four shards). */
const SHARD_SETTINGS = ['shared_buffers=512MB', 'work_mem=128MB', 'maintenance_work_mem=256MB', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_wal_size=8GB'];

export interface Latency {
  p50: number;
  p95: number;
}

export interface ShardedQuery {
  id: string;
  duckdb: Latency;
  single: Latency;
  /** By shard count. */
  sharded: { shards: number; latency: Latency; resultsMatch: boolean }[];
}

export interface Pushdown {
  shards: number;
  /** Of the query EXPLAINed (the first case): shards scanned asynchronously, and with their aggregate pushed down. */
  asyncScans: number;
  aggregatesPushed: number;
  /** EXPLAIN ANALYZE: each shard's foreign scan, in ms (its aggregate, run on the shard). */
  shardScanMs: number[];
}

/** An API question's latency after its first request, and that first request (on a fresh server, the first question's also loads the warehouse facts). */
export interface ApiLatency extends Latency {
  /** Absent in results written before it was measured. */
  firstMs?: number;
}

export interface PeerQuestion {
  id: string;
  /** The hand-written SQL over core tables on one PostgreSQL. */
  coreTables: Latency;
  /** Popsight's API answer, uncached: on DuckDB, and on the two-shard coordinator. */
  apiDuckdb: ApiLatency;
  /** null when the server stopped the question at its per-request query budget (`apiShardedRefusal` says so). */
  apiSharded: ApiLatency | null;
  apiShardedRefusal?: string;
  /** Core-table SQL p50 over the DuckDB API's p50: the headline. */
  ratio: number;
}

export interface ShardedPostgresBench {
  version: string;
  runs: number;
  publish: { shards: number; seconds: number; rows: number }[];
  queries: ShardedQuery[];
  pushdown: Pushdown[];
  peer: PeerQuestion[];
  settings: string;
}

const latency = (samples: number[]): Latency => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
};

/** The case's request as the server sends it, over the person rows, in `dialect`. */
function personRowsSql(c: MeasureCase, dialect: SqlDialect) {
  const measure = findMeasure(c.measure);
  if (!measure) throw new Error(`bench: the catalog has no measure '${c.measure}'`);
  return buildMeasureSql(crossTableQuery({ measure, period: 'year', by: c.by, filters: {} }).crossTable, undefined, dialect);
}

export async function benchShardedPostgres(ctx: BenchContext, db: Database, warehouse: string): Promise<ShardedPostgresBench | { skipped: string }> {
  const bin = await findPgBin();
  if (!bin) return { skipped: 'no PostgreSQL binaries (set POPSIGHT_PG_BIN to the folder holding initdb and pg_ctl)' };
  const maxShards = Math.max(...SHARD_COUNTS);
  const clusters: PgCluster[] = [];
  const clients: pg.Client[] = [];
  try {
    clusters.push(...(await Promise.all(Array.from({ length: maxShards + 1 }, () => startPgCluster(bin, ctx.log, SHARD_SETTINGS)))));
    const [coordinator, ...shards] = clusters as [PgCluster, ...PgCluster[]];
    const url = (cluster: PgCluster, database = 'postgres') => `postgres://${cluster.user}@127.0.0.1:${cluster.port}/${database}`;
    const cases = MEASURE_CASES.map((c) => ({ id: caseId(c), duck: personRowsSql(c, duckdbDialect), single: personRowsSql(c, postgresDialect), sharded: personRowsSql(c, postgresShardedDialect) }));

    // One PostgreSQL: a database of its own on the coordinator's cluster, with the yearly person rows and the core tables.
    const admin = new pg.Client({ connectionString: url(coordinator) });
    clients.push(admin);
    await admin.connect();
    await admin.query('CREATE DATABASE plain');
    const plain = new pg.Client({ connectionString: url(coordinator, 'plain') });
    clients.push(plain);
    await plain.connect();
    await copyTables(db, plain, coordinator, ['mart.person_year', ...BI_QUESTIONS.flatMap((q) => q.tables)].filter((t, i, all) => all.indexOf(t) === i), ctx.log);

    const duckMs = cases.map(() => [] as number[]);
    const singleMs = cases.map(() => [] as number[]);
    const duckRows = await Promise.all(cases.map((q) => db.query(q.duck.sql, q.duck.values as SqlValue[])));
    for (let i = 0; i < ctx.engineRuns; i++) {
      for (const [k, q] of cases.entries()) {
        duckMs[k]!.push(await timeMs(() => db.query(q.duck.sql, q.duck.values as SqlValue[])));
        singleMs[k]!.push(await timeMs(() => plain.query(q.single.sql, q.single.values)));
      }
    }

    const publish: ShardedPostgresBench['publish'] = [];
    const pushdown: Pushdown[] = [];
    const sharded = cases.map(() => [] as ShardedQuery['sharded']);
    let apiSharded: (ApiLatency | string)[] | null = null;
    for (const count of SHARD_COUNTS) {
      // The yearly person rows only: the grain these queries read (the monthly ones are 12× the rows).
      const result = await publishToPostgres(
        { warehouse, coordinator: url(coordinator), shards: shards.slice(0, count).map((s) => url(s)), yearlyOnly: true, scratchDir: ctx.workDir },
        { log: ctx.log, clock: () => new Date() },
      );
      publish.push({ shards: count, seconds: result.seconds, rows: result.shardRows.reduce((a, b) => a + b, 0) });
      const client = new pg.Client({ connectionString: url(coordinator) });
      await client.connect();
      try {
        for (const [k, q] of cases.entries()) {
          const rows = (await client.query(q.sharded.sql, q.sharded.values)).rows;
          const samples: number[] = [];
          for (let i = 0; i < ctx.engineRuns; i++) samples.push(await timeMs(() => client.query(q.sharded.sql, q.sharded.values)));
          sharded[k]!.push({ shards: count, latency: latency(samples), resultsMatch: sameCells(duckRows[k]!, rows) });
          ctx.log(`  ${count} shard(s), ${q.id}: p50 ${latency(samples).p50.toFixed(1)} ms${sameCells(duckRows[k]!, rows) ? '' : ' RESULTS DIFFER'}`);
        }
        pushdown.push(await explainPushdown(client, cases[0]!.sharded.sql, count));
      } finally {
        await client.end();
      }
      if (count === 2) apiSharded = await apiLatencies(ctx, { engine: url(coordinator) }, 'sharded');
    }
    const apiDuckdb = await apiLatencies(ctx, { warehouse }, 'duckdb');

    const peer: PeerQuestion[] = [];
    for (const [k, question] of BI_QUESTIONS.entries()) {
      await plain.query(question.sql); // warm
      const samples: number[] = [];
      for (let i = 0; i < ctx.engineRuns; i++) samples.push(await timeMs(() => plain.query(question.sql)));
      const coreTables = latency(samples);
      const onShards = apiSharded?.[k] ?? null;
      const apiDuck = apiDuckdb[k]!;
      if (typeof apiDuck === 'string') throw new Error(`the DuckDB server refused ${question.apiPath}: ${apiDuck}`);
      peer.push({
        id: question.id, coreTables, apiDuckdb: apiDuck, ratio: coreTables.p50 / apiDuck.p50,
        ...(typeof onShards === 'string' ? { apiSharded: null, apiShardedRefusal: onShards } : { apiSharded: onShards }),
      });
      ctx.log(`  peer ${question.id}: core tables ${coreTables.p50.toFixed(1)} ms, API ${apiDuck.p50.toFixed(1)} ms`);
    }
    return {
      version: coordinator.version,
      runs: ctx.engineRuns,
      publish,
      queries: cases.map((q, k) => ({ id: q.id, duckdb: latency(duckMs[k]!), single: latency(singleMs[k]!), sharded: sharded[k]! })),
      pushdown,
      peer,
      settings: `${SHARD_SETTINGS.slice(0, 2).join(', ')} per cluster; coordinator + up to ${maxShards} shards on this one machine (loopback); async_capable, fetch_size 10000, enable_partitionwise_aggregate on; yearly person rows, core.person with its record keys and each key's yearly row count published (the cells stay on the coordinator)`,
    };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await Promise.all(clusters.map((c) => c.stop()));
  }
}

class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    body: string,
    path: string,
  ) {
    let message = body;
    try {
      message = (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? body;
    } catch {
      // not JSON: the body as sent
    }
    super(`${path} answered ${status}: ${message}`);
  }
}

/** How many shards the plan scans asynchronously and with their aggregate pushed down, and each shard's scan time. */
async function explainPushdown(client: pg.Client, sql: string, shards: number): Promise<Pushdown> {
  const plan = (await client.query(`EXPLAIN (ANALYZE, VERBOSE) ${sql}`)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
  const scans = [...plan.matchAll(/Async Foreign Scan .*actual time=[\d.]+\.\.([\d.]+)/g)].map((m) => Number(m[1]));
  return { shards, asyncScans: (plan.match(/Async Foreign Scan/g) ?? []).length, aggregatesPushed: (plan.match(/Relations: Aggregate on/g) ?? []).length, shardScanMs: scans };
}

/**
 * Popsight's answer to each peer question through its API, uncached (cache off), on a server of its
 * own; a question the server stops at its per-request query budget (503 query_timeout) is a finding,
 * recorded as the server's message, not a broken section.
 */
async function apiLatencies(ctx: BenchContext, source: { warehouse?: string; engine?: string }, name: string): Promise<(ApiLatency | string)[]> {
  const stateDir = join(ctx.workDir, `state-shards-${name}`);
  mkdirSync(stateDir, { recursive: true });
  const server = await startServer({ ...source, port: 0, stateDir, responseCacheMb: 0 });
  try {
    const result: (ApiLatency | string)[] = [];
    for (const question of BI_QUESTIONS) {
      const get = async () => {
        const response = await fetch(server.url + question.apiPath);
        if (!response.ok) throw new ApiRefusal(response.status, await response.text(), question.apiPath);
        await response.arrayBuffer();
      };
      let firstMs: number;
      try {
        firstMs = await timeMs(get);
      } catch (error) {
        if (!(error instanceof ApiRefusal) || error.status !== 503) throw error;
        ctx.log(`  ${name} API: ${error.message}`);
        result.push(error.message);
        continue;
      }
      const samples: number[] = [];
      for (let i = 0; i < ctx.engineRuns; i++) samples.push(await timeMs(get));
      result.push({ ...latency(samples), firstMs });
      ctx.log(`  ${name} API ${question.apiPath}: first ${firstMs.toFixed(0)} ms, then p50 ${latency(samples).p50.toFixed(1)} ms`);
    }
    return result;
  } finally {
    await server.close();
  }
}
