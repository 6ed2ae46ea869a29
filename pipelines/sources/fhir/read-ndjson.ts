// Bulk Data NDJSON → `fhir.<table>`: DuckDB's own JSON reader streams each file (gzip by file extension),
// never through Node, and parses each line once, straight into the resource's shape, on every core.
// `_line` is the row's position: with insertion order preserved (the default during the extract) a parallel
// read lands the rows in file order, so rowid + 1 is the line number, as for Synthea CSV; numbering the
// lines in the scan instead (WITH ORDINALITY) keeps the whole read on one thread. DuckDB skips blank
// lines, so after a blank line `_line` counts one short.
import type { Database } from '../../../core/warehouse/database.ts';
import { quoteLiteral } from '../../../core/warehouse/sql.ts';
import type { NdjsonFile } from './fhir-files.ts';
import { wrongTypeError } from './json-faults.ts';
import { RESOURCE_SHAPES, structureLiteral, structureType, type ResourceShape } from './resource-shapes.ts';

export async function readNdjson(db: Database, files: NdjsonFile[]): Promise<void> {
  for (const shape of RESOURCE_SHAPES) {
    const own = files.filter((f) => f.type === shape.type);
    const parts: string[] = [];
    for (const [i, file] of own.entries()) {
      // One table of parsed rows per file; the view fhir.<table> adds `_file` and `_line`.
      const rows = `fhir.${shape.table}_rows_${i}`;
      await db.run(`CREATE TABLE ${rows} AS SELECT json AS r
        FROM read_json(${quoteLiteral(file.path)}, format = 'newline_delimited', records = false, auto_detect = false,
                       compression = 'auto_detect', columns = {json: ${quoteLiteral(structureType(shape))}})`);
      await checkResourceTypes(db, rows, file, shape);
      parts.push(`SELECT ${quoteLiteral(file.name)} AS _file, rowid + 1 AS _line, NULL::VARCHAR AS full_url, r FROM ${rows}`);
    }
    await db.run(`CREATE VIEW fhir.${shape.table} AS ${parts.length ? parts.join('\nUNION ALL\n') : selectNothing(shape)}`);
  }
}

/** NDJSON has no fullUrls: every reference is `Type/id` or conditional. */
export const NDJSON_FULL_URLS = 'SELECT NULL::VARCHAR AS full_url, NULL::VARCHAR AS id LIMIT 0';

/** A Bulk Data file holds one resource type, the one its name says; the first line of another type (or none) stops the load. */
async function checkResourceTypes(db: Database, rows: string, file: NdjsonFile, shape: ResourceShape): Promise<void> {
  const [wrong] = await db.query<{ line: number; found: string | null }>(
    `SELECT rowid + 1 AS line, r.resourceType AS found FROM ${rows} WHERE r.resourceType IS DISTINCT FROM $1 ORDER BY rowid LIMIT 1`,
    [shape.type],
  );
  if (wrong) throw wrongTypeError(file.name, wrong.line, wrong.found, shape.type);
}

function selectNothing(shape: ResourceShape): string {
  return `SELECT NULL::VARCHAR AS _file, NULL::BIGINT AS _line, NULL::VARCHAR AS full_url, from_json('{}', ${structureLiteral(shape)}) AS r LIMIT 0`;
}
