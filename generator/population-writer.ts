// The output formats of the generator behind one interface, so generatePopulation streams the
// same simulated people into either: Synthea CSV (write-synthea-csv.ts + write-world-tables.ts)
// or FHIR R4 Bulk Data NDJSON (write-fhir-ndjson.ts).
import type { Facilities } from './facilities.ts';
import type { OutputStats } from './output-stats.ts';
import type { PersonRecord } from './person-record.ts';
import { FhirNdjsonWriter } from './write-fhir-ndjson.ts';
import { SyntheaCsvWriter } from './write-synthea-csv.ts';
import { writeWorldTables } from './write-world-tables.ts';

export const OUTPUT_FORMATS = ['csv', 'fhir'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface PopulationWriter {
  writePerson(person: PersonRecord, facilities: Facilities): void;
  /** The shared tables or resources, after the last person. */
  writeWorld(facilities: Facilities, stats: OutputStats): void;
  /** True when a file's queue is full: await drain() before the next person. */
  readonly needsDrain: boolean;
  drain(): Promise<void>;
  /** Closes every file; returns rows (CSV) or resources (FHIR) written per file name. */
  close(): Promise<Record<string, number>>;
}

export function openPopulationWriter(format: OutputFormat, outDir: string): PopulationWriter {
  if (format === 'fhir') return new FhirNdjsonWriter(outDir);
  const csv = new SyntheaCsvWriter(outDir);
  return {
    writePerson: (person, facilities) => csv.writePerson(person, facilities),
    writeWorld: (facilities, stats) => writeWorldTables(csv, facilities, stats),
    get needsDrain() {
      return csv.needsDrain;
    },
    drain: () => csv.drain(),
    close: () => csv.close(),
  };
}
