// The contract of a source reader and the registry that picks one from the files themselves.
// Every reader lands the same staging tables (see synthea-files.ts for their canonical fields):
// all VARCHAR, plus `_file` (input file name) and `_line` (line or record number) for error reports.
import type { Database } from '../../core/warehouse/database.ts';
import { LoadError } from '../load-errors.ts';
import { looksLikeOmop, stageOmop } from './omop/stage-omop.ts';
import { looksLikeSynthea, stageSynthea } from './synthea/stage-synthea.ts';
import { SYNTHEA_FILES } from './synthea/synthea-files.ts';
import { ensureCsvBookkeeping } from './csv-rows.ts';
import { looksLikeFhir, stageFhir } from './fhir/stage-fhir.ts';

export type SourceFormat = 'synthea' | 'fhir' | 'omop';

export interface StagedFile {
  file: string;
  table: string;
  read: number;
}

export interface StageResult {
  format: SourceFormat;
  /** The layout or version recognised, e.g. Synthea 'current' or '3.x'. */
  layout: string;
  files: StagedFile[];
  /** What the load must tell its user about the extract (e.g. enrolment it had to guess). */
  warnings?: string[];
}

export interface SourceReader {
  format: SourceFormat;
  /** What the folder must hold, for the error message when nothing matches. */
  expects: string;
  detect(path: string): boolean;
  stage(path: string, db: Database): Promise<StageResult>;
}

export const SOURCE_READERS: SourceReader[] = [
  { format: 'synthea', expects: 'Synthea CSV (patients.csv, encounters.csv, ...)', detect: looksLikeSynthea, stage: stageSynthea },
  { format: 'fhir', expects: 'FHIR R4 Bulk Data NDJSON (Patient.ndjson, Encounter.000.ndjson, ... or .gz) or Bundle .json files', detect: looksLikeFhir, stage: stageFhir },
  { format: 'omop', expects: 'OMOP CDM 5.4 CSV (PERSON.csv, VISIT_OCCURRENCE.csv, ...)', detect: looksLikeOmop, stage: stageOmop },
];

export function pickReader(path: string, format: SourceFormat | 'auto' = 'auto'): SourceReader {
  if (format !== 'auto') {
    const reader = SOURCE_READERS.find((r) => r.format === format);
    if (!reader) throw new LoadError(path, `no reader for format '${format}'; known formats: ${SOURCE_READERS.map((r) => r.format).join(', ')}`);
    return reader;
  }
  const reader = SOURCE_READERS.find((r) => r.detect(path));
  if (!reader) throw new LoadError(path, `not a recognised extract; expected one of: ${SOURCE_READERS.map((r) => r.expects).join('; ')}`);
  return reader;
}

/** A reader stages the tables its format has; the others are created empty so the model runs. */
export async function createMissingStagingTables(db: Database): Promise<void> {
  await ensureCsvBookkeeping(db); // rows set aside by the CSV reader, and every file read (empty for FHIR)
  // information_schema.tables lists views too (a reader may stage a file as a view over its rows).
  const existing = new Set((await db.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'staging'`)).map((r) => r.t));
  for (const spec of SYNTHEA_FILES) {
    if (existing.has(spec.file)) continue;
    await db.run(`CREATE TABLE staging.${spec.file} AS SELECT NULL::VARCHAR AS _file, NULL::BIGINT AS _line, ${spec.fields.map((f) => `NULL::VARCHAR AS ${f.name}`).join(', ')} LIMIT 0`);
  }
}
