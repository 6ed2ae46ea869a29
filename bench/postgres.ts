// Section 4, peer engine: the measure queries of the API section on PostgreSQL 15, written by the
// same builders in the PostgreSQL dialect, over a copy of the mart tables they read (the yearly person
// rows: the grain every benchmarked query reads), against the DuckDB SQL in the bench process, run for
// run in alternating order. Results are compared cell by cell, so a faster wrong answer cannot pass.
import pg from 'pg';
import { buildMeasureSql } from '../core/measures/build-measure-sql.ts';
import { findMeasure } from '../core/measures/catalog.ts';
import { crossTableQuery } from '../core/measures/run-measure.ts';
import type { Database, SqlValue } from '../core/warehouse/database.ts';
import { duckdbDialect } from '../core/warehouse/dialect/duckdb.ts';
import { postgresDialect } from '../core/warehouse/dialect/postgres.ts';
import type { SqlDialect } from '../core/warehouse/dialect/sql-dialect.ts';
import { caseId, MEASURE_CASES, type MeasureCase } from './api-queries.ts';
import type { BenchContext } from './context.ts';
import { copyTables, findPgBin, startPgCluster } from './pg-cluster.ts';
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
      const [duckdb, postgres] = [personRowsSql(c, duckdbDialect), personRowsSql(c, postgresDialect)];
      return { id: caseId(c), duckdb: duckdb.sql, postgres: postgres.sql, values: duckdb.values as SqlValue[] };
    });
    const tables = [...new Set(cases.flatMap((q) => [...q.duckdb.matchAll(/\bmart\.(\w+)/g)].map((m) => m[0]!)))];
    const { rows, loadSeconds } = await copyTables(db, client, cluster, tables, ctx.log);
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
      tables,
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
 * The SQL the server runs for the case's request (as bench/api-queries.ts's measureSql builds it),
 * over the person rows: the work of any query the pre-aggregated cells cannot answer.
 */
function personRowsSql(c: MeasureCase, dialect: SqlDialect) {
  const measure = findMeasure(c.measure);
  if (!measure) throw new Error(`bench: the catalog has no measure '${c.measure}'`);
  return buildMeasureSql(crossTableQuery({ measure, period: 'year', by: c.by, filters: {} }).crossTable, undefined, dialect);
}

/** Same columns, same keys and the same numbers (to 1e-9 relative: the engines sum doubles in different orders). */
export function sameCells(duck: Cell[], post: Cell[]): boolean {
  if (duck.length !== post.length) return false;
  return duck.every((row, i) =>
    Object.keys(row).join() === Object.keys(post[i]!).join() &&
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
