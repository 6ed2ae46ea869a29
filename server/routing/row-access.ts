// Row-level restriction at the HTTP edge: which rows the caller of a request may read. A route that
// answers from patient rows declares `readsRows` in its route table; mounting puts the check below
// before its handler (and so before the response cache), refusing a caller who may read no row with
// 403 `no_data_access`. The handler then narrows its SQL with restrictionOf(request).
// Without sign-in (OPEN_ACCESS) nobody is identified and every row is readable, as before.
import type { Request, RequestHandler } from 'express';
import { restrictionMessages, restrictionText, type RowAccess, type RowLimits } from '../../core/accounts/row-restriction.ts';
import { HttpError } from '../http/errors.ts';
import { identityOf } from './request-caller.ts';

const ALL: RowAccess = { kind: 'all' };
const NONE: RowAccess = { kind: 'none' };

/** The rows the caller may read: every row without sign-in, none for a caller without credentials. */
export function rowAccessOf(request: Request): RowAccess {
  const identity = identityOf(request);
  if (!identity) return ALL;
  return identity.caller?.rows ?? NONE;
}

/** The limits to apply to this request's SQL; undefined: every row. */
export function restrictionOf(request: Request): RowLimits | undefined {
  const access = rowAccessOf(request);
  return access.kind === 'limited' ? access.limits : undefined;
}

/** The restriction's canonical text, for cache keys and the audit record (null: every row). */
export const restrictionKeyOf = (request: Request): string | null => restrictionText(rowAccessOf(request));

/** Mounted before the handler of every route that reads rows. */
export const requireRowAccess: RequestHandler = (request, _response, next) => {
  const access = rowAccessOf(request);
  if (access.kind === 'none') {
    const role = identityOf(request)?.caller?.role;
    throw new HttpError(403, 'no_data_access', restrictionMessages.noDataAccess(role ?? 'viewer'));
  }
  next();
};

/** A filter on a restricted dimension must name one of its allowed values: 403 otherwise, naming the parameter. */
export function checkFiltersWithin(request: Request, filters: Record<string, unknown>): void {
  const limits = restrictionOf(request);
  if (!limits) return;
  for (const [dimension, allowed] of Object.entries(limits)) {
    const value = filters[dimension];
    if (typeof value === 'string' && !allowed.includes(value)) {
      throw new HttpError(403, 'outside_restriction', restrictionMessages.outsideRestriction(dimension, value, limits), { parameter: dimension, allowed });
    }
  }
}
