// Reads one OMOP table into `omop.<table>`: only the listed columns, all VARCHAR, lower-case names,
// plus `_file` (the file name as found) and `_line` (line number) for quarantine reports.
// Structural faults (missing file or column, empty file, wrong delimiter) stop the load here.
import { basename } from 'node:path';
import type { Database } from '../../../core/warehouse/database.ts';
import { LoadError } from '../../load-errors.ts';
import { quoteIdentifier } from '../../../core/warehouse/sql.ts';
import { readCsvDialect } from './csv-dialect.ts';
import type { OmopFolder } from './omop-files.ts';
import { requiredFileNames, type OmopTable } from './omop-tables.ts';

export interface ReadTable {
  table: string;
  /** The file name as found in the folder; undefined when an optional file is absent. */
  file?: string;
  headers: string[];
  rows: number;
}

export async function readOmopTable(db: Database, folder: OmopFolder, table: OmopTable): Promise<ReadTable> {
  const path = folder.pathOf(table.name);
  if (path === undefined) {
    if (table.required) throw new LoadError(`${table.name.toUpperCase()}.csv`, `missing; an OMOP CDM extract needs ${requiredFileNames()}`);
    // An absent optional table reads as an empty one, so the mapping SQL never branches on files.
    const columns = table.columns.map((c) => `NULL::VARCHAR AS ${c.name}`).join(', ');
    await db.run(`CREATE TABLE omop.${table.name} AS SELECT NULL::VARCHAR AS _file, NULL::BIGINT AS _line, ${columns} LIMIT 0`);
    return { table: table.name, headers: [], rows: 0 };
  }

  const label = basename(path);
  const dialect = await readCsvDialect(path, label, { allowTabs: table.name === 'concept' });
  const select = selectList(table, dialect.headers, label);
  try {
    await db.run(
      `CREATE TABLE omop.${table.name} AS
       SELECT $2 AS _file, row_number() OVER () + 1 AS _line, ${select}
       FROM read_csv($1, header = true, all_varchar = true, delim = $3, quote = $4, escape = $4)`,
      [path, label, dialect.delim, dialect.quote],
    );
  } catch (error) {
    throw new LoadError(label, `could not be read as UTF-8 CSV: ${firstLine(error)}`, { cause: error });
  }
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM omop.${table.name}`);
  if (n === 0 && table.needsRows) throw new LoadError(label, `has a header but no rows; expected ${table.needsRows}`);
  return { table: table.name, file: label, headers: dialect.headers, rows: n };
}

/** Each listed column under its CDM name; headers match whatever their letter case. */
function selectList(table: OmopTable, headers: string[], label: string): string {
  const byLowerName = new Map(headers.map((h) => [h.toLowerCase(), h]));
  return table.columns
    .map((column) => {
      const header = byLowerName.get(column.name);
      if (header !== undefined) return `${quoteIdentifier(header)} AS ${column.name}`;
      if (column.required) {
        throw new LoadError(label, `column ${column.name} is missing (OMOP CDM 5.4 ${table.name.toUpperCase()}); the header has ${headers.join(', ')}`);
      }
      return `NULL::VARCHAR AS ${column.name}`;
    })
    .join(', ');
}

const firstLine = (error: unknown) => String(error instanceof Error ? error.message : error).split('\n')[0];
