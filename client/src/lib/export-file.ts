// What an exported file is called and what its CSV says: the name and the header carry the measure,
// stratifiers, period and window, filters, cohort, adjustment, unit and data version, so two exports
// of different views never share a name and a file read alone says what it holds. Pure.
import type { Dimension, Filters, MeasureRow, Period } from '../../../core/api/api-types.ts';
import { dimensionLabels, valueLabel } from '../../../core/charts/labels.ts';

export interface ExportContext {
  measure: { id: string; title: string; unit: string; unitLabel: string };
  by: readonly Dimension[];
  period: Period;
  from: number | null;
  to: number | null;
  filters: Filters;
  cohort: string | null;
  adjusted: boolean;
  dataVersion: string;
  /** The load date shown as "data as of" (ISO). */
  loadedAt: string;
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** e.g. `hba1c-control_by-county-race_year-2019-2024_sex-F_age-adjusted_percent_data-3f2a9c01b7de` */
export function exportBaseName(context: ExportContext): string {
  const window = context.from !== null || context.to !== null ? `-${context.from ?? 'start'}-${context.to ?? 'end'}` : '';
  const parts = [
    context.measure.id,
    context.by.length ? `by-${context.by.map(slug).join('-')}` : 'all',
    `${context.period}${window}`,
    ...Object.entries(context.filters).flatMap(([dimension, value]) => (value ? [`${slug(dimension)}-${slug(value)}`] : [])),
    ...(context.cohort ? [`cohort-${slug(context.cohort)}`] : []),
    context.adjusted ? 'age-adjusted' : 'crude',
    slug(context.measure.unit),
    `data-${slug(context.dataVersion)}`,
  ];
  return parts.join('_');
}

/** The lines that say what a file holds, for a CSV's header and a chart's caption. */
export function describeExport(context: ExportContext): string[] {
  const filters = Object.entries(context.filters).flatMap(([dimension, value]) =>
    value ? [`${dimensionLabels[dimension as Dimension] ?? dimension} = ${valueLabel(dimension as Dimension, value)}`] : [],
  );
  return [
    `Measure: ${context.measure.title} (${context.measure.id})`,
    `Stratified by: ${context.by.length ? context.by.map((d) => dimensionLabels[d]).join(' × ') : 'none'}`,
    `Period: ${context.period}${context.from !== null || context.to !== null ? `, ${context.from ?? 'start'} to ${context.to ?? 'end'}` : ''}`,
    `Filters: ${filters.length ? filters.join('; ') : 'none (everyone)'}`,
    `Cohort: ${context.cohort ?? 'none'}`,
    `Rates: ${context.adjusted ? 'age-adjusted (direct, US 2000 standard population)' : 'crude (not age-adjusted)'}`,
    `Unit: ${context.measure.unitLabel}`,
    `Data version: ${context.dataVersion}, data as of ${context.loadedAt.slice(0, 10)}`,
    'Suppressed cells (fewer than 11 people, or protecting one) are empty.',
  ];
}

const csvField = (value: string | number | boolean | null | undefined): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r#]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** RFC 4180 rows after `#` comment lines that describe the export; the rate columns name the unit. */
export function measureCsv(rows: readonly MeasureRow[], context: ExportContext): string {
  const unit = context.measure.unitLabel;
  const header = [
    'period',
    ...context.by,
    'numerator',
    'denominator',
    `rate (${unit})`,
    'ci_low',
    'ci_high',
    ...(context.adjusted ? [`age_adjusted_rate (${unit})`, 'adjusted_ci_low', 'adjusted_ci_high'] : []),
    'unreliable',
    'suppressed',
    'suppression_reason',
  ];
  const lines = rows.map((row) =>
    [
      row.period,
      ...context.by.map((dimension) => row[dimension]),
      row.numerator,
      row.denominator,
      row.rate,
      row.ciLow,
      row.ciHigh,
      ...(context.adjusted ? [row.adjustedRate, row.adjustedCiLow, row.adjustedCiHigh] : []),
      row.unreliable ?? '',
      row.suppressed,
      row.suppressionReason ?? '',
    ]
      .map(csvField)
      .join(','),
  );
  return [...describeExport(context).map((line) => `# ${line}`), header.map(csvField).join(','), ...lines].join('\r\n') + '\r\n';
}
