// An in-process LRU of rendered response bodies, bounded both by entries and by bytes. Keys are
// entity tags, which already hash the warehouse data version: a new warehouse simply misses, and
// its predecessor's entries age out. Holds only bodies that were rendered from disclosed rows.
import type { Representation } from './representation.ts';

export interface ResponseCacheOptions {
  /** Most responses kept (default 500). */
  maxEntries?: number;
  /** Most body bytes kept (default 64 MiB); a body larger than this is not kept at all. */
  maxBytes?: number;
}

export class ResponseCache {
  readonly maxEntries: number;
  readonly maxBytes: number;
  #entries = new Map<string, Representation>();
  #bytes = 0;

  constructor(options: ResponseCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** The entry for `key`, now the most recently used; undefined on a miss. */
  get(key: string): Representation | undefined {
    const entry = this.#entries.get(key);
    if (entry) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: Representation): void {
    this.delete(key);
    if (entry.body.length > this.maxBytes || this.maxEntries < 1) return;
    this.#entries.set(key, entry);
    this.#bytes += entry.body.length;
    // A Map iterates in insertion order, and get() re-inserts: the first key is the least recently used.
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.body.length;
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }
}
