// Content codings (RFC 9110 §8.4): which one a request accepts, which bodies are worth compressing,
// the compressed bytes (kept beside the body they came from, so a cached body is compressed once),
// and the entity tag of a compressed representation: the identity tag with the coding appended
// ("abc" → "abc-gzip"), a different strong validator for different bytes (as Apache's mod_deflate).
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type ContentCoding = 'br' | 'gzip';

/** Brotli quality 5: within a few percent of quality 11 on JSON and scripts, at a small part of its time. */
const BROTLI_QUALITY = 5;

/**
 * The coding to send for an Accept-Encoding header: br, else gzip, when accepted with q > 0
 * (`*` accepts both); null for none (identity).
 */
export function negotiateCoding(header: string | string[] | undefined): ContentCoding | null {
  if (!header) return null;
  const accepted = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = parameters.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const quality = (coding: string) => accepted.get(coding) ?? accepted.get('*') ?? 0;
  if (quality('br') > 0) return 'br';
  if (quality('gzip') > 0 || quality('x-gzip') > 0) return 'gzip';
  return null;
}

/** Text and Arrow compress well; images and already-compressed formats do not. */
export function isCompressible(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type.startsWith('text/') || /^application\/(json|javascript|xml|.*\+json|.*\+xml|vnd\.apache\.arrow\.stream|wasm)$/.test(type) || type === 'image/svg+xml';
}

const compressed = new WeakMap<Buffer, Partial<Record<ContentCoding, Buffer>>>();

/** The body in `coding`; the same Buffer (a cached body) is compressed once per coding. */
export function compressBody(body: Buffer, coding: ContentCoding): Buffer {
  const known = compressed.get(body) ?? {};
  let bytes = known[coding];
  if (!bytes) {
    bytes = coding === 'gzip'
      ? gzipSync(body)
      : brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
    known[coding] = bytes;
    compressed.set(body, known);
  }
  return bytes;
}

/** `"abc"` → `"abc-gzip"`, `W/"abc"` → `W/"abc-gzip"`; unchanged when it already names the coding. */
export function tagForCoding(etag: string, coding: ContentCoding): string {
  const suffix = `-${coding}"`;
  return etag.endsWith(suffix) || !etag.endsWith('"') ? etag : `${etag.slice(0, -1)}${suffix}`;
}

/** The identity tag of a tag `tagForCoding` made (for If-None-Match against the identity tag). */
export function identityTag(etag: string): string {
  return etag.replace(/-(br|gzip)"$/, '"');
}
