// Errors that domain code throws on purpose, each with a stable code that clients can rely on.
// Domain code knows nothing of HTTP: the server maps each code to a status in one place
// (server/http/error-status.ts), the CLI prints the message.

/** Every stable code a domain error can carry. Adding one means mapping it in the server too. */
export const DOMAIN_ERROR_CODES = [
  /** A request parameter is unknown, malformed or conflicts with another. */
  'invalid_parameter',
  /** A request would need a disclosure check over more cells than allowed. */
  'request_too_fine',
  /** A cohort definition fails validation. */
  'invalid_definition',
  /** No measure with that id. */
  'unknown_measure',
  /** No saved cohort with that id. */
  'unknown_cohort',
  /** A saved cohort no longer fits the current definition language. */
  'outdated_cohort',
  /** Saving would take a user past the saved cohorts (count or bytes) they may keep. */
  'cohort_quota',
  /** The warehouse has no data-quality results (built before the checks existed). */
  'no_quality_results',
  /** A query ran past the server's time budget and was stopped. */
  'query_timeout',
  /** Nothing can be saved: the server was started without a state directory. */
  'no_state_directory',
  /** The warehouse's engine (a sharded PostgreSQL) does not serve this feature; DuckDB does. */
  'engine_unsupported',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DomainError';
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
