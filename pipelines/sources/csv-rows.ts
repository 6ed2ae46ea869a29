// Reads the body of one CSV file into a table with DuckDB's parallel reader, setting row faults aside
// instead of stopping: a row with too many or too few fields, an unterminated quote or an over-long
// line goes to DuckDB's rejects tables (store_rejects), and from there to `staging.csv_rejects`
// (file, line, reason), which validation writes to etl.quarantine. Never copies the rejected line's
// text (DuckDB's `csv_line`): it may hold a name or an SSN.
import type { Database } from '../../core/warehouse/database.ts';
import { quoteLiteral } from '../../core/warehouse/sql.ts';
import { LoadError } from '../load-errors.ts';

export interface CsvRead {
  path: string;
  /** The file name recorded as `_file`. */
  label: string;
  /** The staging table the file feeds (for the file counts). */
  table: string;
  /** Every column of the header line, read as VARCHAR (no sniffing: a faulty row cannot fail the read). */
  headers: string[];
  /** The select list over those columns. */
  select: string;
  /** Table receiving the good rows in file order, so that a row's line is its rowid + 2 + rows set aside before it. */
  target: string;
  delim?: string;
  quote?: string;
}

/** DuckDB's error types (reading faulty CSV files), as the reason a person reads in the quarantine. */
const REASONS: Record<string, string> = {
  'MISSING COLUMNS': 'row has fewer fields than the header',
  'TOO MANY COLUMNS': 'row has more fields than the header',
  'UNQUOTED VALUE': 'unterminated or misplaced quote (the record runs on to the next quote)',
  'LINE SIZE OVER MAXIMUM': 'line longer than the 2 MB a record may have',
  CAST: 'value could not be read',
};

export async function ensureCsvBookkeeping(db: Database): Promise<void> {
  await db.run('CREATE TABLE IF NOT EXISTS staging.csv_rejects (_file VARCHAR, _line BIGINT, "table" VARCHAR, reason VARCHAR)');
  // Every file read, header-only ones included, so that each appears in the file counts.
  await db.run('CREATE TABLE IF NOT EXISTS staging.source_files (_file VARCHAR, "table" VARCHAR)');
}

/** Reads the rows; returns the number of rows set aside. */
export async function readCsvRows(db: Database, read: CsvRead): Promise<number> {
  await ensureCsvBookkeeping(db);
  const columns = `{${read.headers.map((h) => `${quoteLiteral(h)}: 'VARCHAR'`).join(', ')}}`;
  const rejects = `rejects_${read.target.replace(/\W/g, '_')}`;
  const quote = read.quote ?? '"';
  try {
    await db.run(
      `CREATE TABLE ${read.target} AS SELECT ${read.select}
       FROM read_csv($1, header = true, auto_detect = false, columns = ${columns}, delim = $2, quote = $3, escape = $3,
                     store_rejects = true, rejects_table = '${rejects}', rejects_scan = '${rejects}_scan', rejects_limit = 0)`,
      [read.path, read.delim ?? ',', quote],
    );
    const [encoding] = await db.query<{ line: number }>(`SELECT min(line) AS line FROM ${rejects} WHERE error_type IN ('INVALID UNICODE', 'INVALID ENCODING') HAVING count(*) > 0`);
    if (encoding) throw new LoadError(read.label, `could not be read as UTF-8 CSV: line ${encoding.line} holds bytes that are not UTF-8; save the file as UTF-8`);
    await db.run(
      `INSERT INTO staging.csv_rejects SELECT $1, line, $2, CASE error_type ${Object.entries(REASONS).map(([type, reason]) => `WHEN ${quoteLiteral(type)} THEN ${quoteLiteral(reason)}`).join(' ')} ELSE 'row could not be read' END
       FROM (SELECT DISTINCT line, error_type FROM ${rejects}) QUALIFY row_number() OVER (PARTITION BY line ORDER BY error_type) = 1`,
      [read.label, read.table],
    );
    await db.run('INSERT INTO staging.source_files VALUES ($1, $2)', [read.label, read.table]);
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(DISTINCT line) AS n FROM ${rejects}`);
    return n;
  } catch (error) {
    if (error instanceof LoadError) throw error;
    throw new LoadError(read.label, `could not be read as UTF-8 CSV: ${describeReadError(error)}`, { cause: error });
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${rejects}`).catch(() => undefined);
    await db.run(`DROP TABLE IF EXISTS ${rejects}_scan`).catch(() => undefined);
  }
}

/**
 * A view of `rows` adding `_file` and `_line`: rowid + 2 (the header is line 1), plus the lines set
 * aside before the row. For the j-th rejected line L_j (in order), L_j - 2 - (j - 1) good rows come
 * before it, so a row whose rowid is at least that is shifted by j (an ASOF join finds the last such j).
 * A blank line is skipped by DuckDB without a trace: the lines after it count one short.
 */
export async function createLinedView(db: Database, view: string, rows: string, label: string, rejected: number, kind: 'VIEW' | 'TABLE' = 'VIEW'): Promise<void> {
  if (rejected === 0) {
    await db.run(`CREATE ${kind} ${view} AS SELECT ${quoteLiteral(label)} AS _file, rowid + 2 AS _line, * FROM ${rows}`);
    return;
  }
  // Adjacent rejected lines give the same from_rowid: the row after them is shifted by the larger j.
  await db.run(`CREATE TABLE ${rows}_shift AS
    SELECT from_rowid, max(shift) AS shift FROM (
      SELECT _line - 2 - (row_number() OVER (ORDER BY _line) - 1) AS from_rowid, row_number() OVER (ORDER BY _line) AS shift
      FROM staging.csv_rejects WHERE _file = ${quoteLiteral(label)})
    GROUP BY from_rowid`);
  await db.run(`CREATE ${kind} ${view} AS
    SELECT ${quoteLiteral(label)} AS _file, _rowid + 2 + coalesce(shift, 0) AS _line, * EXCLUDE (_rowid, from_rowid, shift)
    FROM (SELECT rowid AS _rowid, * FROM ${rows}) AS r ASOF LEFT JOIN ${rows}_shift AS s ON r._rowid >= s.from_rowid`);
}

/** DuckDB's read errors start with the file path and may go on to quote the line: keep only the kind. */
function describeReadError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/unicode|utf-?8/i.test(message)) return 'bytes that are not UTF-8; save the file as UTF-8';
  if (/sniff/i.test(message)) return 'the CSV dialect could not be recognised';
  return (message.split('\n')[0].match(/^[A-Za-z ]+Error/)?.[0] ?? 'read error');
}
