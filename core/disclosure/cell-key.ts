// The cell key method's keys. Every person carries a record key: a 32-bit number fixed at load, the
// first 32 bits of SHA-256 over their (secret-keyed) pseudonym, so it is the same in every load of
// the same person and cannot be computed without the pseudonym key. A cell's key is the sum of its
// people's record keys modulo 2³², read as a fraction of 2³²: exact in integers whatever the order
// of summing, so the same set of people always draws the same noise (a repeated or logically
// equivalent query cannot average it away), while two different sets draw independent noises
// (their difference does not cancel). The SQL sums keys exactly (HUGEINT) and takes the residue.
import { noiseFor, type PerturbationTable } from './perturbation-table.ts';

/** Record keys are whole numbers in [0, 2³²). */
export const RECORD_KEY_MODULUS = 2 ** 32;

/** The SQL expression of a person's record key, over an expression of their pseudonym. */
export const recordKeySql = (pseudonym: string): string => `('0x' || left(sha256('record-key:' || ${pseudonym}), 8))::BIGINT`;


/** The column of the marts that holds each person's record key. */
export const RECORD_KEY_COLUMN = 'record_key';

/**
 * The key residue of the people a count of people counts: `count(*) FILTER (WHERE x)` becomes the
 * sum of their record keys modulo 2³². Every people count of the catalog has that form (a catalog
 * test checks it), so the keys are summed over exactly the rows that are counted.
 */
export function keySumSql(peopleCount: string): string {
  const match = /^count\(\*\)(\s+FILTER\s*\(.*\))?$/s.exec(peopleCount.trim());
  if (!match) throw new RangeError(`a count of people must read count(*) or count(*) FILTER (WHERE …), got ${peopleCount}`);
  return `(coalesce(sum(${RECORD_KEY_COLUMN})${match[1] ?? ''}, 0) % ${RECORD_KEY_MODULUS})`;
}

/** Adds up record keys, or stored key residues of disjoint cells, and reduces the sum modulo 2³², in SQL (exact: HUGEINT or NUMERIC sums). */
export const keyResiduesSumSql = (column: string): string => `(coalesce(sum(${column}), 0) % ${RECORD_KEY_MODULUS})`;

/**
 * A second key for another quantity of the same cell (its events, its costs): the key times an odd
 * constant modulo 2³², a bijection, so it is as consistent as the key itself; a different constant
 * per quantity keeps their noises apart.
 */
export function derivedKey(keySum: number, quantity: 'events' | 'magnitude' | 'total'): number {
  const multiplier = DERIVED_KEY_MULTIPLIERS[quantity];
  return Math.imul(keySum >>> 0, multiplier) >>> 0;
}

/** Odd constants (golden-ratio and two other well-mixing multipliers of Knuth's multiplicative hashing). */
const DERIVED_KEY_MULTIPLIERS = { events: 0x9e3779b1, magnitude: 0x85ebca6b, total: 0xc2b2ae35 } as const;

/** A cell's key in [0, 1) from its residue (a sum of record keys, reduced or not). */
export function cellKey(keySum: number | bigint): number {
  const residue = typeof keySum === 'bigint' ? Number(((keySum % 4294967296n) + 4294967296n) % 4294967296n) : keySum % RECORD_KEY_MODULUS;
  if (!Number.isInteger(residue) || residue < 0) throw new RangeError(`a key sum must be a whole number of at least 0, got ${keySum}`);
  return residue / RECORD_KEY_MODULUS;
}

/** Adds two cells' key sums, as the keys of their union of disjoint people. */
export const addKeySums = (a: number, b: number): number => (a + b) % RECORD_KEY_MODULUS;

/** The published count of people: the true count plus the noise its cell key draws from the table. */
export function perturbCount(table: PerturbationTable, count: number, keySum: number | bigint): number {
  return count + noiseFor(table, count, cellKey(keySum));
}
