// The CSV dialect of one OMOP file, checked from its header line before DuckDB reads the body.
// Clinical tables must be comma-separated (a tab or ';' there is a structural fault, reported by
// readCsvHeader). Vocabulary files are the exception: Athena, the OHDSI vocabulary download, ships
// CONCEPT.csv tab-delimited and unquoted, so a tab header is accepted for them.
import { open } from 'node:fs/promises';
import { readCsvHeader } from '../csv-header.ts';

export interface CsvDialect {
  headers: string[];
  delim: ',' | '\t';
  /** '' turns quoting off: Athena's concept names contain bare '"' (inches). */
  quote: '"' | '';
}

export async function readCsvDialect(path: string, label: string, options: { allowTabs: boolean }): Promise<CsvDialect> {
  if (options.allowTabs) {
    const firstLine = await readFirstLine(path);
    if (firstLine.includes('\t')) {
      return { headers: firstLine.split('\t').map((h) => h.trim()), delim: '\t', quote: '' };
    }
  }
  return { headers: await readCsvHeader(path, label), delim: ',', quote: '"' };
}

async function readFirstLine(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(buffer.subarray(0, bytesRead));
    return text.split(/\r?\n/, 1)[0].replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
}
