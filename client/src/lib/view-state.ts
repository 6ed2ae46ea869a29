// The dashboard's view state as a URL: the page is the path, the rest the query string
// (`/explore?measure=hba1c-control&by=county,race&from=2019&adjust=age&sex=F`). Pure: parse, format,
// and the notices that name what a URL asked for and the dashboard could not read (never dropped silently).
import type { Dimension, Filters, Period } from '../../../core/api/api-types.ts';
import { OFFERED_DIMENSIONS, OFFERED_PERIODS } from './offered.ts';
import { pageOfPath, pathOfPage, type PageId } from './routes.ts';

export interface ViewState {
  page: PageId;
  measure: string | null;
  /** Up to two stratifiers (the API's `by=a,b`); the overview uses the first. */
  by: Dimension[];
  period: Period;
  /** First and last year of the window, inclusive. */
  from: number | null;
  to: number | null;
  /** Age-adjusted rates (adjust=age) instead of crude ones. */
  adjust: boolean;
  filters: Filters;
  cohort: string | null;
  /** The year the Places map shows; null: the latest complete year. */
  year: string | null;
  /** Whether every measure gets a KPI tile, not only the featured ones. */
  allTiles: boolean;
  /** The saved cohorts the cohort profile shows (`a`) and compares it with (`b`); only in that page's URL. */
  cohortA: string | null;
  cohortB: string | null;
}

export const DEFAULT_VIEW: ViewState = {
  page: 'overview',
  measure: null,
  by: [],
  period: 'year',
  from: null,
  to: null,
  adjust: false,
  filters: {},
  cohort: null,
  year: null,
  allTiles: false,
  cohortA: null,
  cohortB: null,
};

export const MAX_STRATIFIERS = 2;
const KNOWN_KEYS = new Set<string>(['measure', 'by', 'period', 'from', 'to', 'adjust', 'cohort', 'year', 'tiles', 'a', 'b', ...OFFERED_DIMENSIONS]);
const YEAR = /^\d{4}$/;

export const isDimension = (value: string | null): value is Dimension =>
  value !== null && (OFFERED_DIMENSIONS as readonly string[]).includes(value);
const isPeriod = (value: string | null): value is Period =>
  value !== null && (OFFERED_PERIODS as readonly string[]).includes(value);

/** What a URL asked for that the dashboard does not understand, in words; shown above the page. */
export const urlNotices = {
  unknownPage: (path: string) => `There is no page ${path}; showing the overview.`,
  unknownParameter: (key: string, value: string) => `Unknown URL parameter ${key}=${value} was ignored.`,
  badValue: (key: string, value: string, expected: string) => `${key}=${value} was ignored: expected ${expected}.`,
  tooManyStratifiers: (extra: readonly string[]) => `Only ${MAX_STRATIFIERS} stratifiers at a time: ${extra.join(', ')} ignored.`,
  filterIsStratifier: (dimension: string) => `The ${dimension} filter was ignored: the view is stratified by ${dimension}.`,
};

/** Reads a location. Filter values are kept as given: the API, which knows the allowed values, says what is wrong. */
export function parseViewState(pathname: string, search: string): { state: ViewState; notices: string[] } {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  const page = pageOfPath(pathname);
  if (page === null) notices.push(urlNotices.unknownPage(pathname));

  for (const [key, value] of params) if (!KNOWN_KEYS.has(key)) notices.push(urlNotices.unknownParameter(key, value));

  const by: Dimension[] = [];
  const rejected: string[] = [];
  for (const name of (params.get('by') ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!isDimension(name)) notices.push(urlNotices.badValue('by', name, `one of ${OFFERED_DIMENSIONS.join(', ')}`));
    else if (by.includes(name)) continue;
    else if (by.length < MAX_STRATIFIERS) by.push(name);
    else rejected.push(name);
  }
  if (rejected.length) notices.push(urlNotices.tooManyStratifiers(rejected));

  const periodText = params.get('period');
  if (periodText !== null && !isPeriod(periodText)) notices.push(urlNotices.badValue('period', periodText, OFFERED_PERIODS.join(', ')));

  const year = (key: 'from' | 'to' | 'year'): number | null => {
    const text = params.get(key);
    if (text === null || text === '') return null;
    if (YEAR.test(text)) return Number(text);
    notices.push(urlNotices.badValue(key, text, 'a four-digit year'));
    return null;
  };
  const from = year('from');
  const to = year('to');
  const mapYear = year('year');

  const adjustText = params.get('adjust');
  if (adjustText !== null && adjustText !== 'age') notices.push(urlNotices.badValue('adjust', adjustText, 'age'));
  const tilesText = params.get('tiles');
  if (tilesText !== null && tilesText !== 'all') notices.push(urlNotices.badValue('tiles', tilesText, 'all'));

  const filters: Filters = {};
  for (const dimension of OFFERED_DIMENSIONS) {
    const value = params.get(dimension);
    if (!value) continue;
    // A dimension is either a stratifier or a filter (the API refuses both); the stratifier wins.
    if (by.includes(dimension)) notices.push(urlNotices.filterIsStratifier(dimension));
    else filters[dimension] = value;
  }

  return {
    state: {
      page: page ?? 'overview',
      measure: params.get('measure') || null,
      by,
      period: isPeriod(periodText) ? periodText : 'year',
      from,
      to,
      adjust: adjustText === 'age',
      filters,
      cohort: params.get('cohort') || null,
      year: mapYear === null ? null : String(mapYear),
      allTiles: tilesText === 'all',
      cohortA: params.get('a') || null,
      cohortB: params.get('b') || null,
    },
    notices,
  };
}

/** Writes a location in a stable order: path, then measure, by, period, window, adjust, cohort, filters, year, tiles. */
export function formatViewState(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.measure) params.set('measure', state.measure);
  if (state.by.length) params.set('by', state.by.join(','));
  params.set('period', state.period);
  if (state.from !== null) params.set('from', String(state.from));
  if (state.to !== null) params.set('to', String(state.to));
  if (state.adjust) params.set('adjust', 'age');
  if (state.cohort) params.set('cohort', state.cohort);
  for (const dimension of OFFERED_DIMENSIONS) {
    const value = state.filters[dimension];
    if (value) params.set(dimension, value);
  }
  if (state.year) params.set('year', state.year);
  if (state.allTiles) params.set('tiles', 'all');
  if (state.page === 'cohort-profile') {
    if (state.cohortA) params.set('a', state.cohortA);
    if (state.cohortB) params.set('b', state.cohortB);
  }
  // Commas in `by` read better unescaped, and URLSearchParams would write %2C.
  return `${pathOfPage(state.page)}?${String(params).replace(/%2C/g, ',')}`;
}
