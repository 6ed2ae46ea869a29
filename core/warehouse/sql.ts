// SQL text helpers for identifiers that come from allow-lists; values are always bound parameters.
// DuckDB and PostgreSQL quote alike (standard SQL), so both dialects of ./dialect/ use these.

/** Quotes an identifier (column or table name). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal; only for values we produce ourselves (paths in ATTACH, which cannot be bound). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
