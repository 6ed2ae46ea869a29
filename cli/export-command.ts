// `popsight export --parquet DIR`: the warehouse's core and mart tables as hive-partitioned Parquet with a
// manifest (pipelines/export/). An operator command: the export is row-level and exact, not for publication.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { exportParquet } from '../pipelines/export/export-parquet.ts';
import { EXPORT_DISCLOSURE, exportMessages } from '../pipelines/export/export-messages.ts';
import { DEFAULT_BUCKETS, MAX_BUCKETS } from '../pipelines/export/export-plan.ts';
import { progressBar } from './progress.ts';

const log = (message: string) => console.error(message);

export async function exportCommand(options: { warehouse: string; parquet: string; buckets: number; force: boolean }, popsightVersion: string): Promise<void> {
  let discard: (() => void) | undefined;
  // Ctrl-C cannot wait for a COPY: remove the partial folder now, and exit with 128 + the signal's number.
  const interrupted = (signal: NodeJS.Signals) => {
    discard?.();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);
  try {
    const result = await exportParquet(
      { warehouse: options.warehouse, dir: options.parquet, buckets: options.buckets, force: options.force, popsightVersion },
      { clock: () => new Date(), log, progress: (label, rows) => progressBar(label.padEnd(32), rows, 'rows'), onPartial: (next) => (discard = next) },
    );
    const { tables } = result.manifest;
    const rows = tables.reduce((sum, t) => sum + t.rows, 0);
    const files = tables.reduce((sum, t) => sum + t.files.length, 0);
    log(exportMessages.done(result.dir, tables.length, rows, files, result.manifest.warehouse.dataVersion, result.seconds));
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}

const buckets = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_BUCKETS) throw new InvalidArgumentError(exportMessages.badBuckets(value, MAX_BUCKETS));
  return n;
};

export function registerExportCommand(program: Command, popsightVersion: string): void {
  program
    .command('export')
    .description(
      'Write the core and mart tables (person-period marts, measure cells) as hive-partitioned Parquet with a manifest.json, ' +
        `for Spark, Trino or DuckDB (docs/deployment.md). ${EXPORT_DISCLOSURE}`,
    )
    .requiredOption('--parquet <dir>', 'folder to write (must not exist or be empty; built beside it and renamed into place when complete)')
    .requiredOption('--warehouse <file>', 'DuckDB warehouse file (opened read-only)')
    .option('--buckets <n>', `person buckets: person_bucket = first 8 hex digits of person_id as an integer, modulo n (1-${MAX_BUCKETS})`, buckets, DEFAULT_BUCKETS)
    .option('--force', 'replace an earlier Popsight export in the folder (never any other folder)', false)
    .action((options) => exportCommand(options, popsightVersion));
}
