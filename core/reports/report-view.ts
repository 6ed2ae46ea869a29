// One view of a report: the dashboard's URL state (measure, up to two stratifiers, period, year
// window, filters, age adjustment, saved cohort), written as JSON or as the dashboard's query string,
// and turned back into that query string for the link to the live view and for the measure API's
// parameters. Stored views written before stratifiers became a list are read by storedView().
import { z } from 'zod';
import { findMeasure } from '../measures/catalog.ts';
import { DIMENSION_NAMES, type Dimension } from '../measures/dimensions.ts';
import { DomainError } from '../errors.ts';
import { reportMessages } from './report-messages.ts';

const dimensions = DIMENSION_NAMES as [Dimension, ...Dimension[]];
/** The periods the dashboard's trend chart draws. */
export const VIEW_PERIODS = ['year', 'quarter', 'month'] as const;
/** As the API's `by`: up to two stratifiers. */
export const MAX_VIEW_STRATIFIERS = 2;

/** `sex`, `county,race`, `["county", "race"]` or null → the list of stratifiers (validated after). */
const stratifierList = (value: unknown): unknown => {
  if (value === null || value === undefined || value === '') return [];
  if (typeof value === 'string') return value.split(',').map((name) => name.trim());
  return value;
};

/** A year as a number or as the URL's text (`2019`); anything else is left for the schema to refuse. */
const yearValue = (value: unknown): unknown => (typeof value === 'string' && /^\d{4}$/.test(value.trim()) ? Number(value.trim()) : value === '' || value === undefined ? null : value);
const yearSchema = z.preprocess(yearValue, z.number({ error: () => reportMessages.notYear() }).int({ error: () => reportMessages.notYear() }).min(1000, { error: () => reportMessages.notYear() }).max(9999, { error: () => reportMessages.notYear() }).nullable());

export const reportViewSchema = z
  .object({
    measure: z.string().refine((id) => findMeasure(id) !== undefined, { error: (issue) => reportMessages.unknownMeasure(String(issue.input)) }),
    by: z.preprocess(
      stratifierList,
      z
        .array(z.enum(dimensions, { error: () => reportMessages.oneOf(DIMENSION_NAMES) }))
        .max(MAX_VIEW_STRATIFIERS, { error: () => reportMessages.tooManyStratifiers(MAX_VIEW_STRATIFIERS) })
        .refine((by) => new Set(by).size === by.length, { error: () => reportMessages.repeatedStratifier() }),
    ),
    period: z.enum(VIEW_PERIODS, { error: () => reportMessages.oneOf(VIEW_PERIODS) }).default('year'),
    /** First and last year of the window (inclusive); null: from the first year, to the last the warehouse covers. */
    from: yearSchema.default(null),
    to: yearSchema.default(null),
    filters: z.partialRecord(z.enum(dimensions, { error: () => reportMessages.oneOf(DIMENSION_NAMES) }), z.string().min(1)).default({}),
    adjust: z.enum(['age'], { error: () => reportMessages.oneOf(['age']) }).nullable().default(null),
    /** The id of a saved cohort: the measure over its members (GET /api/measures/:id?cohort=). */
    cohort: z.string().trim().min(1, { error: () => reportMessages.emptyCohort() }).max(200).nullable().default(null),
  })
  .strict()
  .superRefine((view, context) => {
    for (const dimension of view.by) {
      if (view.filters[dimension] !== undefined) context.addIssue({ code: 'custom', path: ['filters', dimension], message: reportMessages.stratifierAndFilter(dimension) });
    }
    if (view.from !== null && view.to !== null && view.from > view.to) {
      context.addIssue({ code: 'custom', path: ['from'], message: reportMessages.windowReversed(view.from, view.to) });
    }
  });

export type ReportView = z.output<typeof reportViewSchema>;

/** The fields of a view, for the message that names an unknown one. */
export const VIEW_FIELDS = ['measure', 'by', 'period', 'from', 'to', 'filters', 'adjust', 'cohort'] as const;

/**
 * A view as the state store holds it: reports saved before the window, the cohort and a second
 * stratifier existed have `by` as one name or null and no `from`, `to` or `cohort`.
 */
export function storedView(stored: Partial<ReportView> & { measure: string; by?: unknown }): ReportView {
  const by = stratifierList(stored.by) as ReportView['by'];
  return { period: 'year', filters: {}, adjust: null, ...stored, by, from: stored.from ?? null, to: stored.to ?? null, cohort: stored.cohort ?? null };
}

/**
 * A view as written on the command line: JSON (`{"measure": "…", "by": "sex"}`) or the dashboard's
 * query string, with or without the address before it (`?measure=…&by=sex&race=white`). Returns
 * the unvalidated object; the report schema validates it.
 */
export function readViewText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed);
    } catch (error) {
      throw new Error(reportMessages.viewNotJson(error instanceof Error ? error.message : String(error)), { cause: error });
    }
  }
  const query = trimmed.includes('?') ? trimmed.slice(trimmed.indexOf('?') + 1) : trimmed;
  const params = new URLSearchParams(query);
  const view: Record<string, unknown> = { filters: {} };
  for (const [key, value] of params) {
    if (key === 'measure' || key === 'by' || key === 'period' || key === 'adjust' || key === 'from' || key === 'to' || key === 'cohort') view[key] = value;
    else if (key !== 'tiles') (view.filters as Record<string, string>)[key] = value;
  }
  return view;
}

/** The dashboard's query string of a view, in its stable order (client/src/lib/view-state.ts formatViewState). */
export function viewQueryString(view: ReportView): string {
  const params = new URLSearchParams();
  params.set('measure', view.measure);
  if (view.by.length) params.set('by', view.by.join(','));
  params.set('period', view.period);
  if (view.from !== null) params.set('from', String(view.from));
  if (view.to !== null) params.set('to', String(view.to));
  if (view.adjust) params.set('adjust', view.adjust);
  if (view.cohort) params.set('cohort', view.cohort);
  for (const dimension of DIMENSION_NAMES) {
    const value = view.filters[dimension];
    if (value) params.set(dimension, value);
  }
  return `?${String(params).replace(/%2C/g, ',')}`;
}

/** The parameters of GET /api/measures/:id for a view (what parseMeasureQuery reads). */
export function measureApiParameters(view: ReportView): Record<string, string> {
  return {
    period: view.period,
    ...(view.by.length ? { by: view.by.join(',') } : {}),
    ...(view.from !== null ? { from: String(view.from) } : {}),
    ...(view.to !== null ? { to: String(view.to) } : {}),
    ...(view.adjust ? { adjust: view.adjust } : {}),
    ...(view.cohort ? { cohort: view.cohort } : {}),
    ...(view.filters as Record<string, string>),
  };
}

/** The views' years within those the warehouse covers; else an error naming `views[i].from` or `.to`. */
export function checkViewYears(views: readonly Pick<ReportView, 'from' | 'to'>[], covered: { from: number; to: number }): void {
  for (const [i, view] of views.entries()) {
    for (const bound of ['from', 'to'] as const) {
      const year = view[bound];
      if (year === null || (year >= covered.from && year <= covered.to)) continue;
      const field = `views[${i}].${bound}`;
      throw new DomainError('invalid_definition', reportMessages.invalidField(field, reportMessages.yearOutsideData(year, covered.from, covered.to)), { field, min: covered.from, max: covered.to });
    }
  }
}

/** `2019–2024`, `from 2019`, `to 2022`, or null for every year. */
export function windowText(view: Pick<ReportView, 'from' | 'to'>): string | null {
  if (view.from !== null && view.to !== null) return `${view.from}–${view.to}`;
  if (view.from !== null) return `from ${view.from}`;
  if (view.to !== null) return `to ${view.to}`;
  return null;
}

/**
 * The address of the live view on the dashboard served at `baseUrl`: its Explore page, the one page that
 * shows every part of a view (two stratifiers, a window, age adjustment, a cohort).
 */
export function liveViewLink(baseUrl: string, view: ReportView): string {
  return `${baseUrl.replace(/\/+$/, '')}/explore${viewQueryString(view)}`;
}
