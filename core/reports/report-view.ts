// One view of a report: the dashboard's URL state (measure, stratifier, period, filters, age
// adjustment), written as JSON or as the dashboard's query string, and turned back into that query
// string for the link to the live view and for the measure API's parameters.
import { z } from 'zod';
import { findMeasure } from '../measures/catalog.ts';
import { DIMENSION_NAMES, type Dimension } from '../measures/dimensions.ts';
import { reportMessages } from './report-messages.ts';

const dimensions = DIMENSION_NAMES as [Dimension, ...Dimension[]];
/** The periods the dashboard's trend chart draws. */
export const VIEW_PERIODS = ['year', 'quarter', 'month'] as const;

export const reportViewSchema = z
  .object({
    measure: z.string().refine((id) => findMeasure(id) !== undefined, { error: (issue) => reportMessages.unknownMeasure(String(issue.input)) }),
    by: z.enum(dimensions, { error: () => reportMessages.oneOf(DIMENSION_NAMES) }).nullable().default(null),
    period: z.enum(VIEW_PERIODS, { error: () => reportMessages.oneOf(VIEW_PERIODS) }).default('year'),
    filters: z.partialRecord(z.enum(dimensions, { error: () => reportMessages.oneOf(DIMENSION_NAMES) }), z.string().min(1)).default({}),
    adjust: z.enum(['age'], { error: () => reportMessages.oneOf(['age']) }).nullable().default(null),
  })
  .strict()
  .superRefine((view, context) => {
    if (view.by && view.filters[view.by] !== undefined) {
      context.addIssue({ code: 'custom', path: ['filters', view.by], message: reportMessages.stratifierAndFilter(view.by) });
    }
  });

export type ReportView = z.output<typeof reportViewSchema>;

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
    if (key === 'measure' || key === 'by' || key === 'period' || key === 'adjust') view[key] = value;
    else if (key !== 'tiles') (view.filters as Record<string, string>)[key] = value;
  }
  return view;
}

/** The dashboard's query string of a view, in its stable order (client/src/lib/url-state.svelte.ts). */
export function viewQueryString(view: ReportView): string {
  const params = new URLSearchParams();
  params.set('measure', view.measure);
  if (view.by) params.set('by', view.by);
  params.set('period', view.period);
  for (const dimension of DIMENSION_NAMES) {
    const value = view.filters[dimension];
    if (value) params.set(dimension, value);
  }
  if (view.adjust) params.set('adjust', view.adjust);
  return `?${params}`;
}

/** The parameters of GET /api/measures/:id for a view (what parseMeasureQuery reads). */
export function measureApiParameters(view: ReportView): Record<string, string> {
  return {
    period: view.period,
    ...(view.by ? { by: view.by } : {}),
    ...(view.adjust ? { adjust: view.adjust } : {}),
    ...(view.filters as Record<string, string>),
  };
}

/** The address of the live view on the dashboard served at `baseUrl`. */
export function liveViewLink(baseUrl: string, view: ReportView): string {
  return `${baseUrl.replace(/\/+$/, '')}/${viewQueryString(view)}`;
}
