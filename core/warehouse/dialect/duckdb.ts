// The DuckDB dialect: the SQL the server runs on its embedded warehouse. Its text is what the server's
// prepared plans are cached by, so a change here shows in every golden DuckDB snapshot (tests/golden/sql/duckdb).
import { recordKeySql } from '../../disclosure/cell-key.ts';
import { quoteIdentifier, quoteLiteral } from '../sql.ts';
import type { SqlDialect, SqlType } from './sql-dialect.ts';

const TYPE_NAMES: Record<SqlType, string> = {
  double: 'DOUBLE',
  bigint: 'BIGINT',
  integer: 'INTEGER',
  text: 'VARCHAR',
  date: 'DATE',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
};

const DATE_FORMATS = { year: "'%Y'", month: "'%Y-%m'" };

export const duckdbDialect: SqlDialect = {
  name: 'duckdb',
  quoteIdentifier,
  quoteLiteral,
  typeName: (type) => TYPE_NAMES[type],
  cast: (expression, type) => `${expression}::${TYPE_NAMES[type]}`,
  dateLabel: (expression, grain) =>
    grain === 'quarter'
      ? `strftime(${expression}, '%Y') || '-Q' || quarter(${expression})`
      : `strftime(${expression}, ${DATE_FORMATS[grain]})`,
  columnsExcept: (_columns, excluded) => `* EXCLUDE (${excluded})`,
  subquery: (sql) => `(${sql})`,
  groupByKeys: () => 'GROUP BY ALL',
  // VARCHAR sorts by bytes; ORDER BY ALL also orders by the non-key columns, which the unique keys leave no say.
  orderByKeys: () => 'ORDER BY ALL',
  integerDivide: (dividend, divisor) => `(${dividend} // ${divisor})`,
  recordKey: recordKeySql,
  yearsBetween: (start, end) => `date_sub('year', ${start}, ${end})`,
};

/** The type of a column as DuckDB's DESCRIBE names it (VARCHAR, DOUBLE, DECIMAL(18,3) …); what is not listed travels as text. */
export function sqlTypeOfDuckdb(columnType: string): SqlType {
  const found = (Object.entries(TYPE_NAMES) as [SqlType, string][]).find(([, name]) => name === columnType);
  return found?.[0] ?? 'text';
}
