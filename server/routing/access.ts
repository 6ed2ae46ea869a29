// The access policy the app asks, route by route, before a handler runs: may this request call a
// route that requires `role`? Sign-in (issue 15) brings a policy that checks the caller's session;
// until then the app runs with OPEN_ACCESS, under which every caller holds every role.
import type { RequestHandler } from 'express';
import type { Role } from './route-table.ts';

export interface AccessPolicy {
  /** Middleware that lets the request through when its caller holds `role`, and answers 401/403 otherwise. */
  require(role: Role): RequestHandler;
}

const letThrough: RequestHandler = (_request, _response, next) => next();

export const OPEN_ACCESS: AccessPolicy = { require: () => letThrough };
