// The shape of bench/results/<timestamp>.json: one entry per population size, one field per section.
import type { ApiLatency } from './api.ts';
import type { CohortPreviewBench } from './cohort-preview.ts';
import type { DashboardBench } from './dashboard.ts';
import type { DisclosureBench } from './disclosure.ts';
import type { FhirLoadBench } from './fhir-load.ts';
import type { GeneratorResult } from './generator.ts';
import type { LoadBench } from './load.ts';
import type { PostgresBench } from './postgres.ts';
import type { ShardedPostgresBench } from './postgres-shards.ts';
import type { ReportsBench } from './reports.ts';
import type { TargetResult } from './targets.ts';
import type { ThroughputRun } from './throughput.ts';

/** A section's figures, or why there are none: left out with --skip, or failed (the bench then exits 1). */
export type Section<T> = T | { skipped: string } | { error: string };

export const hasFigures = <T extends object>(section: Section<T> | undefined): section is T =>
  section !== undefined && !('skipped' in section) && !('error' in section);

export interface ApiBench extends ApiLatency {
  throughput: Section<{ runs: ThroughputRun[]; path: string }>;
  /** The server process after the latency and throughput runs. */
  serverRss: { rssBytes: number | null; peakRssBytes: number | null };
}

export interface SizeRun {
  people: number;
  generator: Section<GeneratorResult>;
  load: Section<LoadBench>;
  api: Section<ApiBench>;
  postgres: Section<PostgresBench>;
  dashboard: Section<DashboardBench>;
  /** Absent in results written before the section existed. */
  fhir?: Section<FhirLoadBench>;
  /** What perturbation does to rates; absent in results written before the section existed. */
  disclosure?: Section<DisclosureBench>;
  /** Sharded PostgreSQL and the core-table peer; absent in results written before the section existed. */
  shards?: Section<ShardedPostgresBench>;
  /** Report e-mails: render time per view, delivery to 100 recipients; absent in results written before the section existed. */
  reports?: Section<ReportsBench>;
  /** The cohort builder's live preview; absent in results written before the section existed. */
  cohorts?: Section<CohortPreviewBench>;
  targets: TargetResult[];
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  node: string;
  duckdb: string;
  platform: string;
}

/** The code that was measured: the commit, and how many tracked files outside bench/ differed from it. */
export interface SourceState {
  commit: string | null;
  modifiedFiles: number | null;
}

export interface BenchResults {
  version: 1;
  startedAt: string;
  finishedAt: string;
  source: SourceState;
  machine: Machine;
  settings: Record<string, unknown>;
  runs: SizeRun[];
  scaling: ScalingRow[];
}

/** The headline figures of one size, for the scaling table and chart. */
export interface ScalingRow {
  people: number;
  measuredAt: string;
  commit: string | null;
  generateSeconds: number | null;
  peakGeneratorRssBytes: number | null;
  loadSeconds: number | null;
  readCsvSeconds: number | null;
  peakLoadRssBytes: number | null;
  uncachedP95Ms: number | null;
  cachedP95Ms: number | null;
  directSqlP50Ms: number | null;
  serverRssBytes: number | null;
  postgresSpeedup: number | null;
  dashboardColdMs: number | null;
}
