// A limit on failed password sign-ins per user name (OWASP Authentication Cheat Sheet, "protect
// against automated attacks"; NIST SP 800-63B §5.2.2 asks for a limit on failed attempts): after
// `attempts` failures within `windowMs`, further tries for that name are refused, without checking
// the password, until the oldest of those failures leaves the window. Counted by the name asked
// for, known or not, so the answer tells nothing about which names exist. Time comes in as a number
// (the caller's clock); kept in memory, for one server process.

export interface FailedSignInLimit {
  attempts: number;
  windowMs: number;
}

export const DEFAULT_FAILED_SIGN_IN_LIMIT: Readonly<FailedSignInLimit> = { attempts: 5, windowMs: 15 * 60 * 1000 };

/** Names with recent failures kept at most; beyond, the ones whose failures have all left the window are dropped. */
const MAX_NAMES = 10_000;

export interface FailedSignIns {
  /** When `name` may try again (ms since the epoch), or undefined when it may now. */
  blockedUntil(name: string, now: number): number | undefined;
  recordFailure(name: string, now: number): void;
  /** A successful sign-in forgets the name's failures. */
  clear(name: string): void;
}

export function failedSignIns(limit: FailedSignInLimit = DEFAULT_FAILED_SIGN_IN_LIMIT): FailedSignIns {
  /** The times of each name's latest failures (at most `attempts`), oldest first. */
  const failures = new Map<string, number[]>();
  const recent = (name: string, now: number) => (failures.get(name) ?? []).filter((at) => at > now - limit.windowMs);

  function prune(now: number) {
    if (failures.size < MAX_NAMES) return;
    for (const [name, times] of failures) if (times.every((at) => at <= now - limit.windowMs)) failures.delete(name);
  }

  return {
    blockedUntil(name, now) {
      const times = recent(name, now);
      return times.length >= limit.attempts ? times[times.length - limit.attempts]! + limit.windowMs : undefined;
    },
    recordFailure(name, now) {
      if (!failures.has(name)) prune(now);
      failures.set(name, [...recent(name, now), now].slice(-limit.attempts));
    },
    clear(name) {
      failures.delete(name);
    },
  };
}
