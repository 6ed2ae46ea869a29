// 1. Extract: lands each Synthea CSV file in `staging.<file>` with DuckDB's own parallel CSV reader:
// canonical field names, all VARCHAR, `_file` and `_line` (line number) for error reports.
// Identifying columns are never read. This staging shape is the contract every source reader meets.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../../core/warehouse/database.ts';
import { LoadError } from '../../load-errors.ts';
import { checkDuplicateColumns, missingColumn, readCsvHeader } from '../csv-header.ts';
import { createLinedView, readCsvRows } from '../csv-rows.ts';
import { SYNTHEA_FILES, type SyntheaFile } from './synthea-files.ts';
import { quoteIdentifier } from '../../../core/warehouse/sql.ts';
import type { StagedFile, StageResult } from '../source-reader.ts';


/** Either of the two files every Synthea export has: with only one, staging names the one missing. */
export function looksLikeSynthea(dir: string): boolean {
  return existsSync(join(dir, 'patients.csv')) || existsSync(join(dir, 'encounters.csv'));
}

export async function stageSynthea(dir: string, db: Database): Promise<StageResult> {
  const files: StagedFile[] = [];
  const headersByFile = new Map<string, string[]>();
  for (const spec of SYNTHEA_FILES) {
    const path = join(dir, `${spec.file}.csv`);
    const label = `${spec.file}.csv`;
    if (!existsSync(path)) {
      if (spec.required) throw new LoadError(label, `missing; a Synthea extract needs ${requiredFiles()}`);
      continue; // an optional file that is absent: the loader creates its staging table empty
    }
    const headers = await readCsvHeader(path, label);
    // Missing columns first: a file without its header line has a record there, often with repeated empty fields.
    const select = selectList(spec, headers, label);
    checkDuplicateColumns(headers, label, knownHeaders(spec));
    headersByFile.set(spec.file, headers);
    // The rows land in file order (insertion order is preserved while staging), so a row's line is
    // its rowid + 2 (the header is line 1) plus the faulty lines set aside before it: a view gives
    // `_line` without numbering every row as it is read, which a window over the parallel reader did
    // at up to twice the cost of the read.
    const rows = `staging.${spec.file}_csv_rows`;
    const rejected = await readCsvRows(db, { path, label, table: spec.file, headers, select, target: rows });
    await createLinedView(db, `staging.${spec.file}`, rows, label, rejected);
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM staging.${spec.file}`);
    files.push({ file: label, table: spec.file, read: n + rejected });
  }
  return { format: 'synthea', layout: detectLayout(headersByFile), files };
}

/** Picks, for each canonical field, the first header name this file has. */
function selectList(spec: SyntheaFile, headers: string[], label: string): string {
  const present = new Set(headers);
  return spec.fields
    .map((field) => {
      const header = field.headers.find((name) => present.has(name));
      if (header) return `${quoteIdentifier(header)} AS ${field.name}`;
      if (field.required) throw missingColumn(label, field.headers.join(' or '), headers, knownHeaders(spec));
      return `NULL::VARCHAR AS ${field.name}`;
    })
    .join(', ');
}

function detectLayout(headers: Map<string, string[]>): string {
  if (headers.get('patients')?.includes('FIPS')) return 'current';
  if (headers.get('payer_transitions')?.includes('MEMBERID')) return '3.x';
  return '2.x';
}

const requiredFiles = () => SYNTHEA_FILES.filter((f) => f.required).map((f) => `${f.file}.csv`).join(', ');

/** Column names Synthea writes in this file, any version: shown in messages; every other header field only by its kind. */
const SYNTHEA_IDENTIFYING_HEADERS = ['SSN', 'DRIVERS', 'PASSPORT', 'PREFIX', 'FIRST', 'MIDDLE', 'LAST', 'SUFFIX', 'MAIDEN', 'MARITAL', 'BIRTHPLACE', 'ADDRESS', 'CITY', 'LAT', 'LON', 'PHONE'];
function knownHeaders(spec: SyntheaFile): (name: string) => boolean {
  const names = new Set([...spec.fields.flatMap((f) => f.headers), ...SYNTHEA_IDENTIFYING_HEADERS].map((h) => h.toUpperCase()));
  return (name) => names.has(name.toUpperCase());
}
