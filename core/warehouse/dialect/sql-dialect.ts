// What differs between the SQL engines Popsight writes for, as one object every SQL builder takes
// (Evidence's sql-dialect: one implementation per engine). Only what the builders need and the engines
// spell differently is here. Both engines take the rest as written, so the builders write it directly:
// `$1` placeholders, `::` casts, `count(*) FILTER (WHERE …)`, window functions, `ceil`, CTEs, and the
// catalog's measure expressions (whose `/` is on DOUBLE columns, so no integer division to guard).

/** The column types the builders cast to or create. */
export type SqlType = 'double' | 'bigint' | 'integer' | 'text' | 'date' | 'boolean' | 'timestamp';

/** The grains a period label can show. */
export type DateGrain = 'year' | 'quarter' | 'month';

/** A column that identifies a row of a result, for ordering it. */
export interface OrderKey {
  column: string;
  type: SqlType;
}

export interface SqlDialect {
  readonly name: 'duckdb' | 'postgres';
  /**
   * Set when the person rows are partitioned by this column across servers (sharded PostgreSQL):
   * each person-row aggregate is then written in two phases, a partial aggregate per shard grouped by
   * this column plus the keys (which the engine pushes to each shard) and its re-aggregation.
   */
  readonly shardColumn?: string;
  /** A quoted identifier (column or table name from an allow-list). */
  quoteIdentifier(name: string): string;
  /** A quoted string literal, for values we produce ourselves (never user input: that is bound). */
  quoteLiteral(value: string): string;
  /** The engine's name of a column type. */
  typeName(type: SqlType): string;
  /** `expression::type`; the caller passes an expression that binds tighter than `::` (a call or a parenthesis). */
  cast(expression: string, type: SqlType): string;
  /** A date as the label of its period: '2024', '2024-Q3', '2024-07'. */
  dateLabel(expression: string, grain: DateGrain): string;
  /** The select list's columns but one (`excluded`); `columns` lists them all, for engines without `* EXCLUDE`. */
  columnsExcept(columns: string[], excluded: string): string;
  /** A subquery in FROM, named `alias` where the engine wants a name. */
  subquery(sql: string, alias: string): string;
  /** GROUP BY the first `count` columns of the select list (the keys lead; the rest are aggregates). */
  groupByKeys(count: number): string;
  /**
   * ORDER BY the columns that identify a row, in order, strings in byte order (DuckDB's; PostgreSQL's
   * depends on the database's collation unless told). The keys lead the select list.
   */
  orderByKeys(keys: OrderKey[]): string;
  /** Integer division of two integer expressions, truncated. */
  integerDivide(dividend: string, divisor: string): string;
  /** A person's record key (core/disclosure/cell-key.ts) from an expression of their pseudonym, as a bigint. */
  recordKey(pseudonym: string): string;
  /** Whole years from one date to a later one (an age): a birthday not yet reached that year does not count. */
  yearsBetween(start: string, end: string): string;
}
