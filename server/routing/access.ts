// The access policy the app asks, route by route, before a handler runs: may this request call a
// route that requires `role`? Without sign-in the app runs with OPEN_ACCESS, under which every
// caller holds every role; `popsight serve --sign-in` uses signInAccess (sign-in-access.ts), which
// identifies each caller by session cookie or API token.
import type { RequestHandler } from 'express';
import type { Role, RouteTable } from './route-table.ts';

export interface AccessPolicy {
  /** Middleware that lets the request through when its caller holds `role`, and answers 401/403 otherwise. */
  require(role: Role): RequestHandler;
  /** Runs ahead of every /api request (and of the audit record): finds out who is calling. */
  identify?: RequestHandler;
  /** Routes the policy serves itself (sign-in and out), mounted with the others. */
  routes?: RouteTable;
}

const letThrough: RequestHandler = (_request, _response, next) => next();

export const OPEN_ACCESS: AccessPolicy = { require: () => letThrough };
