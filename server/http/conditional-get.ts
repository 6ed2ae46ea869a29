// Validation and caching of GET responses whose content is fixed by the warehouse data version,
// the normalized query and the format: the entity tag hashes exactly these, so a 304 or a cached
// body is only ever the answer the same request would compute again (RFC 9110 §8.8.3, §13.1.2).
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Representation } from './representation.ts';
import type { ResponseCache } from './response-cache.ts';

/** What a response depends on. `query` should be canonical: see canonicalQuery. */
export interface ResponseIdentity {
  dataVersion: string;
  query: string;
  format: string;
}

/**
 * A canonical text of request parameters after validation and defaults: keys sorted, undefined
 * dropped, lists joined with commas in their given order (by=sex,race is a different table from
 * by=race,sex). `?period=year&sex=F` and `?sex=F` (period defaults to year) give the same text.
 */
export function canonicalQuery(parameters: Record<string, string | readonly string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const name of Object.keys(parameters).sort()) {
    const value = parameters[name];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    search.append(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  return search.toString();
}

export function entityTag({ dataVersion, query, format }: ResponseIdentity): string {
  return `"${createHash('sha256').update(JSON.stringify([dataVersion, query, format])).digest('base64url').slice(0, 32)}"`;
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored; * matches any. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/**
 * Answers a GET with 304 when the client holds the current version, with the cached body when the
 * server holds it, and otherwise renders, keeps and sends it. `render` runs only on a miss.
 * The response varies by Accept (the format), so shared caches keep the formats apart.
 */
export async function sendCached(
  request: Request,
  response: Response,
  options: { cache: ResponseCache; identity: ResponseIdentity; render: () => Promise<Representation> },
): Promise<void> {
  const etag = entityTag(options.identity);
  response.set({ ETag: etag, 'Cache-Control': 'private, max-age=0, must-revalidate' }).vary('Accept');
  if (matchesIfNoneMatch(request.get('If-None-Match'), etag)) {
    response.status(304).end();
    return;
  }
  let entry = options.cache.get(etag);
  if (!entry) {
    entry = await options.render();
    options.cache.set(etag, entry);
  }
  response.set({ 'Content-Type': entry.contentType, ...entry.headers });
  response.send(entry.body);
}
