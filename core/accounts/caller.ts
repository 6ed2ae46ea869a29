// Who a request comes from once its credentials are checked: a signed-in user (by session cookie) or
// an API token. `principal` keys everything kept per caller (the cohort ledger, the audit trail).
import type { AccountRole } from './roles.ts';

export type Caller =
  | { via: 'session'; principal: string; role: AccountRole; user: string; sessionId: string; csrfToken: string }
  | { via: 'token'; principal: string; role: AccountRole; tokenId: string };

export const userPrincipal = (name: string): string => `user:${name}`;
export const tokenPrincipal = (id: string): string => `token:${id}`;
