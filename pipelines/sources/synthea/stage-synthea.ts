// 1. Extract: lands each Synthea CSV file in `staging.<file>` with DuckDB's own parallel CSV reader:
// canonical field names, all VARCHAR, `_file` and `_line` (line number) for error reports.
// Identifying columns are never read. This staging shape is the contract every source reader meets.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../../core/warehouse/database.ts';
import { LoadError } from '../../load-errors.ts';
import { readCsvHeader } from '../csv-header.ts';
import { SYNTHEA_FILES, type SyntheaFile } from './synthea-files.ts';
import { quoteIdentifier, quoteLiteral } from '../../../core/warehouse/sql.ts';
import type { StagedFile, StageResult } from '../source-reader.ts';


export function looksLikeSynthea(dir: string): boolean {
  return existsSync(join(dir, 'patients.csv')) && existsSync(join(dir, 'encounters.csv'));
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
    headersByFile.set(spec.file, headers);
    const select = selectList(spec, headers, label);
    try {
      // The rows land in file order (insertion order is preserved while staging), so a row's line is
      // its rowid + 2 (the header is line 1): a view gives `_line` without numbering every row as
      // it is read, which a window over the parallel reader did at up to twice the cost of the read.
      await db.run(
        `CREATE TABLE staging.${spec.file}_csv_rows AS
         SELECT ${select} FROM read_csv($1, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`,
        [path],
      );
      await db.run(`CREATE VIEW staging.${spec.file} AS SELECT ${quoteLiteral(label)} AS _file, rowid + 2 AS _line, * FROM staging.${spec.file}_csv_rows`);
    } catch (error) {
      throw new LoadError(label, `could not be read as UTF-8 CSV: ${firstLine(error)}`, { cause: error });
    }
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM staging.${spec.file}`);
    files.push({ file: label, table: spec.file, read: n });
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
      if (field.required) {
        throw new LoadError(label, `column ${field.headers.join(' or ')} is missing; the header has ${headers.join(', ')}`);
      }
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
const firstLine = (error: unknown) => String(error instanceof Error ? error.message : error).split('\n')[0];
