// Compresses response bodies (gzip, or brotli when accepted) for every route that sends a whole body
// with response.send/json (the API and its cached bodies), whatever their size: a 304 cannot know the
// size of the body it stands for, and must carry the same tag as the 200 it validates. The entity tag follows the coding: the
// identity tag plus "-gzip"/"-br", in the 200 and in a 304 alike, so a 304 and a cached hit stay
// right (conditional-get.ts compares If-None-Match without the coding). Every response to a
// request that could be compressed varies by Accept-Encoding. Never compresses a streamed body.
import type { NextFunction, Request, Response } from 'express';
import { compressBody, isCompressible, negotiateCoding, tagForCoding } from './content-coding.ts';

export function compression() {
  return (request: Request, response: Response, next: NextFunction): void => {
    const coding = negotiateCoding(request.headers['accept-encoding']);
    const send = response.send.bind(response);
    response.send = (body?: unknown) => {
      const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.isBuffer(body) ? body : null;
      // Objects go through response.json, which calls send again with a string.
      if (bytes === null || response.headersSent) return send(body);
      if (typeof body === 'string' && !response.get('Content-Type')) response.type('html');
      if (!isCompressible(response.get('Content-Type')) || response.get('Content-Encoding')) return send(body);
      response.vary('Accept-Encoding');
      if (coding === null || /no-transform/.test(String(response.get('Cache-Control') ?? ''))) return send(body);
      // The identity tag first (Express would otherwise hash the compressed bytes), then the coding's.
      const etag = response.get('ETag') ?? identityEtag(request, bytes);
      if (etag) response.setHeader('ETag', tagForCoding(etag, coding));
      response.setHeader('Content-Encoding', coding);
      response.removeHeader('Content-Length');
      return send(compressBody(bytes, coding));
    };
    // A 304 carries the tag the 200 would have had (RFC 9110 §15.4.5): the coding's, for a compressible
    // entity; conditional-get answers 304 before any body exists, so the tag is fixed as headers go out.
    const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => Response;
    response.writeHead = ((...args: unknown[]) => {
      if (coding !== null && (args[0] ?? response.statusCode) === 304) {
        const etag = response.getHeader('ETag');
        if (typeof etag === 'string') response.setHeader('ETag', tagForCoding(etag, coding));
        response.vary('Accept-Encoding');
      }
      return writeHead(...args);
    }) as Response['writeHead'];
    next();
  };
}

function identityEtag(request: Request, body: Buffer): string | undefined {
  const etagOf = request.app.get('etag fn') as ((body: Buffer, encoding: BufferEncoding) => string) | undefined;
  return etagOf?.(body, 'utf8');
}
