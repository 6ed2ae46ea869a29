// The secret behind every pseudonym. From POPSIGHT_PSEUDONYM_KEY, or else a key generated once into a
// local secrets file (with a warning), so the same source id maps to the same pseudonym across loads.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface KeySource {
  env?: NodeJS.ProcessEnv;
  secretsFile: string;
  warn?: (message: string) => void;
}

export function pseudonymKey({ env = process.env, secretsFile, warn = console.warn }: KeySource): Buffer {
  const fromEnv = env.POPSIGHT_PSEUDONYM_KEY;
  if (fromEnv) {
    if (fromEnv.length < 16) throw new Error('POPSIGHT_PSEUDONYM_KEY is too short: use at least 16 characters (32 random bytes recommended)');
    return Buffer.from(fromEnv, 'utf8');
  }
  if (existsSync(secretsFile)) return Buffer.from(readFileSync(secretsFile, 'utf8').trim(), 'utf8');
  const key = randomBytes(32).toString('hex');
  mkdirSync(dirname(secretsFile), { recursive: true });
  writeFileSync(secretsFile, `${key}\n`, { mode: 0o600 });
  warn(`POPSIGHT_PSEUDONYM_KEY is not set: generated a pseudonym key in ${secretsFile}. Keep it secret and keep it: ` +
    'loads made with another key cannot be linked to this warehouse.');
  return Buffer.from(key, 'utf8');
}
