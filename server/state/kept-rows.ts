// Rows of the state file kept in memory by key, for the lookups every request makes (its API token,
// its session). Shared by every store on the file in this process (StateDatabase.memory), so a change
// made through any of them forgets what it made stale; no other process can change the file while
// this one holds it (DuckDB's lock). A read that overlaps a change keeps nothing: the change bumps a
// generation before and after it commits. Only rows that exist are kept, at most `max`, oldest out first.
import type { StateDatabase } from './state-database.ts';

export interface KeptRows<T> {
  /** The row kept under `key`, else what `load` reads (kept when it is a row). */
  find(key: string, load: () => Promise<T | undefined>): Promise<T | undefined>;
  /** Runs a change of the file, then forgets the rows `stale` names (every row without it). */
  change<R>(work: () => Promise<R>, stale?: (row: T, key: string) => boolean): Promise<R>;
}

export function keptRows<T>(db: StateDatabase, name: string, max: number): KeptRows<T> {
  const key = `kept-rows:${name}`;
  if (!db.memory.has(key)) db.memory.set(key, { rows: new Map<string, T>(), generation: 0 });
  const kept = db.memory.get(key) as { rows: Map<string, T>; generation: number };
  const forget = (stale?: (row: T, key: string) => boolean) => {
    kept.generation += 1;
    if (!stale) return kept.rows.clear();
    for (const [key, row] of kept.rows) if (stale(row, key)) kept.rows.delete(key);
  };
  return {
    async find(key, load) {
      const row = kept.rows.get(key);
      if (row !== undefined) return row;
      const generation = kept.generation;
      const loaded = await load();
      if (loaded !== undefined && generation === kept.generation) {
        if (kept.rows.size >= max) kept.rows.delete(kept.rows.keys().next().value!);
        kept.rows.set(key, loaded);
      }
      return loaded;
    },
    async change(work, stale) {
      kept.generation += 1;
      try {
        return await work();
      } finally {
        forget(stale);
      }
    },
  };
}
