// 2. De-identify: the SQL macros every model file uses.
// pseudonym(x) is HMAC-SHA256 (RFC 2104) computed inside DuckDB: H((K ^ opad) || H((K ^ ipad) || x)),
// truncated to 128 bits (32 hex digits; RFC 2104 §5 allows truncation to half the output).
// zip3(z) pads a ZIP that lost its leading zero, cuts it to three digits and blanks the restricted ones
// (HHS de-identification guidance).
import { readFileSync } from 'node:fs';
import type { Database } from '../../core/warehouse/database.ts';
import { referencePath } from '../../core/reference/reference-data.ts';
import { installFreeText } from './free-text.ts';

const BLOCK_SIZE = 64;

export function hmacPads(key: Buffer): { ipad: string; opad: string } {
  if (key.length > BLOCK_SIZE) throw new Error('pseudonym key longer than 64 bytes; use a shorter key');
  const padded = Buffer.alloc(BLOCK_SIZE);
  key.copy(padded);
  const xor = (byte: number) => Buffer.from(padded.map((b) => b ^ byte)).toString('hex');
  return { ipad: xor(0x36), opad: xor(0x5c) };
}

/**
 * The ids that many rows refer to (a person's id is on every one of their encounters, observations,
 * claims…), each pseudonymized once into a lookup table, so the model joins instead of computing one
 * HMAC per reference (an HMAC is two SHA-256s, ~10x the cost of the join). `<kind>_pseudonym(x)`
 * gives exactly `pseudonym(x)`: an id missing from the table (one of the previous warehouse's, when
 * appending) falls back to computing it. Run after validation, over the valid rows; it also installs
 * the free-text rule's free_text() (free-text.ts), which needs the valid rows too.
 */
export const PSEUDONYM_LOOKUPS = [
  { macro: 'person_pseudonym', ids: 'valid.patients' },
  { macro: 'payer_pseudonym', ids: 'valid.payers' },
  { macro: 'organization_pseudonym', ids: 'valid.organizations' },
  { macro: 'provider_pseudonym', ids: 'valid.providers' },
] as const;

export async function installPseudonymLookups(db: Database): Promise<void> {
  for (const { macro, ids } of PSEUDONYM_LOOKUPS) {
    const table = `${macro}_lookup`;
    await db.run(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT id, pseudonym(id) AS pseudonym FROM (SELECT DISTINCT id FROM ${ids} WHERE id <> '')`);
    // COALESCE evaluates pseudonym(x) only for the rows the lookup left NULL.
    await db.run(`CREATE OR REPLACE TEMP MACRO ${macro}(x) AS coalesce((SELECT l.pseudonym FROM ${table} AS l WHERE l.id = x), pseudonym(x))`);
  }
  await installFreeText(db);
}

export async function installDeidentifyFunctions(db: Database, key: Buffer): Promise<void> {
  const { ipad, opad } = hmacPads(key);
  // Session variables are constants to the planner; a scalar subquery inside CASE ran once per row.
  await db.run('SET VARIABLE popsight_ipad = unhex($1)', [ipad]);
  await db.run('SET VARIABLE popsight_opad = unhex($1)', [opad]);
  await db.run(`CREATE TEMP MACRO pseudonym(x) AS
    CASE WHEN x IS NULL OR x = '' THEN NULL ELSE
      left(sha256(getvariable('popsight_opad') || unhex(sha256(getvariable('popsight_ipad') || encode(x)))), 32) END`);

  const restricted = readFileSync(referencePath('restricted-zip3.csv'), 'utf8').trim().split('\n').slice(1);
  if (!restricted.every((zip) => /^\d{3}$/.test(zip))) throw new Error('restricted-zip3.csv: every row must be three digits');
  // A ZIP code that lost its leading zero to a spreadsheet (02155 → 2155) is padded back first: every
  // 4-digit US ZIP is one (00501-09999), and ZIP3 '215' would be another place entirely. Every
  // reader's ZIPs (people, organizations, providers, in any format) reach the warehouse through here.
  await db.run(`CREATE TEMP MACRO zip5(z) AS CASE WHEN regexp_full_match(z, '\\d{4}') THEN '0' || z ELSE z END`);
  await db.run(`CREATE TEMP MACRO zip3(z) AS
    CASE WHEN regexp_matches(zip5(z), '^\\d{3}') THEN
      CASE WHEN left(zip5(z), 3) IN (${restricted.map((zip) => `'${zip}'`).join(', ')}) THEN '000' ELSE left(zip5(z), 3) END END`);

  await db.run('CREATE TEMP MACRO parse_ts(x) AS TRY_CAST(x AS TIMESTAMP)');
  // Synthea 2.x wrote coverage as whole years (START_YEAR 2015): a start is 1 January, an end 31 December.
  await db.run(`CREATE TEMP MACRO parse_period(x, is_end := false) AS
    CASE WHEN regexp_full_match(x, '\\d{4}') THEN make_date(x::INTEGER, CASE WHEN is_end THEN 12 ELSE 1 END, CASE WHEN is_end THEN 31 ELSE 1 END)
         ELSE TRY_CAST(x AS TIMESTAMP)::DATE END`);
  await db.run(`CREATE TEMP MACRO code_system(s) AS
    CASE WHEN s ILIKE '%snomed%' THEN 'SNOMED' WHEN s ILIKE '%loinc%' THEN 'LOINC' WHEN s ILIKE '%rxnorm%' THEN 'RxNorm'
         WHEN s ILIKE '%icd-10%' OR s ILIKE '%icd10%' THEN 'ICD-10' ELSE s END`);
}
