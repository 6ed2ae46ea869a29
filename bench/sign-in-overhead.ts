// Section 3, sign-in: what identifying every caller costs a request. The same dashboard queries go
// to a server without sign-in and to one with it (each caller identified by an API token, its role
// and rows checked, the rate limiter run), request by request in alternating order, so both see the
// same machine. Uncached, with the same SQL run directly through DuckDB in the same rotation (the
// baseline of the API overhead target); cached, after both servers are warmed.
import { randomBytes } from 'node:crypto';
import { apiTokens } from '../core/accounts/api-tokens.ts';
import { ALL_ROWS } from '../core/accounts/row-restriction.ts';
import type { AccountRole } from '../core/accounts/roles.ts';
import { openStateStore } from '../server/state/state-store.ts';
import type { HttpGetter } from './http-client.ts';
import { geometricMean, summarize, timeMs, type LatencySummary } from './stats.ts';

/** The role of the bench's token: an analyst reading every row, as a script asking the dashboard's questions would. */
export const BENCH_TOKEN_ROLE: AccountRole = 'analyst';

export const SIGN_IN_METHOD =
  `Sign-in: the same uncached requests go to a second server started with sign-in on, each authenticated by \`Authorization: Bearer\` with an API token made in its state folder (by the code \`popsight tokens create\` runs; role ${BENCH_TOKEN_ROLE}, every row), so every request is identified, its role and rows checked and the rate limiter run (its limit set out of the bench's reach). ` +
  'Both servers audit every request (the audit trail is always on). After the same warm-up, each round times every query on the server without sign-in, on the one with it and directly through DuckDB, in an order that rotates, so all three see the same machine. ' +
  'The sign-in overhead is judged against the API overhead target: the geometric mean of (signed-in API p50 / direct SQL p50) − 1. ' +
  'Cached: the same alternation between two servers with their caches on, after the same untimed warm-up on each.';

export interface SignInQuery {
  id: string;
  path: string;
  /** The server without sign-in. */
  off: LatencySummary;
  /** The server with sign-in (Bearer token) and audit. */
  on: LatencySummary;
  /** The same SQL through DuckDB in the bench process, in the same rotation. */
  direct: LatencySummary;
}

export interface SignInCachedEndpoint {
  id: string;
  path: string;
  off: LatencySummary;
  on: LatencySummary;
}

export interface SignInOverhead {
  method: string;
  role: AccountRole;
  queries: SignInQuery[];
  /** Geometric mean over the queries of on p50 / off p50: what sign-in multiplies a request's time by. */
  ratio: number;
  /** Geometric mean of (on p50 / direct p50), minus one: the API overhead with sign-in and audit on. */
  overhead: number;
  /** The same for the server without sign-in, in this loop. */
  overheadWithout: number;
  worstUncachedP95: number;
  cached: SignInCachedEndpoint[];
  /** Geometric mean over the cached endpoints of on p50 / off p50. */
  cachedRatio: number;
  worstCachedP95: number;
}

/** Makes the bench's API token in a state folder no server holds yet, as `popsight tokens create --role analyst --restrict all` does. */
export async function createBenchToken(stateDir: string): Promise<string> {
  const clock = () => new Date();
  const store = await openStateStore(stateDir, { clock, newId: () => randomBytes(16).toString('hex') });
  try {
    const { token } = await apiTokens(store.accounts.tokens, { clock, randomBytes }).create({ role: BENCH_TOKEN_ROLE, restriction: ALL_ROWS, label: 'bench' });
    return token;
  } finally {
    await store.close();
  }
}

/** Guards the comparison: the server with sign-in must refuse a request that carries no token. */
export async function assertSignInRequired(serverUrl: string, path: string): Promise<void> {
  const response = await fetch(new URL(path, serverUrl), { headers: { Accept: 'application/json' } });
  await response.arrayBuffer();
  if (response.status !== 401) throw new Error(`the server started with sign-in answered ${path} without a token with ${response.status}, not 401: sign-in is not on`);
}

export interface TimedQuery {
  id: string;
  path: string;
  /** Runs the query's SQL directly. */
  direct(): Promise<unknown>;
}

/** `rounds` rounds; in each, every query on `off`, `on` and directly, in an order that rotates. */
export async function timeUncachedSideBySide(queries: TimedQuery[], off: HttpGetter, on: HttpGetter, rounds: number): Promise<SignInQuery[]> {
  const samples = queries.map(() => ({ off: [] as number[], on: [] as number[], direct: [] as number[] }));
  for (let round = 0; round < rounds; round++) {
    for (let j = 0; j < queries.length; j++) {
      const k = (round + j) % queries.length;
      const query = queries[k]!;
      const runs = [
        async () => samples[k]!.off.push(await timeMs(() => off.get(query.path))),
        async () => samples[k]!.on.push(await timeMs(() => on.get(query.path))),
        async () => samples[k]!.direct.push(await timeMs(() => query.direct())),
      ];
      const first = (round + j) % runs.length;
      for (let i = 0; i < runs.length; i++) await runs[(first + i) % runs.length]!();
    }
  }
  return queries.map((query, k) => ({ id: query.id, path: query.path, off: summarize(samples[k]!.off), on: summarize(samples[k]!.on), direct: summarize(samples[k]!.direct) }));
}

/** `rounds` rounds of every endpoint on both (warmed) servers, alternating which goes first. */
export async function timeCachedSideBySide(endpoints: { id: string; path: string }[], off: HttpGetter, on: HttpGetter, rounds: number): Promise<SignInCachedEndpoint[]> {
  const samples = endpoints.map(() => ({ off: [] as number[], on: [] as number[] }));
  for (let round = 0; round < rounds; round++) {
    for (const [k, endpoint] of endpoints.entries()) {
      const timeOff = async () => samples[k]!.off.push(await timeMs(() => off.get(endpoint.path)));
      const timeOn = async () => samples[k]!.on.push(await timeMs(() => on.get(endpoint.path)));
      if ((round + k) % 2 === 0) {
        await timeOff();
        await timeOn();
      } else {
        await timeOn();
        await timeOff();
      }
    }
  }
  return endpoints.map((endpoint, k) => ({ ...endpoint, off: summarize(samples[k]!.off), on: summarize(samples[k]!.on) }));
}

export function summarizeSignIn(queries: SignInQuery[], cached: SignInCachedEndpoint[]): SignInOverhead {
  return {
    method: SIGN_IN_METHOD,
    role: BENCH_TOKEN_ROLE,
    queries,
    ratio: geometricMean(queries.map((q) => q.on.p50 / q.off.p50)),
    overhead: geometricMean(queries.map((q) => q.on.p50 / q.direct.p50)) - 1,
    overheadWithout: geometricMean(queries.map((q) => q.off.p50 / q.direct.p50)) - 1,
    worstUncachedP95: Math.max(...queries.map((q) => q.on.p95)),
    cached,
    cachedRatio: geometricMean(cached.map((e) => e.on.p50 / e.off.p50)),
    worstCachedP95: Math.max(...cached.map((e) => e.on.p95)),
  };
}
