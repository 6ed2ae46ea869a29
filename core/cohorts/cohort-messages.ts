// User-facing messages of the cohort feature, in one place so tests assert against the same text.

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

export const cohortMessages = {
  // Schema issues: each says what was expected; the path is added by formatIssue.
  expectedDate: 'expected a date as YYYY-MM-DD',
  expectedDateRange: 'expected [start, end], two dates as YYYY-MM-DD',
  rangeReversed: 'expected the start date on or before the end date',
  expectedNumber: 'expected a number',
  expectedDays: 'expected a whole number of days',
  expectedName: 'expected a non-empty name',
  aliveIsTrue: "expected true ('alive': true keeps the people alive on the index date; use 'not' for the others)",
  ageNeedsBound: "expected 'min', 'max' or both",
  ageReversed: "expected 'min' to be at most 'max'",
  badCode: (system: string) => `expected a ${system} code${system === 'LOINC' ? ' such as 4548-4' : ' (digits only)'}`,
  expectedCodes: (system: string) => `expected a list of ${system} codes`,
  expectedOneOf: (values: readonly string[]) => `expected one of ${list(values)}`,
  exactlyOne: (keys: readonly string[], present: readonly string[]) =>
    present.length === 0
      ? `expected exactly one of ${list(keys)}`
      : `expected exactly one of ${list(keys)}, got ${list(present)}`,
  combineHint: " (a criterion is one of these; combine several with 'all' or 'any')",
  expectedDefinition: "expected a JSON object with 'name' and 'criteria'",
  unknownKey: (key: string, allowed: readonly string[]) => `unknown field '${key}': expected one of ${list(allowed)}`,
  tooManyCriteria: (count: number, max: number) => `expected at most ${max} criteria in one definition, got ${count}`,
  nestedTooDeep: (max: number) => `expected criteria nested at most ${max} levels deep (all / any / not / within)`,
  labValueRange: (max: number) => `expected a number between ${(-max).toLocaleString('en-US')} and ${max.toLocaleString('en-US')}`,

  invalidDefinition: (path: string, problem: string) => `Invalid cohort definition at '${path}': ${problem}.`,
  noStateDirectory: 'Cohorts cannot be saved: the server was started without a state directory.',
  unknownCohort: (id: string) => `No saved cohort with id '${id}'.`,
  tooManyCohorts: (count: number) => `You have ${count} saved cohorts, the most one user may keep: delete one (DELETE /api/cohorts/{id}) before saving another.`,
  tooManyCohortBytes: (used: number, adding: number, limit: number) =>
    `Your saved cohorts' definitions take ${used} bytes and this one ${adding}: together over the ${limit} bytes one user may keep. Delete one (DELETE /api/cohorts/{id}) or save a shorter definition.`,
  outdatedCohort: (id: string, problem: string) =>
    `Saved cohort '${id}' no longer fits the definition language (${problem}); save it again with a valid definition.`,
  invalidRename: (field: string, problem: string) => `Invalid rename at '${field}': ${problem}.`,
  compareNeedsTwo: "Parameters 'a' and 'b' are required: the ids of the two saved cohorts to compare.",
  unknownCompareParameter: (parameter: string) => `Unknown parameter '${parameter}': allowed parameters are a, b.`,
  /** The ledger's refusal (admit-cohort.ts): says why, and what to do instead, without any count. */
  tooCloseToEarlier: (earlier: string | null) =>
    `This cohort cannot be used: its members differ from those of ${earlier === null ? 'an earlier cohort of yours' : `your earlier cohort '${earlier}'`} ` +
    'by fewer than 11 people (but not by none), and answering both would reveal that small group. ' +
    'Change the criteria so that the two differ by 11 or more people, or use the earlier cohort itself.',
  overlapNote:
    'The intervals assume the two cohorts are independent samples (Newcombe 1998); when they share members the intervals are approximate.',
};
