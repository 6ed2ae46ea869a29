// API tokens for scripts and tests (`Authorization: Bearer <token>`): each holds a role, may expire
// and may be revoked. The token is shown once when it is made; the store keeps its SHA-256.
import type { ApiToken, ApiTokenStore } from './account-stores.ts';
import { tokenPrincipal, type Caller } from './caller.ts';
import { rowAccessOf, type RowRule } from './row-restriction.ts';
import type { AccountRole } from './roles.ts';
import { newApiToken, newTokenId, secretHash, type RandomBytes } from './secrets.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ApiTokenDeps {
  clock: () => Date;
  randomBytes: RandomBytes;
}

export interface NewApiToken {
  role: AccountRole;
  /** Whole days until it stops working; none: it works until revoked. */
  expiresDays?: number;
  label?: string;
  /** The rows it may read; none given: no rule (default deny below admin). */
  restriction?: RowRule;
}

export type TokenCaller = Extract<Caller, { via: 'token' }>;

export interface ApiTokens {
  /** Makes a token: its record, and the token itself (never stored, never shown again). */
  create(request: NewApiToken): Promise<{ token: string; record: ApiToken }>;
  /** The caller of a presented token, or undefined when it is unknown, revoked or expired. */
  callerOf(token: string): Promise<TokenCaller | undefined>;
  list(): Promise<ApiToken[]>;
  revoke(id: string): Promise<boolean>;
}

export function apiTokens(store: ApiTokenStore, deps: ApiTokenDeps): ApiTokens {
  return {
    async create({ role, expiresDays, label, restriction }) {
      const now = deps.clock();
      const token = newApiToken(deps.randomBytes);
      const record: ApiToken = {
        id: newTokenId(deps.randomBytes),
        role,
        label: label ?? null,
        createdAt: now.toISOString(),
        expiresAt: expiresDays === undefined ? null : new Date(now.getTime() + expiresDays * DAY_MS).toISOString(),
        revokedAt: null,
        restriction: restriction ?? null,
      };
      await store.create({ ...record, tokenHash: secretHash(token) });
      return { token, record };
    },
    async callerOf(token) {
      const record = await store.findByHash(secretHash(token));
      if (!record || record.revokedAt !== null) return undefined;
      if (record.expiresAt !== null && Date.parse(record.expiresAt) <= deps.clock().getTime()) return undefined;
      return { via: 'token', principal: tokenPrincipal(record.id), role: record.role, rows: rowAccessOf(record.role, record.restriction), tokenId: record.id };
    },
    list: () => store.list(),
    revoke: (id) => store.revoke(id, deps.clock().toISOString()),
  };
}
