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
export const recordKeySql = (pseudonym: string): string => `('0x' || left(sha256('record-key:' || ${pseudonym}), 8))::UINTEGER`;

/** The SQL expression of a cell's key residue over record keys: the exact sum, modulo 2³². */
export const keyResidueSql = (recordKeys: string): string => `(coalesce(sum(${recordKeys}), 0) % ${RECORD_KEY_MODULUS})::UBIGINT`;

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
