// Typed fetch helpers for the Popsight HTTP API. The one place that turns a failed response
// into a message a person can act on; callers never see a raw Response.
import type { CountyFeature } from '../../../core/charts/county-geography.ts';
import type { CountyMapChart } from '../../../core/charts/county-map-chart.ts';
import type { TrendChart } from '../../../core/charts/trend-chart.ts';
import type {
  Dimension,
  Dimensions,
  Filters,
  MeasureInfo,
  MeasureQuery,
  MeasureResult,
  Meta,
  Period,
  SessionInfo,
} from '../../../core/api/api-types.ts';
import type { StratumTrend } from '../../../core/measures/measure-trend.ts';
import type { AuditRecord } from '../../../core/audit/audit-record.ts';
import type { QualityReport } from '../../../core/quality/quality-report.ts';
import type { QualityHistory } from '../../../core/quality/quality-history.ts';
import type { LoadRun } from '../../../core/loads/load-history.ts';
import type { QuarantineSummary } from '../../../core/loads/quarantine-summary.ts';
import { OFFERED_DIMENSIONS } from './offered.ts';
import { messages } from '../../../core/charts/messages.ts';
import { accessMessage } from '../sign-in/access-messages.ts';

/** A failed API call; `message` is the API's `error.message` when it sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly details: unknown;

  constructor(message: string, status: number, code?: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The message to show for anything a loader may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}

/**
 * What the fetch layer needs from the signed-in session (session.svelte.ts connects it): the CSRF
 * token, kept in memory only, and whom to tell when the server answers 401.
 */
export interface SessionHooks {
  csrfToken(): string | null;
  unauthorized(error: ApiError): void;
}

let session: SessionHooks = { csrfToken: () => null, unauthorized: () => undefined };

export function connectSession(hooks: SessionHooks): void {
  session = hooks;
}

/**
 * The saved cohort applied as a filter to every page (`?cohort=`, "apply as filter"): App connects the
 * URL state's cohort here, and every measure request that does not name a cohort of its own is for
 * its members. Read when a request is built, so a page's loader follows a change of it.
 */
let appliedCohort: () => string | null = () => null;

export function connectCohortFilter(read: () => string | null): void {
  appliedCohort = read;
}

/** The cohort every page's numbers are for; null for everyone. */
export const cohortFilter = (): string | null => appliedCohort();

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface SendOptions extends RequestInit {
  /** false: the caller handles a 401 itself (the session's own routes) instead of the sign-in page. */
  reportUnauthorized?: boolean;
}

/**
 * Every API call goes through here: changes carry X-CSRF-Token, a failed response becomes an
 * ApiError, and a 401 is reported to the session so that the dashboard can ask to sign in.
 */
async function send(path: string, { reportUnauthorized = true, ...init }: SendOptions = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const csrfToken = session.csrfToken();
  if (csrfToken && CHANGES.has((init.method ?? 'GET').toUpperCase())) headers.set('X-CSRF-Token', csrfToken);
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(messages.unreachable(), 0, 'network', error);
  }
  if (response.ok) return response;
  const error = toApiError(response, await response.json().catch(() => undefined));
  if (response.status === 401 && reportUnauthorized) session.unauthorized(error);
  throw error;
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await send(path, { signal, headers: { accept: 'application/json' } });
  const body: unknown = await response.json().catch(() => undefined);
  if (body === undefined) throw new ApiError(messages.notJson(response.status), response.status);
  return body as T;
}

/**
 * GETs of the same path share one request while it is on its way and its answer afterwards (the
 * overview's tile and trend ask for the same series; every page asks for the catalog): no duplicate
 * requests. An answer is kept for the page's life: the data change only with a new load, and the
 * server's answers carry its data version. Failures are not kept. Each caller's signal aborts only its wait.
 */
const shared = new Map<string, Promise<unknown>>();
const SHARED_LIMIT = 200;

function getShared<T>(path: string, signal?: AbortSignal): Promise<T> {
  let pending = shared.get(path) as Promise<T> | undefined;
  if (!pending) {
    pending = getJson<T>(path);
    if (shared.size >= SHARED_LIMIT) shared.delete(shared.keys().next().value!);
    shared.set(path, pending);
    pending.catch(() => shared.delete(path));
  }
  if (!signal) return pending;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    pending.then(resolve, reject);
  });
}

/** A JSON request that changes or asks with a body (POST, PATCH, DELETE); null for 204 No Content. */
export async function requestJson<T>(path: string, { method, body, signal }: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; body?: unknown; signal?: AbortSignal }): Promise<T | null> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await send(path, { method, signal, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 204) return null;
  const json: unknown = await response.json().catch(() => undefined);
  if (json === undefined) throw new ApiError(messages.notJson(response.status), response.status);
  return json as T;
}

/** Reads `{ error: { code, message, details } }`; falls back to the HTTP status line. */
function toApiError(response: Response, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)
    ?.error;
  if (error && typeof error.message === 'string' && error.message) {
    const code = typeof error.code === 'string' ? error.code : undefined;
    // A refusal by sign-in says what kind it is and what to do (access-messages.ts).
    return new ApiError(accessMessage(response.status, code, error.message) ?? error.message, response.status, code, error.details);
  }
  return new ApiError(messages.httpStatus(response.status, response.statusText), response.status);
}

/** A measure request as the dashboard makes it: up to two stratifiers, a window, an adjustment, a cohort. */
export interface ViewQuery {
  period: Period;
  by: Dimension | readonly Dimension[] | null;
  filters: Filters;
  from?: number | null;
  to?: number | null;
  adjust?: boolean;
  cohort?: string | null;
}

export function measureSearchParams(query: ViewQuery | MeasureQuery): URLSearchParams {
  const params = new URLSearchParams({ period: query.period });
  const by = query.by === null ? [] : typeof query.by === 'string' ? [query.by] : query.by;
  if (by.length) params.set('by', by.join(','));
  const view = query as ViewQuery;
  if (view.from != null) params.set('from', String(view.from));
  if (view.to != null) params.set('to', String(view.to));
  if (view.adjust) params.set('adjust', 'age');
  const cohort = view.cohort !== undefined ? view.cohort : appliedCohort();
  if (cohort) params.set('cohort', cohort);
  for (const dimension of OFFERED_DIMENSIONS) {
    const value = query.filters[dimension];
    if (value) params.set(dimension, value);
  }
  return params;
}

export const fetchMeta = (signal?: AbortSignal) => getShared<Meta>('/api/meta', signal);

export const fetchDimensions = (signal?: AbortSignal) => getShared<Dimensions>('/api/dimensions', signal);

/** GET /api/geography/counties: the outlines of the warehouse's state's counties (a few kB, not every US county). */
export const fetchCountyOutlines = async (signal?: AbortSignal) =>
  (await getShared<{ stateFips: string | null; features: CountyFeature[] }>('/api/geography/counties', signal)).features;

export const fetchMeasures = async (signal?: AbortSignal) =>
  (await getShared<{ measures: MeasureInfo[] }>('/api/measures', signal)).measures;

export const measurePath = (id: string, query: ViewQuery | MeasureQuery) =>
  `/api/measures/${encodeURIComponent(id)}?${String(measureSearchParams(query)).replace(/%2C/g, ',')}`;

export const fetchMeasure = (id: string, query: ViewQuery | MeasureQuery, signal?: AbortSignal) =>
  getShared<MeasureResult>(measurePath(id, query), signal);

/** GET /api/measures/:id/trend: the annual percent change per stratum (yearly rows only). */
export interface MeasureTrend {
  dataVersion: string;
  by: string | null;
  adjust: 'age' | null;
  method: string;
  trends: StratumTrend[];
}

export const fetchTrend = (id: string, query: ViewQuery, signal?: AbortSignal) =>
  getShared<MeasureTrend>(
    `/api/measures/${encodeURIComponent(id)}/trend?${String(measureSearchParams({ ...query, period: 'year' })).replace(/%2C/g, ',')}`,
    signal,
  );

/** The query parameters GET /api/measures/{id} accepts, from the server's OpenAPI document: the
 * dashboard uses a parameter (from/to) only where the server offers it. */
export async function fetchMeasureParameters(signal?: AbortSignal): Promise<Set<string>> {
  const document = await getShared<{ paths?: Record<string, { get?: { parameters?: { name: string }[] } }> }>('/api/openapi.json', signal);
  const operation = document.paths?.['/measures/{id}']?.get ?? document.paths?.['/api/measures/{id}']?.get;
  return new Set((operation?.parameters ?? []).map((parameter) => parameter.name));
}

/** A file the server sent for download, with the name it gave it (Content-Disposition). */
export interface DownloadedFile {
  blob: Blob;
  filename: string | null;
}

/** The same rows as `fetchMeasure`, as the server's CSV (suppressed cells already blank). */
export async function fetchMeasureCsv(id: string, query: ViewQuery | MeasureQuery, signal?: AbortSignal): Promise<DownloadedFile> {
  const response = await send(measurePath(id, query), { signal, headers: { accept: 'text/csv' } });
  return { blob: await response.blob(), filename: attachmentFilename(response.headers.get('content-disposition')) };
}

/** RFC 6266: the `filename*` (RFC 8187, UTF-8) of an attachment, else its `filename`, else null. */
export function attachmentFilename(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // a malformed percent-encoding: fall back to the plain filename
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
  if (!plain) return null;
  return plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2];
}

/** Who is signed in: 200 with the session, 401 signed out, 404 on a server without sign-in (OPEN_ACCESS). */
export const fetchSession = (signal?: AbortSignal) =>
  send('/api/session', { signal, headers: { accept: 'application/json' }, reportUnauthorized: false }).then(
    (response) => response.json() as Promise<SessionInfo>,
  );

/** Signs in; the server sets the HttpOnly session cookie and answers the CSRF token. */
export const signIn = (user: string, password: string) =>
  send('/api/session', {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({ user, password }),
    reportUnauthorized: false,
  }).then((response) => response.json() as Promise<SessionInfo>);

/** Ways to sign in besides a password; null on a server without an identity provider (404). */
export const fetchSignInProviders = (): Promise<{ oidc?: { start: string } } | null> =>
  send('/api/session/providers', { headers: { accept: 'application/json' }, reportUnauthorized: false }).then(
    (response) => response.json() as Promise<{ oidc?: { start: string } }>,
    (error: unknown) => {
      if (isApiError(error) && error.status === 404) return null;
      throw error;
    },
  );

/** Signs out (with the CSRF token, as every change made with the cookie). */
export const signOut = () => send('/api/session', { method: 'DELETE', reportUnauthorized: false }).then(() => undefined);

/** A page of the audit trail (GET /api/audit, admin): newest first; `next.before` continues it. */
export interface AuditPage {
  records: AuditRecord[];
  truncated: boolean;
  next: { before: number } | null;
}

export interface AuditFilters {
  principal?: string;
  route?: string;
  outcome?: string;
  /** Dates (YYYY-MM-DD) or ISO times, UTC. */
  from?: string;
  to?: string;
}

export function fetchAuditPage(filters: AuditFilters, before: number | null, signal?: AbortSignal): Promise<AuditPage> {
  const params = new URLSearchParams({ order: 'desc', limit: '100' });
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  if (before !== null) params.set('before', String(before));
  return getJson<AuditPage>(`/api/audit?${params}`, signal);
}

/** GET /api/audit/verify: whether the hash chain is intact, in words. */
export const verifyAuditChain = (signal?: AbortSignal) =>
  getJson<{ ok: boolean; records: number; message: string; sequence?: number }>('/api/audit/verify', signal);

/** The data-quality page's answers (admin routes: a 403 says which role they need). Kept for the page's life, as every GET. */
export const fetchQuality = (signal?: AbortSignal) => getShared<QualityReport>('/api/quality', signal);
export const fetchQualityHistory = (signal?: AbortSignal) => getShared<QualityHistory & { dataVersion: string; exactCounts: boolean }>('/api/quality/history', signal);
export const fetchLoads = (signal?: AbortSignal) => getShared<{ exactCounts: boolean; runs: LoadRun[] }>('/api/loads', signal);
export const fetchQuarantine = (signal?: AbortSignal) => getShared<QuarantineSummary & { exactCounts: boolean }>('/api/quarantine', signal);

/**
 * The server's drawing of a trend chart or county map at `width` CSS pixels, as SVG: a page's first
 * paint, shown until the page's own chart takes over (charts/vega-chart.ts). A 401 is not reported to
 * the session: the page's data requests say so, and the page's own chart is drawn instead.
 */
async function drawChart(path: string, chart: TrendChart | CountyMapChart, width: number, signal?: AbortSignal): Promise<string> {
  const headers = { accept: 'image/svg+xml', 'content-type': 'application/json' };
  return (await send(path, { method: 'POST', signal, headers, body: JSON.stringify({ chart, width }), reportUnauthorized: false })).text();
}

export const drawTrendChart = (chart: TrendChart, width: number, signal?: AbortSignal) => drawChart('/api/charts/trend.svg', chart, width, signal);

export const drawCountyMap = (chart: CountyMapChart, width: number, signal?: AbortSignal) => drawChart('/api/charts/county-map.svg', chart, width, signal);

/** A GET whose answer changes between calls (reports, their runs): never shared or kept. */
export const getFresh = <T>(path: string, signal?: AbortSignal): Promise<T> => getJson<T>(path, signal);

/** A page of HTML from the API (an outbox message), as text. */
export const getHtml = async (path: string, signal?: AbortSignal): Promise<string> =>
  (await send(path, { signal, headers: { accept: 'text/html' } })).text();

/** A change (POST, PATCH) with a JSON body; its JSON answer, or an ApiError with the server's message and details. */
export async function sendJson<T>(path: string, method: 'POST' | 'PATCH', body: unknown = {}): Promise<T> {
  const response = await send(path, { method, headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await response.json()) as T;
}
