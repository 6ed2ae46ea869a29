// Child process of bench section 2: the floor a load is compared with. DuckDB's own CSV reader
// copies every file of the extract into a plain table of a fresh database file, nothing else.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { quoteIdentifier } from '../core/warehouse/sql.ts';
import { openDatabase } from '../core/warehouse/database.ts';

const [extract, databaseFile] = process.argv.slice(2);
const db = await openDatabase(databaseFile!);
try {
  const files = readdirSync(extract!).filter((name) => name.endsWith('.csv')).sort();
  for (const name of files) {
    await db.run(`CREATE TABLE ${quoteIdentifier(name.slice(0, -4))} AS SELECT * FROM read_csv($1)`, [join(extract!, name)]);
  }
  process.stdout.write(`${JSON.stringify({ files: files.length })}\n`);
} finally {
  db.close();
}
