// Section 3, API: latency of each dashboard endpoint over HTTP from a server in its own process,
// uncached and cached, against the same SQL (buildMeasureSql) run directly through DuckDB in the
// bench process, sample by sample in alternating order so both see the same machine. Then
// autocannon throughput on a cached endpoint and the server's memory.
import { Agent, get as httpGet } from 'node:http';
import { measureCellCatalog } from '../server/measures/measure-cells.ts';
import type { Database, SqlValue } from '../server/warehouse/database.ts';
import { dimensionValues } from '../server/warehouse/warehouse-facts.ts';
import { caseId, filterVariants, MEASURE_CASES, measurePath, measureSql, siblingCases, type MeasureCase } from './api-queries.ts';
import type { BenchContext } from './context.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { geometricMean, summarize, timeMs, type LatencySummary } from './stats.ts';
import { benchThroughput } from './throughput.ts';
import type { ApiBench } from './types.ts';

/**
 * Requests a new server answers before it is timed, so that what is timed is an uncached query on a
 * running server: DuckDB's buffers and V8's JIT warm up (the bench process has run every query
 * before too), while its response cache stays cold for the timed queries. Per dashboard query: the
 * same measure by each other stratifier, then this many filtered variants. With 2, a new process
 * was still compiling the paths the timed requests take (overhead ~60% at 20k; ~30% with 20).
 */
const WARM_UP_VARIANTS = 20;

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
  `warms it with the same measures by their other stratifiers and ${WARM_UP_VARIANTS} filtered variants of every query (DuckDB's buffers and the JIT warm up; the timed queries stay uncached), ` +
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
  const warmUps = MEASURE_CASES.flatMap((c) => [
    ...siblingCases(c).map((sibling) => measurePath(sibling)),
    ...filterVariants(c, values, WARM_UP_VARIANTS).map((filters) => measurePath(c, filters)),
  ]);
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
      for (const path of warmUps) await get(path);
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

/**
 * GET over one kept-alive connection with node:http, reading the whole body; throws on a non-2xx.
 * Not fetch: undici's fetch spends about a millisecond of the bench process's own time per request
 * (streams, Headers, Response), which would be counted as the server's.
 */
function httpGetter(server: ServerProcess) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return (path: string) =>
    new Promise<void>((resolve, reject) => {
      const request = httpGet(new URL(path, server.url), { agent, headers: { accept: 'application/json' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`GET ${path} → ${status}: ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`));
        });
      });
      request.on('error', reject);
    });
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
