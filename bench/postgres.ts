// Section 4, peer engine: the measure SQL of the API section on PostgreSQL 15, over a copy of the
// mart tables it reads (their yearly rows: the grain every benchmarked query reads), against the same
// statements on DuckDB in the bench process, run for run in alternating order. Results are
// compared cell by cell, so a faster wrong answer cannot pass.
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { quoteIdentifier, quoteLiteral } from '../core/warehouse/sql.ts';
import type { Database, SqlValue } from '../core/warehouse/database.ts';
import { caseId, MEASURE_CASES, measureSql } from './api-queries.ts';
import type { BenchContext } from './context.ts';
import { findPgBin, startPgCluster } from './pg-cluster.ts';
import { pgType, toPostgres } from './pg-sql.ts';
import { geometricMean, median, timeMs } from './stats.ts';

export interface PeerQuery {
  id: string;
  duckdbMs: number;
  postgresMs: number;
  /** PostgreSQL median over DuckDB median: how many times faster DuckDB is. */
  ratio: number;
  resultsMatch: boolean;
}

export interface PostgresBench {
  version: string;
  /** The mart tables copied (those the measure SQL reads). */
  tables: string[];
  rows: number;
  /** COPY of the exported CSV, then VACUUM ANALYZE. */
  loadSeconds: number;
  runs: number;
  queries: PeerQuery[];
  /** Geometric mean of the per-query ratios (DuckDB : PostgreSQL speed). */
  speedup: number;
  settings: string;
}

type Cell = Record<string, unknown>;

export async function benchPostgres(ctx: BenchContext, db: Database): Promise<PostgresBench | { skipped: string }> {
  const bin = await findPgBin();
  if (!bin) return { skipped: 'no PostgreSQL binaries (set POPSIGHT_PG_BIN to the folder holding initdb and pg_ctl)' };
  const cluster = await startPgCluster(bin, ctx.log);
  const client = new pg.Client({ host: '127.0.0.1', port: cluster.port, user: cluster.user, database: 'postgres' });
  try {
    await client.connect();
    const cases = MEASURE_CASES.map((c) => {
      const { sql, values } = measureSql(c);
      return { id: caseId(c), duckdb: sql, postgres: toPostgres(sql, c.by.length), values: values as SqlValue[] };
    });
    const tables = [...new Set(cases.flatMap((q) => [...q.duckdb.matchAll(/\bmart\.(\w+)/g)].map((m) => m[1]!)))];
    const { rows, loadSeconds } = await copyMartTables(ctx, db, client, cluster.dir, tables);
    const queries: PeerQuery[] = [];
    const duckMs = cases.map(() => [] as number[]);
    const pgMs = cases.map(() => [] as number[]);
    const matches: boolean[] = [];
    for (const [k, q] of cases.entries()) {
      // The first run of each engine warms it up and gives the rows to compare.
      const [duckRows, pgRows] = [await db.query(q.duckdb, q.values), (await client.query(q.postgres, q.values)).rows as Cell[]];
      matches[k] = sameCells(duckRows, pgRows);
    }
    for (let i = 0; i < ctx.engineRuns; i++) {
      for (const [k, q] of cases.entries()) {
        const duck = async () => duckMs[k]!.push(await timeMs(() => db.query(q.duckdb, q.values)));
        const post = async () => pgMs[k]!.push(await timeMs(() => client.query(q.postgres, q.values)));
        if (i % 2 === 0) {
          await duck();
          await post();
        } else {
          await post();
          await duck();
        }
      }
    }
    for (const [k, q] of cases.entries()) {
      const [duckdbMs, postgresMs] = [median(duckMs[k]!), median(pgMs[k]!)];
      queries.push({ id: q.id, duckdbMs, postgresMs, ratio: postgresMs / duckdbMs, resultsMatch: matches[k]! });
      ctx.log(`  ${q.id}: DuckDB ${duckdbMs.toFixed(1)} ms, PostgreSQL ${postgresMs.toFixed(1)} ms (${(postgresMs / duckdbMs).toFixed(1)}×)${matches[k] ? '' : ' RESULTS DIFFER'}`);
    }
    return {
      version: cluster.version,
      tables: tables.map((t) => `mart.${t}`),
      rows,
      loadSeconds,
      runs: ctx.engineRuns,
      queries,
      speedup: geometricMean(queries.map((q) => q.ratio)),
      settings: 'shared_buffers=1GB, work_mem=256MB, parallel workers per gather 2 (default), JIT default; unlogged tables, VACUUM ANALYZE after COPY; yearly rows only',
    };
  } finally {
    await client.end().catch(() => undefined);
    await cluster.stop();
  }
}

/**
 * Copies each mart table the measure SQL reads from DuckDB into PostgreSQL (CSV export, COPY,
 * VACUUM ANALYZE). A table holding several grains is copied with its yearly rows only: every
 * benchmarked query is yearly, and DuckDB skips the other grains' row groups by their zone maps.
 */
async function copyMartTables(ctx: BenchContext, db: Database, client: pg.Client, dir: string, tables: string[]): Promise<{ rows: number; loadSeconds: number }> {
  let rows = 0;
  let loadSeconds = 0;
  await client.query('CREATE SCHEMA mart');
  for (const table of tables) {
    const name = `mart.${quoteIdentifier(table)}`;
    const csv = join(dir, `${table}.csv`);
    const columns = await db.query<{ column_name: string; column_type: string }>(`DESCRIBE ${name}`);
    const yearly = columns.some((c) => c.column_name === 'grain') ? ` WHERE grain = 'year'` : '';
    ctx.log(`  exporting ${name}${yearly} to CSV …`);
    await db.run(`COPY (SELECT * FROM ${name}${yearly}) TO ${quoteLiteral(csv)} (FORMAT csv, HEADER true)`);
    chmodSync(csv, 0o644); // the server's user reads it
    const started = performance.now();
    await client.query(`CREATE UNLOGGED TABLE ${name} (${columns.map((c) => `${quoteIdentifier(c.column_name)} ${pgType(c.column_type)}`).join(', ')})`);
    const copied = await client.query(`COPY ${name} FROM ${quoteLiteral(csv)} WITH (FORMAT csv, HEADER true)`);
    await client.query(`VACUUM ANALYZE ${name}`);
    loadSeconds += (performance.now() - started) / 1000;
    rows += copied.rowCount ?? 0;
    rmSync(csv, { force: true });
    ctx.log(`  PostgreSQL: ${name} ${copied.rowCount} rows`);
  }
  return { rows, loadSeconds };
}

/** Same keys and the same numbers (to 1e-9 relative: the engines sum doubles in different orders). */
function sameCells(duck: Cell[], post: Cell[]): boolean {
  if (duck.length !== post.length) return false;
  return duck.every((row, i) =>
    Object.entries(row).every(([column, value]) => {
      const other = post[i]![column];
      if (typeof value === 'number' || typeof other === 'number') {
        const [a, b] = [Number(value), Number(other)];
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
      }
      return String(value ?? '') === String(other ?? '');
    }),
  );
}
