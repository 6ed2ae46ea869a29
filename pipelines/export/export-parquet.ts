// `popsight export --parquet DIR`: the core and mart tables of a warehouse as hive-partitioned Parquet
// with a manifest, for Spark, Trino or DuckDB users. Reads the warehouse read-only; writes nothing
// into DIR until the whole export is complete. Never exports etl.* (the quarantine) or the state store.
//   1. check DIR   2. open the warehouse read-only   3. plan the tables   4. COPY each table
//   5. list and count its files   6. write manifest.json   7. rename into DIR
import { readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { openWarehouseReadOnly } from '../../core/loads/open-warehouse.ts';
import { readWarehouseStatus } from '../../core/loads/warehouse-status.ts';
import type { Database } from '../../core/warehouse/database.ts';
import { buildCopySql, catalogSql, fileRowsSql, rowCountSql } from './build-export-sql.ts';
import { checkDestination, MANIFEST_FILE, openDestination, removeStalePartials, type Destination } from './export-destination.ts';
import { buildManifest, type Manifest, type ManifestFile } from './export-manifest.ts';
import { exportMessages } from './export-messages.ts';
import { EXPORTED_SCHEMAS, MAX_BUCKETS, planExport, type TableExport, type WarehouseTable } from './export-plan.ts';

export interface ExportOptions {
  warehouse: string;
  dir: string;
  buckets: number;
  /** Replace an earlier export in `dir`. */
  force: boolean;
  popsightVersion: string;
}

export interface TableProgress {
  update(done: number): void;
  finish(message?: string): void;
}

export interface ExportDeps {
  clock: () => Date;
  log: (message: string) => void;
  /** A progress line per table (cli/progress.ts progressBar), updated while its COPY runs. */
  progress: (label: string, rows: number) => TableProgress;
  /** Called with the partial folder's remover once it exists, so a signal handler can remove it. */
  onPartial?: (discard: () => void) => void;
}

export interface ExportResult {
  dir: string;
  manifest: Manifest;
  seconds: number;
}

export async function exportParquet(options: ExportOptions, deps: ExportDeps): Promise<ExportResult> {
  const started = deps.clock();
  if (!Number.isInteger(options.buckets) || options.buckets < 1 || options.buckets > MAX_BUCKETS) {
    throw new Error(exportMessages.badBuckets(options.buckets, MAX_BUCKETS));
  }
  // 1. check DIR before anything is read or written
  for (const name of removeStalePartials(options.dir)) deps.log(exportMessages.removedPartial(name));
  const dir = checkDestination(options.dir, { force: options.force });
  // 2. open the warehouse read-only
  const db = await openWarehouseReadOnly(options.warehouse);
  let destination: Destination | undefined;
  try {
    await db.run('SET enable_progress_bar = true');
    await db.run('SET enable_progress_bar_print = false');
    const status = await readWarehouseStatus(db);
    // 3. plan the tables
    const tables = planExport(await readCatalog(db));
    destination = openDestination(dir);
    deps.onPartial?.(destination.discard);
    const written: { table: TableExport; rows: number; files: ManifestFile[] }[] = [];
    for (const table of tables) written.push(await exportTable(db, table, destination.partial, options.buckets, deps));
    // 6. write manifest.json
    const manifest = buildManifest({
      popsightVersion: options.popsightVersion,
      exportedAt: started,
      warehouse: { dataVersion: status.dataVersion, loadedAt: status.loadedAt, dateRange: status.dateRange, lastRunId: status.lastLoad?.runId ?? null },
      buckets: options.buckets,
      tables: written,
    });
    writeFileSync(join(destination.partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    // 7. rename into DIR
    destination.commit();
    return { dir, manifest, seconds: (deps.clock().getTime() - started.getTime()) / 1000 };
  } catch (error) {
    destination?.discard();
    throw error;
  } finally {
    db.close();
  }
}

async function readCatalog(db: Database): Promise<WarehouseTable[]> {
  const rows = await db.query<{ schema: string; table: string; column: string; type: string }>(catalogSql(EXPORTED_SCHEMAS.length), [...EXPORTED_SCHEMAS]);
  const tables = new Map<string, WarehouseTable>();
  for (const r of rows) {
    const key = `${r.schema}.${r.table}`;
    if (!tables.has(key)) tables.set(key, { schema: r.schema, table: r.table, columns: [] });
    tables.get(key)!.columns.push({ name: r.column, type: r.type });
  }
  return [...tables.values()];
}

// 4. COPY one table, 5. list and count its files (their rows must add up to the table's)
async function exportTable(db: Database, table: TableExport, root: string, buckets: number, deps: ExportDeps) {
  const started = deps.clock().getTime();
  const [{ n: rows }] = await db.query<{ n: number }>(rowCountSql(table));
  const progress = deps.progress(table.name, rows);
  const folder = join(root, ...table.path.split('/'));
  mkdirSync(table.partitionColumns.length ? join(folder, '..') : folder, { recursive: true });
  const poll = setInterval(() => {
    const running = db.progress();
    if (running) progress.update(Math.round((running.percentage / 100) * rows));
  }, 250);
  try {
    await db.run(buildCopySql(table, folder, buckets));
  } finally {
    clearInterval(poll);
  }
  mkdirSync(folder, { recursive: true }); // a partitioned table of 0 rows writes no folder
  const paths = parquetFiles(folder);
  const counted = paths.length ? await db.query<{ file: string; rows: number }>(fileRowsSql(paths)) : [];
  const files = counted.map((f) => ({ path: relative(root, f.file).split(sep).join('/'), rows: f.rows, bytes: statSync(f.file).size }));
  const writtenRows = files.reduce((sum, f) => sum + f.rows, 0);
  if (writtenRows !== rows) throw new Error(exportMessages.rowsMismatch(table.name, rows, writtenRows));
  progress.finish(exportMessages.tableDone(rows, files.length, (deps.clock().getTime() - started) / 1000));
  return { table, rows, files };
}

function parquetFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.parquet'))
    .map((name) => join(folder, name))
    .sort();
}
