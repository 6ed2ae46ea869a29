// Section 3, API: latency of each dashboard endpoint over HTTP from a server in its own process,
// uncached and cached, against the same SQL (buildMeasureSql) run directly through DuckDB in the
// bench process, sample by sample in alternating order so both see the same machine. Then
// autocannon throughput on a cached endpoint and the server's memory.
import { measureCellCatalog } from '../server/measures/measure-cells.ts';
import type { Database, SqlValue } from '../server/warehouse/database.ts';
import { dimensionValues } from '../server/warehouse/warehouse-facts.ts';
import { caseId, filterVariants, MEASURE_CASES, measurePath, measureSql, type MeasureCase } from './api-queries.ts';
import type { BenchContext } from './context.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { geometricMean, summarize, timeMs, type LatencySummary } from './stats.ts';
import { benchThroughput } from './throughput.ts';
import type { ApiBench } from './types.ts';

/** Filtered variants of each query a new server answers before it is timed: DuckDB's buffers and V8's JIT warm up, its response cache stays cold for the timed queries. */
const WARM_UP_VARIANTS = 2;

/**
 * Untimed cached requests per endpoint before the cached samples. The server they go to has
 * answered only a few dozen requests (it was started for the last uncached round), and a new
 * server process spends its first ~2,000 requests optimizing the hit path and sizing its heap:
 * timed on the same machine side by side with a long-running server, those requests were 1.5–3×
 * slower at p95. Without this the cached samples (200 × 9 endpoints) fall entirely inside that
 * start-up, and time it rather than the cached response time of a running server.
 */
const CACHED_WARM_UP_REQUESTS = 300;

export const UNCACHED_METHOD =
  'The server caches measure responses by normalized query, so each uncached round starts a new server process (an empty cache), ' +
  `warms it with ${WARM_UP_VARIANTS} filtered variants of every query (DuckDB's buffers and the JIT warm up; the timed queries stay uncached), ` +
  'then times each dashboard query once, exactly as the dashboard sends it; the same SQL the server runs (over the pre-aggregated cells when they answer it) runs directly through DuckDB in the bench process ' +
  'before or after it (alternating). Cached samples repeat the same requests on the last server (in-memory hits), ' +
  `after ${CACHED_WARM_UP_REQUESTS} untimed ones per endpoint, so they time a running server rather than a new process warming up.`;

export interface EndpointBench {
  id: string;
  path: string;
  kind: 'meta' | 'catalog' | 'measure';
  /** Measure queries only: each sample answered by a server that had not seen the query. */
  uncached: LatencySummary | null;
  cached: LatencySummary;
  /** The same SQL through DuckDB in the bench process. */
  direct: LatencySummary | null;
  /** Median API time over median direct-SQL time, minus one. */
  overhead: number | null;
}

export interface ApiLatency {
  method: string;
  endpoints: EndpointBench[];
  worstUncachedP95: number;
  worstCachedP95: number;
  /** Geometric mean over the measure queries of (API p50 / direct p50), minus one. */
  overhead: number;
}

const OTHER_ENDPOINTS = [
  { id: 'meta', path: '/api/meta', kind: 'meta' as const },
  { id: 'dimensions', path: '/api/dimensions', kind: 'meta' as const },
  { id: 'measures catalog', path: '/api/measures', kind: 'catalog' as const },
];

export async function benchApi(ctx: BenchContext, warehouse: string, db: Database, options: { throughput: boolean }): Promise<ApiBench> {
  const values = await dimensionValues(db);
  const warmUps = MEASURE_CASES.map((c) => filterVariants(c, values, WARM_UP_VARIANTS));
  const cells = await measureCellCatalog(db);
  const direct = (c: MeasureCase) => {
    const { sql, values: parameters } = measureSql(c, {}, cells);
    return db.query(sql, parameters as SqlValue[]);
  };
  for (const c of MEASURE_CASES) await direct(c); // this process's DuckDB warms up too

  // Uncached: one new server per round; within a round every query once, in an order that rotates.
  const apiMs = MEASURE_CASES.map(() => [] as number[]);
  const directMs = MEASURE_CASES.map(() => [] as number[]);
  let server: ServerProcess | undefined;
  try {
    for (let round = 0; round < ctx.iterations; round++) {
      await server?.stop();
      server = await startServerProcess(ctx, warehouse);
      const get = httpGetter(server);
      for (const [k, c] of MEASURE_CASES.entries()) for (const filters of warmUps[k]!) await get(measurePath(c, filters));
      for (let j = 0; j < MEASURE_CASES.length; j++) {
        const k = (round + j) % MEASURE_CASES.length;
        const c = MEASURE_CASES[k]!;
        const viaApi = async () => apiMs[k]!.push(await timeMs(() => get(measurePath(c))));
        const viaSql = async () => directMs[k]!.push(await timeMs(() => direct(c)));
        if ((round + j) % 2 === 0) {
          await viaSql();
          await viaApi();
        } else {
          await viaApi();
          await viaSql();
        }
      }
    }

    // Cached: the last server has answered every measure query once; warm it to a steady state.
    const get = httpGetter(server!);
    const cachedPaths = [...OTHER_ENDPOINTS, ...MEASURE_CASES.map((c) => ({ id: caseId(c), path: measurePath(c), kind: 'measure' as const }))];
    for (let i = 0; i < CACHED_WARM_UP_REQUESTS; i++) for (const endpoint of cachedPaths) await get(endpoint.path);
    const cachedMs = cachedPaths.map(() => [] as number[]);
    for (let i = 0; i < ctx.cachedIterations; i++) {
      for (const [k, endpoint] of cachedPaths.entries()) cachedMs[k]!.push(await timeMs(() => get(endpoint.path)));
    }
    const latency = summarizeLatency(cachedPaths, cachedMs, apiMs, directMs);

    const path = measurePath(MEASURE_CASES[0]!);
    const throughput = options.throughput ? { runs: await benchThroughput(ctx, new URL(path, server!.url).href), path } : { skipped: 'left out with --skip autocannon' };
    return { ...latency, throughput, serverRss: server!.memory() };
  } finally {
    await server?.stop();
  }
}

function httpGetter(server: ServerProcess) {
  return async (path: string) => {
    const response = await fetch(new URL(path, server.url), { headers: { accept: 'application/json' } });
    const body = await response.arrayBuffer();
    if (!response.ok) throw new Error(`GET ${path} → ${response.status}: ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
  };
}

function summarizeLatency(
  paths: { id: string; path: string; kind: EndpointBench['kind'] }[],
  cachedMs: number[][],
  apiMs: number[][],
  directMs: number[][],
): ApiLatency {
  const endpoints: EndpointBench[] = paths.map((endpoint, k) => {
    const m = k - OTHER_ENDPOINTS.length; // index into MEASURE_CASES
    const cached = summarize(cachedMs[k]!);
    if (endpoint.kind !== 'measure') return { ...endpoint, uncached: null, cached, direct: null, overhead: null };
    const uncached = summarize(apiMs[m]!);
    const sql = summarize(directMs[m]!);
    return { ...endpoint, uncached, cached, direct: sql, overhead: uncached.p50 / sql.p50 - 1 };
  });
  const measures = endpoints.filter((e) => e.kind === 'measure');
  return {
    method: UNCACHED_METHOD,
    endpoints,
    worstUncachedP95: Math.max(...measures.map((e) => e.uncached!.p95)),
    worstCachedP95: Math.max(...endpoints.map((e) => e.cached.p95)),
    overhead: geometricMean(measures.map((e) => e.overhead! + 1)) - 1,
  };
}
