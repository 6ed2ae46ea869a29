// Starts the HTTP server on a warehouse file; used by `popsight serve`, `popsight demo` and the tests.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import { warmChartDrawing } from '../server/charts/chart-warm-up.ts';
import { drawDefaultCharts } from '../server/charts/default-charts.ts';
import { createApp } from '../server/app.ts';
import { auditRecorder } from '../server/audit/audit-recorder.ts';
import { DEFAULT_AUDIT_RETENTION_DAYS, scheduleAuditRetention } from '../server/audit/audit-retention.ts';
import { LOOPBACK_HOST_NAMES } from '../server/http/host-check.ts';
import { accountsAccess } from '../server/routing/sign-in-access.ts';
import { DEFAULT_SIGN_IN_LINK_MS, signInLinks, signInLinkUrl, type SignInLinks } from '../core/accounts/sign-in-links.ts';
import type { OidcConfig } from '../core/accounts/oidc-sign-in.ts';
import { adminSignInLink, type AdminLink, type AdminLinkPolicy } from './admin-sign-in-link.ts';
import { DEFAULT_RATE_LIMIT, type RateLimitOptions } from '../server/http/rate-limit.ts';
import type { CohortQuota } from '../core/cohorts/saved-cohort.ts';
import { openLiveWarehouse, type LiveWarehouse } from '../server/warehouse/live-warehouse.ts';
import { openPostgresWarehouse } from '../server/warehouse/postgres-warehouse.ts';
import { startUpWarmUp } from '../server/warehouse/start-up-warm-up.ts';
import { measureViews } from '../server/measures/measure-views.ts';
import { ResponseCache } from '../server/http/response-cache.ts';
import { openStateStore } from '../server/state/state-store.ts';
import { openReportStore } from '../server/state/report-store.ts';
import type { ReportStore } from '../core/reports/report-store.ts';
import { rowsByAccount, rowsByAccountOnceAny, type RecipientRows } from '../core/reports/recipient-rows.ts';
import { cohortGate } from '../server/cohorts/cohort-gate.ts';
import { cohortPreparation } from '../server/cohorts/cohort-preparation.ts';
import { CohortMembers } from '../core/cohorts/cohort-members.ts';
import { cohortCacheFolder } from '../server/state/cohort-cache-folder.ts';
import { DEFAULT_MAIL_FROM, type DeliveryDeps, type RetryPolicy } from '../server/reports/deliver-report.ts';
import { mailerFor, outboxDir } from '../server/reports/mailer.ts';
import { reportScheduler } from '../server/reports/report-scheduler.ts';
import { popsightHome, stateDir } from './paths.ts';
import { removeServerRuntime, writeServerRuntime } from './server-runtime.ts';

/** The longest the server waits for the pages' warm-up before it listens anyway (it goes on meanwhile). */
const WARM_UP_BEFORE_LISTEN_MS = 15_000;

export interface RunningServer {
  url: string;
  /** With `signIn.adminLink`: the administrator's one-time sign-in link, when one was issued. */
  signInLink?: { url: string; user: string; created: boolean; minutes: number };
  close(): Promise<void>;
}

/** `stateDir` (the state store, `state.duckdb`) defaults to <POPSIGHT_HOME>/state. */
export interface ServerOptions {
  /** The DuckDB warehouse file; or, instead, `engine`. */
  warehouse?: string;
  /** A sharded PostgreSQL coordinator (postgres://…) that `popsight publish` filled: the same API (measures, trends, cohorts, data quality, the load history) from there. */
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
  /**
   * Compute the warehouse facts, the measure cell catalog and the pages' default views as soon as a
   * warehouse file is opened, at start (before listening) and after each load
   * (server/warehouse/start-up-warm-up.ts), instead of in a first visitor's requests (default true;
   * the bench turns it off to time a truly cold server).
   */
  warmUp?: boolean;
  /**
   * People from which the warm-up also reads the cohort person index and prepares the saved cohorts
   * (default 100,000: server/warehouse/start-up-warm-up.ts); the facts and the pages' default views are
   * warmed at every size.
   */
  warmCohortsFromPeople?: number;
  /** Each query's time budget in seconds (default 30); a query over it is stopped with 503. */
  queryTimeoutSeconds?: number;
  /** Exact counts instead of perturbed ones: a trusted environment only (docs/disclosure.md). */
  exactCounts?: boolean;
  /** Days audit records are kept (default six years, HIPAA 45 CFR 164.316(b)(2)); older ones are pruned at start and daily. */
  auditRetentionDays?: number;
  /**
   * Sign-in and roles (docs/architecture.md, Sign-in and roles): callers authenticate by session
   * cookie or API token. Off by default here (tests and the bench start servers without it, where
   * every caller holds every role); `popsight serve` and `popsight demo` turn it on unless --no-sign-in.
   */
  signIn?: boolean | SignInOptions;
  /**
   * Requests per principal (docs/architecture.md, Rate limits): on by default with sign-in
   * (DEFAULT_RATE_LIMIT), off without it unless given; false turns it off.
   */
  rateLimit?: RateLimitOptions | false;
  /** Saved cohorts each principal may keep (count and definition bytes); DEFAULT_COHORT_QUOTA by default. */
  cohortQuota?: CohortQuota;
  /** The report scheduler (on unless false): sends due reports and the ones that run after each load. */
  reports?: false | ReportSchedulerOptions;
}

export interface ReportSchedulerOptions {
  /** Between two polls of the schedule (default 30 s). */
  pollMs?: number;
  clock?: () => Date;
  /** SMTP server URL (default $POPSIGHT_SMTP_URL); without one, messages go to <POPSIGHT_HOME>/outbox/. */
  smtpUrl?: string;
  /** The From address (default $POPSIGHT_MAIL_FROM or Popsight <popsight@localhost>). */
  from?: string;
  /** The dashboard's address in the links of e-mails (default $POPSIGHT_BASE_URL, else this server's URL). */
  baseUrl?: string;
  /** Where the outbox is (<home>/outbox), when there is no SMTP server (default POPSIGHT_HOME). */
  home?: string;
  retry?: RetryPolicy;
}

export interface SignInOptions {
  /** Minutes without a request after which a session ends (default 15). */
  idleTimeoutMinutes?: number;
  /** The clock sessions and tokens are timed by (tests pass their own). */
  clock?: () => Date;
  /** Issue the administrator's one-time sign-in link at start (creating the admin on an empty store): cli/admin-sign-in-link.ts. */
  adminLink?: AdminLinkPolicy;
  /** Minutes a one-time sign-in link works (default 15). */
  linkMinutes?: number;
  /** Sign-in through an OpenID Connect provider besides passwords (docs/architecture.md, OpenID Connect). */
  oidc?: OidcConfig & { redirectUri?: string };
}

export const DEFAULT_QUERY_TIMEOUT_SECONDS = 30;
/** This machine only: serving others is a choice made with --host. */
export const DEFAULT_HOST = '127.0.0.1';

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const clock = () => new Date();
  // The state first: a state directory held by another server stops the start before anything else opens.
  const stateDirectory = resolvePath(options.stateDir ?? stateDir(popsightHome()));
  const state = await openStateStore(stateDirectory, { clock, newId: randomUUID });
  // Every /api request is recorded in the state store's audit log, written in batches.
  const audit = auditRecorder(state.audit, { clock, onError: console.error });
  const retention = scheduleAuditRetention(state.audit, { days: options.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS, clock, log: console.error });
  const reports = await openReportStore(state, { clock, newId: randomUUID });
  // With sign-in each recipient reads what their account reads; without it, every row as every caller
  // does, unless the state store has accounts (recipient-rows.ts).
  const recipientRows = options.signIn ? rowsByAccount(state.accounts.users) : rowsByAccountOnceAny(state.accounts.users);
  // One cohort gate for the API and the report e-mails: a cohort used in either passes one ledger. Its
  // members, and what is prepared for saved cohorts, are kept per warehouse generation in the state folder.
  const members = new CohortMembers({ store: cohortCacheFolder(stateDirectory) });
  const gate = cohortGate(state.ledger, { exactCounts: options.exactCounts === true, members });
  const delivery = { ...reportDelivery(options.reports || {}, clock, recipientRows), cohorts: { store: state.cohorts, gate } };
  let warehouse: LiveWarehouse | undefined;
  let server: Server;
  let links: SignInLinks | undefined;
  let adminLink: AdminLink | undefined;
  let runtimeToken: string | undefined;
  try {
    await retention.ready;
    const statementTimeoutMs = 1000 * (options.queryTimeoutSeconds ?? DEFAULT_QUERY_TIMEOUT_SECONDS);
    const responseCache = options.responseCacheMb === undefined ? undefined : { maxBytes: options.responseCacheMb * 1024 * 1024 };
    const exactCounts = options.exactCounts === true;
    // One renderer and cache of measure views for the routes and the warm-up of the pages' default views.
    const views = measureViews({ cache: new ResponseCache(responseCache), exactCounts });
    // Saved cohorts are prepared on the warehouse being served (set below, before any request or warm-up reaches it).
    const preparation = cohortPreparation({ warehouse: { use: (work) => warehouse!.use(work) }, store: state.cohorts, members: gate.members, exactCounts, log: console.error });
    // What the pages show (the facts, the default views) at every size, then on a large warehouse the
    // person index and the saved cohorts' preparation (start-up-warm-up.ts). The server listens once
    // the pages' part is warm (below).
    let pagesWarm!: () => void;
    const pagesWarmed = new Promise<void>((resolve) => (pagesWarm = resolve));
    // A server that serves the dashboard draws the pages' default charts too (server/charts/default-charts.ts).
    const warm = startUpWarmUp({ views, members: gate.members, preparation, exactCounts, cohortsFromPeople: options.warmCohortsFromPeople, onPagesWarm: pagesWarm, drawDefaultCharts: options.clientDir ? drawDefaultCharts : undefined });
    if (options.engine) warehouse = await openPostgresWarehouse(options.engine, { statementTimeoutMs });
    else if (options.warehouse) warehouse = await openLiveWarehouse(options.warehouse, { statementTimeoutMs, warm: options.warmUp === false ? undefined : warm });
    else throw new Error('startServer: give a warehouse file or an engine URL');
    const signIn = options.signIn === true ? {} : options.signIn || undefined;
    const signInClock = signIn?.clock ?? clock;
    links = signIn && signInLinks({ clock: signInClock, randomBytes, lifetimeMs: (signIn.linkMinutes ?? DEFAULT_SIGN_IN_LINK_MS / 60_000) * 60_000 });
    runtimeToken = signIn && randomBytes(32).toString('base64url');
    const access = signIn && accountsAccess(state.accounts, { clock: signInClock, randomBytes, idleTimeoutMs: signIn.idleTimeoutMinutes === undefined ? undefined : signIn.idleTimeoutMinutes * 60_000 }, { links, linkMinutes: signIn.linkMinutes, oidc: signIn.oidc, runtimeToken });
    adminLink = signIn?.adminLink && links ? await adminSignInLink(state.accounts.users, links, signIn.adminLink, { clock: signInClock, randomBytes }) : undefined;
    const app = createApp({ warehouse, access, clientDir: options.clientDir, state: { cohorts: state.cohorts, ledger: state.ledger, gate, preparation, reports: { reports, delivery, baseUrl: reportBaseUrl(options.reports || {}), outbox: delivery.outbox } }, views, allowedHosts: hostNamesFor(host, options.allowedHosts), exactCounts, log: console.error, audit,
      rateLimit: options.rateLimit === false ? undefined : options.rateLimit ?? (signIn ? DEFAULT_RATE_LIMIT : undefined), cohortQuota: options.cohortQuota });
    // A page's trend charts and county maps are first drawn by the server that serves the dashboard (server/charts): its Vega
    // is warmed before the first visitor. A server without the dashboard (the API alone) has none to draw.
    if (options.warmUp !== false && options.clientDir) await warmChartDrawing();
    // The first visitor's pages come from the cache: the server listens once the facts and the pages'
    // default views are warm (a few hundred milliseconds), or after WARM_UP_BEFORE_LISTEN_MS at most.
    if (options.warehouse && options.warmUp !== false) await Promise.race([pagesWarmed, new Promise((resolve) => setTimeout(resolve, WARM_UP_BEFORE_LISTEN_MS).unref())]);
    server = await new Promise<Server>((resolve, reject) => {
      const listening = app.listen(options.port, host, () => resolve(listening));
      listening.once('error', reject);
    });
  } catch (error) {
    retention.stop();
    warehouse?.close();
    delivery.mailer.close();
    await reports.close();
    await state.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const served = warehouse;
  const url = `http://${isLoopback(host) || isWildcard(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${port}`;
  writeServerRuntime(stateDirectory, { url, pid: process.pid, ...(runtimeToken && { token: runtimeToken }) });
  const scheduler = options.reports === false ? undefined : startReportScheduler(options.reports ?? {}, { reports, delivery, warehouse: served, url, clock, exactCounts: options.exactCounts === true });
  return {
    url,
    ...(adminLink && {
      signInLink: { url: signInLinkUrl(url, adminLink.secret), user: adminLink.user, created: adminLink.created, minutes: (options.signIn as SignInOptions).linkMinutes ?? DEFAULT_SIGN_IN_LINK_MS / 60_000 },
    }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(() => {
          retention.stop();
          removeServerRuntime(stateDirectory);
          void (scheduler?.stop() ?? Promise.resolve())
            .then(() => reports.close())
            .finally(() => delivery.mailer.close())
            .finally(() => served.close())
            // The last requests' records are written before the state store lets go of the file.
            .then(() => audit.close())
            .then(() => state.close())
            .then(resolve, reject);
        });
      }),
  };
}

/** How report e-mails leave this server (the scheduler's and "Send now"): SMTP, else the outbox. */
function reportDelivery(options: ReportSchedulerOptions, serverClock: () => Date, recipientRows: RecipientRows): Omit<DeliveryDeps, 'store'> & { outbox?: string } {
  const smtpUrl = options.smtpUrl ?? (process.env.POPSIGHT_SMTP_URL || undefined);
  const home = options.home ?? popsightHome();
  const mailer = mailerFor({ smtpUrl, home }, { clock: options.clock ?? serverClock, newId: randomUUID });
  return {
    mailer,
    from: options.from ?? process.env.POPSIGHT_MAIL_FROM ?? DEFAULT_MAIL_FROM,
    retry: options.retry,
    log: console.error,
    recipientRows,
    ...(smtpUrl ? {} : { outbox: outboxDir(home) }),
  };
}

const reportBaseUrl = (options: ReportSchedulerOptions): string | undefined => options.baseUrl ?? process.env.POPSIGHT_BASE_URL;

/** The scheduler of report e-mails, on the server's warehouse and state store; stopped before they close. */
function startReportScheduler(
  options: ReportSchedulerOptions,
  on: { reports: ReportStore; delivery: Omit<DeliveryDeps, 'store'>; warehouse: LiveWarehouse; url: string; clock: () => Date; exactCounts: boolean },
): { stop(): Promise<void> } {
  const clock = options.clock ?? on.clock;
  const scheduler = reportScheduler({
    store: on.reports,
    warehouse: on.warehouse,
    delivery: on.delivery,
    render: { baseUrl: reportBaseUrl(options) ?? `${on.url}/`, exactCounts: on.exactCounts },
    clock,
    log: console.error,
  });
  scheduler.start(options.pollMs);
  return { stop: () => scheduler.stop() };
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
