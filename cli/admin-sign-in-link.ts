// The administrator's one-time sign-in link printed when a server starts with sign-in (as Jupyter
// prints its token): on a store with no active administrator, `admin@example.org` is created first,
// with a random password nobody is shown, so the demo stays two commands and needs no password typed.
// Its name is an address (RFC 2606's example domain) because a report's recipient is the account named
// by an address: "Subscribe to this view" sends to the signed-in account, so the demo's admin receives
// the reports it subscribes to in the outbox. A deployment adds its own accounts (`popsight users add`).
import type { UserStore } from '../core/accounts/account-stores.ts';
import type { SignInLinks } from '../core/accounts/sign-in-links.ts';
import { users, type UserDeps } from '../core/accounts/users.ts';

/** `first-start`: only when the store has no active administrator yet (serve); `every-start`: always (the demo). */
export type AdminLinkPolicy = 'first-start' | 'every-start';

export const DEMO_ADMIN = 'admin@example.org';

export interface AdminLink {
  user: string;
  /** The link's secret (signInLinkUrl makes the URL). */
  secret: string;
  /** True when this start created the administrator. */
  created: boolean;
}

export async function adminSignInLink(store: UserStore, links: SignInLinks, policy: AdminLinkPolicy, deps: UserDeps): Promise<AdminLink | undefined> {
  const admins = (await store.list()).filter((user) => user.role === 'admin' && !user.disabled);
  let user = admins.find((admin) => admin.name === DEMO_ADMIN)?.name ?? admins[0]?.name;
  const created = user === undefined;
  if (user === undefined) {
    const taken = new Set((await store.list()).map((u) => u.name));
    user = taken.has(DEMO_ADMIN) ? `admin-${deps.randomBytes(3).toString('hex')}@example.org` : DEMO_ADMIN;
    // 32 random bytes: a password no one knows (the link is the way in until an admin sets up others).
    await users(store, deps).add(user, 'admin', deps.randomBytes(32).toString('base64url'), { all: true });
  } else if (policy === 'first-start') {
    return undefined;
  }
  return { user, secret: links.issue(user), created };
}
