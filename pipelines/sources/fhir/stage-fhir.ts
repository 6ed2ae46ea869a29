// 1. Extract (FHIR R4): lands Bulk Data NDJSON or Synthea-style Bundles in the same staging.* tables the
// Synthea CSV reader fills (canonical fields of synthea-files.ts, all VARCHAR, plus `_file` and `_line`),
// with Synthea's values (sex F/M, race, encounter class) and references resolved to resource ids.
// DuckDB reads the JSON; Node never holds a file. Identifying elements are never parsed (resource-shapes.ts).
import type { Database } from '../../../core/warehouse/database.ts';
import { runSqlFile } from '../../../core/warehouse/sql-file.ts';
import { LoadError } from '../../load-errors.ts';
import type { StagedFile, StageResult } from '../source-reader.ts';
import { listFhirFiles } from './fhir-files.ts';
import { explainReadError } from './json-faults.ts';
import { BUNDLE_FULL_URLS, readBundles } from './read-bundles.ts';
import { NDJSON_FULL_URLS, readNdjson } from './read-ndjson.ts';
import { buildReferenceIndex } from './reference-index.ts';

export { looksLikeFhir } from './fhir-files.ts';

/**
 * Staging statements in dependency order: reference-macros need patients, claim-payers their macros, enrolment
 * (payer_transitions), encounters, procedures and immunizations the encounter claims, payers the rows that name them.
 */
const STAGING_SQL = [
  'organizations', 'patients', 'reference-macros', 'claim-payers', 'encounter-claims', 'payer_transitions', 'encounters',
  'medications', 'payers', 'conditions', 'observations', 'procedures', 'immunizations',
];

const STAGING_TABLES = [
  'patients', 'payers', 'payer_transitions', 'organizations', 'encounters',
  'conditions', 'observations', 'medications', 'procedures', 'immunizations',
];

export async function stageFhir(dir: string, db: Database): Promise<StageResult> {
  const input = listFhirFiles(dir);
  if (input.layout === 'ndjson' && !input.files.some((f) => f.type === 'Patient')) {
    throw new LoadError(dir, `holds no Patient NDJSON file (found ${input.files.map((f) => f.name).join(', ')}); expected Patient.ndjson or Patient.000.ndjson`);
  }
  await db.run('CREATE SCHEMA fhir');
  try {
    await runSqlFile(db, new URL('fhir-macros.sql', import.meta.url));
    if (input.layout === 'ndjson') await readNdjson(db, input.files);
    else await readBundles(db, input.files);
    await buildReferenceIndex(db, input.layout === 'ndjson' ? NDJSON_FULL_URLS : BUNDLE_FULL_URLS);
    for (const name of STAGING_SQL) await runSqlFile(db, new URL(`staging/${name}.sql`, import.meta.url));
  } catch (error) {
    await db.run('DROP SCHEMA IF EXISTS fhir CASCADE').catch(() => undefined);
    // Bundles are named by their label (bundle-00001.json): Synthea names a Bundle after its patient.
    const named = input.layout === 'bundles' ? input.files.map((f) => ({ path: f.path, name: f.label })) : input.files;
    throw await explainReadError(error, named);
  }
  // Parsed resources are no longer needed once staging.* exists.
  await db.run('DROP SCHEMA fhir CASCADE');

  const [{ patients }] = await db.query<{ patients: number }>('SELECT count(*) AS patients FROM staging.patients');
  if (patients === 0) throw new LoadError(dir, 'holds no Patient resources; every FHIR extract needs the patients its records belong to');
  const enrolment = await describeEnrolment(db);
  return { format: 'fhir', layout: input.layout === 'ndjson' ? 'bulk-ndjson' : 'bundles', files: await stagedFiles(db), warnings: enrolment ? [enrolment] : [] };
}

async function stagedFiles(db: Database): Promise<StagedFile[]> {
  const files: StagedFile[] = [];
  for (const table of STAGING_TABLES) {
    const rows = await db.query<{ file: string; read: number }>(`SELECT _file AS file, count(*) AS read FROM staging.${table} GROUP BY _file ORDER BY _file`);
    for (const row of rows) files.push({ file: row.file, table, read: row.read });
  }
  return files;
}

/**
 * What the load must say about enrolment it could not read: people with encounters but no Coverage and no claim
 * naming a payer, whom the model enrols from their first to their last encounter with an `Unknown payer`
 * (model/coverage.sql). Undefined when there is nobody such. Reads staging.* only, so it runs after stageFhir().
 */
export async function describeEnrolment(db: Database): Promise<string | undefined> {
  const [{ people, guessed }] = await db.query<{ people: number; guessed: number }>(`SELECT
    (SELECT count(*) FROM staging.patients)::INTEGER AS people,
    (SELECT count(DISTINCT patient) FROM staging.encounters WHERE patient NOT IN (SELECT patient FROM staging.payer_transitions WHERE patient IS NOT NULL))::INTEGER AS guessed`);
  if (guessed === 0) return undefined;
  return `${guessed} of ${people} people have neither Coverage nor a Claim or ExplanationOfBenefit naming a payer: `
    + 'each is enrolled from their first to their last encounter with an Unknown payer, which undercounts their person-time';
}
