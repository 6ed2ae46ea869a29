// What sign-in, the access policy and the account commands say, in one place (tests assert against these).
import type { AccountRole } from './roles.ts';
import { ACCOUNT_ROLES } from './roles.ts';
import { describeRule, type RowRule } from './row-restriction.ts';

export const accountMessages = {
  /** The same words for an unknown user, a wrong password and a disabled account: they reveal nothing. */
  signInFailed: 'Unknown user name or wrong password.',
  tooManyFailedSignIns: (retryAt: Date) => `Too many failed sign-ins for this user name: try again after ${retryAt.toISOString().slice(0, 19).replace('T', ' ')} UTC.`,
  notSignedIn: 'Sign in first: send the session cookie of POST /api/session, or Authorization: Bearer <token>.',
  signInLinkRefused: 'This sign-in link was used already, has expired or is unknown: a link works once, for a few minutes. Sign in with a user name and password, or ask an administrator for a new link (popsight users link NAME).',
  signInLinkPrinted: (url: string, minutes: number) => `  Sign in:   ${url}\n             (a one-time link: it works once, within ${minutes} minutes; popsight users link NAME makes another)`,
  adminCreated: (name: string) => `Created the administrator '${name}' (no password yet: sign in with the link below, then popsight users add … for others).`,
  signInOff: 'Sign-in is OFF (--no-sign-in): anyone who can reach this port reads every number and holds every role. Use this on your own machine only.',
  signInOffNeedsLoopback: (host: string) => `--no-sign-in is allowed only on this machine (--host 127.0.0.1, ::1 or localhost), not on ${host}: anyone on the network would read every number.`,
  oidcWithoutSignIn: '--oidc-issuer needs sign-in: drop --no-sign-in.',
  oidcIssuerAndClient: 'Give --oidc-issuer and --oidc-client-id together.',
  oidcBadIssuer: (issuer: string) => `--oidc-issuer must be an https URL (http only on loopback, for tests), not '${issuer}'.`,
  oidcForeignState: 'This sign-in was begun in another browser or has already been completed: start it again from the sign-in page.',
  noLocalAccount: (user: string) => `The identity provider signed you in as ${user}, but Popsight has no active account of that name, so it shows you no data. An administrator can add one: popsight users add ${user} --role viewer --no-password --restrict …`,
  invalidToken: 'The API token is unknown, revoked or expired.',
  roleTooLow: (required: string, held: AccountRole) => `This needs the role ${required}; you are signed in as ${held}.`,
  csrfMissing: 'A change made with a session cookie needs the header X-CSRF-Token with the csrfToken that signing in returned.',
  badSignInBody: 'Send JSON { "user": "<name>", "password": "<password>" }.',
  badLinkBody: 'Send JSON { "user": "<name>" }: the user the sign-in link is for.',
  userIsDisabled: (name: string) => `User ${name} is disabled: a disabled user cannot sign in.`,
  badUserName: (name: string) => `'${name}' is not a valid user name: use 1 to 64 letters, digits and . _ @ -.`,
  badRole: (role: string) => `'${role}' is not a role: use one of ${ACCOUNT_ROLES.join(', ')}.`,
  shortPassword: (min: number) => `The password must have at least ${min} characters.`,
  userExists: (name: string) => `There is already a user named ${name}.`,
  noSuchUser: (name: string) => `There is no user named ${name}.`,
  noSuchToken: (id: string) => `There is no active API token ${id} (see popsight tokens list).`,
  badExpiry: 'Days until a token expires must be a whole number of at least 1.',
  userAdded: (name: string, role: AccountRole) => `Added user ${name} (${role}).`,
  userDisabled: (name: string) => `Disabled user ${name}; their sessions have ended.`,
  tokenCreated: (id: string, role: AccountRole, expiresAt: string | null) =>
    `Created API token ${id} (${role}${expiresAt ? `, expires ${expiresAt}` : ', no expiry'}). It is shown only this once:`,
  tokenRevoked: (id: string) => `Revoked API token ${id}.`,
  linkNeedsServer: 'A sign-in link is honoured by the running server that made it, and no server holds this state store: start it (popsight serve; its first start prints a link), then run this again.',
  linkNeedsSignIn: (url: string) => `The server at ${url} runs without sign-in (--no-sign-in): it needs no link.`,
  linkMade: (user: string, minutes: number) => `A one-time sign-in link for ${user} (it works once, within ${minutes} minutes):`,
  rowsOf: (role: AccountRole, rule: RowRule | null) => `Rows it may read: ${describeRule(rule, role)}.`,
  userRestricted: (name: string, rows: string) => `Rows ${name} may read: ${rows}.`,
  restrictOrClear: 'Give the rows with --restrict (all, or dimension=value, repeatable), or --clear to remove the rule; not both.',
  noPasswordGiven: 'No password: type it when asked (on a terminal), or pass --password-stdin and send it on standard input.',
  passwordsDiffer: 'The two passwords differ; nothing was changed.',
  stateHeld: (detail: string) =>
    `${detail}\nThe users and tokens commands change the state store directly, and a server holds it while it runs: stop the server first.`,
};
