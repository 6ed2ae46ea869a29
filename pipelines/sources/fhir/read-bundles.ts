// FHIR Bundles (Synthea: one transaction Bundle per patient, plus hospital and practitioner Bundles)
// → `fhir.<table>`. DuckDB reads each Bundle as one JSON object and unnests its entries; `_line` is the
// entry's index in the Bundle (`Bundle.entry[_line]`). Whole resources live only in `fhir.entries`,
// which is dropped as soon as the parsed tables (holding only what resource-shapes.ts lists) exist.
import { statSync } from 'node:fs';
import type { Database } from '../../../core/warehouse/database.ts';
import { LoadError } from '../../load-errors.ts';
import { quoteLiteral } from '../../../core/warehouse/sql.ts';
import type { BundleFile } from './fhir-files.ts';
import { NOT_A_BUNDLE } from './json-faults.ts';
import { RESOURCE_SHAPES, structureLiteral } from './resource-shapes.ts';

/** Synthea writes a lifetime of records into one Bundle; DuckDB's default object limit is 16 MB. */
const MAXIMUM_BUNDLE_BYTES = 512 * 1024 * 1024;

export async function readBundles(db: Database, files: BundleFile[]): Promise<void> {
  for (const file of files) {
    if (statSync(file.path).size === 0) throw new LoadError(file.label, 'the file is empty; expected a FHIR Bundle (files are labelled by their position in name order)');
  }
  const labels = files.map((f) => `(${quoteLiteral(f.path)}, ${quoteLiteral(f.label)})`).join(', ');
  const paths = files.map((f) => quoteLiteral(f.path)).join(', ');
  const types = RESOURCE_SHAPES.map((s) => quoteLiteral(s.type)).join(', ');
  // Each Bundle is parsed once, keeping entries' resources as JSON text, and its entries are unnested in the
  // select list: a lateral `unnest(...) WITH ORDINALITY` keeps the whole Bundle beside each of its entries
  // and needed 18 GB for 936 MB of Bundles (0.8 GB this way).
  await db.run(`CREATE TABLE fhir.entries AS
    WITH labels(path, label) AS (VALUES ${labels}),
    bundles AS (
      SELECT filename, from_json(json, '{"resourceType":"VARCHAR","entry":[{"fullUrl":"VARCHAR","resource":"JSON"}]}') AS b
      FROM read_json_objects([${paths}], filename = true, format = 'auto', maximum_object_size = ${MAXIMUM_BUNDLE_BYTES})
    ),
    checked AS (
      SELECT filename,
        CASE WHEN b.resourceType IS NOT DISTINCT FROM 'Bundle' THEN b.entry
             ELSE error(concat_ws('|', '${NOT_A_BUNDLE}', filename, coalesce(b.resourceType, ''))) END AS entries
      FROM bundles
    ),
    entries AS (
      SELECT filename, unnest(entries) AS entry, unnest(range(len(entries))) AS _line FROM checked
    )
    SELECT l.label AS _file, e._line, e.entry.fullUrl AS full_url, e.entry.resource AS resource, e.entry.resource->>'resourceType' AS type
    FROM entries e JOIN labels l ON l.path = e.filename
    WHERE type IN (${types})`);
  for (const shape of RESOURCE_SHAPES) {
    await db.run(`CREATE TABLE fhir.${shape.table} AS
      SELECT _file, _line, full_url, from_json(resource, ${structureLiteral(shape)}) AS r
      FROM fhir.entries WHERE type = ${quoteLiteral(shape.type)}`);
  }
  await db.run('DROP TABLE fhir.entries');
}

/** Every entry's fullUrl and id, for the references that name a resource by a fullUrl other than its id. */
export const BUNDLE_FULL_URLS = RESOURCE_SHAPES
  .map((s) => `SELECT full_url, fhir.resource_id(r.id, full_url) AS id FROM fhir.${s.table} WHERE full_url IS NOT NULL`)
  .join(' UNION ALL ');
