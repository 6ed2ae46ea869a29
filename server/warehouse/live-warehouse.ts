// The warehouse a server answers from. A load publishes a new file by renaming it over the old one;
// the next request after that sees the new file and switches to it, while requests already running
// finish on the old one, which is closed once they are done. No restart, no failed request.
import { statSync } from 'node:fs';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';

interface Generation {
  db: Database;
  fileId: string;
  users: number;
  retired: boolean;
}

export interface LiveWarehouse {
  readonly path: string;
  use<T>(work: (db: Database) => Promise<T>): Promise<T>;
  close(): void;
}

export interface LiveWarehouseOptions {
  recheckMs?: number;
  /**
   * Work started on each generation as soon as it is open (at start, and after each load), without
   * waiting for it: what the first requests would otherwise compute while a user waits (warm-up.ts).
   * A failure is not reported here; the request that needs the same work does it again and says so.
   */
  warm?: (db: Database) => Promise<unknown>;
  /** Each query's time budget (see OpenOptions.statementTimeoutMs); unset: none. */
  statementTimeoutMs?: number;
}

export async function openLiveWarehouse(path: string, options: LiveWarehouseOptions = {}): Promise<LiveWarehouse> {
  const recheckMs = options.recheckMs ?? 500;
  const open = async () => {
    const generation = await openGeneration(path, options.statementTimeoutMs);
    if (options.warm) void within(generation, options.warm).catch(() => undefined);
    return generation;
  };
  let current = await open();
  let lastCheck = Date.now();
  let switching: Promise<void> | undefined;

  async function refresh(): Promise<void> {
    if (Date.now() - lastCheck < recheckMs) return;
    lastCheck = Date.now();
    const id = fileId(path);
    if (!id || id === current.fileId) return;
    switching ??= (async () => {
      const next = await open();
      const previous = current;
      current = next;
      retire(previous);
    })().finally(() => (switching = undefined));
    await switching;
  }

  return {
    path,
    async use(work) {
      await refresh().catch(() => undefined); // a half-visible file: keep answering from the one we have
      return within(current, work);
    },
    close() {
      retire(current);
    },
  };
}

/** Work on one generation, which is closed only once nothing uses it any more. */
async function within<T>(generation: Generation, work: (db: Database) => Promise<T>): Promise<T> {
  generation.users++;
  try {
    return await work(generation.db);
  } finally {
    generation.users--;
    if (generation.retired && generation.users === 0) generation.db.close();
  }
}

async function openGeneration(path: string, statementTimeoutMs: number | undefined): Promise<Generation> {
  const id = fileId(path);
  if (!id) throw new Error(`no warehouse file at ${path}`);
  return { db: await openDatabase(path, { readOnly: true, statementTimeoutMs }), fileId: id, users: 0, retired: false };
}

function retire(generation: Generation): void {
  generation.retired = true;
  if (generation.users === 0) generation.db.close();
}

function fileId(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  } catch {
    return undefined;
  }
}
