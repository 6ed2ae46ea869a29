// Resolves references to the id of the resource they name. Most references carry that id
// (`Patient/123`, `urn:uuid:123`, Synthea's `Organization?identifier=...|123`); the few that do not are
// looked up in fhir.ref_index. When the index is empty, as on Synthea data, the lookup is left out of
// `fhir.ref_id` altogether: the correlated lookup makes resolving a reference 3–4 times dearer.
import type { Database } from '../../../core/warehouse/database.ts';
import { runSqlFile } from '../../../core/warehouse/sql-file.ts';

/** `fullUrls` lists Bundle entries' `(full_url, id)` as SQL; NDJSON has none. */
export async function buildReferenceIndex(db: Database, fullUrls: string): Promise<number> {
  await db.run(`CREATE VIEW fhir.full_urls AS ${fullUrls}`);
  await runSqlFile(db, new URL('reference-index.sql', import.meta.url));
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*) AS n FROM fhir.ref_index');
  await db.run(
    n === 0
      ? 'CREATE MACRO fhir.ref_id(x) AS fhir.ref_fallback(x)'
      : `CREATE MACRO fhir.ref_id(x) AS coalesce(
           (SELECT any_value(index_id) FROM fhir.ref_index WHERE index_ref = CASE WHEN contains(x, '?') THEN url_decode(x) ELSE x END),
           fhir.ref_fallback(x))`,
  );
  return n;
}
