// Structural faults in FHIR input become LoadErrors naming the file, the line and what was expected.
// DuckDB finds a JSON fault while it streams the file; only then is the file streamed once more, here, to
// name the line exactly (DuckDB's own line number is off by one for NDJSON). Messages never quote the
// file's content: a bad line may hold a patient's name.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import { LoadError } from '../../load-errors.ts';

/** Raised through DuckDB's error() by read-bundles.ts: a .json file that is not a Bundle. */
export const NOT_A_BUNDLE = 'popsight-fhir-not-a-bundle';

interface InputFile {
  path: string;
  name: string;
}

/** A line of a Bulk Data file whose resourceType is not the one its name says (`found` null: none at all). */
export function wrongTypeError(file: string, line: number, found: string | null, expected: string): LoadError {
  const holds = found ? `a resource of type ${found}` : 'no FHIR resource (no resourceType)';
  return new LoadError(file, `line ${line} holds ${holds}; a Bulk Data file holds only the resource type its name says (${expected})`);
}

/** The LoadError for a failure while reading `files`, or the error itself when it is not about a file. */
export async function explainReadError(error: unknown, files: InputFile[]): Promise<unknown> {
  if (error instanceof LoadError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const marker = /popsight-fhir-[a-z-]+\|[^\n]*/.exec(message)?.[0];
  if (marker) {
    const [, where, ...rest] = marker.split('|');
    const name = files.find((f) => f.path === where)?.name ?? basename(where);
    return new LoadError(name, `is not a FHIR Bundle (resourceType ${rest[0] ? `'${rest[0]}'` : 'missing'}); a folder of .json files must hold Bundles`, { cause: error });
  }
  // The longest matching path, so `a.ndjson` is not taken for `a.ndjson.gz`.
  const file = files.filter((f) => message.includes(f.path)).sort((a, b) => b.path.length - a.path.length)[0];
  if (!file) return error;
  const fault = /\.ndjson(\.gz)?$/.test(file.path) ? await locateLineFault(file.path) : undefined;
  if (fault) return new LoadError(file.name, `line ${fault.line} ${fault.problem}`, { cause: error });
  const what = /UTF-8/i.test(message) ? 'is not UTF-8 text' : /JSON/i.test(message) ? 'is not valid JSON' : 'could not be read';
  // DuckDB: "Malformed JSON in file "…", at byte 815 in record/value 2: unexpected end of data." (byte 1-based)
  const parsed = /at byte (\d+)[^:]*: ([^\n]*?)\.?\s*$/m.exec(message);
  if (parsed) {
    const line = await lineAtByte(file.path, Number(parsed[1]) - 1);
    return new LoadError(file.name, `${what} at line ${line} (byte ${parsed[1]}): ${parsed[2].trim()}; expected FHIR JSON in UTF-8`, { cause: error });
  }
  return new LoadError(file.name, `${what}; expected FHIR JSON in UTF-8 (${message.split('\n')[0].replaceAll(file.path, file.name)})`, { cause: error });
}

/** The 1-based line holding byte `offset` (0-based) of a file, gzip too, counted while streaming. */
async function lineAtByte(path: string, offset: number): Promise<number> {
  let line = 1;
  let seen = 0;
  const source = createReadStream(path);
  try {
    for await (const chunk of (path.endsWith('.gz') ? source.pipe(createGunzip()) : source) as AsyncIterable<Buffer>) {
      const part = chunk.subarray(0, Math.max(0, offset - seen));
      for (let i = part.indexOf(0x0a); i !== -1; i = part.indexOf(0x0a, i + 1)) line++;
      seen += chunk.length;
      if (seen >= offset) break;
    }
  } catch {
    // A corrupt gzip stream: the line count so far is the best answer.
  } finally {
    source.destroy();
  }
  return line;
}

export interface LineFault {
  line: number;
  problem: string;
}

/** Streams an NDJSON file (gzip too) to the first line that is not UTF-8 or not JSON. */
export async function locateLineFault(path: string): Promise<LineFault | undefined> {
  const source = createReadStream(path);
  const stream: AsyncIterable<Buffer> = path.endsWith('.gz') ? source.pipe(createGunzip()) : source;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 0;
  let pending: Buffer[] = [];
  const check = (bytes: Buffer, terminated: boolean): LineFault | undefined => {
    line++;
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      return { line, problem: 'is not UTF-8 text; FHIR NDJSON must be UTF-8' };
    }
    if (text.trim() === '') return undefined;
    try {
      JSON.parse(text);
      return undefined;
    } catch {
      const why = terminated ? 'is not valid JSON' : 'ends in the middle of a resource: the file looks truncated';
      return { line, problem: `${why}; expected one FHIR resource per line` };
    }
  };
  try {
    for await (const chunk of stream) {
      let start = 0;
      for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
        const fault = check(Buffer.concat([...pending, chunk.subarray(start, end)]), true);
        if (fault) return fault;
        pending = [];
        start = end + 1;
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
    }
  } catch {
    return { line: line + 1, problem: 'could not be decompressed: the gzip file is truncated or corrupt' };
  } finally {
    source.destroy();
  }
  return pending.length ? check(Buffer.concat(pending), false) : undefined;
}
