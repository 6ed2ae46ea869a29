// CSV (RFC 4180) of a disclosed table, as an HTTP representation: the text is core/api/csv-text.ts's
// (the dashboard writes its downloads with the same module), the file name an RFC 6266 attachment.
// What describes the table (measure, unit, filters, data version) comes as constant columns after the
// table's own (`constants`).
import { csvText } from '../../core/api/csv-text.ts';
import type { DisclosedTable } from './disclosed-table.ts';
import type { Representation } from './representation.ts';

export const CSV_TYPE = 'text/csv';

export function toCsv(table: DisclosedTable, options: { filename: string; constants?: readonly (readonly [string, string])[] }): Representation {
  const text = csvText(
    table.columns.map((c) => c.name),
    table.rows,
    options.constants,
  );
  return {
    body: Buffer.from(text, 'utf8'),
    contentType: `${CSV_TYPE}; charset=utf-8; header=present`,
    headers: { 'Content-Disposition': attachment(options.filename) },
  };
}

/** RFC 6266: a quoted ASCII filename; anything else in it becomes '_'. */
function attachment(filename: string): string {
  return `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`;
}
