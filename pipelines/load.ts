// One load, from a source extract to a published warehouse, as numbered stages.
// Raw rows live only in a staging database in the load's private scratch folder, removed afterwards;
// the warehouse file receives de-identified core.* and mart.* tables and nothing else, copied into a
// fresh file. One load at a time per warehouse; a failure leaves the previous warehouse as it was.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Database } from '../core/warehouse/database.ts';
import { runSqlFile } from '../core/warehouse/sql-file.ts';
import { installDeidentifyFunctions, installPseudonymLookups } from './deidentify/sql-functions.ts';
import { pseudonymKey } from './deidentify/pseudonym-key.ts';
import { buildPersonPeriodSql } from './marts/build-person-period-sql.ts';
import { MEASURES } from '../core/measures/catalog.ts';
import { buildMeasureCells, QUARTER_CELL_TABLES } from '../core/measures/measure-cells.ts';
import { storeWarehouseFacts } from './marts/store-warehouse-facts.ts';
import { buildsQuarterCells, checkQuarterCells, quarterCellsMessages, type QuarterCells } from './marts/quarter-cells.ts';
import { copyToFreshFile, publishWarehouse } from './publish.ts';
import { removeStaleBuilds } from './stale-builds.ts';
import { createLoadScratch, type LoadScratch } from './scratch.ts';
import { acquireWarehouseLock } from './warehouse-lock.ts';
import { attachPrevious, carryOverCore, carryOverHistory, runWithSameContent } from './append/carry-over.ts';
import { extractHash } from './extract-hash.ts';
import { runQualityChecks } from './quality/index.ts';
import { carryOverResults } from './quality/results-table.ts';
import { qualityMessages } from '../core/quality/quality-messages.ts';
import { conditionGroups, referencePath } from '../core/reference/reference-data.ts';
import { quoteLiteral } from '../core/warehouse/sql.ts';
import { createMissingStagingTables, pickReader, type SourceFormat } from './sources/source-reader.ts';
import { quarantineBadRows, type FileCounts } from './validate/quarantine.ts';
import { dataVersionOf } from '../core/loads/load-history.ts';

export interface LoadOptions {
  source: string;
  warehouse: string;
  secretsFile: string;
  /** Default 'auto': the format is detected from the files. */
  format?: SourceFormat | 'auto';
  /** 'append' (default) adds the extract to the existing warehouse; 'replace' starts afresh. */
  mode?: 'append' | 'replace';
  /**
   * Whether to build the quarterly measure cells (pipelines/marts/quarter-cells.ts). Default 'auto':
   * from 100,000 people on, or when appending to a warehouse that holds them.
   */
  quarterCells?: QuarterCells;
}

export interface LoadProgress {
  stage: string;
  /** Percent done of the statement running now. */
  percentage: number;
  /** Rows processed so far in this stage, and per second. */
  rows: number;
  rowsPerSecond: number;
}

export interface LoadDeps {
  log: (message: string) => void;
  /** Called a few times a second during long stages. */
  progress?: (progress: LoadProgress) => void;
  clock: () => Date;
  env: NodeJS.ProcessEnv;
  /**
   * Given the synchronous cleanup of this load (remove its scratch folder, release the warehouse lock)
   * while it holds them, and undefined once it is over: the CLI runs it on SIGINT/SIGTERM, which
   * cannot wait for a DuckDB statement to finish.
   */
  onCleanup?: (cleanup: (() => { published: boolean }) | undefined) => void;
}

export interface LoadResult {
  runId: string;
  dataVersion: string;
  format: string;
  layout: string;
  files: FileCounts[];
  people: number;
  seconds: number;
  /** True when the warehouse already held this exact extract, so nothing was loaded. */
  unchanged: boolean;
  /** The quality checks of this load (null when unchanged): how many, how many pass, the ids of those that fail. */
  quality: { checks: number; passed: number; failing: string[] } | null;
}

const defaultDeps: LoadDeps = { log: (message) => console.log(message), clock: () => new Date(), env: process.env };

const MODEL_FILES = [
  'person', 'payer', 'coverage', 'organization', 'provider', 'encounter', 'condition', 'observation', 'medication', 'procedure',
  'immunization', 'allergy', 'careplan', 'device', 'supply', 'imaging_study', 'claim', 'claim_transaction',
];

export async function loadExtract(options: LoadOptions, deps: LoadDeps = defaultDeps): Promise<LoadResult> {
  const startedAt = deps.clock();
  checkQuarterCells(options.quarterCells); // a bad choice stops the load before it takes the lock
  // One load at a time per warehouse: a second one stops here with a message naming the running load.
  const lock = acquireWarehouseLock(options.warehouse, { source: options.source, now: startedAt });
  let scratch: LoadScratch | undefined;
  let published = false;
  const cleanup = () => {
    scratch?.remove();
    lock.release();
    return { published };
  };
  deps.onCleanup?.(cleanup);
  try {
    for (const name of removeStaleBuilds(options.warehouse)) deps.log(`removed ${name}, left by a load that was killed`);
    scratch = createLoadScratch(options.warehouse);
    return await buildAndPublish(options, deps, { startedAt, scratch, onPublished: () => { published = true; } });
  } finally {
    cleanup();
    deps.onCleanup?.(undefined);
  }
}

async function buildAndPublish(
  options: LoadOptions,
  deps: LoadDeps,
  { startedAt, scratch, onPublished }: { startedAt: Date; scratch: LoadScratch; onPublished: () => void },
): Promise<LoadResult> {
  const runId = randomUUID();
  const db = await openDatabase(scratch.stagingPath);
  await db.run('SET enable_progress_bar = true');
  await db.run('SET enable_progress_bar_print = false');
  // Bounded memory: DuckDB spills to the staging file's temp folder (in the scratch folder) beyond this (issue 5: ≤ 8 GB peak).
  await db.run(`SET memory_limit = '${memoryLimit(deps)}'`);
  const step = stepLogger(deps, db);
  try {
    const appending = options.mode !== 'replace' && existsSync(options.warehouse);
    // 0. Fingerprint: the content hash makes loading the same extract twice a no-op.
    const contentHash = await step('0/7 fingerprint', () => extractHash(options.source));
    if (appending) {
      await attachPrevious(db, options.warehouse);
      const sameRun = await runWithSameContent(db, contentHash);
      if (sameRun) {
        deps.log(`This extract (content hash ${contentHash.slice(0, 12)}) was already loaded by run ${sameRun}: nothing to do.`);
        const [row] = await db.query<{ people: number; data_version: string }>('SELECT people, data_version FROM prev.etl.warehouse_info');
        db.close();
        return { runId: sameRun, dataVersion: row!.data_version, format: 'unchanged', layout: 'unchanged', files: [], people: row!.people, seconds: 0, unchanged: true, quality: null };
      }
    }
    await db.run(`ATTACH ${quoteLiteral(scratch.buildPath)} AS wh`);
    await runSqlFile(db, new URL('etl-schema.sql', import.meta.url));
    for (const schema of ['staging', 'checked', 'valid']) await db.run(`CREATE SCHEMA ${schema}`);

    // 1. Extract: land the source files in staging.* as text, with line numbers.
    const reader = pickReader(options.source, options.format);
    const staged = await step(`1/7 extract (${reader.format})`, () => reader.stage(options.source, db));
    for (const warning of staged.warnings ?? []) deps.log(`warning: ${warning}`);
    await createMissingStagingTables(db);
    // Line numbers are taken; from here on row order does not matter, and not keeping it saves memory.
    await db.run('SET preserve_insertion_order = false');

    // 2. De-identify: keyed pseudonyms, ZIP3 (identifying columns were never staged).
    const key = pseudonymKey({ env: deps.env, secretsFile: options.secretsFile, warn: deps.log });
    await installDeidentifyFunctions(db, key);
    deps.log('2/7 de-identify: ids become HMAC-SHA256 pseudonyms, ZIP codes ZIP3 (applied as the model is built)');

    // 3. Validate: bad rows to etl.quarantine with file, line, field and reason.
    const files = await step('3/7 validate', () => quarantineBadRows(db, runId, { appending }));

    // 4. Model: valid.* → core.*, one SQL file per table.
    await step('4/7 model', async () => {
      await installPseudonymLookups(db);
      for (const name of MODEL_FILES) await runSqlFile(db, new URL(`model/${name}.sql`, import.meta.url));
      if (appending) await carryOverCore(db, options.warehouse);
    });

    // 5. Marts: mart.person_period.
    await step('5/7 marts', async () => {
      await db.run(`CREATE TEMP TABLE condition_groups AS SELECT * FROM read_csv($1, header = true, all_varchar = true)`, [referencePath('condition-groups.csv')]);
      await db.run(`CREATE TEMP TABLE flu_vaccine_codes AS SELECT * FROM read_csv($1, header = true, all_varchar = true)`, [referencePath('flu-vaccine-cvx.csv')]);
      for (const sql of buildPersonPeriodSql(conditionGroups())) await db.run(sql);
      // Each measure's yearly cells, so dashboard queries add up cells instead of person rows; the
      // quarterly ones only where they pay (a large population) or were chosen.
      const choice = checkQuarterCells(options.quarterCells);
      const [{ people }] = await db.query<{ people: number }>('SELECT count(*)::INTEGER AS people FROM wh.core.person');
      const quarters = buildsQuarterCells(choice, { people, hadQuarterCells: appending && (await hasQuarterCells(db, 'prev')) });
      await buildMeasureCells(db, MEASURES, 'wh.mart', { quarters });
      deps.log(quarters ? quarterCellsMessages.built(choice, people) : quarterCellsMessages.skipped(choice, people));
    });
    // The facts the API serves (population, people per dimension value), counted once here instead of by every server.
    await step('5/7 marts: warehouse facts', () => storeWarehouseFacts(db, 'wh.'));

    // 6. Quality checks: Kahn 2016 conformance, completeness, plausibility → wh.quality.results, compared with the warehouse being replaced.
    const previousWarehouse = existsSync(options.warehouse) ? options.warehouse : undefined;
    // Appending, the quality history goes on (before this run's rows, so this run is the one appended last).
    if (appending) await carryOverResults(db, 'wh.');
    const quality = await step('6/7 quality', () => runQualityChecks(db, { runId, now: deps.clock(), previousWarehouse, schemaPrefix: 'wh.', birthDates: 'person_dates' }));
    const failing = quality.results.filter((r) => r.status === 'fail').map((r) => r.check.id);
    deps.log(`6/7 quality: ${quality.passed} of ${quality.checks} checks pass${qualityMessages.failingChecks(failing)}; ${quality.new} new, ${quality.resolved} resolved${quality.noComparisonReason ? ` (${quality.noComparisonReason})` : ''}`);

    // 7. Publish: record the run, copy the build into a fresh file, then swap that file in.
    const loadedAt = deps.clock();
    const dataVersion = dataVersionOf(runId, loadedAt.toISOString());
    if (appending) await carryOverHistory(db);
    await recordRun(db, { runId, startedAt, loadedAt, source: options.source, format: staged.format, layout: staged.layout, dataVersion, files, contentHash });
    const [{ people }] = await db.query<{ people: number }>('SELECT count(*) AS people FROM wh.core.person');
    await db.run('DETACH wh');
    if (appending) await db.run('DETACH prev');
    db.close();
    scratch.removeStaging();
    await step('7/7 publish: copy into a fresh file', () => copyToFreshFile(scratch.buildPath, scratch.publishPath, { temp_directory: join(scratch.dir, 'copy.tmp'), memory_limit: memoryLimit(deps) }));
    publishWarehouse(scratch.publishPath, options.warehouse);
    onPublished();
    deps.log(`7/7 publish: ${options.warehouse} (data version ${dataVersion})`);
    return { runId, dataVersion, format: staged.format, layout: staged.layout, files, people, seconds: (deps.clock().getTime() - startedAt.getTime()) / 1000, unchanged: false,
      quality: { checks: quality.checks, passed: quality.passed, failing } };
  } catch (error) {
    try { db.close(); } catch { /* already closed */ }
    throw error;
  }
}

/** Whether the attached database `name` holds the quarterly measure cells. */
async function hasQuarterCells(db: Database, name: string): Promise<boolean> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM duckdb_tables()
     WHERE database_name = $1 AND schema_name = 'mart' AND table_name IN (${QUARTER_CELL_TABLES.map((_, i) => `$${i + 2}`).join(', ')})`,
    [name, ...QUARTER_CELL_TABLES]);
  return row!.n > 0;
}

const memoryLimit = (deps: LoadDeps) => deps.env.POPSIGHT_LOAD_MEMORY ?? '5GB';

interface RunRecord {
  runId: string; startedAt: Date; loadedAt: Date; source: string; format: string; layout: string; dataVersion: string;
  files: FileCounts[]; contentHash: string;
}

async function recordRun(db: Database, run: RunRecord): Promise<void> {
  await db.run(`INSERT INTO wh.etl.runs VALUES ($1, $2::TIMESTAMP, $3::TIMESTAMP, $4, $5, $6, 'published', NULL, $7)`,
    [run.runId, run.startedAt.toISOString(), run.loadedAt.toISOString(), run.source, run.format, run.layout, run.contentHash]);
  for (const f of run.files) {
    await db.run('INSERT INTO wh.etl.file_counts VALUES ($1, $2, $3, $4, $5)', [run.runId, f.file, f.read, f.loaded, f.quarantined]);
  }
  await db.run(`INSERT INTO wh.etl.warehouse_info
    SELECT $1, $2::TIMESTAMP, (SELECT min(period_start) FROM wh.mart.person_period),
           (SELECT max(period_start + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE FROM wh.mart.person_period WHERE grain = 'month'),
           (SELECT count(*) FROM wh.core.person)`, [run.dataVersion, run.loadedAt.toISOString()]);
}

function stepLogger(deps: LoadDeps, db: Database) {
  return async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    deps.log(`${label} …`);
    // DuckDB reports progress per statement; rows add up across the statements of a stage.
    let base = 0;
    let last = 0;
    const ticker = deps.progress
      ? setInterval(() => {
          const now = db.progress();
          if (!now) return;
          if (now.rows < last) base += last;
          last = now.rows;
          const rows = base + now.rows;
          deps.progress!({ stage: label, percentage: now.percentage, rows, rowsPerSecond: rows / Math.max(0.001, (Date.now() - started) / 1000) });
        }, 250)
      : undefined;
    try {
      const result = await work();
      deps.log(`${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return result;
    } finally {
      if (ticker) clearInterval(ticker);
    }
  };
}
