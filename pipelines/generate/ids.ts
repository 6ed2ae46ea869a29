// Identifiers in Synthea's format (8-4-4-4-12 lowercase hex). Person-level ids come from the
// person's own PRNG stream; shared entities (payers, organizations, clinicians) get name-based
// UUIDs, as Synthea does with UUID.nameUUIDFromBytes, so they are the same for every seed.
import { createHash } from 'node:crypto';
import type { Prng } from './prng.ts';

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(x: number): string {
  return HEX[x >>> 24] + HEX[(x >>> 16) & 255] + HEX[(x >>> 8) & 255] + HEX[x & 255];
}

/** Random 128-bit id. Synthea's own random ids carry no version bits either. */
export function randomUuid(rng: Prng): string {
  const a = hex32(rng.u32());
  const b = hex32(rng.u32());
  const c = hex32(rng.u32());
  const d = hex32(rng.u32());
  return a + '-' + b.slice(0, 4) + '-' + b.slice(4) + '-' + c.slice(0, 4) + '-' + c.slice(4) + d;
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
