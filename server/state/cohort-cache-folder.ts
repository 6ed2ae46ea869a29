// The GenerationStore of a server: `<state dir>/cohort-cache/<generation>/<entry hash>.bin`, beside
// the state store so that it survives restarts, and apart from the warehouse (read-only). Each file
// ends with the SHA-256 of its entry's name and bytes: a truncated, damaged or misplaced file reads as
// absent. Written to a temporary file and renamed; the first write of a generation removes every
// other generation's folder (a new load makes the old one useless). Bytes hold row numbers, record
// keys and true counts only (core/cohorts/kept-generation.ts), never a person id.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GenerationStore } from '../../core/cohorts/generation-store.ts';

export const COHORT_CACHE_DIR = 'cohort-cache';
const DIGEST_BYTES = 32;
const GENERATION = /^[0-9a-f]{16,64}$/;

export function cohortCacheFolder(stateDir: string): GenerationStore {
  const root = join(stateDir, COHORT_CACHE_DIR);
  let current: string | undefined;
  let temporary = 0;
  const folderOf = (generation: string) => {
    if (!GENERATION.test(generation)) throw new Error(`not a generation id: ${generation}`);
    return join(root, generation);
  };
  const fileOf = (generation: string, entry: string) => join(folderOf(generation), `${createHash('sha256').update(entry).digest('hex').slice(0, 40)}.bin`);

  async function removeOthers(generation: string): Promise<void> {
    const names = await readdir(root).catch(() => [] as string[]);
    await Promise.all(names.filter((name) => name !== generation).map((name) => rm(join(root, name), { recursive: true, force: true })));
  }

  return {
    async read(generation, entry) {
      try {
        const bytes = await readFile(fileOf(generation, entry));
        if (bytes.byteLength < DIGEST_BYTES) return undefined;
        const body = bytes.subarray(0, bytes.byteLength - DIGEST_BYTES);
        return digestOf(entry, body).equals(bytes.subarray(body.byteLength)) ? body : undefined;
      } catch {
        return undefined;
      }
    },
    async write(generation, entry, bytes) {
      const folder = folderOf(generation);
      if (current !== generation) {
        await removeOthers(generation);
        current = generation;
      }
      await mkdir(folder, { recursive: true });
      const file = fileOf(generation, entry);
      const partial = `${file}.${process.pid}.${temporary++}.tmp`;
      await writeFile(partial, Buffer.concat([bytes, digestOf(entry, bytes)]));
      await rename(partial, file);
    },
  };
}

function digestOf(entry: string, bytes: Uint8Array): Buffer {
  return createHash('sha256').update(entry).update('\0').update(bytes).digest();
}
