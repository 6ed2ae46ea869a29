// The ports of the accounts: users, their sessions and API tokens, as the state store keeps them
// (server/state adapts them to its tables). Secrets never cross these ports in clear: sessions and
// tokens are found by the SHA-256 of what the caller presents, users by name.
import type { RowRule } from './row-restriction.ts';
import type { AccountRole } from './roles.ts';

export interface User {
  name: string;
  role: AccountRole;
  disabled: boolean;
  /** ISO time (UTC). */
  createdAt: string;
  /** The rows the user may read; null: no rule (row-restriction.ts: an admin reads all, anyone else nothing). */
  restriction: RowRule | null;
}

export interface UserStore {
  /** Adds a user; resolves false (and changes nothing) when the name is taken. */
  add(user: { name: string; role: AccountRole; passwordHash: string; createdAt: string; restriction: RowRule | null }): Promise<boolean>;
  find(name: string): Promise<(User & { passwordHash: string }) | undefined>;
  list(): Promise<User[]>;
  /** Sets (or, with null, removes) a user's row rule; false when there is no such user. */
  restrict(name: string, rule: RowRule | null): Promise<boolean>;
  /** Disables a user and ends their sessions; false when there is no such user. */
  disable(name: string): Promise<boolean>;
}

export interface StoredSession {
  user: User;
  createdAt: string;
  lastSeenAt: string;
}

export interface SessionStore {
  create(session: { idHash: string; user: string; createdAt: string }): Promise<void>;
  /** The session and its user as they are now (a disabled user or a changed role shows at once). */
  find(idHash: string): Promise<StoredSession | undefined>;
  touch(idHash: string, at: string): Promise<void>;
  remove(idHash: string): Promise<void>;
  /** Removes sessions last seen before `cutoff` (ISO time). */
  removeIdleSince(cutoff: string): Promise<number>;
}

export interface ApiToken {
  id: string;
  role: AccountRole;
  label: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** The rows the token may read; null: no rule (an admin token reads all, any other nothing). */
  restriction: RowRule | null;
}

export interface ApiTokenStore {
  create(token: ApiToken & { tokenHash: string }): Promise<void>;
  findByHash(tokenHash: string): Promise<ApiToken | undefined>;
  list(): Promise<ApiToken[]>;
  /** Marks a token revoked; false when there is no such token or it was revoked already. */
  revoke(id: string, at: string): Promise<boolean>;
}

export interface AccountStores {
  users: UserStore;
  sessions: SessionStore;
  tokens: ApiTokenStore;
}
