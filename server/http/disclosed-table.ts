// A table of result rows that has been through disclosure control, with the type of each column:
// the only thing the CSV and Arrow serializers accept. Building one re-checks rule 3 (a hidden cell
// keeps its keys and nothing else), so a table that skipped suppressCells fails loudly instead of
// being written out.
import { z } from 'zod';
import { columnOrder, type CellValue } from '../../core/api/csv-text.ts';

export type { CellValue };
export type Row = Record<string, CellValue>;
export type ColumnType = 'string' | 'number' | 'boolean';

export interface Column {
  name: string;
  type: ColumnType;
  /** Key columns (period, strata) identify a cell and are never null. */
  key: boolean;
}

declare const disclosed: unique symbol;

export interface DisclosedTable {
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
  readonly [disclosed]: true;
}

/** Fields every disclosed row carries besides its keys (core/disclosure/mask.ts). */
const FLAGS = new Set(['suppressed', 'suppressionReason']);

/**
 * Checks rows that came out of suppressCells and fixes the column order and types: keys first,
 * then the other fields in the order they first have a value, then any `required` column no row had
 * (so an empty result still has its full schema). `types` names the type of known columns (so a
 * column that is null in every row still gets the right type); others are inferred.
 * @throws Error for a row without a boolean `suppressed`, a hidden row with a value outside its
 *   keys, or a column with values of two types.
 */
export function disclosedTable(rows: readonly Row[], options: { keys: readonly string[] } & Partial<RowShape>): DisclosedTable {
  const keys = new Set(options.keys);
  for (const row of rows) {
    if (typeof row.suppressed !== 'boolean') throw new Error('refusing to serialize rows that have not been through disclosure control (no boolean `suppressed`)');
    for (const name of Object.keys(row)) {
      if (row.suppressed && !keys.has(name) && !FLAGS.has(name) && row[name] !== null) {
        throw new Error(`refusing to serialize a suppressed cell with a value in '${name}'`);
      }
    }
  }
  // The API's column order (csv-text.ts), which a client reading the JSON finds too.
  const names = columnOrder(rows, options.keys, options.required);
  const columns = names.map((name): Column => ({ name, type: options.types?.[name] ?? inferType(name, rows), key: keys.has(name) }));
  for (const column of columns) checkType(column, rows);
  return { columns, rows } as unknown as DisclosedTable;
}

/** What a row schema says about columns: the type of each, and which every row has. */
export interface RowShape {
  types: Record<string, ColumnType>;
  required: readonly string[];
}

/** The RowShape of a zod object schema of a row: JSON Schema type of each property, null aside. */
export function rowShapeOf(schema: z.ZodObject): RowShape {
  const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as { properties?: Record<string, { type?: string | string[] }>; required?: string[] };
  const types: Record<string, ColumnType> = {};
  for (const [name, property] of Object.entries(json.properties ?? {})) {
    const type = [property.type ?? []].flat().find((t) => t !== 'null');
    if (type === 'string' || type === 'number' || type === 'boolean') types[name] = type;
    else if (type === 'integer') types[name] = 'number';
  }
  return { types, required: json.required ?? [] };
}

function inferType(name: string, rows: readonly Row[]): ColumnType {
  for (const row of rows) {
    const value = row[name];
    if (value !== null && value !== undefined) return typeof value as ColumnType;
  }
  return 'string';
}

function checkType(column: Column, rows: readonly Row[]): void {
  for (const row of rows) {
    const value = row[column.name];
    if (value === null || value === undefined) {
      if (column.key) throw new Error(`key column '${column.name}' has a missing value`);
      continue;
    }
    if (typeof value !== column.type) throw new Error(`column '${column.name}' is ${column.type} but has the value ${JSON.stringify(value)}`);
  }
}
