// The accounts' ports (core/accounts/account-stores.ts) in the state store's `users`, `sessions` and
// `api_tokens` tables (migration 0004). Every value is bound; sessions and tokens are looked up by
// the hash of the presented secret, which is all the tables hold of it. Tokens and sessions found
// are kept in memory (every request presents one; kept-rows.ts) and forgotten by the changes that
// make them stale: a revoked token, a touched or ended session, a disabled or restricted user.
import type { ApiToken, ApiTokenStore, SessionStore, StoredSession, UserStore } from '../../core/accounts/account-stores.ts';
import type { AccountRole } from '../../core/accounts/roles.ts';
import { ruleFromJson, ruleToJson } from '../../core/accounts/row-restriction.ts';
import { keptRows } from './kept-rows.ts';
import type { StateDatabase } from './state-database.ts';

const USER_COLUMNS = 'name, role, disabled, created_at AS "createdAt", restriction';
const ADD_USER = `INSERT INTO users (name, role, password_hash, disabled, created_at, restriction) VALUES (?, ?, ?, false, ?::TIMESTAMP, ?) ON CONFLICT DO NOTHING`;
const FIND_USER = `SELECT ${USER_COLUMNS}, password_hash AS "passwordHash" FROM users WHERE name = ?`;
const LIST_USERS = `SELECT ${USER_COLUMNS} FROM users ORDER BY name`;
const DISABLE_USER = 'UPDATE users SET disabled = true WHERE name = ?';
const RESTRICT_USER = 'UPDATE users SET restriction = ? WHERE name = ?';
const END_SESSIONS_OF = 'DELETE FROM sessions WHERE user_name = ?';

const CREATE_SESSION = 'INSERT INTO sessions (id_hash, user_name, created_at, last_seen_at) VALUES (?, ?, ?::TIMESTAMP, ?::TIMESTAMP)';
const FIND_SESSION = `SELECT u.name, u.role, u.disabled, u.created_at AS "createdAt", u.restriction, s.created_at AS "sessionCreatedAt", s.last_seen_at AS "lastSeenAt"
  FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.id_hash = ?`;
const TOUCH_SESSION = 'UPDATE sessions SET last_seen_at = ?::TIMESTAMP WHERE id_hash = ?';
const REMOVE_SESSION = 'DELETE FROM sessions WHERE id_hash = ?';
const REMOVE_IDLE = 'DELETE FROM sessions WHERE last_seen_at < ?::TIMESTAMP';

const TOKEN_COLUMNS = 'id, role, label, created_at AS "createdAt", expires_at AS "expiresAt", revoked_at AS "revokedAt", restriction';
const CREATE_TOKEN = `INSERT INTO api_tokens (id, token_hash, role, label, created_at, expires_at, revoked_at, restriction)
  VALUES (?, ?, ?, ?, ?::TIMESTAMP, ?::TIMESTAMP, ?::TIMESTAMP, ?)`;
const FIND_TOKEN = `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = ?`;
const LIST_TOKENS = `SELECT ${TOKEN_COLUMNS} FROM api_tokens ORDER BY created_at, id`;
const REVOKE_TOKEN = 'UPDATE api_tokens SET revoked_at = ?::TIMESTAMP WHERE id = ? AND revoked_at IS NULL';

type TokenRow = { id: string; role: AccountRole; label: string | null; createdAt: string; expiresAt: string | null; revokedAt: string | null; restriction: string | null };
type UserRow = { name: string; role: AccountRole; disabled: boolean; createdAt: string; restriction: string | null };

// Timestamps are read as ISO times (UTC) by the database helper.
const toUser = (row: UserRow) => ({ name: row.name, role: row.role, disabled: row.disabled, createdAt: row.createdAt, restriction: ruleFromJson(row.restriction) });
const toToken = (row: TokenRow): ApiToken => ({
  id: row.id, role: row.role, label: row.label, createdAt: row.createdAt, expiresAt: row.expiresAt, revokedAt: row.revokedAt, restriction: ruleFromJson(row.restriction),
});

export function sqlUserStore(db: StateDatabase): UserStore {
  // A user's role, rule and state travel with their kept sessions.
  const sessions = keptRows<StoredSession>(db, 'sessions', KEPT_SESSIONS);
  return {
    async add(user) {
      return (await db.change((tx) => tx.run(ADD_USER, [user.name, user.role, user.passwordHash, user.createdAt, ruleToJson(user.restriction)]))) > 0;
    },
    async find(name) {
      const [row] = await db.query<UserRow & { passwordHash: string }>(FIND_USER, [name]);
      return row && { ...toUser(row), passwordHash: row.passwordHash };
    },
    async list() {
      return (await db.query<UserRow>(LIST_USERS)).map(toUser);
    },
    async restrict(name, rule) {
      return sessions.change(async () => (await db.change((tx) => tx.run(RESTRICT_USER, [ruleToJson(rule), name]))) > 0, (session) => session.user.name === name);
    },
    async disable(name) {
      return sessions.change(
        () => db.change(async (tx) => {
          const changed = await tx.run(DISABLE_USER, [name]);
          await tx.run(END_SESSIONS_OF, [name]);
          return changed > 0;
        }),
        (session) => session.user.name === name,
      );
    },
  };
}

export function sqlSessionStore(db: StateDatabase): SessionStore {
  const kept = keptRows<StoredSession>(db, 'sessions', KEPT_SESSIONS);
  return {
    async create({ idHash, user, createdAt }) {
      await db.change((tx) => tx.run(CREATE_SESSION, [idHash, user, createdAt, createdAt]));
    },
    find(idHash) {
      return kept.find(idHash, async () => {
        const [row] = await db.query<UserRow & { sessionCreatedAt: string; lastSeenAt: string }>(FIND_SESSION, [idHash]);
        return row && { user: toUser(row), createdAt: row.sessionCreatedAt, lastSeenAt: row.lastSeenAt };
      });
    },
    async touch(idHash, at) {
      await kept.change(() => db.change((tx) => tx.run(TOUCH_SESSION, [at, idHash])), (_session, key) => key === idHash);
    },
    async remove(idHash) {
      await kept.change(() => db.change((tx) => tx.run(REMOVE_SESSION, [idHash])), (_session, key) => key === idHash);
    },
    async removeIdleSince(cutoff) {
      return kept.change(() => db.change((tx) => tx.run(REMOVE_IDLE, [cutoff])), (session) => Date.parse(session.lastSeenAt) < Date.parse(cutoff));
    },
  };
}

/** Tokens and sessions kept in memory at most (kept-rows.ts). */
export const KEPT_TOKENS = 1000;
export const KEPT_SESSIONS = 10_000;

export function sqlApiTokenStore(db: StateDatabase): ApiTokenStore {
  // A token's record changes only when it is revoked; its expiry is judged on every request (api-tokens.ts).
  const kept = keptRows<ApiToken>(db, 'api-tokens', KEPT_TOKENS);
  return {
    async create(token) {
      await db.change((tx) => tx.run(CREATE_TOKEN, [token.id, token.tokenHash, token.role, token.label, token.createdAt, token.expiresAt, token.revokedAt, ruleToJson(token.restriction)]));
    },
    findByHash(tokenHash) {
      return kept.find(tokenHash, async () => {
        const [row] = await db.query<TokenRow>(FIND_TOKEN, [tokenHash]);
        return row && toToken(row);
      });
    },
    async list() {
      return (await db.query<TokenRow>(LIST_TOKENS)).map(toToken);
    },
    async revoke(id, at) {
      return kept.change(async () => (await db.change((tx) => tx.run(REVOKE_TOKEN, [at, id]))) > 0, (token) => token.id === id);
    },
  };
}
