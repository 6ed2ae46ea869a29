// Reads and checks the header line of a CSV file before DuckDB reads the body, so a missing file, an
// empty file, a link, UTF-16 or a wrong delimiter gets a message a person can act on.
// Messages never quote the file: when the header line is missing, line 1 is a patient's record, so a
// header is described only by its shape (known column names, every other field replaced by its kind).
import { lstat, open } from 'node:fs/promises';
import { LoadError } from '../load-errors.ts';

/** Refuses anything but a regular file: a symbolic link could point anywhere (/etc/passwd was read). */
export async function checkRegularFile(path: string, label: string): Promise<number> {
  const info = await lstat(path);
  if (info.isSymbolicLink()) throw new LoadError(label, 'is a symbolic link; Popsight reads only regular files (copy the file itself into the extract folder)');
  if (!info.isFile()) throw new LoadError(label, 'is not a regular file (a folder, device or pipe); expected a CSV file');
  return info.size;
}

export async function readCsvHeader(path: string, label: string): Promise<string[]> {
  const size = await checkRegularFile(path, label);
  if (size === 0) throw new LoadError(label, 'the file is empty; expected a header line and rows');
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(size, 64 * 1024));
    await handle.read(buffer, 0, buffer.length, 0);
    if (looksUtf16(buffer)) throw new LoadError(label, 'UTF-16 is not supported; save the file as UTF-8');
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

/** A byte-order mark, or NUL bytes in the first line's place, which UTF-8 text never has. */
function looksUtf16(bytes: Buffer): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  return bytes.subarray(0, 256).includes(0);
}

/**
 * The header as it may be shown: known column names as they are, any other field as its kind
 * (`<text>`, `<number>`, `<date>`, `<empty>`), e.g. "25 fields: Id, <date>, <empty>, <text>, ...".
 */
export function headerShape(headers: string[], isKnown: (name: string) => boolean): string {
  const shown = headers.slice(0, 40).map((h) => (isKnown(h) ? h : `<${kindOf(h)}>`));
  return `${headers.length} field${headers.length === 1 ? '' : 's'}: ${shown.join(', ')}${headers.length > 40 ? ', ...' : ''}`;
}

/** The kind of a value, for messages that must not show the value itself. */
export function kindOf(value: string): 'empty' | 'number' | 'date' | 'text' {
  if (value.trim() === '') return 'empty';
  if (/^[-+]?\d[\d.]*([eE][-+]?\d+)?$/.test(value)) return 'number';
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?$/.test(value)) return 'date';
  return 'text';
}

/** A column named twice is ambiguous (which one holds the value?): a structural fault naming both positions. */
export function checkDuplicateColumns(headers: string[], label: string, isKnown: (name: string) => boolean): void {
  const first = new Map<string, number>();
  for (const [i, header] of headers.entries()) {
    const key = header.toLowerCase();
    const earlier = first.get(key);
    if (earlier !== undefined) {
      const name = isKnown(header) ? header : `<${kindOf(header)}>`;
      throw new LoadError(label, `line 1 (the header): columns ${earlier + 1} and ${i + 1} are both named ${name}; each column must appear once`);
    }
    first.set(key, i);
  }
}

/** The structural message for a required column missing from the header. */
export function missingColumn(label: string, names: string, headers: string[], isKnown: (name: string) => boolean, context = ''): LoadError {
  const known = headers.filter(isKnown).length;
  const hint = known === 0 ? '; no field of line 1 is a column name Popsight knows: is the header line missing?' : '';
  return new LoadError(label, `column ${names} is missing${context} from the header (line 1); the header has ${headerShape(headers, isKnown)}${hint}`);
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
