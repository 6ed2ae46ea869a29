// Password hashes: scrypt with the stated parameters, checked against Node's crypto.scrypt computed
// here independently with the same salt; salted (one password, two salts, two hashes); verified
// in constant time, and a wrong password or a damaged hash verifies nothing.
import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, SCRYPT_PARAMETERS, verifyPassword } from '../../core/accounts/password-hash.ts';

describe('password hashes', () => {
  const salt = Buffer.from('00112233445566778899aabbccddeeff', 'hex');

  it('is scrypt with N=2^15, r=8, p=1 and a 32-byte key, as Node computes it for the same salt', async () => {
    expect(SCRYPT_PARAMETERS).toMatchObject({ N: 32768, r: 8, p: 1, keyLength: 32 });
    const encoded = await hashPassword('correct horse battery staple', salt);
    const expected = scryptSync('correct horse battery staple', salt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    expect(encoded).toBe(`scrypt$32768$8$1$${salt.toString('base64')}$${expected.toString('base64')}`);
  });

  it('salts each hash: one password under two salts gives two hashes, each verifying it', async () => {
    const [a, b] = await Promise.all([hashPassword('same password!', randomBytes(16)), hashPassword('same password!', randomBytes(16))]);
    expect(a).not.toBe(b);
    expect(a.split('$')[5]).not.toBe(b.split('$')[5]);
    expect(await verifyPassword('same password!', a)).toBe(true);
    expect(await verifyPassword('same password!', b)).toBe(true);
  });

  it('verifies the right password only, and nothing against a damaged hash', async () => {
    const encoded = await hashPassword('correct horse battery staple', salt);
    expect(await verifyPassword('correct horse battery staple', encoded)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', encoded)).toBe(false);
    expect(await verifyPassword('', encoded)).toBe(false);
    expect(await verifyPassword('correct horse battery staple', 'plain-text')).toBe(false);
    expect(await verifyPassword('correct horse battery staple', encoded.replace('scrypt$', 'bcrypt$'))).toBe(false);
  });
});
