// One declaration per endpoint: method, path, who may call it, its OpenAPI operation (parameters and
// body described from the zod schemas the handler validates with) and the handler. The app mounts
// routes from these tables and builds the OpenAPI document from the same tables, so the two cannot
// drift; access control and audit act on the declared role, ahead of the handler and its cache.
import type { Request, Response } from 'express';

/**
 * Who may call a route. `anyone`: also callers who are not signed in (health, the API document).
 * The others are roles, each including the ones before it: `viewer` reads dashboards (measures as
 * JSON, meta, dimensions, the catalog) and reports sent to them; `analyst` also works with cohorts,
 * exports (CSV, Arrow), trends and comparisons; `admin` also reads quality details, load history and
 * the audit log, and manages users, tokens and the disclosure settings (from the command line).
 */
export const ROLES = ['anyone', 'viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** An OpenAPI 3.1 operation object (paths are relative to the server URL /api). */
export interface Operation {
  summary: string;
  operationId: string;
  tags: string[];
  description?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

export interface Route {
  method: HttpMethod;
  /** In OpenAPI form, relative to /api: `/measures/{id}`. */
  path: string;
  role: Role;
  operation: Operation;
  /**
   * Answers from patient rows: the caller's row restriction narrows its SQL (row-access.ts), and a
   * caller who may read no row is refused with 403 before the handler.
   */
  readsRows?: boolean;
  /**
   * A higher role for some representations of the same route (media type → role): a viewer route
   * whose CSV and Arrow exports need an analyst. Checked before the handler, after content
   * negotiation; the OpenAPI operation lists it in x-required-role-by-format.
   */
  roleByFormat?: Readonly<Record<string, Role>>;
  /** A higher role when a query parameter is given (e.g. `cohort`); in x-required-role-by-parameter. */
  roleByParameter?: Readonly<Record<string, Role>>;
  /** A JSON request body up to this size is parsed into request.body (e.g. '256kb'). */
  jsonBody?: { limit: string };
  handler: (request: Request, response: Response) => unknown;
}

export type RouteTable = readonly Route[];

/** `/measures/{id}` → `/measures/:id`, the form Express matches. */
export const expressPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');
