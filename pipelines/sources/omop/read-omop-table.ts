// Reads one OMOP table into `omop.<table>`: only the listed columns, all VARCHAR, lower-case names,
// plus `_file` (the file name as found) and `_line` (line number) for quarantine reports.
// Structural faults (missing file or column, empty file, wrong delimiter) stop the load here.
import { basename } from 'node:path';
import type { Database } from '../../../core/warehouse/database.ts';
import { LoadError } from '../../load-errors.ts';
import { quoteIdentifier } from '../../../core/warehouse/sql.ts';
import { checkDuplicateColumns, checkRegularFile, missingColumn } from '../csv-header.ts';
import { createLinedView, readCsvRows } from '../csv-rows.ts';
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
  await checkRegularFile(path, label);
  const dialect = await readCsvDialect(path, label, { allowTabs: table.name === 'concept' });
  // Missing columns first: a file without its header line has a record there, often with repeated empty fields.
  const select = selectList(table, dialect.headers, label);
  checkDuplicateColumns(dialect.headers, label, knownColumns(table));
  // Row faults (too many or too few fields, an unterminated quote) are set aside with their line, and
  // counted against the staging table the file feeds (REJECTS_TABLE), or the OMOP table itself.
  const rows = `omop.${table.name}_csv_rows`;
  const rejected = await readCsvRows(db, {
    path, label, table: REJECTS_TABLE[table.name] ?? table.name, headers: dialect.headers, select, target: rows, delim: dialect.delim, quote: dialect.quote,
  });
  // A table, not a view: lookups.sql replaces some of them with filtered copies.
  await createLinedView(db, `omop.${table.name}`, rows, label, rejected, 'TABLE');
  await db.run(`DROP TABLE ${rows}`);
  await db.run(`DROP TABLE IF EXISTS ${rows}_shift`);
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
      if (column.required) throw missingColumn(label, column.name, headers, knownColumns(table), ` (OMOP CDM 5.4 ${table.name.toUpperCase()})`);
      return `NULL::VARCHAR AS ${column.name}`;
    })
    .join(', ');
}

/** Column names shown in messages; any other header field is shown only by its kind. */
const knownColumns = (table: OmopTable) => {
  const names = new Set(table.columns.map((c) => c.name));
  // CDM columns Popsight does not read are snake_case names (visit_type_concept_id): no record value looks like that.
  return (name: string) => names.has(name.toLowerCase()) || /^[a-z]+(_[a-z0-9]+)+$/.test(name);
};

/** The staging table each clinical file feeds, so its rejected rows count in that file's counts. */
const REJECTS_TABLE: Record<string, string> = {
  person: 'patients', visit_occurrence: 'encounters', condition_occurrence: 'conditions', drug_exposure: 'medications',
  procedure_occurrence: 'procedures', measurement: 'observations', observation: 'observations', payer_plan_period: 'payer_transitions',
};
