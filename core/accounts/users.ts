// Adding, listing and disabling users: the checks on a new user's name, role and password, and its
// password hashed with a fresh salt. Disabling keeps the user (the audit trail names them) and ends
// their sessions.
import { accountMessages } from './account-messages.ts';
import type { User, UserStore } from './account-stores.ts';
import { hashPassword, SCRYPT_PARAMETERS } from './password-hash.ts';
import type { RowRule } from './row-restriction.ts';
import { isAccountRole, type AccountRole } from './roles.ts';
import type { RandomBytes } from './secrets.ts';

/** NIST SP 800-63B asks for at least 8; a health system's shared accounts deserve more. */
export const MIN_PASSWORD_LENGTH = 12;
const USER_NAME = /^[A-Za-z0-9._@-]{1,64}$/;

export interface UserDeps {
  clock: () => Date;
  randomBytes: RandomBytes;
}

export class AccountError extends Error {
  override name = 'AccountError';
}

export interface Users {
  /** Adds a user, or throws an AccountError naming what is wrong (name, role, password, a taken name). */
  add(name: string, role: string, password: string, restriction?: RowRule): Promise<User>;
  list(): Promise<User[]>;
  /** Sets a user's row rule (null removes it), or throws when there is no such user. */
  restrict(name: string, restriction: RowRule | null): Promise<void>;
  disable(name: string): Promise<void>;
}

export function users(store: UserStore, deps: UserDeps): Users {
  return {
    async add(name, role, password, restriction) {
      if (!USER_NAME.test(name)) throw new AccountError(accountMessages.badUserName(name));
      if (!isAccountRole(role)) throw new AccountError(accountMessages.badRole(role));
      if ([...password].length < MIN_PASSWORD_LENGTH) throw new AccountError(accountMessages.shortPassword(MIN_PASSWORD_LENGTH));
      const passwordHash = await hashPassword(password, deps.randomBytes(SCRYPT_PARAMETERS.saltBytes));
      const user = { name, role: role as AccountRole, disabled: false, createdAt: deps.clock().toISOString(), restriction: restriction ?? null };
      if (!(await store.add({ ...user, passwordHash }))) throw new AccountError(accountMessages.userExists(name));
      return user;
    },
    list: () => store.list(),
    async restrict(name, restriction) {
      if (!(await store.restrict(name, restriction))) throw new AccountError(accountMessages.noSuchUser(name));
    },
    async disable(name) {
      if (!(await store.disable(name))) throw new AccountError(accountMessages.noSuchUser(name));
    },
  };
}
