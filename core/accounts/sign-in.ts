// Sign-in with a password, and the sessions it opens: a session ends after an idle period (15
// minutes by default; HIPAA 45 CFR 164.312(a)(2)(iii), automatic logoff), measured from the last
// request. Clock and random bytes come in. The session id is returned to be set as a cookie and
// stored only as its SHA-256; its CSRF token is derived from it.
import type { AccountStores, User } from './account-stores.ts';
import { userPrincipal, type Caller } from './caller.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { rowAccessOf } from './row-restriction.ts';
import { csrfTokenOf, newSessionId, secretHash, type RandomBytes } from './secrets.ts';

export const DEFAULT_IDLE_TIMEOUT_MS = 15 * 60 * 1000;
/** A request refreshes its session's last-seen time at most this often (a write per request would queue behind every other). */
const TOUCH_EVERY_MS = 60 * 1000;

export interface SignInDeps {
  clock: () => Date;
  randomBytes: RandomBytes;
  idleTimeoutMs?: number;
}

export type SessionCaller = Extract<Caller, { via: 'session' }>;

export interface SignIn {
  readonly idleTimeoutMs: number;
  /** A new session for a user whose password matches; undefined otherwise (unknown, wrong or disabled alike). */
  signIn(name: string, password: string): Promise<SessionCaller | undefined>;
  /**
   * A new session for an active user whom something else vouched for (a one-time link, an identity
   * provider); undefined for an unknown or disabled user.
   */
  openSession(name: string): Promise<SessionCaller | undefined>;
  /** The caller of a session id from a cookie, or undefined when it is unknown, idle too long or its user disabled. */
  sessionCaller(sessionId: string): Promise<SessionCaller | undefined>;
  signOut(sessionId: string): Promise<void>;
}

export function signInService({ users, sessions }: Pick<AccountStores, 'users' | 'sessions'>, deps: SignInDeps): SignIn {
  const idleTimeoutMs = deps.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const touchEveryMs = Math.min(TOUCH_EVERY_MS, idleTimeoutMs / 4);
  // An unknown user's password is checked against this hash, so the answer takes as long as for a known one.
  let decoy: Promise<string> | undefined;
  const decoyHash = () => (decoy ??= hashPassword('', Buffer.alloc(16)));

  const callerOf = (sessionId: string, user: Pick<User, 'name' | 'role' | 'restriction'>): SessionCaller => ({
    via: 'session',
    principal: userPrincipal(user.name),
    role: user.role,
    rows: rowAccessOf(user.role, user.restriction),
    user: user.name,
    sessionId,
    csrfToken: csrfTokenOf(sessionId),
  });

  const open = async (user: Pick<User, 'name' | 'role' | 'restriction'>): Promise<SessionCaller> => {
    const now = deps.clock();
    await sessions.removeIdleSince(new Date(now.getTime() - idleTimeoutMs).toISOString());
    const sessionId = newSessionId(deps.randomBytes);
    await sessions.create({ idHash: secretHash(sessionId), user: user.name, createdAt: now.toISOString() });
    return callerOf(sessionId, user);
  };

  return {
    idleTimeoutMs,
    async signIn(name, password) {
      const user = await users.find(name);
      const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
      if (!user || !matches || user.disabled) return undefined;
      return open(user);
    },
    async openSession(name) {
      const user = await users.find(name);
      return user && !user.disabled ? open(user) : undefined;
    },
    async sessionCaller(sessionId) {
      const idHash = secretHash(sessionId);
      const session = await sessions.find(idHash);
      if (!session || session.user.disabled) return undefined;
      const now = deps.clock().getTime();
      const idle = now - Date.parse(session.lastSeenAt);
      if (idle > idleTimeoutMs) {
        await sessions.remove(idHash);
        return undefined;
      }
      if (idle >= touchEveryMs) await sessions.touch(idHash, new Date(now).toISOString());
      return callerOf(sessionId, session.user);
    },
    async signOut(sessionId) {
      await sessions.remove(secretHash(sessionId));
    },
  };
}
