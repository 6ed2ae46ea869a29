// The roles an account or an API token holds, in order: each includes the ones before it. A viewer
// reads dashboards and reports; an analyst also works with cohorts and exports; an admin also
// manages users and tokens and reads the audit log.
export const ACCOUNT_ROLES = ['viewer', 'analyst', 'admin'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const isAccountRole = (value: unknown): value is AccountRole => (ACCOUNT_ROLES as readonly unknown[]).includes(value);

/** Whether a caller holding `held` may do what `required` allows. */
export const holdsRole = (held: AccountRole, required: AccountRole): boolean => ACCOUNT_ROLES.indexOf(held) >= ACCOUNT_ROLES.indexOf(required);
