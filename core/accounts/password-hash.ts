// Password hashes with scrypt, a memory-hard function (RFC 7914; OWASP's password storage cheat
// sheet lists N=2^17, r=8, p=1 as its minimum; N=2^15 keeps a sign-in near 0.1 s on a small server).
// The salt comes in from the caller (random bytes are a side effect); the encoded hash names its
// parameters, so a later change of them still verifies old hashes. Never logs or returns a password.
import { scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const SCRYPT_PARAMETERS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32, saltBytes: 16 } as const;

/** scrypt needs 128·N·r bytes (32 MiB here) plus a little: above Node's default limit of exactly 32 MiB. */
const maxmemFor = (N: number, r: number) => 2 * 128 * N * r;

export function scryptKey(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: maxmemFor(N, r) };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** `scrypt$N$r$p$<salt base64>$<key base64>`. */
export async function hashPassword(password: string, salt: Buffer): Promise<string> {
  const { N, r, p, keyLength } = SCRYPT_PARAMETERS;
  const key = await scryptKey(password, salt, N, r, p, keyLength);
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether `password` hashes to `encoded`; the keys are compared in constant time. A malformed hash verifies nothing. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (![N, r, p].every(Number.isInteger) || expected.length === 0) return false;
  const key = await scryptKey(password, salt, N, r, p, expected.length);
  return timingSafeEqual(key, expected);
}
