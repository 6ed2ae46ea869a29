// The bounds of an audit range as a user types them (a date, or an ISO 8601 time with or without a
// zone, read as UTC without one), checked and turned into one ISO instant; shared by the route and the CLI.
import { DomainError } from '../errors.ts';
import { auditMessages } from './audit-messages.ts';

/** An ISO date or time as sent, checked and turned into a full ISO instant; undefined when absent. */
export function parseInstant(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const time = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(text) ? Date.parse(/T/.test(text) && !/(Z|[+-]\d{2}:\d{2})$/.test(text) ? `${text}Z` : text) : NaN;
  if (Number.isNaN(time)) throw new DomainError('invalid_parameter', auditMessages.badInstant(name, text), { parameter: name });
  return new Date(time).toISOString();
}

