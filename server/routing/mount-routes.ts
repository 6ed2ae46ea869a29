// Mounts route tables on a router: for each route, the access check for its role, its body parser
// when it takes one, then its handler; a known path called with a method it does not have answers
// 405 with an Allow header. Bad or oversized JSON bodies become API errors, never 500s.
import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import { HttpError } from '../http/errors.ts';
import { httpMessages } from '../http/messages.ts';
import type { AccessPolicy } from './access.ts';
import { negotiateFormat, TABLE_FORMATS } from '../http/negotiate.ts';
import { expressPath, ROLES, type Role, type Route, type RouteTable } from './route-table.ts';
import { requireRowAccess } from './row-access.ts';

export function mountRoutes(tables: readonly RouteTable[], access: AccessPolicy): Router {
  const router = Router();
  const methodsByPath = new Map<string, string[]>();
  for (const route of tables.flat()) {
    const path = expressPath(route.path);
    const contentRoles = contentRoleCheck(route, access);
    const steps = [access.require(route.role), ...(contentRoles ? [contentRoles] : []), ...(route.readsRows ? [requireRowAccess] : []), ...(route.jsonBody ? [express.json({ limit: route.jsonBody.limit })] : [])];
    router[route.method](path, ...steps, async (request, response) => {
      await route.handler(request, response);
    });
    methodsByPath.set(path, [...(methodsByPath.get(path) ?? []), route.method.toUpperCase()]);
  }
  for (const [path, methods] of methodsByPath) {
    const allowed = methods.includes('GET') ? [...methods, 'HEAD'] : methods;
    router.all(path, (request, response) => {
      response.setHeader('Allow', allowed.join(', '));
      throw new HttpError(405, 'method_not_allowed', httpMessages.methodNotAllowed(request.method, `${request.baseUrl}${request.path}`, allowed), { allowed });
    });
  }
  router.use(bodyErrors);
  return router;
}

/**
 * The higher role some representations or parameters of a route need (roleByFormat, roleByParameter),
 * asked of the access policy like the route's own: 403 naming the role needed. Undefined when the
 * route has none.
 */
function contentRoleCheck(route: Route, access: AccessPolicy): RequestHandler | undefined {
  const { roleByFormat, roleByParameter } = route;
  if (!roleByFormat && !roleByParameter) return undefined;
  return (request, response, next) => {
    const needed: Role[] = [];
    for (const [name, role] of Object.entries(roleByParameter ?? {})) if (request.query[name] !== undefined) needed.push(role);
    if (roleByFormat) {
      const role = roleByFormat[TABLE_FORMATS[negotiateFormat(request)]];
      if (role) needed.push(role);
    }
    const highest = needed.sort((a, b) => ROLES.indexOf(b) - ROLES.indexOf(a))[0];
    if (!highest) return next();
    return access.require(highest)(request, response, next);
  };
}

/** express.json() failures (bad JSON, too large, a body that is not in its Content-Encoding) become API errors instead of 500s. */
const bodyErrors: ErrorRequestHandler = (error, request, _response, next) => {
  const { status, type, code } = error as { status?: number; type?: string; code?: string };
  if (typeof code === 'string' && code.startsWith('Z_')) {
    // zlib could not inflate a body sent with Content-Encoding gzip or deflate.
    next(new HttpError(400, 'invalid_body', httpMessages.notGzip(request.get('Content-Encoding') ?? 'gzip'), undefined, { cause: error }));
    return;
  }
  if (typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500) {
    const invalidJson = type === 'entity.parse.failed';
    next(new HttpError(status, invalidJson ? 'invalid_json' : 'invalid_body', invalidJson ? httpMessages.invalidJson : String((error as Error).message), undefined, { cause: error }));
    return;
  }
  next(error);
};
