// What of a quarantined row may be shown: its line, field and reason always; its value only when the
// field is not an identifier column. etl.quarantine already keeps an identifier as its pseudonym and
// other text as its length (pipelines/validate/quarantine.ts); an example shows not even the
// pseudonym, since a list of them is a list of people to look up. Pure; must never pass an
// identifier column's value through.

/** The canonical staging fields (synthea-files.ts) that hold an id of a row or of a row it refers to. */
const IDENTIFIER_FIELDS = new Set(['id', 'patient', 'person', 'encounter', 'payer', 'claim', 'organization', 'provider', 'member', 'subscriber', 'ssn', 'drivers', 'passport']);

/**
 * True for an identifier column: a known id field, any field whose name ends in `id` (`patient_id`, `claimid`),
 * and a field that is not known at all (a row the CSV reader rejected has none): unknown is not safe.
 */
export function isIdentifierField(field: string | null): boolean {
  if (field === null || field === '') return true;
  const name = field.toLowerCase();
  return IDENTIFIER_FIELDS.has(name) || name.endsWith('id');
}

/** The value an example may show: null for an identifier column, else the value as quarantined. */
export function shownExampleValue(field: string | null, value: string | null): string | null {
  return isIdentifierField(field) ? null : value;
}
