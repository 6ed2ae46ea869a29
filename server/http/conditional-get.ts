// Validation and caching of GET responses whose content is fixed by the warehouse data version,
// the normalized query and the format: the entity tag hashes exactly these, so a 304 or a cached
// body is only ever the answer the same request would compute again (RFC 9110 §8.8.3, §13.1.2).
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { noteForAudit } from '../audit/audit-notes.ts';
import { identityTag } from './content-coding.ts';
import type { Representation } from './representation.ts';
import type { CachedRepresentation, ResponseCache } from './response-cache.ts';

/**
 * A representation of disclosed cells with their count for the audit trail. The count is kept in
 * the cache beside the body (the cache keeps the object's fields), so a cached answer reports it too.
 */
export interface CountedRepresentation extends Representation {
  cells?: { cellsReturned: number; cellsSuppressed: number };
}

/** What a response depends on. `query` should be canonical: see canonicalQuery. */
export interface ResponseIdentity {
  dataVersion: string;
  query: string;
  format: string;
}

const CACHE_CONTROL = 'private, max-age=0, must-revalidate';

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

/**
 * If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored; * matches any.
 * A tag of a compressed representation ("abc-gzip", compression.ts) validates its identity tag "abc":
 * the compression middleware then sends the 304 with the coding's tag again.
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => identityTag(tag.trim().replace(/^W\//, ''));
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/**
 * Answers a GET with 304 when the client holds the current version, with the cached body when the
 * server holds it, and otherwise renders, keeps and sends it. `render` runs only on a miss.
 * The response varies by Accept (the format), so shared caches keep the formats apart.
 * `requestKey`, when given, is remembered as answered by this entity (see sendRemembered).
 */
export async function sendCached(
  request: Request,
  response: Response,
  options: { cache: ResponseCache; identity: ResponseIdentity; render: () => Promise<CountedRepresentation>; requestKey?: string },
): Promise<void> {
  const { cache, requestKey } = options;
  const etag = entityTag(options.identity);
  if (!answerFromCache(request, response, cache, etag)) {
    setValidators(response, etag);
    const representation = await options.render();
    noteForAudit(response, { cached: false, ...representation.cells });
    cache.set(etag, representation);
    response.set({ 'Content-Type': representation.contentType, ...representation.headers });
    response.send(representation.body);
  }
  if (requestKey !== undefined) cache.rememberRequest(requestKey, etag);
}

/**
 * Answers a request that sendCached answered before under the same `requestKey` (a text naming
 * all the request depends on, e.g. data version, format and URL) with 304 or its cached body,
 * without validating and normalizing it again. False, with nothing sent, when it is not known.
 */
export function sendRemembered(request: Request, response: Response, cache: ResponseCache, requestKey: string): boolean {
  const etag = cache.tagOfRequest(requestKey);
  return etag !== undefined && answerFromCache(request, response, cache, etag);
}

/** 304 if the client holds `etag`, else the cached body of `etag`; false, with nothing sent, if neither. */
function answerFromCache(request: Request, response: Response, cache: ResponseCache, etag: string): boolean {
  const notModified = matchesIfNoneMatch(request.headers['if-none-match'], etag);
  const entry = notModified ? undefined : cache.get(etag);
  if (!notModified && !entry) return false;
  setValidators(response, etag);
  // A 304 sends no cells; a cached body sends the ones it was rendered from.
  noteForAudit(response, { cached: true, ...(entry as (CachedRepresentation & CountedRepresentation) | undefined)?.cells });
  if (entry) {
    response.set(entry.contentHeaders);
    response.send(entry.body);
  } else {
    response.status(304).end();
  }
  return true;
}

function setValidators(response: Response, etag: string): void {
  response.setHeader('ETag', etag);
  response.setHeader('Cache-Control', CACHE_CONTROL);
  response.vary('Accept');
}
