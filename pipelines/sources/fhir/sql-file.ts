// Runs one of the reader's .sql files, statement by statement (a statement ends with `;` at a line end;
// whole-line comments are dropped first so a `;` in prose cannot end a statement).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../../core/warehouse/database.ts';

export async function runSqlFile(db: Database, relative: string): Promise<void> {
  const sql = readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8').replace(/^\s*--.*$/gm, '');
  for (const statement of sql.split(/;\s*$/m).map((s) => s.trim()).filter(Boolean)) await db.run(statement);
}
