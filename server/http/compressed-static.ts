// The built dashboard's text assets (scripts, styles, the page), compressed. The build writes each
// one's .gz and .br beside it (vite.config.ts), read here on first use; for a file without them,
// gzip at once and brotli in the background on first use (quality 9: about 0.5 s for the largest
// script), sent once ready: a first visit would otherwise wait for the compression of 1.7 MB. Only files that were in the folder at start are served (no path is ever joined from a
// request); anything else, and a request that accepts no coding, falls through to express.static.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
      const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
      const gzip = prebuilt(path, 'gz');
      const br = prebuilt(path, 'br');
      asset = { path, etag, gzip: gzip ?? gzipSync(identity, { level: 9 }), br };
      assets.set(urlPath, asset);
      if (br) return asset;
      const made = asset;
      made.brPending = true;
      brotliCompress(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: STATIC_BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }, (error, bytes) => {
        made.brPending = false;
        if (!error) made.br = bytes;
      });
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

/** The build's compressed copy of a file (`<file>.gz`, `<file>.br`), when it is at least as new as the file. */
function prebuilt(path: string, extension: 'gz' | 'br'): Buffer | undefined {
  const copy = `${path}.${extension}`;
  return existsSync(copy) && statSync(copy).mtimeMs >= statSync(path).mtimeMs ? readFileSync(copy) : undefined;
}
