// Values read once per open warehouse (a Database object) and shared by every caller: a new
// warehouse file is a new Database, so a reload never serves a stale value. A read that fails is
// not kept, so its error is reported once and the next caller reads again. Never holds a Database
// alive (weak keys).
import type { Database } from './database.ts';

/** What `remembered` keeps promises in: a Map, or a WeakMap for object keys. */
interface PromiseCache<K, T> {
  get(key: K): Promise<T> | undefined;
  set(key: K, value: Promise<T>): unknown;
  delete(key: K): unknown;
}

/** The promise `cache` holds for `key`, else `read()`'s, kept there unless it fails. */
export function remembered<K, T>(cache: PromiseCache<K, T>, key: K, read: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = read();
    value.catch(() => cache.delete(key));
    cache.set(key, value);
  }
  return value;
}

/** `read`, run once per Database. */
export function perDatabase<T>(read: (db: Database) => Promise<T>): (db: Database) => Promise<T> {
  const cache = new WeakMap<Database, Promise<T>>();
  return (db) => remembered(cache, db, () => read(db));
}
