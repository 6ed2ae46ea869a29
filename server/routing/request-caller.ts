// Who a request comes from, as the access policy found out: kept beside the request (never in a
// header or a body a client could set) for principalOf, the session routes and the audit trail.
// A request the policy never looked at (OPEN_ACCESS) has no entry at all.
import type { Request } from 'express';
import type { Caller } from '../../core/accounts/caller.ts';

export interface Identity {
  /** Undefined: no valid credentials. */
  caller?: Caller;
  /** A Bearer token was presented and is unknown, revoked or expired. */
  badToken?: boolean;
}

const identities = new WeakMap<Request, Identity>();

export const setIdentity = (request: Request, identity: Identity): void => void identities.set(request, identity);

/** What the access policy found, or undefined when no policy identifies callers (OPEN_ACCESS). */
export const identityOf = (request: Request): Identity | undefined => identities.get(request);
