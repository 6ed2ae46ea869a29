// Saved cohorts, kept as one JSON file in the server's state directory (the warehouse is opened
// read-only). Every change writes a temp file and renames it over the old one, so a crash leaves
// the previous file whole; changes within one process are applied one at a time.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from '../../core/errors.ts';
import { cohortMessages } from '../../core/cohorts/cohort-messages.ts';
import type { CohortStore, SavedCohort } from '../../core/cohorts/saved-cohort.ts';

export type { CohortStore, SavedCohort };

export interface CohortStoreDeps {
  clock: () => Date;
  newId: () => string;
}

interface StoreFile {
  version: 1;
  cohorts: SavedCohort[];
}

export const COHORTS_FILE = 'cohorts.json';

export function openCohortStore(stateDir: string, deps: CohortStoreDeps = { clock: () => new Date(), newId: randomUUID }): CohortStore {
  const file = join(stateDir, COHORTS_FILE);
  let queue: Promise<unknown> = Promise.resolve();

  async function read(): Promise<StoreFile> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, cohorts: [] };
      throw error;
    }
    // A damaged file is an error to see, never a reason to start over with an empty list.
    const parsed = JSON.parse(text) as StoreFile;
    if (parsed?.version !== 1 || !Array.isArray(parsed.cohorts)) throw new Error(`${file} is not a Popsight cohort file (version 1)`);
    return parsed;
  }

  async function write(contents: StoreFile): Promise<void> {
    await mkdir(stateDir, { recursive: true });
    const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify(contents, null, 2)}\n`, { flush: true });
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  /** Runs read-modify-write changes one after another, so two requests never lose each other's change. */
  function change<T>(work: (contents: StoreFile) => { result: T; next?: StoreFile }): Promise<T> {
    const run = queue.then(async () => {
      const { result, next } = work(await read());
      if (next) await write(next);
      return result;
    });
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    location: file,
    async list() {
      return (await read()).cohorts;
    },
    async get(id) {
      return (await read()).cohorts.find((c) => c.id === id);
    },
    save(definition) {
      const cohort: SavedCohort = { id: deps.newId(), name: definition.name, createdAt: deps.clock().toISOString(), definition };
      return change((contents) => ({ result: cohort, next: { version: 1, cohorts: [...contents.cohorts, cohort] } }));
    },
    remove(id) {
      return change((contents) => {
        const cohorts = contents.cohorts.filter((c) => c.id !== id);
        return cohorts.length === contents.cohorts.length ? { result: false } : { result: true, next: { version: 1, cohorts } };
      });
    },
  };
}

/** The store of an app started without a state directory: it lists nothing and refuses to save. */
export function unavailableCohortStore(): CohortStore {
  return {
    location: '(none)',
    list: async () => [],
    get: async () => undefined,
    save: async () => {
      throw new DomainError('no_state_directory', cohortMessages.noStateDirectory);
    },
    remove: async () => false,
  };
}
