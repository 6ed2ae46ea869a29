// The text a diagnosis of a characterization is shown with, never one record's: the reference
// description of data/reference, else the description most people of the warehouse share, if 11 or
// more do (the free-text rule of the load, pipelines/deidentify/free-text.ts; ties go to the first in
// sort order). The shared texts are warehouse facts, kept per generation. The shortcut below (a LIMIT
// that stops a code's scan) is DuckDB's; on PostgreSQL the people are counted in two phases over the
// shards (build-profile-sql.ts's sharedDescriptionsSql).
import { CMS_MINIMUM_CELL_SIZE } from '../disclosure/index.ts';
import { conditionCodes } from '../reference/reference-data.ts';
import type { Database, SqlValue } from '../warehouse/database.ts';
import { sharedDescriptionsSql } from './build-profile-sql.ts';

export interface ConditionCode {
  system: string;
  code: string;
}

/** Records of a code read to prove that 11 or more people share its one description: most codes show 11 people in far fewer. */
const PROOF_RECORDS = 1000;

const keyOf = ({ system, code }: ConditionCode) => `${system}|${code}`;

/** The name of each code that has one, by `system|code`. */
export async function conditionNames(db: Database, conditions: ConditionCode[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const reference = new Map(conditionCodes().map((ref) => [keyOf(ref), ref.description]));
  // Codes with a reference description need no reading.
  const unnamed = conditions.filter((c) => !reference.has(keyOf(c)));
  const shared = await sharedDescriptions(db, unnamed);
  for (const [key, description] of shared) if (description !== null) names.set(key, description);
  for (const [key, description] of reference) names.set(key, description);
  return names;
}

/** Each code's shared description, or null when 11 or more people share none; per warehouse generation (a new load opens a new Database). */
const sharedByGeneration = new WeakMap<Database, Map<string, Promise<string | null>>>();

/** The codes not asked for before on this generation are read together. */
async function sharedDescriptions(db: Database, conditions: ConditionCode[]): Promise<Map<string, string | null>> {
  let known = sharedByGeneration.get(db);
  if (!known) sharedByGeneration.set(db, (known = new Map()));
  const missing = conditions.filter((c) => !known.has(keyOf(c)));
  if (missing.length > 0) {
    const read = readShared(db, missing);
    for (const condition of missing) {
      const key = keyOf(condition);
      const description = read.then((found) => found.get(key) ?? null);
      known.set(key, description);
      // A failed read is not kept: the next request tries again.
      description.catch(() => known.delete(key));
    }
  }
  const entries = await Promise.all(conditions.map(async (c) => [keyOf(c), await known.get(keyOf(c))!] as const));
  return new Map(entries);
}

/**
 * What counting the distinct people of every description of each code would find, with less work:
 * counting people over millions of records is most of it. 1. Each code's descriptions. 2. A code with a single description has it as its shared text when 11 or more
 * people have it: its first records usually show 11 people (a LIMIT stops the scan there). 3. The
 * other codes (several descriptions, or too few people in their first records) are counted in full.
 */
async function readShared(db: Database, codes: ConditionCode[]): Promise<Map<string, string>> {
  if (db.dialect.name !== 'duckdb') return countedOnShards(db, codes);
  const values: SqlValue[] = [];
  const descriptions = await db.query<{ system: string; code: string; description: string }>(
    `SELECT DISTINCT system, code, description FROM core.condition WHERE ${codeFilter(codes, values)} AND description IS NOT NULL`,
    values,
  );
  const byCode = new Map<string, string[]>();
  for (const row of descriptions) byCode.set(keyOf(row), [...(byCode.get(keyOf(row)) ?? []), row.description]);
  const single = codes.filter((c) => byCode.get(keyOf(c))?.length === 1);
  const found = new Map<string, string>();
  for (const c of await provedShared(db, single, byCode)) found.set(keyOf(c), byCode.get(keyOf(c))![0]!);
  const counted = codes.filter((c) => byCode.has(keyOf(c)) && !found.has(keyOf(c)));
  for (const [key, description] of await countedShared(db, counted)) found.set(key, description);
  return found;
}

/** The codes among `single` whose only description 11 or more distinct people have in the code's first records. */
async function provedShared(db: Database, single: ConditionCode[], byCode: Map<string, string[]>): Promise<ConditionCode[]> {
  if (single.length === 0) return [];
  const values: SqlValue[] = [CMS_MINIMUM_CELL_SIZE, PROOF_RECORDS];
  const firstRecords = single.map(
    (c) => `(SELECT system, code, person_id FROM core.condition WHERE system = $${values.push(c.system)} AND code = $${values.push(c.code)}
             AND description = $${values.push(byCode.get(keyOf(c))![0]!)} LIMIT $2)`,
  );
  return db.query<{ system: string; code: string }>(
    `SELECT system, code FROM (${firstRecords.join(' UNION ALL ')}) GROUP BY ALL HAVING count(DISTINCT person_id) >= $1`,
    values,
  );
}

/** Each code's description with the most distinct people, if 11 or more; ties go to the first in sort order. */
async function countedShared(db: Database, codes: ConditionCode[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const values: SqlValue[] = [CMS_MINIMUM_CELL_SIZE];
  const rows = await db.query<{ system: string; code: string; description: string }>(
    `SELECT system, code, description FROM (
       SELECT system, code, description, count(DISTINCT person_id) AS people FROM core.condition
       WHERE ${codeFilter(codes, values)} AND description IS NOT NULL GROUP BY ALL HAVING count(DISTINCT person_id) >= $1)
     QUALIFY row_number() OVER (PARTITION BY system, code ORDER BY people DESC, description) = 1`,
    values,
  );
  return new Map(rows.map((row) => [keyOf(row), row.description]));
}

/** countedShared on PostgreSQL: people counted per shard (each person on one), then added up on the coordinator. */
async function countedOnShards(db: Database, codes: ConditionCode[]): Promise<Map<string, string>> {
  const { sql, values } = sharedDescriptionsSql(db.dialect, codes, CMS_MINIMUM_CELL_SIZE);
  const rows = await db.query<{ system: string; code: string; description: string }>(sql, values);
  return new Map(rows.map((row) => [keyOf(row), row.description]));
}

/** The codes as (system, code) pairs, with the codes again as a plain list: a filter DuckDB pushes into the scan of core.condition. Binds into `values`. */
function codeFilter(codes: ConditionCode[], values: SqlValue[]): string {
  const pairs = codes.map(({ system, code }) => `(system = $${values.push(system)} AND code = $${values.push(code)})`);
  const list = codes.map(({ code }) => `$${values.push(code)}`);
  return `code IN (${list.join(', ')}) AND (${pairs.join(' OR ')})`;
}
