// Which rows each recipient of a report may read, so that every recipient gets the report under
// their own row restriction (issue 19, deliverable 4), default deny as the API: a recipient address
// is the account whose user name is that address (case-insensitive; user names may hold '@'), and
// reads what that account reads through the API (row-restriction.ts: its rule, or without one every
// row for an admin and none for anyone else). An address with no account, a disabled account, or
// two accounts that differ only in case reads nothing and is sent nothing.
// Pure but for the user store that comes in; recipients are grouped by restriction so a report is
// rendered once per distinct restriction, not once per recipient.
import type { User, UserStore } from '../accounts/account-stores.ts';
import { userPrincipal } from '../accounts/caller.ts';
import { restrictionText, rowAccessOf, type RowAccess, type RowLimits } from '../accounts/row-restriction.ts';

/** Each recipient's rows, or why they read none. */
export type RecipientAccess = RowAccess & {
  reason?: 'no-account' | 'disabled' | 'ambiguous' | 'no-rule';
  /** Whose cohort ledger admits a cohort sent to this recipient (caller.ts): their account's; none without sign-in. */
  principal?: string;
};

/** The rows of each recipient (lower-cased addresses in, one entry per address out). */
export type RecipientRows = (recipients: readonly string[]) => Promise<Map<string, RecipientAccess>>;

/** A server without sign-in identifies nobody and serves every row to every caller: so, to every recipient. */
export const everyRowToEveryone: RecipientRows = async (recipients) => new Map(recipients.map((r) => [r, { kind: 'all' }]));

/** By account, default deny (see the module header). */
export function rowsByAccount(users: Pick<UserStore, 'list'>): RecipientRows {
  return async (recipients) => {
    const byName = new Map<string, User[]>();
    for (const user of await users.list()) {
      const key = user.name.toLowerCase();
      byName.set(key, [...(byName.get(key) ?? []), user]);
    }
    return new Map(
      recipients.map((recipient): [string, RecipientAccess] => {
        const accounts = byName.get(recipient.toLowerCase()) ?? [];
        if (accounts.length === 0) return [recipient, { kind: 'none', reason: 'no-account' }];
        if (accounts.length > 1) return [recipient, { kind: 'none', reason: 'ambiguous' }];
        const account = accounts[0]!;
        if (account.disabled) return [recipient, { kind: 'none', reason: 'disabled' }];
        const access = rowAccessOf(account.role, account.restriction);
        return [recipient, access.kind === 'none' ? { kind: 'none', reason: 'no-rule' } : { ...access, principal: userPrincipal(account.name) }];
      }),
    );
  };
}

/**
 * By account once any account exists, else every row: for a command that runs a report without a
 * server, where sign-in cannot be asked. A state store with users is a deployment with accounts, and
 * its recipients are never sent more than their accounts read.
 */
export function rowsByAccountOnceAny(users: Pick<UserStore, 'list'>): RecipientRows {
  const byAccount = rowsByAccount(users);
  return async (recipients) => ((await users.list()).length === 0 ? everyRowToEveryone(recipients) : byAccount(recipients));
}

export interface RestrictionGroup {
  /** The restriction's canonical text (row-restriction.ts restrictionText): null for every row. */
  key: string | null;
  /** Undefined: every row. */
  limits: RowLimits | undefined;
  recipients: string[];
  /** The recipients' ledger principals (recipients without one, on a server without sign-in, left out). */
  principals: string[];
}

/** The recipients who read some rows, grouped by restriction (in the order first met), and those who read none. */
export function groupByRestriction(accesses: ReadonlyMap<string, RecipientAccess>): { groups: RestrictionGroup[]; denied: { recipient: string; access: RecipientAccess }[] } {
  const groups = new Map<string | null, RestrictionGroup>();
  const denied: { recipient: string; access: RecipientAccess }[] = [];
  for (const [recipient, access] of accesses) {
    if (access.kind === 'none') {
      denied.push({ recipient, access });
      continue;
    }
    const key = restrictionText(access);
    const group = groups.get(key) ?? { key, limits: access.kind === 'limited' ? access.limits : undefined, recipients: [], principals: [] };
    group.recipients.push(recipient);
    if (access.principal !== undefined && !group.principals.includes(access.principal)) group.principals.push(access.principal);
    groups.set(key, group);
  }
  return { groups: [...groups.values()], denied };
}

/** The first filter of a view on a restricted dimension to a value outside the limits (the API answers it 403), or null. */
export function filterOutside(filters: Readonly<Record<string, string | undefined>>, limits: RowLimits | undefined): { dimension: string; value: string } | null {
  if (!limits) return null;
  for (const [dimension, allowed] of Object.entries(limits)) {
    const value = filters[dimension];
    if (value !== undefined && !allowed.includes(value)) return { dimension, value };
  }
  return null;
}
