// The built dashboard's text assets (scripts, styles, the page), compressed: gzip at once, brotli
// made in the background on first use (quality 9: about 0.5 s for the largest script) and sent once
// ready. Only files that were in the folder at start are served (no path is ever joined from a
// request); anything else, and a request that accepts no coding, falls through to express.static.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import { brotliCompress, constants, gzipSync } from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';
import { negotiateCoding, tagForCoding, type ContentCoding } from './content-coding.ts';
import { matchesIfNoneMatch } from './conditional-get.ts';

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.map', '.txt', '.webmanifest']);
const STATIC_BROTLI_QUALITY = 9;

interface Asset {
  path: string;
  etag: string;
  gzip: Buffer;
  br?: Buffer;
  brPending?: boolean;
}

export interface CompressedStatic {
  middleware: (request: Request, response: Response, next: NextFunction) => void;
  /** Sends the asset at `urlPath` compressed, if it is one and the request accepts a coding; else false. */
  send: (request: Request, response: Response, urlPath: string) => boolean;
}

export function compressedStatic(root: string, options: { maxAgeSeconds: number }): CompressedStatic {
  const files = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const path = join(root, entry);
    if (COMPRESSIBLE.has(extname(entry).toLowerCase()) && statSync(path).isFile()) files.set(`/${entry.split(sep).join('/')}`, path);
  }
  const assets = new Map<string, Asset>();
  const assetAt = (urlPath: string): Asset | undefined => {
    const path = files.get(urlPath);
    if (!path) return undefined;
    let asset = assets.get(urlPath);
    if (!asset) {
      const identity = readFileSync(path);
      asset = { path, etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`, gzip: gzipSync(identity, { level: 9 }) };
      const made = asset;
      made.brPending = true;
      brotliCompress(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: STATIC_BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }, (error, bytes) => {
        made.brPending = false;
        if (!error) made.br = bytes;
      });
      assets.set(urlPath, asset);
    }
    return asset;
  };

  const send = (request: Request, response: Response, urlPath: string): boolean => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (!files.has(urlPath)) return false;
    response.vary('Accept-Encoding');
    const accepted = negotiateCoding(request.headers['accept-encoding']);
    if (accepted === null) return false;
    const asset = assetAt(urlPath)!;
    // Until brotli is ready, gzip (which every browser that sends br also accepts).
    const coding: ContentCoding = accepted === 'br' && asset.br ? 'br' : 'gzip';
    if (coding === 'gzip' && !/gzip|\*/i.test(String(request.headers['accept-encoding']))) return false;
    const body = coding === 'br' ? asset.br! : asset.gzip;
    const etag = tagForCoding(asset.etag, coding);
    response.type(extname(asset.path));
    response.setHeader('Cache-Control', urlPath.endsWith('.html') ? 'no-cache' : `public, max-age=${options.maxAgeSeconds}`);
    response.setHeader('ETag', etag);
    if (matchesIfNoneMatch(request.headers['if-none-match'], etag) && request.headers['if-none-match']!.includes(`-${coding}"`)) {
      response.status(304).end();
      return true;
    }
    response.setHeader('Content-Encoding', coding);
    response.setHeader('Content-Length', String(body.length));
    if (request.method === 'HEAD') response.end();
    else response.end(body);
    return true;
  };

  return {
    send,
    middleware: (request, response, next) => {
      let urlPath: string;
      try {
        urlPath = decodeURIComponent(request.path);
      } catch {
        return next();
      }
      if (!send(request, response, urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath)) next();
    },
  };
}
