// CSV field encoding for the writers. Synthea itself replaces commas in free text with spaces
// (CSVExporter.clean); we keep the real text and quote it per RFC 4180 instead, so readers
// downstream are exercised on quoted fields ("Influenza, seasonal, ...").

const NEEDS_QUOTES = /[",\r\n]/;

/** The field as it must appear between commas. */
export function csvField(text: string): string {
  if (!NEEDS_QUOTES.test(text)) return text;
  return '"' + text.replace(/"/g, '""') + '"';
}

/** Splits one line of a small, trusted reference CSV (no quotes inside our reference files). */
export function splitPlainCsvLine(line: string): string[] {
  if (line.includes('"')) throw new Error(`quoted fields are not expected here: ${line}`);
  return line.split(',');
}
