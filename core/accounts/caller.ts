// Who a request comes from once its credentials are checked: a signed-in user (by session cookie) or
// an API token. `principal` keys everything kept per caller (the cohort ledger, the audit trail).
import type { RowAccess } from './row-restriction.ts';
import type { AccountRole } from './roles.ts';

/** `rows`: the rows the caller may read, from their rule and role (row-restriction.ts). */
export type Caller =
  | { via: 'session'; principal: string; role: AccountRole; rows: RowAccess; user: string; sessionId: string; csrfToken: string }
  | { via: 'token'; principal: string; role: AccountRole; rows: RowAccess; tokenId: string };

export const userPrincipal = (name: string): string => `user:${name}`;
export const tokenPrincipal = (id: string): string => `token:${id}`;
