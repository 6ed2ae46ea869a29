// The one .sql runner: statements split at `;` line ends, whole-line comments dropped, values bound not pasted.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { readSqlStatements, runSqlFile } from '../../core/warehouse/sql-file.ts';

describe('runSqlFile', () => {
  let dir: string;
  let db: Database;
  const sqlFile = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return pathToFileURL(join(dir, name));
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'popsight-sql-'));
    db = await openDatabase(':memory:');
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs each statement of the file in order, and a ; in a whole-line comment ends none', async () => {
    const file = sqlFile('steps.sql', [
      '-- Two tables; the second is filled from the first;',
      'CREATE TABLE a AS SELECT 1 AS x;',
      '  -- indented comment;',
      'CREATE TABLE b AS',
      '  SELECT x + 1 AS x FROM a; ',
      '',
    ].join('\n'));
    expect(readSqlStatements(file)).toEqual(['CREATE TABLE a AS SELECT 1 AS x', 'CREATE TABLE b AS\n  SELECT x + 1 AS x FROM a']);
    await runSqlFile(db, file);
    expect(await db.query('SELECT x FROM b')).toEqual([{ x: 2 }]);
  });

  it('binds values to the statements that name them and leaves the others without', async () => {
    const file = sqlFile('bound.sql', "CREATE TABLE c (name VARCHAR, n INTEGER);\nINSERT INTO c VALUES ($1, $2);\nINSERT INTO c VALUES ($1, 0);\nDELETE FROM c WHERE n < 0;\n");
    await runSqlFile(db, file, ["O'Brien; DROP TABLE c", 7]);
    expect(await db.query('SELECT name, n FROM c ORDER BY n')).toEqual([
      { name: "O'Brien; DROP TABLE c", n: 0 },
      { name: "O'Brien; DROP TABLE c", n: 7 },
    ]);
  });

  it('refuses a file that names more values than it was given', async () => {
    const file = sqlFile('missing.sql', 'SELECT $2;\n');
    await expect(runSqlFile(db, file, ['one'])).rejects.toThrow('uses $2 but 1 value(s) were given');
  });
});
