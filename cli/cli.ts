// The `popsight` command: generate, load, serve, demo, audit, reports, status, export.
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { registerAccountCommands } from './account-commands.ts';
import { registerExportCommand } from './export-command.ts';
import { auditExportCommand, auditVerifyCommand } from './audit-commands.ts';
import { stateOption } from './offline-state.ts';
import { registerPublishCommand } from './publish-command.ts';
import { registerReportCommands } from './report-commands.ts';
import { registerWarehouseCommands } from './warehouse-commands.ts';
import { demoCommand, generateCommand, loadCommand, serveCommand, sweepKilledLoads } from './commands.ts';
import { OIDC_USER_CLAIMS } from '../core/accounts/oidc-sign-in.ts';
import { DEFAULT_COHORT_QUOTA } from '../core/cohorts/saved-cohort.ts';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../server/audit/audit-retention.ts';
import { DEFAULT_HOST, DEFAULT_QUERY_TIMEOUT_SECONDS } from './start-server.ts';
import { QUARTER_CELLS_CHOICES, QUARTER_CELLS_MIN_PEOPLE } from '../pipelines/marts/quarter-cells.ts';

const integer = (name: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}.`);
  return n;
};
const packageVersion = (): string => JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
const defaultPort = () => integer('PORT', 0)(process.env.PORT ?? '3000');

const program = new Command()
  .name('popsight')
  .description('Population health analytics on de-identified EHR data: load extracts into a DuckDB warehouse and serve the dashboard.')
  .version(packageVersion(), '-V, --version', 'print the version of popsight')
  .showHelpAfterError()
  .hook('preAction', (_program, command) => sweepKilledLoads(command.opts().warehouse as string | undefined));

program
  .command('generate')
  .description('Generate a seeded synthetic population as Synthea CSV (current layout) or FHIR R4 Bulk Data NDJSON.')
  .option('--people <n>', 'number of people', integer('--people', 1), 20_000)
  .option('--seed <n>', 'random seed: the same seed and size give byte-identical files', integer('--seed', 0), 1)
  .addOption(new Option('--format <format>', 'csv: Synthea CSV; fhir: FHIR R4 Bulk Data NDJSON (Patient.000.ndjson, ...) with the same people, ids, dates and costs').choices(['csv', 'fhir']).default('csv'))
  .requiredOption('--out <dir>', 'folder to write the files to')
  .action(generateCommand);

program
  .command('load')
  .description('Load an extract (Synthea CSV, FHIR R4 NDJSON or Bundles, OMOP CDM 5.4 CSV) into a warehouse, de-identified and validated. By default it is added to what the warehouse holds; the same extract twice changes nothing.')
  .argument('<path>', 'folder holding the extract')
  .requiredOption('--warehouse <file>', 'DuckDB warehouse file to publish (replaced atomically when the load succeeds)')
  .addOption(new Option('--format <format>', 'input format; auto detects it from the files').choices(['auto', 'synthea', 'fhir', 'omop']).default('auto'))
  .option('--replace', 'start the warehouse afresh instead of adding to it', false)
  .addOption(quarterCellsOption())
  .action(async (path, options) => {
    await loadCommand(path, options);
  });

/** Whether a load builds the quarterly measure cells (pipelines/marts/quarter-cells.ts): `load` and `demo` take it. */
function quarterCellsOption(): Option {
  return new Option('--quarter-cells <when>', `build the quarterly measure cells, which make quarterly requests fast on a large warehouse: auto when the warehouse holds ${QUARTER_CELLS_MIN_PEOPLE.toLocaleString('en-US')} people or more after the load (or held them before an appended load); always; never (quarterly requests read the person rows: the same answers)`)
    .choices(QUARTER_CELLS_CHOICES).default('auto');
}

/** Where and how a server listens: the options `serve` and `demo` share. */
function withNetworkOptions(command: Command): Command {
  return command
    .option('--host <address>', `address to listen on: ${DEFAULT_HOST} (this machine only) by default; 0.0.0.0 for every interface`, DEFAULT_HOST)
    .option('--allowed-host <names>', 'comma-separated host names the server also answers to (e.g. the name users type); * for any, behind a proxy that checks Host', commaList, [])
    .option('--query-timeout <s>', 'seconds of database time one request may use before it is stopped (503)', integer('--query-timeout', 1), DEFAULT_QUERY_TIMEOUT_SECONDS);
}

/** Sign-in, on by default (docs/architecture.md, Sign-in and roles): the options `serve` and `demo` share. */
function withSignInOptions(command: Command): Command {
  return command
    .option('--sign-in', 'require sign-in (the default): a session (the one-time link printed at start, popsight users add) or an API token (popsight tokens create) for every route above "anyone"', true)
    .option('--no-sign-in', 'serve without sign-in: anyone who reaches the port holds every role; on this machine only (--host 127.0.0.1), with a warning')
    .option('--idle-timeout <minutes>', 'minutes of inactivity that end a session', integer('--idle-timeout', 1), 15)
    .option('--oidc-issuer <url>', 'also sign in through this OpenID Connect provider (its issuer URL; https unless on loopback); people need a local account of the same name (popsight users add NAME --no-password)')
    .option('--oidc-client-id <id>', 'the client id registered with the provider')
    .option('--oidc-client-secret <secret>', 'the client secret (better: set POPSIGHT_OIDC_CLIENT_SECRET, which ps does not show); none for a public client')
    .addOption(new Option('--oidc-user-claim <claim>', 'the ID token claim that names the local user (email: only when email_verified)').choices(OIDC_USER_CLAIMS).default('email'))
    .option('--oidc-redirect-uri <url>', 'the redirect URI registered with the provider (default: this server\'s /api/session/oidc/callback as the browser reaches it)');
}

withSignInOptions(withNetworkOptions(
  program
    .command('serve')
    .description('Serve the API and the dashboard (built by npm run build) from a warehouse.')
    .option('--warehouse <file>', 'DuckDB warehouse file')
    .option('--engine <url>', 'instead of --warehouse: a sharded PostgreSQL coordinator, postgres://user:password@host:port/database, filled by popsight publish (measures, trends, cohorts, data quality and the load history; docs/deployment.md)')
    .option('--port <n>', 'HTTP port (default: $PORT or 3000)', integer('--port', 0), defaultPort())
    .option('--cache-mb <n>', 'memory for cached measure responses, in MiB; 0 computes every response afresh', integer('--cache-mb', 0), 64)
    .option('--exact-counts', 'serve exact counts, not perturbed ones (docs/disclosure.md): for a trusted environment only', false)
    .option('--audit-retention-days <n>', 'days the audit trail keeps each request (default six years); older records are pruned at start and daily', integer('--audit-retention-days', 1), DEFAULT_AUDIT_RETENTION_DAYS)
    .option('--rate-limit <n>', 'requests a second each user may keep up (429 beyond; a burst of 30 seconds\' worth); default 10 with sign-in, none without; 0: none', integer('--rate-limit', 0))
    .option('--cohort-quota <n>', 'saved cohorts each user may keep (and 10 KiB of definitions per cohort)', integer('--cohort-quota', 1), DEFAULT_COHORT_QUOTA.count),
)).action(serveCommand);

withSignInOptions(withNetworkOptions(
  program
    .command('demo')
    .description('Generate and load a demo population (first run only), then serve the dashboard.')
    .option('--people <n>', 'size of the demo population', integer('--people', 1), 20_000)
    .option('--seed <n>', 'random seed of the demo population', integer('--seed', 0), 1)
    .option('--port <n>', 'HTTP port (default: $PORT or 3000)', integer('--port', 0), defaultPort())
    .option('--rebuild', 'generate and load the demo data again even if a warehouse exists', false)
    .addOption(quarterCellsOption()),
)).action(demoCommand);

const audit = program.command('audit').description('The audit trail of API requests, read from the state store (stop the server first: it holds the store).');

audit
  .command('export')
  .description('Write audit records as JSON lines, one record per line with its sequence and hashes.')
  .option('--from <date>', 'records at or after this date or ISO time (UTC)')
  .option('--to <date>', 'records before this date or ISO time (UTC)')
  .option('--out <file>', 'file to write (default: standard output)')
  .addOption(stateOption())
  .action(async (options) => {
    await auditExportCommand(options);
  });

audit
  .command('verify')
  .description('Check the hash chain of the audit trail: exit 0 if intact, 1 naming the first edited, deleted or reordered record.')
  .addOption(stateOption())
  .action(auditVerifyCommand);

registerAccountCommands(program);
registerReportCommands(program);
registerWarehouseCommands(program);
registerExportCommand(program, packageVersion());
registerPublishCommand(program);

/** `a,b , c` → ['a', 'b', 'c']; repeated options add up. */
function commaList(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').map((name) => name.trim()).filter(Boolean)];
}

try {
  await program.parseAsync();
} catch (error) {
  console.error(`popsight: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
