// Seeded synthetic population generator: simulates `people` persons living in Massachusetts
// during [start, end] and streams them into outDir as a Synthea CSV export (current layout, 18
// files) or as FHIR R4 Bulk Data NDJSON: the same people either way. Same seed, size and format
// give byte-identical files; nothing depends on the clock.
import { mkdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseDay } from './calendar.ts';
import { ConditionCatalog } from './condition-catalog.ts';
import { DemographicSampler } from './demographics.ts';
import { buildFacilities } from './facilities.ts';
import { OutputStats } from './output-stats.ts';
import { PAYERS } from './payers.ts';
import { OUTPUT_FORMATS, openPopulationWriter, type OutputFormat } from './population-writer.ts';
import { loadConditionCodes, loadCounties } from './reference-tables.ts';
import { simulatePerson, type World } from './simulate-person.ts';

export { SYNTHEA_FILES, SYNTHEA_HEADERS, SYNTHEA_V3_0_0_HEADERS, HEADER_ONLY_FILES, headerLine } from './synthea-layout.ts';
export type { SyntheaFile } from './synthea-layout.ts';
export { simulatePerson, type World } from './simulate-person.ts';
export type { PersonRecord } from './person-record.ts';
export { OUTPUT_FORMATS, type OutputFormat } from './population-writer.ts';

export interface GenerateOptions {
  people: number;
  seed: number;
  outDir: string;
  /** first day of the simulated history, default '2016-01-01' */
  start?: string;
  /** last day of the simulated history, default '2025-12-31' */
  end?: string;
  /** 'csv' (default): Synthea CSV; 'fhir': FHIR R4 Bulk Data NDJSON (`Patient.000.ndjson`, ...) */
  format?: OutputFormat;
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateSummary {
  people: number;
  /** file name → data rows (CSV, header excluded) or resources (FHIR NDJSON) written */
  files: Record<string, number>;
  seconds: number;
}

export interface GenerateDeps {
  /** milliseconds from an arbitrary origin; only used to report the duration */
  now: () => number;
}

export const DEFAULT_PEOPLE = 20_000;
const PROGRESS_EVERY = 1_000;

/** The shared, seed-dependent setup every person is simulated against. */
export function createWorld(seed: number, start = '2016-01-01', end = '2025-12-31'): World {
  const windowStart = parseDay(start);
  const windowEnd = parseDay(end);
  if (windowEnd < windowStart) throw new Error(`end (${end}) is before start (${start})`);
  return {
    seed,
    windowStart,
    windowEnd,
    sampler: new DemographicSampler(loadCounties(), windowStart, windowEnd),
    catalog: new ConditionCatalog(loadConditionCodes()),
    facilities: buildFacilities(),
  };
}

export async function generatePopulation(options: GenerateOptions, deps: GenerateDeps = { now: () => performance.now() }): Promise<GenerateSummary> {
  const began = deps.now();
  const { people, seed, outDir } = options;
  if (!Number.isInteger(people) || people < 0) throw new Error(`people must be a non-negative integer, got ${people}`);
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const format = options.format ?? 'csv';
  if (!OUTPUT_FORMATS.includes(format)) throw new Error(`format must be one of ${OUTPUT_FORMATS.join(', ')}, got ${format}`);
  const world = createWorld(seed, options.start, options.end);
  mkdirSync(outDir, { recursive: true });

  const writer = openPopulationWriter(format, outDir);
  const stats = new OutputStats(PAYERS.length, world.facilities.organizations.length, world.facilities.clinicians.length);
  try {
    for (let i = 0; i < people; i++) {
      const person = simulatePerson(world, i);
      writer.writePerson(person, world.facilities);
      stats.add(person);
      // One person at a time: wait for the disk whenever a file's buffer is full.
      if (writer.needsDrain) await writer.drain();
      if ((i + 1) % PROGRESS_EVERY === 0) options.onProgress?.(i + 1, people);
    }
    writer.writeWorld(world.facilities, stats);
  } catch (error) {
    await writer.close().catch(() => undefined); // the first error is the one to report
    throw error;
  }
  const files = await writer.close();
  if (people % PROGRESS_EVERY !== 0) options.onProgress?.(people, people);
  return { people, files, seconds: (deps.now() - began) / 1000 };
}
