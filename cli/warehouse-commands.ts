// `popsight status`, `popsight quality` and `popsight quarantine`: a warehouse file read without a
// server (opened read-only, so a running server or a load is not disturbed). The operator's own
// machine is a trusted environment, so counts are exact; the API protects the same counts.
import type { Command } from 'commander';
import { loadMessages } from '../core/loads/load-messages.ts';
import { openWarehouseReadOnly } from '../core/loads/open-warehouse.ts';
import { readQuarantineSummary } from '../core/loads/quarantine-summary.ts';
import { readWarehouseStatus } from '../core/loads/warehouse-status.ts';
import { qualityMessages } from '../core/quality/quality-messages.ts';
import { qualityReport } from '../core/quality/quality-report.ts';
import type { Database } from '../core/warehouse/database.ts';

const print = (lines: string[]) => console.log(lines.join('\n'));

async function withWarehouse<T>(file: string, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openWarehouseReadOnly(file);
  try {
    return await work(db);
  } catch (error) {
    throw new Error(loadMessages.notAWarehouse(db.path, error instanceof Error ? error.message : String(error)), { cause: error });
  } finally {
    db.close();
  }
}

export async function statusCommand(options: { warehouse: string }): Promise<void> {
  print(loadMessages.status(await withWarehouse(options.warehouse, readWarehouseStatus)));
}

/** Reports, never judges: exit 0 whatever fails (the load did not stop for it either). */
export async function qualityCommand(options: { warehouse: string; all?: boolean }): Promise<void> {
  const report = await withWarehouse(options.warehouse, (db) => qualityReport(db, { exactCounts: true }));
  if (!report) throw new Error(qualityMessages.noResults);
  const shown = options.all ? report.checks : report.checks.filter((c) => c.status === 'fail');
  const lines = [qualityMessages.header(report, options.all === true), ...(shown.length ? shown.map(qualityMessages.check) : [qualityMessages.nothingFails])];
  const resolved = report.checks.filter((c) => c.comparison === 'resolved').map((c) => c.id);
  if (resolved.length && !options.all) lines.push(qualityMessages.resolved(resolved));
  print(lines);
}

export async function quarantineCommand(options: { warehouse: string }): Promise<void> {
  print(loadMessages.quarantine(await withWarehouse(options.warehouse, (db) => readQuarantineSummary(db))));
}

export function registerWarehouseCommands(program: Command): void {
  program
    .command('status')
    .description('What a warehouse holds: data version, load time, date range, people (exact: for the operator on this machine, a trusted environment) and the last load (when, format, files, rows read / loaded / quarantined, duration).')
    .requiredOption('--warehouse <file>', 'DuckDB warehouse file (opened read-only)')
    .action(statusCommand);
  program
    .command('quality')
    .description('The failing and warning data-quality checks of the last load, with rows failed / checked, threshold and new / resolved / stable against the previous load. Exit code 0: it reports, it does not judge.')
    .requiredOption('--warehouse <file>', 'DuckDB warehouse file (opened read-only)')
    .option('--all', 'list every check, passing ones too', false)
    .action(qualityCommand);
  program
    .command('quarantine')
    .description('The rows the last load quarantined, by file and rule with counts and up to 3 examples each: line, field and reason; the value only for a field that is not an identifier.')
    .requiredOption('--warehouse <file>', 'DuckDB warehouse file (opened read-only)')
    .action(quarantineCommand);
}
