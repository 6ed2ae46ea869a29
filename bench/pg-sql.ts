// Translates the DuckDB measure SQL of buildMeasureSql into PostgreSQL, for the peer-engine
// comparison. Only the DuckDB spellings it uses are rewritten; anything left that PostgreSQL would
// not take is an error naming it, so a change to the measure SQL cannot slip through untranslated.
//   strftime(x, '%Y-%m')  → to_char(x, 'YYYY-MM')      quarter(x) → extract(quarter from x)::int
//   ::DOUBLE              → ::double precision          GROUP BY ALL → GROUP BY 1, …, k (the keys lead)
//   ORDER BY ALL          → ORDER BY period, stratum0…  FROM (subquery) → FROM (subquery) AS q1
//   * EXCLUDE (c)         → *  (PostgreSQL returns the helper column too; results are compared by
//                               DuckDB's columns, and one more column on a few dozen rows costs nothing)

const STRFTIME_TO_CHAR: Record<string, string> = { '%Y': 'YYYY', '%m': 'MM', '%d': 'DD' };
const LEFTOVER = /strftime|\bquarter\(|GROUP BY ALL|ORDER BY ALL|::DOUBLE\b|\bEXCLUDE\b|%[A-Za-z]/;

/** `strata`: how many stratifiers the query has; its keys are the period and stratum0, stratum1, … */
export function toPostgres(sql: string, strata: number): string {
  const keyNames = ['period', ...Array.from({ length: strata }, (_, i) => `stratum${i}`)];
  const positions = keyNames.map((_, i) => i + 1).join(', ');
  const translated = aliasSubqueries(sql)
    .replace(/strftime\(([^,()]+), '([^']*)'\)/g, (_, expression: string, format: string) =>
      `to_char(${expression}, '${format.replace(/%[Ymd]/g, (token) => STRFTIME_TO_CHAR[token]!)}')`)
    .replace(/\bquarter\(([^()]+)\)/g, 'extract(quarter from $1)::int')
    .replace(/::DOUBLE\b/g, '::double precision')
    .replace(/\*\s+EXCLUDE\s*\([^)]*\)/g, '*')
    .replace(/GROUP BY ALL/g, `GROUP BY ${positions}`)
    .replace(/ORDER BY ALL/g, `ORDER BY ${keyNames.join(', ')}`);
  const leftover = LEFTOVER.exec(translated);
  if (leftover) throw new Error(`toPostgres: no translation for '${leftover[0]}' in: ${sql}`);
  return translated;
}

/** PostgreSQL 15 wants a name for every subquery in FROM: `FROM (SELECT …)` gets `AS q1`, `q2`, … */
function aliasSubqueries(sql: string): string {
  const ends: number[] = [];
  const opener = /\bFROM\s*\(\s*(?=SELECT\b|WITH\b)/gi;
  for (let match = opener.exec(sql); match; match = opener.exec(sql)) {
    const close = matchingParen(sql, match.index + match[0].lastIndexOf('('));
    const named = /^\s+(AS\s+)?(?!WHERE\b|GROUP\b|ORDER\b|LIMIT\b|UNION\b|JOIN\b|ON\b)[a-z_]\w*/i.test(sql.slice(close + 1));
    if (!named) ends.push(close + 1);
  }
  // From the end backwards, so the positions of the ones before stay right (subqueries may nest).
  return ends.sort((a, b) => b - a).reduce((out, at, k) => `${out.slice(0, at)} AS q${ends.length - k}${out.slice(at)}`, sql);
}

/** Index of the parenthesis closing the one at `open`, skipping string literals. */
function matchingParen(sql: string, open: number): number {
  let depth = 0;
  for (let i = open; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'") i = sql.indexOf("'", i + 1); // '' inside a literal reopens it on the next turn
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
    if (i < 0) break;
  }
  throw new Error(`toPostgres: unbalanced parentheses in: ${sql}`);
}

const PG_TYPES: Record<string, string> = {
  VARCHAR: 'text',
  DATE: 'date',
  INTEGER: 'integer',
  BIGINT: 'bigint',
  DOUBLE: 'double precision',
  BOOLEAN: 'boolean',
  TIMESTAMP: 'timestamp',
};

/** The PostgreSQL type of a DuckDB column type; anything unusual travels as text. */
export const pgType = (duckdbType: string) => PG_TYPES[duckdbType] ?? 'text';
