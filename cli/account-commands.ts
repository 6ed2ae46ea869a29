// `popsight users add|list|restrict|disable|link` and `popsight tokens create|list|revoke`: accounts
// changed straight in the state store, without a server. The store has one writer at a time, so while
// a server holds it these commands stop with a message that says so, except the two that change what
// the running server knows: `users link` (a new one-time sign-in link, which only a running server
// can honour) and `tokens revoke` ask that server (cli/running-server.ts). A token or link is printed
// once, on standard output.
import { randomBytes } from 'node:crypto';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { createInterface } from 'node:readline';
import { accountMessages } from '../core/accounts/account-messages.ts';
import type { AccountStores, ApiToken, User } from '../core/accounts/account-stores.ts';
import { apiTokens } from '../core/accounts/api-tokens.ts';
import { ACCOUNT_ROLES, isAccountRole } from '../core/accounts/roles.ts';
import { describeRule, parseRowRule, RestrictionError } from '../core/accounts/row-restriction.ts';
import { AccountError, users } from '../core/accounts/users.ts';
import { stateOption, withOfflineStateStore, type StateDirOption } from './offline-state.ts';
import { postToServer, runningServerOf, ServerRefusal } from './running-server.ts';

export type AccountCommandOptions = StateDirOption;

const deps = { clock: () => new Date(), randomBytes };

function withAccounts<T>(options: AccountCommandOptions, work: (stores: AccountStores) => Promise<T>): Promise<T> {
  return withOfflineStateStore(options, accountMessages.stateHeld, (store) => work(store.accounts), deps.clock);
}

/** Reads the password: all of standard input with --password-stdin (one trailing newline dropped), else typed twice on a terminal. */
async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text.replace(/\r?\n$/, '');
  }
  if (!process.stdin.isTTY) throw new AccountError(accountMessages.noPasswordGiven);
  const first = await promptHidden('Password: ');
  const second = await promptHidden('Password again: ');
  if (first !== second) throw new AccountError(accountMessages.passwordsDiffer);
  return first;
}

/** Asks on the terminal without echoing what is typed. */
function promptHidden(question: string): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // readline echoes each key through this method: write the question only.
  (terminal as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text) => {
    if (text.startsWith(question)) process.stderr.write(question);
  };
  return new Promise((done) =>
    terminal.question(question, (answer) => {
      terminal.close();
      process.stderr.write('\n');
      done(answer);
    }),
  );
}

/** `--restrict` as given (repeatable): the rows a user or token may read. */
export interface RestrictOption {
  restrict?: string[];
}

const ruleOf = (options: RestrictOption) => {
  try {
    return parseRowRule(options.restrict);
  } catch (error) {
    if (error instanceof RestrictionError) throw new AccountError(error.message);
    throw error;
  }
};

/** `password: false` (--no-password): a user who signs in through the identity provider only; the password is random and shown to nobody. */
export async function usersAddCommand(name: string, options: AccountCommandOptions & RestrictOption & { role: string; passwordStdin?: boolean; password?: boolean }): Promise<User> {
  if (!isAccountRole(options.role)) throw new AccountError(accountMessages.badRole(options.role));
  const restriction = ruleOf(options);
  const password = options.password === false ? deps.randomBytes(32).toString('base64url') : await readPassword(options.passwordStdin === true);
  const user = await withAccounts(options, (stores) => users(stores.users, deps).add(name, options.role, password, restriction));
  console.log(accountMessages.userAdded(user.name, user.role));
  console.log(accountMessages.rowsOf(user.role, user.restriction));
  return user;
}

export async function usersListCommand(options: AccountCommandOptions): Promise<User[]> {
  const list = await withAccounts(options, (stores) => stores.users.list());
  for (const user of list) console.log([user.name, user.role, user.disabled ? 'disabled' : 'active', user.createdAt, `rows: ${describeRule(user.restriction, user.role)}`].join('\t'));
  return list;
}

/** Sets a user's rule (`--restrict …`), or removes it with `--clear` (default deny again below admin). */
export async function usersRestrictCommand(name: string, options: AccountCommandOptions & RestrictOption & { clear?: boolean }): Promise<void> {
  const rule = ruleOf(options);
  if ((rule === undefined) === (options.clear !== true)) throw new AccountError(accountMessages.restrictOrClear);
  await withAccounts(options, (stores) => users(stores.users, deps).restrict(name, rule ?? null));
  console.log(accountMessages.userRestricted(name, describeRule(rule ?? null)));
}

export async function usersDisableCommand(name: string, options: AccountCommandOptions): Promise<void> {
  await withAccounts(options, (stores) => users(stores.users, deps).disable(name));
  console.log(accountMessages.userDisabled(name));
}

/** Prints the new token (alone on standard output, so a script can capture it) and returns it. */
export async function tokensCreateCommand(options: AccountCommandOptions & RestrictOption & { role: string; expiresDays?: number; label?: string }): Promise<{ token: string; record: ApiToken }> {
  if (!isAccountRole(options.role)) throw new AccountError(accountMessages.badRole(options.role));
  if (options.expiresDays !== undefined && (!Number.isInteger(options.expiresDays) || options.expiresDays < 1)) throw new AccountError(accountMessages.badExpiry);
  const role = options.role;
  const restriction = ruleOf(options);
  const created = await withAccounts(options, (stores) => apiTokens(stores.tokens, deps).create({ role, expiresDays: options.expiresDays, label: options.label, restriction }));
  console.error(accountMessages.tokenCreated(created.record.id, created.record.role, created.record.expiresAt));
  console.error(accountMessages.rowsOf(created.record.role, created.record.restriction));
  console.log(created.token);
  return created;
}

export async function tokensListCommand(options: AccountCommandOptions): Promise<ApiToken[]> {
  const list = await withAccounts(options, (stores) => stores.tokens.list());
  const now = deps.clock().getTime();
  const state = (t: ApiToken) => (t.revokedAt ? `revoked ${t.revokedAt}` : t.expiresAt && Date.parse(t.expiresAt) <= now ? 'expired' : 'active');
  for (const token of list) console.log([token.id, token.role, state(token), `created ${token.createdAt}`, `expires ${token.expiresAt ?? 'never'}`, `rows: ${describeRule(token.restriction, token.role)}`, token.label ?? ''].join('\t'));
  return list;
}

/** Revokes a token in the state store, or through the server that holds it (refused from its next request on). */
export async function tokensRevokeCommand(id: string, options: AccountCommandOptions): Promise<void> {
  const running = runningServerOf(options);
  let revoked: boolean;
  if (running?.token) {
    revoked = await postToServer(running, `/api/accounts/tokens/${encodeURIComponent(id)}/revoke`).then(
      () => true,
      (error: unknown) => {
        if (error instanceof ServerRefusal && error.status === 404) return false;
        throw error;
      },
    );
  } else {
    revoked = await withAccounts(options, (stores) => apiTokens(stores.tokens, deps).revoke(id));
  }
  if (!revoked) throw new AccountError(accountMessages.noSuchToken(id));
  console.log(accountMessages.tokenRevoked(id));
}

/** Asks the running server for a one-time sign-in link for `name` and prints its URL (alone on standard output). */
export async function usersLinkCommand(name: string, options: AccountCommandOptions): Promise<string> {
  const running = runningServerOf(options);
  if (!running) throw new AccountError(accountMessages.linkNeedsServer);
  if (!running.token) throw new AccountError(accountMessages.linkNeedsSignIn(running.url));
  const answer = await postToServer<{ user: string; url: string; expiresInMinutes: number }>(running, '/api/accounts/sign-in-links', { user: name }).catch((error: unknown) => {
    if (error instanceof ServerRefusal && (error.status === 404 || error.status === 409)) throw new AccountError(error.message);
    throw error;
  });
  console.error(accountMessages.linkMade(answer.user, answer.expiresInMinutes));
  console.log(answer.url);
  return answer.url;
}

/** The `users` and `tokens` commands on the popsight program. */
export function registerAccountCommands(program: Command): void {
  const roleOption = () => new Option('--role <role>', 'viewer, analyst or admin').choices(ACCOUNT_ROLES).makeOptionMandatory();
  const restrictOption = () =>
    new Option('--restrict <rule>', "rows it may read: 'all', or organization=<name>, county=<name>, payer=<category> (repeat for more; default: none below admin)")
      .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
  const days = (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(accountMessages.badExpiry);
    return n;
  };

  const usersCommand = program.command('users').description('Users who sign in (popsight serve --sign-in), kept in the state store (stop the server first: it holds the store).');
  usersCommand
    .command('add')
    .description('Add a user; the password is asked for twice on a terminal, or read from standard input with --password-stdin.')
    .argument('<name>', 'user name: letters, digits and . _ @ -')
    .addOption(roleOption())
    .option('--password-stdin', 'read the password from standard input (for scripts and CI)', false)
    .option('--no-password', 'no password: the user signs in through the identity provider (serve --oidc-issuer) only')
    .addOption(restrictOption())
    .addOption(stateOption())
    .action(async (name, options) => void (await usersAddCommand(name, options)));
  usersCommand
    .command('restrict')
    .description('Set the rows a user may read (--restrict …), or remove the rule (--clear: below admin, no rows).')
    .argument('<name>')
    .addOption(restrictOption())
    .option('--clear', 'remove the rule', false)
    .addOption(stateOption())
    .action(async (name, options) => void (await usersRestrictCommand(name, options)));
  usersCommand.command('list').description('List users: name, role, active or disabled, created, rows they may read.').addOption(stateOption()).action(async (options) => void (await usersListCommand(options)));
  usersCommand
    .command('link')
    .description('Print a new one-time sign-in link for a user, made by the running server (it works once, within 15 minutes; no restart needed).')
    .argument('<name>')
    .addOption(stateOption())
    .action(async (name, options) => void (await usersLinkCommand(name, options)));
  usersCommand
    .command('disable')
    .description('Disable a user (kept for the audit trail) and end their sessions.')
    .argument('<name>')
    .addOption(stateOption())
    .action(async (name, options) => void (await usersDisableCommand(name, options)));

  const tokensCommand = program.command('tokens').description('API tokens for scripts (Authorization: Bearer <token>), kept hashed in the state store.');
  tokensCommand
    .command('create')
    .description('Create an API token with a role and print it (shown only this once).')
    .addOption(roleOption())
    .option('--expires-days <n>', 'days until the token stops working (default: never)', days)
    .option('--label <text>', 'what the token is for')
    .addOption(restrictOption())
    .addOption(stateOption())
    .action(async (options) => void (await tokensCreateCommand(options)));
  tokensCommand.command('list').description('List API tokens: id, role, state, created, expiry, rows, label (never the token).').addOption(stateOption()).action(async (options) => void (await tokensListCommand(options)));
  tokensCommand
    .command('revoke')
    .description('Revoke an API token by its id (tok_…); beside a running server, through it: refused from its next request on.')
    .argument('<id>')
    .addOption(stateOption())
    .action(async (id, options) => void (await tokensRevokeCommand(id, options)));
}
