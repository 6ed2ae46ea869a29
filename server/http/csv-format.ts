// CSV (RFC 4180) of a disclosed table: a header row, then one line per row, CRLF line ends, fields
// quoted only when they must be. No comments and no byte-order mark: what describes the table (measure,
// unit, filters, data version) comes as constant columns after the table's own (`constants`).
// A suppressed value is an empty field, so no spreadsheet shows it as 0; no text cell can start a formula.
import type { CellValue, DisclosedTable } from './disclosed-table.ts';
import type { Representation } from './representation.ts';

export const CSV_TYPE = 'text/csv';

export function toCsv(table: DisclosedTable, options: { filename: string; constants?: readonly (readonly [string, string])[] }): Representation {
  const constants = options.constants ?? [];
  const tail = constants.map(([, value]) => field(value));
  const lines = [
    [...table.columns.map((c) => quote(c.name)), ...constants.map(([name]) => quote(name))],
    ...table.rows.map((row) => [...table.columns.map((c) => field(row[c.name] ?? null)), ...tail]),
  ];
  return {
    body: Buffer.from(lines.map((fields) => `${fields.join(',')}\r\n`).join(''), 'utf8'),
    contentType: `${CSV_TYPE}; charset=utf-8; header=present`,
    headers: { 'Content-Disposition': attachment(options.filename) },
  };
}

function field(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return quote(neutralizeFormula(String(value)));
}

/**
 * OWASP CSV injection: a text cell that starts with = + - @ (or a tab or carriage return, which
 * some spreadsheets skip before reading one) would run as a formula when the file is opened; a
 * leading apostrophe makes it text. Numbers are written as numbers and never need it.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180 §2.6–2.7: enclose a field holding a comma, quote or line break, doubling its quotes. */
function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 6266: a quoted ASCII filename; anything else in it becomes '_'. */
function attachment(filename: string): string {
  return `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`;
}
