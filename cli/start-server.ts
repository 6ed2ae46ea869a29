// Starts the HTTP server on a warehouse file; used by `popsight serve`, `popsight demo` and the tests.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { createApp } from '../server/app.ts';
import { auditRecorder } from '../server/audit/audit-recorder.ts';
import { DEFAULT_AUDIT_RETENTION_DAYS, scheduleAuditRetention } from '../server/audit/audit-retention.ts';
import { LOOPBACK_HOST_NAMES } from '../server/http/host-check.ts';
import { accountsAccess } from '../server/routing/sign-in-access.ts';
import { openLiveWarehouse, type LiveWarehouse } from '../server/warehouse/live-warehouse.ts';
import { openPostgresWarehouse } from '../server/warehouse/postgres-warehouse.ts';
import { openStateStore } from '../server/state/state-store.ts';
import { popsightHome, stateDir } from './paths.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** `stateDir` (the state store, `state.duckdb`) defaults to <POPSIGHT_HOME>/state. */
export interface ServerOptions {
  /** The DuckDB warehouse file; or, instead, `engine`. */
  warehouse?: string;
  /** A sharded PostgreSQL coordinator (postgres://…) that `popsight publish` filled: measures and trends from there. */
  engine?: string;
  port: number;
  /** The address to listen on: loopback (127.0.0.1) unless given; `0.0.0.0` listens on every interface. */
  host?: string;
  /** Host names the server answers to besides loopback and `host` (`*`: any, behind a proxy that checks). */
  allowedHosts?: readonly string[];
  clientDir?: string;
  stateDir?: string;
  /** MiB of rendered measure responses kept in memory (default 64); 0 answers every request afresh. */
  responseCacheMb?: number;
  /** Each query's time budget in seconds (default 30); a query over it is stopped with 503. */
  queryTimeoutSeconds?: number;
  /** Exact counts instead of perturbed ones: a trusted environment only (docs/disclosure.md). */
  exactCounts?: boolean;
  /** Days audit records are kept (default six years, HIPAA 45 CFR 164.316(b)(2)); older ones are pruned at start and daily. */
  auditRetentionDays?: number;
  /**
   * Sign-in and roles (docs/architecture.md, Sign-in and roles): callers authenticate by session
   * cookie or API token. Off by default for now (every caller holds every role, as before).
   */
  signIn?: boolean | SignInOptions;
}

export interface SignInOptions {
  /** Minutes without a request after which a session ends (default 15). */
  idleTimeoutMinutes?: number;
  /** The clock sessions and tokens are timed by (tests pass their own). */
  clock?: () => Date;
}

export const DEFAULT_QUERY_TIMEOUT_SECONDS = 30;
/** This machine only: serving others is a choice made with --host. */
export const DEFAULT_HOST = '127.0.0.1';

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const clock = () => new Date();
  // The state first: a state directory held by another server stops the start before anything else opens.
  const state = await openStateStore(options.stateDir ?? stateDir(popsightHome()), { clock, newId: randomUUID });
  // Every /api request is recorded in the state store's audit log, written in batches.
  const audit = auditRecorder(state.audit, { clock, onError: console.error });
  const retention = scheduleAuditRetention(state.audit, { days: options.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS, clock, log: console.error });
  let warehouse: LiveWarehouse | undefined;
  let server: Server;
  try {
    await retention.ready;
    const statementTimeoutMs = 1000 * (options.queryTimeoutSeconds ?? DEFAULT_QUERY_TIMEOUT_SECONDS);
    if (options.engine) warehouse = await openPostgresWarehouse(options.engine, { statementTimeoutMs });
    else if (options.warehouse) warehouse = await openLiveWarehouse(options.warehouse, { statementTimeoutMs });
    else throw new Error('startServer: give a warehouse file or an engine URL');
    const responseCache = options.responseCacheMb === undefined ? undefined : { maxBytes: options.responseCacheMb * 1024 * 1024 };
    const signIn = options.signIn === true ? {} : options.signIn || undefined;
    const access = signIn && accountsAccess(state.accounts, { clock: signIn.clock ?? clock, randomBytes, idleTimeoutMs: signIn.idleTimeoutMinutes === undefined ? undefined : signIn.idleTimeoutMinutes * 60_000 });
    const app = createApp({ warehouse, access, clientDir: options.clientDir, state: { cohorts: state.cohorts, ledger: state.ledger }, responseCache, allowedHosts: hostNamesFor(host, options.allowedHosts), exactCounts: options.exactCounts === true, log: console.error, audit });
    server = await new Promise<Server>((resolve, reject) => {
      const listening = app.listen(options.port, host, () => resolve(listening));
      listening.once('error', reject);
    });
  } catch (error) {
    retention.stop();
    warehouse?.close();
    await state.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const served = warehouse;
  return {
    url: `http://${isLoopback(host) || isWildcard(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(() => {
          served.close();
          retention.stop();
          // The last requests' records are written before the state store lets go of the file.
          audit.close().then(() => state.close()).then(resolve, reject);
        });
      }),
  };
}

const isWildcard = (host: string) => host === '0.0.0.0' || host === '::';
const isLoopback = (host: string) => (LOOPBACK_HOST_NAMES as readonly string[]).includes(host);

/**
 * The names the server answers to: loopback, the address it listens on, and the names given. On
 * every interface (0.0.0.0), also this machine's name and addresses, as a browser on the network
 * would reach it by them.
 */
function hostNamesFor(host: string, extra: readonly string[] = []): string[] {
  const names = new Set<string>([...LOOPBACK_HOST_NAMES, ...extra]);
  if (isWildcard(host)) {
    names.add(hostname());
    for (const addresses of Object.values(networkInterfaces())) for (const { address } of addresses ?? []) names.add(address);
  } else {
    names.add(host);
  }
  return [...names];
}
