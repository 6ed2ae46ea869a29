// Sign-in with a password, and the sessions it opens: a session ends after an idle period (15
// minutes by default; HIPAA 45 CFR 164.312(a)(2)(iii), automatic logoff), measured from the last
// request. Clock and random bytes come in. The session id is returned to be set as a cookie and
// stored only as its SHA-256; its CSRF token is derived from it. Failed password sign-ins are
// limited per user name (failed-sign-ins.ts).
import type { AccountStores, User } from './account-stores.ts';
import { DEFAULT_FAILED_SIGN_IN_LIMIT, failedSignIns, type FailedSignInLimit } from './failed-sign-ins.ts';
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
  /** Failed password sign-ins allowed per user name within a window (default 5 in 15 minutes). */
  failedSignInLimit?: FailedSignInLimit;
}

/** A password sign-in: a session, or why not (a wrong name or password alike; too many failures for this name lately). */
export type SignInOutcome = { caller: SessionCaller } | { refused: 'credentials' } | { refused: 'too_many_failures'; retryAt: Date; retryAfterSeconds: number };

export type SessionCaller = Extract<Caller, { via: 'session' }>;

export interface SignIn {
  readonly idleTimeoutMs: number;
  /** A new session for a user whose password matches; refused otherwise (unknown, wrong or disabled alike), or without a check after too many failures. */
  signIn(name: string, password: string): Promise<SignInOutcome>;
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
  const failures = failedSignIns(deps.failedSignInLimit ?? DEFAULT_FAILED_SIGN_IN_LIMIT);
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
      const now = deps.clock().getTime();
      const blockedUntil = failures.blockedUntil(name, now);
      if (blockedUntil !== undefined) return { refused: 'too_many_failures', retryAt: new Date(blockedUntil), retryAfterSeconds: Math.max(1, Math.ceil((blockedUntil - now) / 1000)) };
      const user = await users.find(name);
      const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
      if (!user || !matches || user.disabled) {
        failures.recordFailure(name, deps.clock().getTime());
        return { refused: 'credentials' };
      }
      failures.clear(name);
      return { caller: await open(user) };
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
