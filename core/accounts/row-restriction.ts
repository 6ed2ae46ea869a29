// Row-level restriction, default deny: which rows of the warehouse a user or API token may read. A
// rule is either `all` or limits on organizations, counties and payers (values as /api/dimensions
// lists them). A caller's access follows from their rule and role: a rule applies as it is (an admin
// with a rule is limited too); without a rule an admin reads everything and anyone else nothing.
// Pure: parsing, the access a caller holds, and the canonical text that keys caches and the audit.
import type { AccountRole } from './roles.ts';

/** The dimensions a rule can limit: mart columns of the person-period rows (docs/architecture.md, Row-level restriction). */
export const RESTRICTABLE_DIMENSIONS = ['organization', 'county', 'payer'] as const;
export type RestrictableDimension = (typeof RESTRICTABLE_DIMENSIONS)[number];

/** Allowed values per dimension: a row must match every dimension named (and any one value of each). */
export type RowLimits = Partial<Record<RestrictableDimension, readonly string[]>>;

/** What is stored with a user or token; null there means no rule. */
export type RowRule = { all: true } | { limits: RowLimits };

export type RowAccess = { kind: 'all' } | { kind: 'none' } | { kind: 'limited'; limits: RowLimits };

export const ALL_ROWS: RowRule = { all: true };

export const isRestrictableDimension = (name: string): name is RestrictableDimension => (RESTRICTABLE_DIMENSIONS as readonly string[]).includes(name);

/** Default deny: a rule applies as given; no rule gives an admin every row and anyone else none. */
export function rowAccessOf(role: AccountRole, rule: RowRule | null): RowAccess {
  if (rule === null) return role === 'admin' ? { kind: 'all' } : { kind: 'none' };
  return 'all' in rule ? { kind: 'all' } : { kind: 'limited', limits: rule.limits };
}

export class RestrictionError extends Error {
  override name = 'RestrictionError';
}

/**
 * The rule of `--restrict` options: `all`, or `dimension=value` pairs (repeat the option for more;
 * several values of one dimension are alternatives). Undefined when no option was given.
 */
export function parseRowRule(specs: readonly string[] | undefined): RowRule | undefined {
  if (!specs || specs.length === 0) return undefined;
  if (specs.some((s) => s.trim() === 'all')) {
    if (specs.length > 1) throw new RestrictionError(restrictionMessages.allAlone);
    return ALL_ROWS;
  }
  const limits: Record<string, string[]> = {};
  for (const spec of specs) {
    const at = spec.indexOf('=');
    const dimension = at < 0 ? spec.trim() : spec.slice(0, at).trim();
    const value = at < 0 ? '' : spec.slice(at + 1).trim();
    if (!isRestrictableDimension(dimension) || value === '') throw new RestrictionError(restrictionMessages.badSpec(spec));
    limits[dimension] = [...new Set([...(limits[dimension] ?? []), value])].sort();
  }
  return { limits };
}

/** A stored rule (JSON text or null) back to a rule; anything malformed denies every row rather than granting any. */
export function ruleFromJson(text: string | null): RowRule | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && (value as { all?: unknown }).all === true) return ALL_ROWS;
    const limits: Record<string, string[]> = {};
    for (const [name, values] of Object.entries((value as { limits?: object }).limits ?? {})) {
      if (!isRestrictableDimension(name) || !Array.isArray(values) || !values.every((v) => typeof v === 'string')) return { limits: { county: [] } };
      limits[name] = values;
    }
    return Object.keys(limits).length > 0 ? { limits } : { limits: { county: [] } };
  } catch {
    return { limits: { county: [] } };
  }
}

export const ruleToJson = (rule: RowRule | null | undefined): string | null => (rule ? canonicalRule(rule) : null);

/** One text per rule, whatever the order it was given in: `all`, or JSON with dimensions and values sorted. */
export function canonicalRule(rule: RowRule): string {
  if ('all' in rule) return JSON.stringify(ALL_ROWS);
  const limits: Record<string, string[]> = {};
  for (const name of RESTRICTABLE_DIMENSIONS) if (rule.limits[name]) limits[name] = [...new Set(rule.limits[name])].sort();
  return JSON.stringify({ limits });
}

/** The limits as words: `county Essex County or Hudson County; payer Medicare`. */
export function describeLimits(limits: RowLimits): string {
  return RESTRICTABLE_DIMENSIONS.filter((d) => limits[d]).map((d) => `${d} ${limits[d]!.join(' or ')}`).join('; ');
}

/** How `users list` and `tokens list` show a rule; with the role, what no rule means for it. */
export function describeRule(rule: RowRule | null, role?: AccountRole): string {
  if (rule === null) return role === undefined ? 'no rule' : role === 'admin' ? 'all (admin, no rule)' : 'none (no rule)';
  return 'all' in rule ? 'all' : `only ${describeLimits(rule.limits)}`;
}

/** The text the audit record and the response cache key use: null for every row. */
export function restrictionText(access: RowAccess): string | null {
  if (access.kind === 'all') return null;
  if (access.kind === 'none') return 'none';
  return canonicalRule({ limits: access.limits });
}

export const restrictionMessages = {
  badSpec: (spec: string) => `'${spec}' is not a restriction: use all, or dimension=value with dimension one of ${RESTRICTABLE_DIMENSIONS.join(', ')} (repeat --restrict for more values).`,
  allAlone: "--restrict all grants every row: it cannot be combined with other limits.",
  noDataAccess: (role: AccountRole) =>
    `No data access is granted to you (${role}): a user or token below admin reads no rows until an admin gives it a rule, with popsight users restrict <name> --restrict … or popsight tokens create --restrict ….`,
  outsideRestriction: (dimension: string, value: string, limits: RowLimits) =>
    `${dimension}=${value} is outside the rows you may read (${describeLimits(limits)}).`,
};
