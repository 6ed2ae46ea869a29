// Typed fetch helpers for the Popsight HTTP API. The one place that turns a failed response
// into a message a person can act on; callers never see a raw Response.
import type {
  Dimensions,
  MeasureInfo,
  MeasureQuery,
  MeasureResult,
  Meta,
} from '../../../core/api/api-types.ts';
import { OFFERED_DIMENSIONS } from './offered.ts';
import { messages } from '../../../core/charts/messages.ts';

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

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(messages.unreachable(), 0, 'network', error);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toApiError(response, body);
  if (body === undefined) throw new ApiError(messages.notJson(response.status), response.status);
  return body as T;
}

/** Reads `{ error: { code, message, details } }`; falls back to the HTTP status line. */
function toApiError(response: Response, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)
    ?.error;
  if (error && typeof error.message === 'string' && error.message) {
    const code = typeof error.code === 'string' ? error.code : undefined;
    return new ApiError(error.message, response.status, code, error.details);
  }
  return new ApiError(messages.httpStatus(response.status, response.statusText), response.status);
}

export function measureSearchParams(query: MeasureQuery): URLSearchParams {
  const params = new URLSearchParams({ period: query.period });
  if (query.by) params.set('by', query.by);
  for (const dimension of OFFERED_DIMENSIONS) {
    const value = query.filters[dimension];
    if (value) params.set(dimension, value);
  }
  return params;
}

export const fetchMeta = (signal?: AbortSignal) => getJson<Meta>('/api/meta', signal);

export const fetchDimensions = (signal?: AbortSignal) =>
  getJson<Dimensions>('/api/dimensions', signal);

export const fetchMeasures = async (signal?: AbortSignal) =>
  (await getJson<{ measures: MeasureInfo[] }>('/api/measures', signal)).measures;

export const measurePath = (id: string, query: MeasureQuery) =>
  `/api/measures/${encodeURIComponent(id)}?${measureSearchParams(query)}`;

export const fetchMeasure = (id: string, query: MeasureQuery, signal?: AbortSignal) =>
  getJson<MeasureResult>(measurePath(id, query), signal);

/** A file the server sent for download, with the name it gave it (Content-Disposition). */
export interface DownloadedFile {
  blob: Blob;
  filename: string | null;
}

/** The same rows as `fetchMeasure`, as the server's CSV (suppressed cells already blank). */
export async function fetchMeasureCsv(id: string, query: MeasureQuery, signal?: AbortSignal): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(measurePath(id, query), { signal, headers: { accept: 'text/csv' } });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(messages.unreachable(), 0, 'network', error);
  }
  if (!response.ok) throw toApiError(response, await response.json().catch(() => undefined));
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
