// Section 3, API: latency of each dashboard endpoint over HTTP from a server in its own process,
// uncached (a server with its response cache off) and cached, against the same SQL
// (buildMeasureSql) run directly through DuckDB in the bench process, sample by sample in
// alternating order so both see the same machine. Then the same requests side by side with a server
// that has sign-in on (bench/sign-in-overhead.ts), autocannon throughput on a cached endpoint and
// the server's memory.
import { join } from 'node:path';
import { measureCellCatalog } from '../core/measures/measure-cells.ts';
import type { Database, SqlValue } from '../core/warehouse/database.ts';
import { dimensionValues } from '../core/warehouse/warehouse-facts.ts';
import { caseId, filterVariants, MEASURE_CASES, measurePath, measureSql, siblingCases, type MeasureCase } from './api-queries.ts';
import type { BenchContext } from './context.ts';
import { openHttpGetter, type HttpGetter } from './http-client.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { assertSignInRequired, createBenchToken, summarizeSignIn, timeCachedSideBySide, timeUncachedSideBySide, type SignInOverhead } from './sign-in-overhead.ts';
import { geometricMean, summarize, timeMs, type LatencySummary } from './stats.ts';
import { benchThroughput } from './throughput.ts';
import type { ApiBench } from './types.ts';

/**
 * Untimed requests the uncached server answers before it is timed, per dashboard query: the same
 * measure by each other stratifier, then this many filtered variants, then the query itself
 * WARM_UP_REPEATS times (the bench process runs its SQL as often). A server runs for days; what
 * is timed is its steady state, not the first requests of a new process compiling its paths.
 */
const WARM_UP_VARIANTS = 20;
const WARM_UP_REPEATS = 5;

/**
 * Untimed cached requests per endpoint before the cached samples. A new server process spends its
 * first ~2,000 requests optimizing the hit path and sizing its heap: timed on the same machine
 * side by side with a long-running server, those requests were 1.5–3× slower at p95. Without this
 * the cached samples (200 × 9 endpoints) fall entirely inside that start-up, and time it rather
 * than the cached response time of a running server.
 */
const CACHED_WARM_UP_REQUESTS = 300;

export const UNCACHED_METHOD =
  'Uncached samples come from a server started with its response cache off (`--cache-mb 0`), so every request is validated, queried, ' +
  'suppressed and rendered afresh, exactly as a running server answers a query it has not seen. ' +
  `Before it is timed it answers the same measures by their other stratifiers, ${WARM_UP_VARIANTS} filtered variants of every query and each query ${WARM_UP_REPEATS} times ` +
  `(DuckDB's buffers and the JIT warm up; the bench process runs each SQL as often). ` +
  'Then each dashboard query is timed once per round, exactly as the dashboard sends it (time to the last byte, over one kept-alive connection), and the same SQL the server runs ' +
  '(over the pre-aggregated cells when they answer it) runs directly through DuckDB in the bench process before or after it (alternating), prepared on each run as an ad hoc query is: the baseline of the target. ' +
  'The server reuses the prepared plan of each SQL text; for reference, the same SQL with its plan reused is timed in a loop of its own, alternating with ad hoc runs. ' +
  'Cached samples repeat the same requests on a second server with its cache on ' +
  `(in-memory hits), after ${CACHED_WARM_UP_REQUESTS} untimed ones per endpoint, so they time a running server rather than a new process warming up.`;

export interface EndpointBench {
  id: string;
  path: string;
  kind: 'meta' | 'catalog' | 'measure';
  /** Measure queries only: each sample computed afresh by a server with its response cache off. */
  uncached: LatencySummary | null;
  cached: LatencySummary;
  /** The same SQL through DuckDB in the bench process, prepared on each run (an ad hoc query). */
  direct: LatencySummary | null;
  /**
   * The same SQL with its prepared plan reused, as the server runs it (Database.query reusePlan),
   * timed in a loop of its own, alternating with ad hoc runs.
   */
  directReused: LatencySummary | null;
  /** Median API time over median direct-SQL time, minus one (the issue #4 target). */
  overhead: number | null;
  /** 1 − reused-plan p50 / ad hoc p50 of that loop: what reusing the plan saves the server. */
  planReuseSaving: number | null;
}

export interface ApiLatency {
  method: string;
  endpoints: EndpointBench[];
  worstUncachedP95: number;
  worstCachedP95: number;
  /** Geometric mean over the measure queries of (API p50 / direct p50), minus one. */
  overhead: number;
  /** Geometric mean of the per-query plan reuse saving (as share of the ad hoc time). */
  planReuseSaving: number;
  /** The same requests with sign-in and audit on, side by side; absent in results written before it was measured. */
  signIn?: SignInOverhead;
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
  const direct = (c: MeasureCase, reusePlan = false) => {
    const { sql, values: parameters } = measureSql(c, {}, cells);
    return db.query(sql, parameters as SqlValue[], { reusePlan });
  };
  // This process's DuckDB and JIT warm up too.
  for (let i = 0; i < WARM_UP_REPEATS; i++) {
    for (const c of MEASURE_CASES) {
      await direct(c);
      await direct(c, true);
    }
  }

  const servers: ServerProcess[] = [];
  const clients: HttpGetter[] = [];
  // The servers with sign-in keep their own state folder (they run beside the ones without), holding the bench's token.
  const signInState = join(ctx.workDir, 'state-sign-in');
  const token = await createBenchToken(signInState);
  const startSignedIn = async (responseCacheMb?: number) => {
    const started = await startServerProcess(ctx, warehouse, { responseCacheMb, signIn: true, stateDir: signInState });
    servers.push(started);
    await assertSignInRequired(started.url, measurePath(MEASURE_CASES[0]!));
    const signedIn = await openHttpGetter(started.url, { Accept: 'application/json', Authorization: `Bearer ${token}` });
    clients.push(signedIn);
    return { server: started, client: signedIn };
  };
  try {
    const uncachedServer = await startServerProcess(ctx, warehouse, { responseCacheMb: 0 });
    servers.push(uncachedServer);
    const uncachedClient = await openClient(uncachedServer);
    clients.push(uncachedClient);
    const getUncached = uncachedClient.get;
    for (const path of warmUps) await getUncached(path);
    for (let i = 0; i < WARM_UP_REPEATS; i++) for (const c of MEASURE_CASES) await getUncached(measurePath(c));

    // Uncached: every query once per round, in an order that rotates, API and SQL alternating first.
    const perCase = () => MEASURE_CASES.map(() => [] as number[]);
    const samples = { api: perCase(), sql: perCase(), adHoc: perCase(), reused: perCase() };
    for (let round = 0; round < ctx.iterations; round++) {
      for (let j = 0; j < MEASURE_CASES.length; j++) {
        const k = (round + j) % MEASURE_CASES.length;
        const c = MEASURE_CASES[k]!;
        const viaApi = async () => samples.api[k]!.push(await timeMs(() => getUncached(measurePath(c))));
        const viaSql = async () => samples.sql[k]!.push(await timeMs(() => direct(c)));
        if ((round + j) % 2 === 0) {
          await viaSql();
          await viaApi();
        } else {
          await viaApi();
          await viaSql();
        }
      }
    }
    // For reference, in a loop of its own (a third party in the loop above would change the pauses
    // between API requests): the same SQL with its plan reused, alternating with the ad hoc runs.
    for (let round = 0; round < ctx.iterations; round++) {
      for (const [k, c] of MEASURE_CASES.entries()) {
        samples.adHoc[k]!.push(await timeMs(() => direct(c)));
        samples.reused[k]!.push(await timeMs(() => direct(c, true)));
      }
    }

    // Sign-in: a second uncached server with it on, warmed up alike, then all three side by side.
    const signedIn = await startSignedIn(0);
    for (const path of warmUps) await signedIn.client.get(path);
    for (let i = 0; i < WARM_UP_REPEATS; i++) for (const c of MEASURE_CASES) await signedIn.client.get(measurePath(c));
    const timedQueries = MEASURE_CASES.map((c) => ({ id: caseId(c), path: measurePath(c), direct: () => direct(c) }));
    // A new connection: the first sat idle past the server's keep-alive timeout while the other started.
    const uncachedAgain = await openClient(uncachedServer);
    clients.push(uncachedAgain);
    const signInUncached = await timeUncachedSideBySide(timedQueries, uncachedAgain, signedIn.client, ctx.iterations);
    signedIn.client.close();
    await signedIn.server.stop();
    uncachedClient.close();
    await uncachedServer.stop();

    // Cached: a server with its cache on, warmed to a steady state; its first answer to each query fills the cache.
    const server = await startServerProcess(ctx, warehouse);
    servers.push(server);
    const client = await openClient(server);
    clients.push(client);
    const get = client.get;
    const cachedPaths = [...OTHER_ENDPOINTS, ...MEASURE_CASES.map((c) => ({ id: caseId(c), path: measurePath(c), kind: 'measure' as const }))];
    for (let i = 0; i < CACHED_WARM_UP_REQUESTS; i++) for (const endpoint of cachedPaths) await get(endpoint.path);
    const cachedMs = cachedPaths.map(() => [] as number[]);
    for (let i = 0; i < ctx.cachedIterations; i++) {
      for (const [k, endpoint] of cachedPaths.entries()) cachedMs[k]!.push(await timeMs(() => get(endpoint.path)));
    }
    const latency = summarizeLatency(cachedPaths, cachedMs, samples);

    // Cached with sign-in: a second cached server with it on, warmed alike, then both side by side.
    const cachedSignedIn = await startSignedIn();
    for (let i = 0; i < CACHED_WARM_UP_REQUESTS; i++) for (const endpoint of cachedPaths) await cachedSignedIn.client.get(endpoint.path);
    const cachedAgain = await openClient(server); // the first sat idle past the keep-alive timeout
    clients.push(cachedAgain);
    const signInCached = await timeCachedSideBySide(cachedPaths, cachedAgain, cachedSignedIn.client, ctx.cachedIterations);
    cachedSignedIn.client.close();
    await cachedSignedIn.server.stop();
    latency.signIn = summarizeSignIn(signInUncached, signInCached);

    const path = measurePath(MEASURE_CASES[0]!);
    const throughput = options.throughput ? { runs: await benchThroughput(ctx, new URL(path, server.url).href), path } : { skipped: 'left out with --skip autocannon' };
    return { ...latency, throughput, serverRss: server.memory() };
  } finally {
    for (const client of clients) client.close();
    for (const server of servers) await server.stop();
  }
}

/** Requests as the dashboard sends them (JSON), over one kept-alive connection (bench/http-client.ts). */
const openClient = (server: ServerProcess) => openHttpGetter(server.url, { Accept: 'application/json' });

function summarizeLatency(
  paths: { id: string; path: string; kind: EndpointBench['kind'] }[],
  cachedMs: number[][],
  samples: { api: number[][]; sql: number[][]; adHoc: number[][]; reused: number[][] },
): ApiLatency {
  const endpoints: EndpointBench[] = paths.map((endpoint, k) => {
    const m = k - OTHER_ENDPOINTS.length; // index into MEASURE_CASES
    const cached = summarize(cachedMs[k]!);
    if (endpoint.kind !== 'measure') return { ...endpoint, uncached: null, cached, direct: null, directReused: null, overhead: null, planReuseSaving: null };
    const uncached = summarize(samples.api[m]!);
    const direct = summarize(samples.sql[m]!);
    const directReused = summarize(samples.reused[m]!);
    const planReuseSaving = 1 - directReused.p50 / summarize(samples.adHoc[m]!).p50;
    return { ...endpoint, uncached, cached, direct, directReused, overhead: uncached.p50 / direct.p50 - 1, planReuseSaving };
  });
  const measures = endpoints.filter((e) => e.kind === 'measure');
  return {
    method: UNCACHED_METHOD,
    endpoints,
    worstUncachedP95: Math.max(...measures.map((e) => e.uncached!.p95)),
    worstCachedP95: Math.max(...endpoints.map((e) => e.cached.p95)),
    overhead: geometricMean(measures.map((e) => e.overhead! + 1)) - 1,
    planReuseSaving: 1 - geometricMean(measures.map((e) => 1 - e.planReuseSaving!)),
  };
}
