// The one runner of the project's .sql files: a caller names a file next to itself
// (`new URL('model/person.sql', import.meta.url)`) and its statements run in order on a Database.
// Values are bound as everywhere else ($1, $2, … with SqlValue[]), never pasted into the SQL text.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database, SqlValue } from './database.ts';

/**
 * The statements of a .sql file. A statement ends with `;` at a line end; whole-line `--` comments are
 * dropped first, so a `;` in prose cannot end a statement (a comment after code on the same line stays).
 */
export function readSqlStatements(file: URL): string[] {
  const sql = readFileSync(fileURLToPath(file), 'utf8').replace(/^\s*--.*$/gm, '');
  return sql.split(/;\s*$/m).map((statement) => statement.trim()).filter(Boolean);
}

/**
 * Runs the file's statements one by one. `values` are bound to the statements that name them: each
 * statement receives $1 … $n up to the highest placeholder it uses, and none if it uses none.
 */
export async function runSqlFile(db: Database, file: URL, values: SqlValue[] = []): Promise<void> {
  for (const statement of readSqlStatements(file)) {
    const used = Math.max(0, ...[...statement.matchAll(/\$(\d+)\b/g)].map((m) => Number(m[1])));
    if (used > values.length) throw new Error(`${fileURLToPath(file)} uses $${used} but ${values.length} value(s) were given`);
    await db.run(statement, values.slice(0, used));
  }
}
