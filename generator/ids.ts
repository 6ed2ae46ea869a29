// Identifiers in Synthea's format (8-4-4-4-12 lowercase hex). Person-level ids come from the
// person's own PRNG stream; shared entities (payers, organizations, clinicians) get name-based
// UUIDs, as Synthea does with UUID.nameUUIDFromBytes, so they are the same for every seed.
import { createHash } from 'node:crypto';
import type { Prng } from './prng.ts';

const HEX_CODES = Buffer.from('0123456789abcdef', 'latin1');
const UUID_BYTES = Buffer.alloc(36, '-');
const DIGIT_AT = [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, 16, 17, 19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35];

/**
 * Random 128-bit id. Synthea's own random ids carry no version bits either. Built as bytes so
 * the result is one flat string: ids are repeated on many lines, and a string made of pieces
 * would be re-walked every time a line is encoded.
 */
export function randomUuid(rng: Prng): string {
  for (let w = 0; w < 4; w++) {
    let x = rng.u32();
    for (let k = 7; k >= 0; k--) {
      UUID_BYTES[DIGIT_AT[w * 8 + k]] = HEX_CODES[x & 15];
      x >>>= 4;
    }
  }
  return UUID_BYTES.toString('latin1', 0, 36);
}

/** RFC 4122 version-3 (MD5, name-based) UUID, the same construction as Java's nameUUIDFromBytes. */
export function nameUuid(name: string): string {
  const md5 = createHash('md5').update(name, 'utf8').digest();
  md5[6] = (md5[6] & 0x0f) | 0x30;
  md5[8] = (md5[8] & 0x3f) | 0x80;
  const h = md5.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Digits 0-9 as a string of the given length (SSNs, licence numbers). */
export function randomDigits(rng: Prng, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(48 + rng.int(10));
  return s;
}
