// Arrow IPC stream of a disclosed table, for notebooks and data frames: keys and labels Utf8,
// numbers Float64, flags Bool, a suppressed value a null. What JSON sends besides the rows
// (measure, data version, filters) travels as JSON in the schema metadata under 'popsight'.
import { Bool, Field, Float64, makeData, RecordBatch, Schema, Struct, Table, tableToIPC, Utf8, vectorFromArray, type DataType } from 'apache-arrow';
import type { ColumnType, DisclosedTable } from './disclosed-table.ts';
import type { Representation } from './representation.ts';

export const ARROW_STREAM_TYPE = 'application/vnd.apache.arrow.stream';

const arrowType = (type: ColumnType): DataType => (type === 'string' ? new Utf8() : type === 'number' ? new Float64() : new Bool());

export function toArrowStream(table: DisclosedTable, options: { metadata?: unknown } = {}): Representation {
  const fields = table.columns.map((c) => new Field(c.name, arrowType(c.type), !c.key));
  const metadata = new Map(options.metadata === undefined ? [] : [['popsight', JSON.stringify(options.metadata)]]);
  const schema = new Schema(fields, metadata);
  const children = table.columns.map((c, i) => vectorFromArray(table.rows.map((row) => row[c.name] ?? null), fields[i]!.type).data[0]!);
  const batch = new RecordBatch(schema, makeData({ type: new Struct(fields), length: table.rows.length, nullCount: 0, children }));
  return { body: Buffer.from(tableToIPC(new Table(schema, [batch]), 'stream')), contentType: ARROW_STREAM_TYPE };
}
