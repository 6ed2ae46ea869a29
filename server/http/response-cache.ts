// An in-process LRU of rendered response bodies, bounded both by entries and by bytes. Keys are
// entity tags, which already hash the warehouse data version: a new warehouse simply misses, and
// its predecessor's entries age out. Holds only bodies that were rendered from disclosed rows.
// A second, smaller index remembers which entity tag a request (as it arrived) was answered with,
// so a repeated request finds its body without being validated and normalized again.
import type { Representation } from './representation.ts';

export interface ResponseCacheOptions {
  /** Most responses kept (default 500). */
  maxEntries?: number;
  /** Most body bytes kept (default 64 MiB); a body larger than this is not kept at all. 0 keeps nothing. */
  maxBytes?: number;
}

/** A kept representation with the headers that describe its body merged once, ready to set. */
export interface CachedRepresentation extends Representation {
  readonly contentHeaders: Readonly<Record<string, string>>;
}

// Several spellings of a URL (parameter order, defaults spelled out) share one body.
const REQUESTS_PER_ENTRY = 4;

export class ResponseCache {
  readonly maxEntries: number;
  readonly maxBytes: number;
  #entries = new Map<string, CachedRepresentation>();
  #bytes = 0;
  #tagsByRequest = new Map<string, string>();

  constructor(options: ResponseCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  /** False when its bounds let it keep nothing: every request is then answered afresh. */
  get enabled(): boolean {
    return this.maxEntries >= 1 && this.maxBytes > 0;
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** The entry for `key`, now the most recently used; undefined on a miss. */
  get(key: string): CachedRepresentation | undefined {
    const entry = this.#entries.get(key);
    if (entry) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, representation: Representation): void {
    this.delete(key);
    if (!this.enabled || representation.body.length > this.maxBytes) return;
    const entry = { ...representation, contentHeaders: { 'Content-Type': representation.contentType, ...representation.headers } };
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

  /** The entity tag `request` was answered with (see rememberRequest), or undefined. */
  tagOfRequest(request: string): string | undefined {
    const tag = this.#tagsByRequest.get(request);
    if (tag !== undefined) {
      this.#tagsByRequest.delete(request);
      this.#tagsByRequest.set(request, tag);
    }
    return tag;
  }

  /**
   * Records that `request` (a text naming everything the response depends on before validation,
   * such as data version, format and URL) is answered by the entity `tag`. Only for requests whose
   * answer cannot change while that text stays the same.
   */
  rememberRequest(request: string, tag: string): void {
    if (!this.enabled) return;
    this.#tagsByRequest.delete(request);
    this.#tagsByRequest.set(request, tag);
    for (const oldest of this.#tagsByRequest.keys()) {
      if (this.#tagsByRequest.size <= this.maxEntries * REQUESTS_PER_ENTRY) break;
      this.#tagsByRequest.delete(oldest);
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#tagsByRequest.clear();
    this.#bytes = 0;
  }
}
