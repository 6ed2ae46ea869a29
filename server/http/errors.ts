// The error type the HTTP edge throws on purpose (content negotiation, bodies, unknown endpoints), and
// the one middleware that turns errors into responses: domain errors get the status their code maps
// to, anything unexpected becomes a 500 with a logged id, never a stack trace to the client.
import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler } from 'express';
import { isDomainError } from '../../core/errors.ts';
import { STATUS_OF_DOMAIN_ERROR } from './error-status.ts';
import { httpMessages } from './messages.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HttpError';
  }
}

export const isHttpError = (error: unknown): error is HttpError => error instanceof HttpError;

export function errorMiddleware(log: (message: string) => void): ErrorRequestHandler {
  return (error, _request, response, _next) => {
    const known = asApiError(error);
    if (known) {
      response.status(known.status).json({ error: known.body });
      return;
    }
    const id = randomUUID();
    log(`error ${id}: ${error instanceof Error ? error.stack : String(error)}`);
    response.status(500).json({ error: { code: 'internal', message: `Something went wrong on the server (error id ${id}).` } });
  };
}

/** The status and body of an error the API answers on purpose; undefined for an unexpected one. */
function asApiError(error: unknown): { status: number; body: { code: string; message: string; details?: unknown } } | undefined {
  if (isDomainError(error)) return { status: STATUS_OF_DOMAIN_ERROR[error.code], body: { code: error.code, message: error.message, details: error.details } };
  if (isHttpError(error)) return { status: error.status, body: { code: error.code, message: error.message, details: error.details } };
  const clientFault = asClientFault(error);
  return clientFault && { status: clientFault.status, body: { code: 'bad_request', message: clientFault.message } };
}

/**
 * Faults of the request that Express or Node found before any route ran: a URL whose
 * percent-encoding cannot be decoded (URIError), or an error that carries a 4xx status of its own
 * (http-errors, as Express's router and body parsers make them). Never a 500.
 */
function asClientFault(error: unknown): { status: number; message: string } | undefined {
  if (error instanceof URIError) return { status: 400, message: httpMessages.malformedUrl };
  const { status, expose } = (error ?? {}) as { status?: unknown; expose?: unknown };
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, message: expose === true && error instanceof Error ? error.message : httpMessages.badRequest };
  }
  return undefined;
}
