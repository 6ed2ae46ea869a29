// Answers only to the host names the server was configured with, so that a page on another site
// cannot reach a server on localhost through DNS rebinding (its requests carry the attacker's name
// in Host). A request naming any other host gets 421 Misdirected Request.
import type { RequestHandler } from 'express';
import { HttpError } from './errors.ts';
import { httpMessages } from './messages.ts';

/** The names a server on loopback answers to; `startServer` adds the names of its --host and --allowed-host. */
export const LOOPBACK_HOST_NAMES = ['localhost', '127.0.0.1', '::1'] as const;

/** `Host: name[:port]` or `[v6]:port` → the name, lower case, without brackets or port. */
export function hostName(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(1, value.indexOf(']') === -1 ? undefined : value.indexOf(']'));
  const colon = value.lastIndexOf(':');
  return colon === -1 ? value : value.slice(0, colon);
}

/** `allowed` holds host names; `*` answers to any name (behind a proxy that checks Host itself). */
export function hostCheck(allowed: readonly string[]): RequestHandler {
  const names = new Set(allowed.map((name) => name.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1')));
  if (names.has('*')) return (_request, _response, next) => next();
  return (request, _response, next) => {
    const name = hostName(request.get('Host') ?? '');
    if (names.has(name)) {
      next();
      return;
    }
    next(new HttpError(421, 'unknown_host', httpMessages.unknownHost(name)));
  };
}
