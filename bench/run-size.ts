// One population size through every section, in order. A section that fails is recorded with its
// error and the sections that need its output are marked as not run; the rest still run.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../core/warehouse/database.ts';
import { benchApi } from './api.ts';
import { benchCohortPreview } from './cohort-preview.ts';
import type { SkippablePart } from './cli-options.ts';
import type { BenchContext } from './context.ts';
import { benchDashboard } from './dashboard.ts';
import { benchDisclosure } from './disclosure.ts';
import { benchFhirLoad, FHIR_MAX_PEOPLE } from './fhir-load.ts';
import { benchGenerator } from './generator.ts';
import { benchLoad } from './load.ts';
import { benchPostgres } from './postgres.ts';
import { benchShardedPostgres } from './postgres-shards.ts';
import { benchReports } from './reports.ts';
import { judgeTargets } from './targets.ts';
import { hasFigures, type ApiBench, type Section, type SizeRun } from './types.ts';

export async function benchSize(
  ctx: BenchContext,
  people: number,
  options: { skip: Set<SkippablePart>; keep: boolean; freeExtract: boolean; warehouse: string | null },
): Promise<{ run: SizeRun; broken: boolean }> {
  const { skip, keep } = options;
  const dir = join(ctx.workDir, `people-${people}`);
  const extract = join(dir, 'synthea');
  const warehouse = options.warehouse ?? join(dir, 'warehouse.duckdb');
  const reused = { skipped: `left out: the sections ran on the kept warehouse ${options.warehouse}` };
  mkdirSync(dir, { recursive: true });
  let broken = false;
  const section = async <T>(title: string, work: () => Promise<T | { skipped: string }>): Promise<Section<T>> => {
    const started = Date.now();
    ctx.log(`${title} (${people.toLocaleString('en-US')} people) …`);
    try {
      const result = await work();
      ctx.log(`${title}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return result;
    } catch (error) {
      broken = true;
      ctx.log(`${title} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
    }
  };
  const notRun = (needs: string) => ({ skipped: `not run: ${needs} failed` });

  try {
    const generator = options.warehouse ? reused : await section('1. generator', () => benchGenerator(ctx, people, extract));
    const load = options.warehouse ? reused : hasFigures(generator) ? await section('2. load', () => benchLoad(ctx, extract, warehouse, { freeExtract: options.freeExtract })) : notRun('the generator');
    if (!keep) rmSync(extract, { recursive: true, force: true }); // the largest thing on disk; the warehouse is what the rest reads
    const fhirPeople = Math.min(people, FHIR_MAX_PEOPLE);
    const fhir = skip.has('fhir') ? { skipped: 'left out with --skip fhir' } : await section('6. FHIR load', () => benchFhirLoad(ctx, fhirPeople, join(dir, 'fhir')));
    if (!hasFigures(load) && !options.warehouse) {
      const skipped = notRun('the load');
      const run = { people, generator, load, api: skipped, postgres: skipped, dashboard: skipped, fhir, targets: [] };
      return { run: { ...run, targets: judgeTargets(run) }, broken };
    }

    // Sections 3 and 4 compare against DuckDB in this process: one read-only instance for both.
    const db = await openDatabase(warehouse, { readOnly: true });
    let api: Section<ApiBench>;
    let postgres: SizeRun['postgres'];
    let disclosure: SizeRun['disclosure'];
    let shards: SizeRun['shards'];
    let reports: SizeRun['reports'];
    try {
      api = skip.has('api') ? { skipped: 'left out with --skip api' } : await section('3. API', () => benchApi(ctx, warehouse, db, { throughput: !skip.has('autocannon') }));
      postgres = skip.has('pg') ? { skipped: 'left out with --skip pg' } : await section('4. PostgreSQL', () => benchPostgres(ctx, db));
      disclosure = skip.has('disclosure') ? { skipped: 'left out with --skip disclosure' } : await section('7. disclosure', () => benchDisclosure(ctx, db));
      shards = skip.has('shards') ? { skipped: 'left out with --skip shards' } : await section('8. sharded PostgreSQL', () => benchShardedPostgres(ctx, db, warehouse));
      reports = skip.has('reports') ? { skipped: 'left out with --skip reports' } : await section('9. report e-mails', () => benchReports(ctx, db));
    } finally {
      db.close();
    }
    const dashboard = skip.has('browser') ? { skipped: 'left out with --skip browser' } : await section('5. dashboard', () => benchDashboard(ctx, warehouse));
    const cohorts = skip.has('cohorts') ? { skipped: 'left out with --skip cohorts' } : await section('10. cohort preview', () => benchCohortPreview(ctx, warehouse));
    const run = { people, generator, load, api, postgres, dashboard, fhir, disclosure, shards, reports, cohorts, targets: [] };
    return { run: { ...run, targets: judgeTargets(run) }, broken };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}
