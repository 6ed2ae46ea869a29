// Content negotiation for tabular results: JSON by default, Arrow IPC stream or CSV when the Accept
// header asks for them, and the one place that turns a disclosed table into the chosen format.
// Endpoints (measures now, cohorts and reports later) hand over rows only after suppression.
import type { Request } from 'express';
import { HttpError } from '../errors.ts';
import { ARROW_STREAM_TYPE, toArrowStream } from './arrow-format.ts';
import { CSV_TYPE, toCsv } from './csv-format.ts';
import type { DisclosedTable, Row } from './disclosed-table.ts';
import { JSON_TYPE, toJson } from './json-format.ts';
import { httpMessages } from './messages.ts';
import type { Representation } from './representation.ts';

/** Media type of each format; the first is the default (no Accept header, or any type). */
export const TABLE_FORMATS = { json: JSON_TYPE, arrow: ARROW_STREAM_TYPE, csv: CSV_TYPE } as const;
export type TableFormat = keyof typeof TABLE_FORMATS;

/** The format the client prefers among ours (RFC 9110 §12.5.1 quality values), else a 406. */
export function negotiateFormat(request: Request): TableFormat {
  const offered = Object.values(TABLE_FORMATS);
  const chosen = request.accepts(offered);
  if (!chosen) throw new HttpError(406, 'not_acceptable', httpMessages.notAcceptable(request.get('Accept') ?? '', offered), { accepted: offered });
  return (Object.keys(TABLE_FORMATS) as TableFormat[]).find((format) => TABLE_FORMATS[format] === chosen)!;
}

export interface TableResult<E extends object> {
  table: DisclosedTable;
  /** The JSON body around the rows; in Arrow it becomes schema metadata, CSV leaves it out. */
  envelope: E;
  /** Name of the CSV download, e.g. 'diabetes-prevalence-year.csv'. */
  filename: string;
}

export function renderTable<E extends object>(format: TableFormat, { table, envelope, filename }: TableResult<E>): Representation {
  switch (format) {
    case 'json':
      return toJson({ ...envelope, rows: table.rows as Row[] });
    case 'arrow':
      return toArrowStream(table, { metadata: envelope });
    case 'csv':
      return toCsv(table, { filename });
  }
}
