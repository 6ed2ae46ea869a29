// User-facing messages of the API, in one place so tests assert against the same text.

export const messages = {
  invalidChoice: (parameter: string, value: string, allowed: readonly string[]) =>
    `Invalid value '${value}' for parameter '${parameter}': expected one of ${allowed.join(', ')}.`,
  unknownParameter: (parameter: string, allowed: readonly string[]) =>
    `Unknown parameter '${parameter}': allowed parameters are ${allowed.join(', ')}.`,
  unknownMeasure: (id: string, allowed: readonly string[]) =>
    `Unknown measure '${id}': expected one of ${allowed.join(', ')}.`,
  periodNotDefined: (id: string, period: string, allowed: readonly string[], reason: string) =>
    `Invalid value '${period}' for parameter 'period': measure '${id}' is defined for ${allowed.join(', ')} only. ${reason}`,
  yearOutOfRange: (parameter: 'from' | 'to', value: string, first: number, last: number) =>
    `Invalid value '${value}' for parameter '${parameter}': expected a year from ${first} to ${last} (the years the data covers, GET /api/meta).`,
  windowReversed: (from: number, to: number) =>
    `Invalid value '${from}' for parameter 'from': the window must start no later than 'to' (${to}).`,
  windowWithAll: (parameter: 'from' | 'to') =>
    `Parameter '${parameter}' does not apply to period=all, which pools the whole date range; give period=year, quarter or month to see a window of years.`,
  sameStratifierAndFilter: (parameter: string) =>
    `Parameter '${parameter}' is used both as the stratifier (by) and as a filter; use one or the other.`,
  invalidParameter: (parameter: string, problem: string) => `Invalid parameter '${parameter}': ${problem}.`,
  tooManyStratifiers: (count: number) =>
    count > 2 ? `Parameter 'by' takes at most two stratifiers, got ${count}.` : `Parameter 'by' names the same stratifier twice.`,
  adjustNotApplicable: (id: string) =>
    `Parameter 'adjust': age adjustment applies to proportions and rates, not to measure '${id}'.`,
  crossTableTooLarge: (cells: number, max: number) =>
    `This request needs a disclosure check over ${cells.toLocaleString('en-US')} cells (the stratifiers and filters crossed), more than ${max.toLocaleString('en-US')}: use a coarser period or fewer filters.`,
  trendIsYearly: (period: string) =>
    `Invalid value '${period}' for parameter 'period': a trend is fitted to yearly rates; leave period out or give period=year.`,
  tableTooLarge: (cells: number, max: number) =>
    `This request makes ${cells.toLocaleString('en-US')} cells (its periods and stratifiers crossed), more than ${max.toLocaleString('en-US')}: use a coarser period or fewer stratifiers.`,
  warehouseOrEngine: 'Give either --warehouse FILE (a DuckDB warehouse) or --engine postgres://… (a sharded PostgreSQL that popsight publish filled), not both.',
  badEngine: (url: string) => `--engine: expected a PostgreSQL connection URL such as postgres://user:password@host:5432/database, got '${url.replace(/:[^:@/]*@/, ':***@')}'.`,
  noWarehouse: (path: string) =>
    `No warehouse at ${path}. Load one with 'popsight load <extract> --warehouse ${path}' or run 'popsight demo'.`,
};
