// What each `popsight` subcommand does; cli.ts only declares the options.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadExtract, type LoadResult } from '../pipelines/load.ts';
import { loadInterruptedMessage } from '../pipelines/scratch.ts';
import { removeStaleBuilds } from '../pipelines/stale-builds.ts';
import { messages } from '../core/measures/messages.ts';
import { loadMessages } from '../core/loads/load-messages.ts';
import { builtClient, ensureClientBuilt } from './build-client.ts';
import { demoExtract, demoWarehouse, popsightHome, secretsFile } from './paths.ts';
import { loadProgressLine, progressBar } from './progress.ts';
import { DEFAULT_HOST, startServer } from './start-server.ts';
import type { AdminLinkPolicy } from './admin-sign-in-link.ts';
import type { OidcConfig, OidcUserClaim } from '../core/accounts/oidc-sign-in.ts';
import { accountMessages } from '../core/accounts/account-messages.ts';
import { LOOPBACK_HOST_NAMES } from '../server/http/host-check.ts';
import { redactedUrl } from '../server/warehouse/postgres-warehouse.ts';
import type { QuarterCells } from '../pipelines/marts/quarter-cells.ts';

const log = (message: string) => console.error(message);

export async function generateCommand(options: { people: number; seed: number; out: string; format?: 'csv' | 'fhir' }): Promise<void> {
  const { generatePopulation } = await import('../generator/index.ts');
  const progress = progressBar('generate', options.people, 'people');
  const summary = await generatePopulation({ people: options.people, seed: options.seed, outDir: resolve(options.out), format: options.format, onProgress: (done) => progress.update(done) });
  progress.finish();
  const rows = Object.values(summary.files).reduce((a, b) => a + b, 0);
  const unit = options.format === 'fhir' ? 'resources' : 'rows';
  log(`Wrote ${summary.people.toLocaleString('en-US')} people (${rows.toLocaleString('en-US')} ${unit} in ${Object.keys(summary.files).length} files) to ${resolve(options.out)} in ${summary.seconds.toFixed(1)} s`);
}

export async function loadCommand(
  source: string,
  options: { warehouse: string; replace?: boolean; format?: 'auto' | 'synthea' | 'fhir' | 'omop'; quarterCells?: QuarterCells },
): Promise<LoadResult> {
  const warehouse = resolve(options.warehouse);
  mkdirSync(dirname(warehouse), { recursive: true });
  // Ctrl-C or a SIGTERM cannot wait for a DuckDB statement: remove the load's scratch folder (raw rows)
  // and its lock now, say so, and exit with 128 + the signal's number.
  let cleanup: (() => { published: boolean }) | undefined;
  const interrupted = (signal: NodeJS.Signals) => {
    const { published } = cleanup?.() ?? { published: false };
    log(`${process.stderr.isTTY ? '\r\x1b[K' : ''}${loadInterruptedMessage(signal, warehouse, published)}`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);
  let result: LoadResult;
  try {
    result = await loadExtract(
      { source: resolve(source), warehouse, secretsFile: secretsFile(popsightHome()), mode: options.replace ? 'replace' : 'append', format: options.format ?? 'auto',
        quarterCells: options.quarterCells },
      {
        log: (message) => log(`${process.stderr.isTTY ? '\r\x1b[K' : ''}${message}`), progress: loadProgressLine(), clock: () => new Date(), env: process.env,
        onCleanup: (next) => { cleanup = next; },
      },
    );
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
  if (result.unchanged) return result;
  console.table(result.files.map(({ file, read, loaded, quarantined }) => ({ file, read, loaded, quarantined })));
  log(loadMessages.loadSummary(result, warehouse));
  return result;
}

/** Serves the dashboard built by `npm run build`; never builds it, so it runs without the dev dependencies. */
/**
 * Run before every command: removes what loads killed with SIGKILL left (their private scratch
 * folders hold raw rows) beside the warehouse the command names and beside the demo warehouse,
 * so they do not wait for the next load into the same folder.
 */
export function sweepKilledLoads(warehouse: string | undefined): void {
  const warehouses = new Set([demoWarehouse(popsightHome()), ...(warehouse ? [resolve(warehouse)] : [])]);
  for (const file of warehouses) {
    for (const name of removeStaleBuilds(file)) log(`removed ${name}, left by a load that was killed`);
  }
}

/** Where and how the server listens, and who may call it: the options `serve` and `demo` share. */
export interface NetworkOptions {
  host?: string;
  allowedHost?: string[];
  queryTimeout?: number;
  /** On unless --no-sign-in. */
  signIn?: boolean;
  idleTimeout?: number;
  oidcIssuer?: string;
  oidcClientId?: string;
  oidcClientSecret?: string;
  oidcUserClaim?: OidcUserClaim;
  oidcRedirectUri?: string;
}

/** `--cohort-quota N` bounds bytes too: N cohorts of 10 KiB each (the default, 200, is 2 MiB). */
const COHORT_BYTES_EACH = 10 * 1024;

/** What `serve` takes besides the network options. */
interface ServeOptions {
  warehouse?: string;
  engine?: string;
  port: number;
  cacheMb?: number;
  exactCounts?: boolean;
  auditRetentionDays?: number;
  rateLimit?: number;
  cohortQuota?: number;
}

export async function serveCommand(options: ServeOptions & NetworkOptions): Promise<void> {
  if ((options.warehouse === undefined) === (options.engine === undefined)) throw new Error(messages.warehouseOrEngine);
  if (options.engine !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(options.engine)) throw new Error(messages.badEngine(options.engine));
    await serve(options, builtClient(log), 'first-start');
    return;
  }
  const warehouse = resolve(options.warehouse!);
  if (!existsSync(warehouse)) throw new Error(messages.noWarehouse(warehouse));
  await serve({ ...options, warehouse }, builtClient(log), 'first-start');
}

/** `adminLink`: when to print the administrator's one-time sign-in link (cli/admin-sign-in-link.ts). */
async function serve(options: ServeOptions & NetworkOptions, clientDir: string, adminLink: AdminLinkPolicy): Promise<void> {
  const signIn = options.signIn !== false;
  if (!signIn && options.oidcIssuer !== undefined) throw new Error(accountMessages.oidcWithoutSignIn);
  if (!signIn) {
    const host = options.host ?? DEFAULT_HOST;
    if (!(LOOPBACK_HOST_NAMES as readonly string[]).includes(host)) throw new Error(accountMessages.signInOffNeedsLoopback(host));
    log(accountMessages.signInOff);
  }
  const server = await startServer({
    warehouse: options.warehouse,
    engine: options.engine,
    port: options.port,
    clientDir,
    responseCacheMb: options.cacheMb,
    host: options.host,
    allowedHosts: options.allowedHost,
    queryTimeoutSeconds: options.queryTimeout,
    exactCounts: options.exactCounts,
    auditRetentionDays: options.auditRetentionDays,
    signIn: signIn ? { idleTimeoutMinutes: options.idleTimeout, adminLink, oidc: oidcOptions(options) } : false,
    rateLimit: options.rateLimit === undefined ? undefined : options.rateLimit === 0 ? false : { perSecond: options.rateLimit, burst: 30 * options.rateLimit },
    cohortQuota: options.cohortQuota === undefined ? undefined : { count: options.cohortQuota, bytes: options.cohortQuota * COHORT_BYTES_EACH },
  });
  console.log(`Popsight is serving ${options.warehouse ?? redactedUrl(options.engine!)}\n  Dashboard: ${server.url}\n  API:       ${server.url}/api/measures`);
  if (server.signInLink) {
    if (server.signInLink.created) console.log(accountMessages.adminCreated(server.signInLink.user));
    console.log(accountMessages.signInLinkPrinted(server.signInLink.url, server.signInLink.minutes));
  }
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export async function demoCommand(options: { people: number; seed: number; port: number; rebuild: boolean; quarterCells?: QuarterCells } & NetworkOptions): Promise<void> {
  const home = popsightHome();
  const warehouse = demoWarehouse(home);
  if (options.rebuild || !existsSync(warehouse)) {
    const extract = demoExtract(home);
    rmSync(extract, { recursive: true, force: true });
    log(`Generating a demo population of ${options.people.toLocaleString('en-US')} people (seed ${options.seed}) …`);
    await generateCommand({ people: options.people, seed: options.seed, out: extract });
    await loadCommand(extract, { warehouse, replace: true, quarterCells: options.quarterCells });
  } else {
    log(`Reusing the demo warehouse ${warehouse} (pass --rebuild to make a new one)`);
  }
  // The demo builds the dashboard when its sources are newer than client/dist (Vite, loaded only here).
  const { people: _people, seed: _seed, rebuild: _rebuild, quarterCells: _quarterCells, ...network } = options;
  await serve({ ...network, warehouse }, await ensureClientBuilt(log), 'every-start');
}

/** The --oidc-… options as the server takes them, checked: issuer and client id together, https unless on loopback. */
function oidcOptions(options: NetworkOptions): (OidcConfig & { redirectUri?: string }) | undefined {
  const { oidcIssuer: issuer, oidcClientId: clientId } = options;
  if (issuer === undefined && clientId === undefined) return undefined;
  if (issuer === undefined || clientId === undefined) throw new Error(accountMessages.oidcIssuerAndClient);
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(accountMessages.oidcBadIssuer(issuer));
  }
  const loopback = (LOOPBACK_HOST_NAMES as readonly string[]).includes(url.hostname.replace(/^\[|\]$/g, ''));
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new Error(accountMessages.oidcBadIssuer(issuer));
  const clientSecret = options.oidcClientSecret ?? (process.env.POPSIGHT_OIDC_CLIENT_SECRET || undefined);
  return { issuer, clientId, clientSecret, userClaim: options.oidcUserClaim, redirectUri: options.oidcRedirectUri };
}
