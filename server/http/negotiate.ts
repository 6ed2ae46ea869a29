// Content negotiation for tabular results: JSON by default, Arrow IPC stream or CSV when the Accept
// header asks for them, and the one place that turns a disclosed table into the chosen format.
// Endpoints (measures now, cohorts and reports later) hand over rows only after suppression.
import type { Request } from 'express';
import { HttpError } from './errors.ts';
import { ARROW_STREAM_TYPE, toArrowStream } from './arrow-format.ts';
import { CSV_TYPE, toCsv } from './csv-format.ts';
import type { DisclosedTable, Row } from './disclosed-table.ts';
import { JSON_TYPE, toJson } from './json-format.ts';
import { httpMessages } from './messages.ts';
import type { Representation } from './representation.ts';

/** Media type of each format; the first is the default (no Accept header, or any type). */
export const TABLE_FORMATS = { json: JSON_TYPE, arrow: ARROW_STREAM_TYPE, csv: CSV_TYPE } as const;
export type TableFormat = keyof typeof TABLE_FORMATS;

// The choice depends on the Accept header alone, and clients send few distinct ones: each is
// negotiated once (a bounded memo, so odd headers cannot grow it without limit).
const formatByAccept = new Map<string | undefined, TableFormat>();
const MAX_REMEMBERED_ACCEPTS = 100;

/** The format the client prefers among ours (RFC 9110 §12.5.1 quality values), else a 406. */
export function negotiateFormat(request: Request): TableFormat {
  const accept = request.headers.accept;
  const known = formatByAccept.get(accept);
  if (known) return known;
  const offered = Object.values(TABLE_FORMATS);
  const chosen = request.accepts(offered);
  if (!chosen) throw new HttpError(406, 'not_acceptable', httpMessages.notAcceptable(request.get('Accept') ?? '', offered), { accepted: offered });
  const format = (Object.keys(TABLE_FORMATS) as TableFormat[]).find((f) => TABLE_FORMATS[f] === chosen)!;
  if (formatByAccept.size >= MAX_REMEMBERED_ACCEPTS) formatByAccept.clear();
  formatByAccept.set(accept, format);
  return format;
}

export interface TableResult<E extends object> {
  table: DisclosedTable;
  /** The JSON body around the rows; in Arrow it becomes schema metadata, CSV leaves it out. */
  envelope: E;
  /** Name of the CSV download, e.g. 'diabetes-prevalence-year.csv'. */
  filename: string;
  /** Columns of one value for every row that CSV adds after the table's (what the table is). */
  csvConstants?: readonly (readonly [string, string])[];
}

export function renderTable<E extends object>(format: TableFormat, { table, envelope, filename, csvConstants }: TableResult<E>): Representation {
  switch (format) {
    case 'json':
      return toJson({ ...envelope, rows: table.rows as Row[] });
    case 'arrow':
      return toArrowStream(table, { metadata: envelope });
    case 'csv':
      return toCsv(table, { filename, constants: csvConstants });
  }
}
