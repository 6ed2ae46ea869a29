// Bulk Data NDJSON → `fhir.<table>`: one `from_json` parse per line, streamed by DuckDB's own reader
// (gzip by file extension), never through Node. Parsed into tables, not views: DuckDB inlines a view and
// would parse a line again for every element a staging statement reads (3× the CPU on Observation).
// `_line` is the line number; DuckDB skips blank lines, so after a blank line it counts one short.
import type { Database } from '../../../server/warehouse/database.ts';
import { quoteLiteral } from '../../sql.ts';
import type { NdjsonFile } from './fhir-files.ts';
import { WRONG_TYPE } from './json-faults.ts';
import { RESOURCE_SHAPES, structureLiteral, type ResourceShape } from './resource-shapes.ts';

export async function readNdjson(db: Database, files: NdjsonFile[]): Promise<void> {
  for (const shape of RESOURCE_SHAPES) {
    const own = files.filter((f) => f.type === shape.type);
    const select = own.length ? own.map((f) => selectFile(f, shape)).join('\nUNION ALL\n') : selectNothing(shape);
    await db.run(`CREATE TABLE fhir.${shape.table} AS ${select}`);
  }
}

/** NDJSON has no fullUrls: every reference is `Type/id` or conditional. */
export const NDJSON_FULL_URLS = 'SELECT NULL::VARCHAR AS full_url, NULL::VARCHAR AS id LIMIT 0';

/**
 * A Bulk Data file holds one resource type, the one its name says; a line of another type (or no
 * resource at all) stops the load through DuckDB's error(), which costs no second pass over the file.
 */
function selectFile(file: NdjsonFile, shape: ResourceShape): string {
  return `SELECT _file,
      CASE WHEN r.resourceType IS NOT DISTINCT FROM ${quoteLiteral(shape.type)} THEN _line
           ELSE error(concat_ws('|', '${WRONG_TYPE}', _file, _line, coalesce(r.resourceType, ''), ${quoteLiteral(shape.type)})) END AS _line,
      NULL::VARCHAR AS full_url, r
    FROM (SELECT ${quoteLiteral(file.name)} AS _file, ordinality AS _line, from_json(json, ${structureLiteral(shape)}) AS r
          FROM read_ndjson_objects(${quoteLiteral(file.path)}, format = 'newline_delimited', compression = 'auto_detect') WITH ORDINALITY)`;
}

function selectNothing(shape: ResourceShape): string {
  return `SELECT NULL::VARCHAR AS _file, NULL::BIGINT AS _line, NULL::VARCHAR AS full_url, from_json('{}', ${structureLiteral(shape)}) AS r LIMIT 0`;
}
