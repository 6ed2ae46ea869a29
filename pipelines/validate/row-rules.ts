// 3. Validate: the row rules. A row that breaks one goes to `etl.quarantine` with its file, line,
// field, value and reason; the rest go on to the model as `valid.<table>`. Rules are SQL predicates
// over the canonical staging fields (see synthea-files.ts), checked in the order listed.

export interface RowRule {
  field: string;
  reason: string;
  /** SQL predicate that is true for a faulty row. */
  when: string;
  /** The field carries an identifier: the quarantine keeps its pseudonym, never the value. */
  identifying?: boolean;
  /** An orphan check: the field must match an id of `valid.<parent>` (compiled to a LEFT JOIN). */
  references?: { parent: string; optional: boolean };
}

export interface TableRules {
  table: string;
  /** Field holding the row's own id, checked for duplicates. */
  idField?: string;
  rules: RowRule[];
}

const ENCOUNTER_CLASSES = ['wellness', 'ambulatory', 'outpatient', 'emergency', 'inpatient', 'urgentcare', 'home', 'hospice', 'snf', 'virtual'];

const badDate = (field: string): RowRule => ({ field, reason: 'unparseable date', when: `${field} IS NOT NULL AND ${field} <> '' AND parse_ts(${field}) IS NULL` });
const missingDate = (field: string): RowRule => ({ field, reason: 'missing or unparseable date', when: `parse_ts(${field}) IS NULL` });
const endBeforeStart = (start: string, end: string): RowRule => ({ field: end, reason: `${end} before ${start}`, when: `parse_ts(${end}) < parse_ts(${start})` });
// Numbers: DuckDB reads 'NaN', 'Infinity' and '1e400' (inf) as doubles, and one such value makes every sum
// over it non-finite, which JSON cannot carry: each numeric field must be finite and within a plausible range.
const present = (field: string) => `${field} IS NOT NULL AND ${field} <> ''`;
const nonFinite = (field: string): RowRule => ({ field, reason: 'not a finite number (NaN or infinite)', when: `${present(field)} AND NOT isfinite(TRY_CAST(${field} AS DOUBLE))` });
/** The largest plausible amount of one row, in dollars (the costliest inpatient stays are in the millions). */
const MAX_AMOUNT = 1e9;
const cost = (field: string): RowRule[] => [
  nonFinite(field),
  { field, reason: 'negative or non-numeric cost', when: `${present(field)} AND coalesce(TRY_CAST(${field} AS DOUBLE) < 0, true)` },
  { field, reason: `cost above the plausible maximum of ${MAX_AMOUNT.toLocaleString('en-US')}`, when: `TRY_CAST(${field} AS DOUBLE) > ${MAX_AMOUNT}` },
];
const number = (field: string, low: number, high: number): RowRule[] => [
  { field, reason: `${field} is not a number`, when: `${present(field)} AND TRY_CAST(${field} AS DOUBLE) IS NULL` },
  nonFinite(field),
  { field, reason: `${field} outside the plausible range ${low} to ${high}`, when: `TRY_CAST(${field} AS DOUBLE) NOT BETWEEN ${low} AND ${high}` },
];
// `when` is filled in by the quarantine step, which joins valid.<parent> as `ref_<field>`.
const orphan = (field: string, parent: string, optional = false): RowRule => ({
  field,
  reason: `orphan reference: no valid ${parent} row has this id`,
  when: optional ? `${field} IS NOT NULL AND ${field} <> '' AND ref_${field} IS NULL` : `ref_${field} IS NULL`,
  identifying: true,
  references: { parent, optional },
});
const optionalOrphan = (field: string, parent: string): RowRule => orphan(field, parent, true);

/** Plausible ranges for the observations that measures use (LOINC). */
const PLAUSIBLE_VALUES: [code: string, low: number, high: number][] = [
  ['4548-4', 2, 25], // HbA1c %
  ['8480-6', 40, 300], // systolic mm[Hg]
  ['8462-4', 20, 200], // diastolic mm[Hg]
  ['39156-5', 8, 120], // BMI kg/m2
];

export const ROW_RULES: TableRules[] = [
  {
    table: 'patients',
    idField: 'id',
    rules: [
      missingDate('birthdate'),
      badDate('deathdate'),
      { field: 'deathdate', reason: 'death before birth', when: 'parse_ts(deathdate) < parse_ts(birthdate)' },
      { field: 'gender', reason: "unknown sex; expected 'F' or 'M'", when: "coalesce(upper(gender), '') NOT IN ('F', 'M')" },
    ],
  },
  { table: 'payers', idField: 'id', rules: [] },
  { table: 'organizations', idField: 'id', rules: [] },
  {
    table: 'payer_transitions',
    rules: [
      orphan('patient', 'patients'),
      orphan('payer', 'payers'),
      { field: 'start', reason: 'missing or unparseable date', when: 'parse_period(start) IS NULL' },
      { field: 'end', reason: 'missing or unparseable date', when: 'parse_period("end", true) IS NULL' },
      { field: 'end', reason: 'end before start', when: 'parse_period("end", true) < parse_period(start)' },
    ],
  },
  {
    table: 'encounters',
    idField: 'id',
    rules: [
      orphan('patient', 'patients'),
      missingDate('start'),
      badDate('stop'),
      endBeforeStart('start', 'stop'),
      { field: 'encounterclass', reason: `unknown encounter class; expected one of ${ENCOUNTER_CLASSES.join(', ')}`, when: `lower(encounterclass) NOT IN (${ENCOUNTER_CLASSES.map((c) => `'${c}'`).join(', ')})` },
      ...cost('base_cost'),
      ...cost('total_cost'),
      ...cost('payer_coverage'),
    ],
  },
  {
    table: 'conditions',
    rules: [orphan('patient', 'patients'), optionalOrphan('encounter', 'encounters'), missingDate('start'), badDate('stop'), endBeforeStart('start', 'stop')],
  },
  {
    table: 'observations',
    rules: [
      orphan('patient', 'patients'),
      optionalOrphan('encounter', 'encounters'),
      missingDate('date'),
      // Text values ('Never smoker') are fine; a value that reads as a number must be a finite one.
      { field: 'value', reason: 'not a finite number (NaN or infinite)', when: 'value IS NOT NULL AND NOT isfinite(TRY_CAST(value AS DOUBLE))' },
      {
        field: 'value',
        reason: 'value outside the plausible range for its LOINC code',
        when: `CASE code ${PLAUSIBLE_VALUES.map(([code, low, high]) => `WHEN '${code}' THEN coalesce(TRY_CAST(value AS DOUBLE) NOT BETWEEN ${low} AND ${high}, true)`).join(' ')} ELSE false END`,
      },
    ],
  },
  {
    table: 'medications',
    rules: [orphan('patient', 'patients'), optionalOrphan('encounter', 'encounters'), missingDate('start'), badDate('stop'), endBeforeStart('start', 'stop'), ...cost('totalcost'), ...number('dispenses', 0, 100000)],
  },
  {
    table: 'procedures',
    rules: [orphan('patient', 'patients'), optionalOrphan('encounter', 'encounters'), missingDate('start'), badDate('stop'), endBeforeStart('start', 'stop'), ...cost('base_cost')],
  },
  {
    table: 'immunizations',
    rules: [orphan('patient', 'patients'), optionalOrphan('encounter', 'encounters'), missingDate('date'), ...cost('base_cost')],
  },
  { table: 'providers', idField: 'id', rules: [] },
  { table: 'allergies', rules: [orphan('patient', 'patients'), optionalOrphan('encounter', 'encounters'), missingDate('start'), badDate('stop'), endBeforeStart('start', 'stop')] },
  { table: 'careplans', rules: [orphan('patient', 'patients'), optionalOrphan('encounter', 'encounters'), missingDate('start'), badDate('stop'), endBeforeStart('start', 'stop')] },
  { table: 'devices', rules: [orphan('patient', 'patients'), optionalOrphan('encounter', 'encounters'), missingDate('start'), badDate('stop'), endBeforeStart('start', 'stop')] },
  { table: 'supplies', rules: [orphan('patient', 'patients'), optionalOrphan('encounter', 'encounters'), missingDate('date'), ...number('quantity', 0, 1e6)] },
  { table: 'imaging_studies', rules: [orphan('patient', 'patients'), optionalOrphan('encounter', 'encounters'), missingDate('date')] },
  {
    table: 'claims',
    idField: 'id',
    rules: [orphan('patient', 'patients'), optionalOrphan('encounter', 'encounters'), badDate('service_date')],
  },
  {
    table: 'claims_transactions',
    idField: 'id',
    rules: [
      orphan('patient', 'patients'),
      orphan('claim', 'claims'),
      badDate('fromdate'),
      ...number('amount', -MAX_AMOUNT, MAX_AMOUNT),
      ...number('payments', -MAX_AMOUNT, MAX_AMOUNT),
      ...number('adjustments', -MAX_AMOUNT, MAX_AMOUNT),
      ...number('outstanding', -MAX_AMOUNT, MAX_AMOUNT),
      ...number('units', 0, 1e6),
    ],
  },
];
