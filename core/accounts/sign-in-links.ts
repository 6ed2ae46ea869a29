// One-time sign-in links (as Jupyter prints at start): a secret in a URL that opens a session for one
// user, once, within a few minutes. Kept in memory only, as the SHA-256 of the secret: a link
// outlives neither its first use, its expiry nor the server that printed it.
import { newSessionId, secretHash, type RandomBytes } from './secrets.ts';

export const DEFAULT_SIGN_IN_LINK_MS = 15 * 60 * 1000;
/** The API path that redeems a link (`?token=`); the dashboard is at `/`. */
export const SIGN_IN_LINK_PATH = '/api/session/link';

export interface SignInLinkDeps {
  clock: () => Date;
  randomBytes: RandomBytes;
  /** How long a link works (default 15 minutes). */
  lifetimeMs?: number;
}

export interface SignInLinks {
  /** A new link secret for `user`. */
  issue(user: string): string;
  /** The user a secret was issued for, if it is known, unused and unexpired; it never works again. */
  redeem(secret: string): string | undefined;
}

export function signInLinks(deps: SignInLinkDeps): SignInLinks {
  const lifetimeMs = deps.lifetimeMs ?? DEFAULT_SIGN_IN_LINK_MS;
  const pending = new Map<string, { user: string; expiresAt: number }>();
  return {
    issue(user) {
      const secret = newSessionId(deps.randomBytes);
      pending.set(secretHash(secret), { user, expiresAt: deps.clock().getTime() + lifetimeMs });
      return secret;
    },
    redeem(secret) {
      const hash = secretHash(secret);
      const link = pending.get(hash);
      pending.delete(hash);
      if (!link || deps.clock().getTime() >= link.expiresAt) return undefined;
      return link.user;
    },
  };
}

/** The URL a person opens to sign in with a link secret. */
export const signInLinkUrl = (serverUrl: string, secret: string): string => `${serverUrl}${SIGN_IN_LINK_PATH}?token=${encodeURIComponent(secret)}`;
