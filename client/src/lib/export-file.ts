// The dashboard's download of a measure view: the very file the API sends for the same view with
// Accept: text/csv (same name, same columns, same constant columns saying measure, stratifiers,
// filters, cohort, adjustment, unit, window and data version), written by core/measures/export-description.ts
// from the JSON the page already has. Pure.
import type { MeasureResult, MeasureRow } from '../../../core/api/api-types.ts';
import { exportFilename, exportViewOf, measureCsv } from '../../../core/measures/export-description.ts';

export interface MeasureDownload {
  /** The file name without its extension, for the chart's images too. */
  baseName: string;
  filename: string;
  /** The CSV text, made when asked for. */
  csv(): string;
}

/**
 * The download of `result` (a measure answered as JSON for the cohort `cohortId`). A `slice` (one
 * year of the map: the API's answer to from=to=that year, which is a slice of the full one) replaces
 * its rows and years.
 */
export function measureDownload(result: MeasureResult, cohortId: string | null, slice?: { rows: readonly MeasureRow[]; year: number }): MeasureDownload {
  const view = exportViewOf(slice ? { ...result, from: slice.year, to: slice.year } : result, cohortId);
  const rows = slice ? slice.rows : result.rows;
  const filename = exportFilename(view);
  return { filename, baseName: filename.replace(/\.csv$/, ''), csv: () => measureCsv(rows, view) };
}
