// The API's CSV (RFC 4180) of a table of result rows, as text: the server's responses and the
// dashboard's downloads are both written here, so a file saved from the page and one fetched with
// Accept: text/csv are the same file. A header row, one line per row, CRLF line ends, fields quoted
// only when they must be; no comments and no byte-order mark: what describes the table comes as
// constant columns after the table's own. A missing value is an empty field (never 0), and no text
// cell can start a formula. Pure.

export type CellValue = string | number | boolean | null;
/** A row as the API sends it: fields of CellValue; undefined (a field JSON leaves out) is a missing value. */
export type CsvRow = object;
const valueOf = (row: CsvRow, name: string) => (row as Readonly<Record<string, CellValue | undefined>>)[name];

/**
 * The columns of a table of rows, in the API's order: the keys, then every other field in the order
 * it first has a value (undefined does not count: JSON leaves such a field out, so a client that
 * reads the JSON finds the same order), then any `required` column no row had.
 */
export function columnOrder(rows: readonly CsvRow[], keys: readonly string[], required: readonly string[] = []): string[] {
  const names = new Set(keys);
  for (const row of rows) {
    for (const [name, value] of Object.entries(row) as [string, unknown][]) if (value !== undefined) names.add(name);
  }
  for (const name of required) names.add(name);
  return [...names];
}

/** The CSV text: a header of `columns` then `constants`' names, then each row with the constants' values. */
export function csvText(columns: readonly string[], rows: readonly CsvRow[], constants: readonly (readonly [string, string])[] = []): string {
  const tail = constants.map(([, value]) => field(value));
  const lines = [
    [...columns.map(quote), ...constants.map(([name]) => quote(name))],
    ...rows.map((row) => [...columns.map((name) => field(valueOf(row, name) ?? null)), ...tail]),
  ];
  return lines.map((fields) => `${fields.join(',')}\r\n`).join('');
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
