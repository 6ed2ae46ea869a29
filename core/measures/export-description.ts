// What a measure export is, written into the file: constant columns after the table's own (every
// row says which measure, unit, adjustment, stratifiers, filters, cohort, window and data version
// it is, which a spreadsheet keeps through sorting and filtering, unlike comment lines that RFC 4180
// readers refuse), and a file name that tells two downloads of different views apart. The API's CSV
// responses and the dashboard's downloads both come from here, so they are the same file.
import type { MeasureResult } from '../api/api-types.ts';
import { columnOrder, csvText, type CsvRow } from '../api/csv-text.ts';
import { UNIT_LABELS, type MeasureDefinition } from './measure-definition.ts';
import type { Period } from './periods.ts';

export interface ExportView {
  measure: Pick<MeasureDefinition, 'id' | 'title' | 'unit'>;
  period: Period;
  by: readonly string[];
  filters: Readonly<Record<string, string>>;
  cohortId?: string;
  adjustAge: boolean;
  from: number | null;
  to: number | null;
  disclosure: 'perturbed' | 'exact';
  dataVersion: string;
  /** When the data were loaded (/api/meta loadedAt). */
  dataAsOf: string;
}

const ADJUSTMENT = { crude: 'crude', age: 'age-adjusted (US 2000 standard population, direct method)' } as const;

/** The constant columns, in order, as [name, value]. */
export function exportColumns(view: ExportView): [string, string][] {
  return [
    ['measure', view.measure.id],
    ['measureTitle', view.measure.title],
    ['unit', UNIT_LABELS[view.measure.unit]],
    ['adjustment', view.adjustAge ? ADJUSTMENT.age : ADJUSTMENT.crude],
    ['stratifiers', view.by.join(',')],
    ['filters', Object.entries(view.filters).sort(([a], [b]) => a.localeCompare(b)).map(([name, value]) => `${name}=${value}`).join('; ')],
    ['cohort', view.cohortId ?? ''],
    ['fromYear', view.from === null ? '' : String(view.from)],
    ['toYear', view.to === null ? '' : String(view.to)],
    ['disclosure', view.disclosure],
    ['dataVersion', view.dataVersion],
    ['dataAsOf', view.dataAsOf],
  ];
}

/**
 * `hba1c-control_year_by-county-race_sex-F_2019-2024_age-adjusted_percent_data-3f9a2c1d.csv`:
 * measure, period, stratifiers, filters, cohort, window, adjustment, unit, data version (its first
 * 8 characters). Only letters, digits, '.', '_' and '-' (RFC 6266 quoted ASCII file name).
 */
export function exportFilename(view: ExportView): string {
  const slug = (text: string) => text.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-+|-+$/g, '');
  const parts = [
    view.measure.id,
    view.period,
    ...(view.by.length ? [`by-${view.by.join('-')}`] : []),
    ...Object.entries(view.filters).sort(([a], [b]) => a.localeCompare(b)).map(([name, value]) => `${name}-${slug(value)}`),
    ...(view.cohortId ? [`cohort-${slug(view.cohortId)}`] : []),
    ...(view.from !== null && view.to !== null ? [`${view.from}-${view.to}`] : []),
    view.adjustAge ? 'age-adjusted' : 'crude',
    view.measure.unit,
    `data-${slug(view.dataVersion).slice(0, 8)}`,
  ];
  return `${parts.join('_')}.csv`;
}

/** The fields every measure row has (core/api/api-schemas.ts measureRowSchema's required ones). */
export const MEASURE_ROW_REQUIRED = ['period', 'numerator', 'denominator', 'rate', 'ciLow', 'ciHigh', 'unreliable', 'suppressed'] as const;

/** The CSV of measure rows (after disclosure control) of a view: the API's columns, then exportColumns. */
export function measureCsv(rows: readonly CsvRow[], view: ExportView): string {
  return csvText(columnOrder(rows, ['period', ...view.by], MEASURE_ROW_REQUIRED), rows, exportColumns(view));
}

/**
 * The view of a measure result as the API's JSON describes it, for a download made from it: the
 * envelope says all but the cohort, which the caller asked for (`cohortId`, the cohort parameter).
 */
export function exportViewOf(result: Omit<MeasureResult, 'rows'>, cohortId: string | null): ExportView {
  return {
    measure: result.measure,
    period: result.period,
    by: result.by ? result.by.split(',') : [],
    filters: result.filters,
    ...(cohortId ? { cohortId } : {}),
    adjustAge: result.adjust === 'age',
    from: result.from,
    to: result.to,
    disclosure: result.disclosure,
    dataVersion: result.dataVersion,
    dataAsOf: result.dataAsOf,
  };
}
