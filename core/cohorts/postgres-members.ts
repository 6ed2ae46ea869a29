// A cohort's members on a PostgreSQL publication, as integers: every person row there carries its
// person's number (core.person's rowid at publish; pipelines/publish-postgres), so the generation's
// person index is numbers and record keys, a leaf criterion's members come back as 32-bit words of
// a bitset (one row per 32 numbers that hold any), and a characterization sends the members to each
// shard as that bitset (one bit per person: 125 KB at 1,000,000 people), which the shard tests with
// get_bit() beside its own aggregate. No pseudonym crosses to the coordinator's process or back.
import type { Database } from '../warehouse/database.ts';
import { PERSON_NUMBER_COLUMN } from '../warehouse/dialect/postgres.ts';
import type { SqlDialect } from '../warehouse/dialect/sql-dialect.ts';
import { RECORD_KEY_COLUMN } from '../disclosure/cell-key.ts';
import type { CohortSql, PersonKey } from './build-cohort-sql.ts';
import { MemberSet, type PersonIndex } from './member-set.ts';

/** The column a dialect's cohort SQL names people by: the pseudonym on DuckDB (read by rowid there), the person number on PostgreSQL. */
export const personKeyOf = (dialect: SqlDialect): PersonKey => (dialect.name === 'duckdb' ? 'person_id' : PERSON_NUMBER_COLUMN);

/** The people of core.person by person number, with the record key the publication stored: two integers per person, read once per generation. */
export async function loadNumberedIndex(db: Database): Promise<PersonIndex> {
  const people = await db.query<{ n: number | string; k: number | string }>(`SELECT ${PERSON_NUMBER_COLUMN} AS n, ${RECORD_KEY_COLUMN} AS k FROM core.person`);
  const numbers = people.map((person) => Number(person.n));
  const rows = numbers.reduce((most, n) => Math.max(most, n + 1), 0);
  const keys = new Uint32Array(rows);
  people.forEach((person, i) => (keys[numbers[i]!] = Number(person.k)));
  return { rows, keys, everyone: MemberSet.fromRows(rows, numbers) };
}

/** The members a cohort query (written with the person number as its key) returns, as the bitset's words, folded on the engine. */
export async function queryNumberedMembers(db: Database, rows: number, cohort: CohortSql): Promise<MemberSet> {
  const words = await db.query<{ word: number; bits: number | string }>(
    `SELECT div(${PERSON_NUMBER_COLUMN}, 32)::integer AS word, bit_or(1::bigint << (${PERSON_NUMBER_COLUMN} % 32)::integer) AS bits
     FROM (${cohort.sql}) AS cohort WHERE ${PERSON_NUMBER_COLUMN} IS NOT NULL GROUP BY 1`,
    cohort.values,
  );
  return MemberSet.fromWords(rows, words.map(({ word, bits }) => ({ word, bits: Number(bits) })));
}

/**
 * A member set as PostgreSQL bytea text ('\x…' hex): byte b holds person numbers 8b … 8b + 7, lowest
 * bit first, which is how get_bit(bytea, n) numbers the bits (from the right within each byte).
 */
export function memberBitmap(members: MemberSet): string {
  const bytes = Buffer.alloc(members.words.length * 4);
  members.words.forEach((word, i) => bytes.writeUInt32LE(word, i * 4));
  return `\\x${bytes.toString('hex')}`;
}
