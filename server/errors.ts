// The one error type the API throws on purpose, and the one middleware that turns errors into responses.
// Anything unexpected becomes a 500 with a logged id: never a stack trace to the client.
import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler } from 'express';

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
    if (isHttpError(error)) {
      response.status(error.status).json({ error: { code: error.code, message: error.message, details: error.details } });
      return;
    }
    const id = randomUUID();
    log(`error ${id}: ${error instanceof Error ? error.stack : String(error)}`);
    response.status(500).json({ error: { code: 'internal', message: `Something went wrong on the server (error id ${id}).` } });
  };
}
