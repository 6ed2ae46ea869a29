// The one place where domain errors get their HTTP status: the code is stable, the status follows.
import type { DomainErrorCode } from '../../core/errors.ts';

export const STATUS_OF_DOMAIN_ERROR: Record<DomainErrorCode, number> = {
  invalid_parameter: 400,
  request_too_fine: 400,
  invalid_definition: 400,
  unknown_measure: 404,
  unknown_cohort: 404,
  no_quality_results: 404,
  outdated_cohort: 409,
  cohort_quota: 409,
  no_state_directory: 503,
  query_timeout: 503,
  engine_unsupported: 501,
};
