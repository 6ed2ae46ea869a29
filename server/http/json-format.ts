// JSON, the default format: the whole response body, rows included, as the API has always sent it.
import type { Representation } from './representation.ts';

export const JSON_TYPE = 'application/json';

export function toJson(body: unknown): Representation {
  return { body: Buffer.from(JSON.stringify(body), 'utf8'), contentType: `${JSON_TYPE}; charset=utf-8` };
}
