// Reads and checks the header line of a CSV file before DuckDB reads the body,
// so a missing file, an empty file or a wrong delimiter gets a message a person can act on.
import { open, stat } from 'node:fs/promises';
import { LoadError } from '../load-errors.ts';

export async function readCsvHeader(path: string, label: string): Promise<string[]> {
  const size = (await stat(path)).size;
  if (size === 0) throw new LoadError(label, 'the file is empty; expected a header line and rows');
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(size, 64 * 1024));
    await handle.read(buffer, 0, buffer.length, 0);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(buffer);
    const firstLine = text.split(/\r?\n/, 1)[0].replace(/^\uFEFF/, '');
    const headers = splitCsvLine(firstLine);
    if (headers.length === 1 && /[;\t|]/.test(firstLine)) {
      const found = firstLine.match(/[;\t|]/)![0] === '\t' ? 'tab' : `'${firstLine.match(/[;\t|]/)![0]}'`;
      throw new LoadError(label, `line 1 looks ${found}-delimited; expected comma-separated values`);
    }
    return headers;
  } finally {
    await handle.close();
  }
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (current += '"'), i++;
      else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') fields.push(current), (current = '');
    else current += ch;
  }
  fields.push(current);
  return fields.map((field) => field.trim());
}
