// JSON bodies that stay the same for the life of one value: the warehouse facts of one warehouse
// generation, the measure catalog, a load's quality report. Serialized and tagged once per value
// rather than on every request, then sent exactly as response.json() would send them: the same
// bytes, Content-Type and weak ETag, and a 304 when Express finds the client's copy fresh.
import type { Request, Response } from 'express';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

interface PreparedJson {
  body: Buffer;
  contentLength: string;
  etag: string | undefined;
}

/**
 * A sender for one router. Values are remembered by identity, so they must never be mutated
 * after they were first sent (the cached warehouse facts and reports are not).
 */
export function fixedJsonSender(): (request: Request, response: Response, value: object) => void {
  const prepared = new WeakMap<object, PreparedJson>();
  return (request, response, value) => {
    let entry = prepared.get(value);
    if (!entry) {
      entry = prepare(request, value);
      prepared.set(value, entry);
    }
    // Set in the order response.json() sets them; send() keeps the ETag and answers 304 or HEAD.
    response.setHeader('Content-Type', JSON_CONTENT_TYPE);
    response.setHeader('Content-Length', entry.contentLength);
    if (entry.etag !== undefined) response.setHeader('ETag', entry.etag);
    response.send(entry.body);
  };
}

function prepare(request: Request, value: object): PreparedJson {
  // As response.json() serializes (the app sets no 'json replacer', 'json spaces' or 'json escape').
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  // The app's own ETag function, as response.send() would call it on every request.
  const etagOf = request.app.get('etag fn') as ((body: Buffer, encoding: BufferEncoding) => string) | undefined;
  return { body, contentLength: String(body.length), etag: etagOf?.(body, 'utf8') };
}
