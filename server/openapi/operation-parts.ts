// Pieces that OpenAPI operations of the route tables share: references to the components (the
// response schemas of core/api/api-schemas.ts) and to the shared error responses.
import { API_SCHEMAS } from '../../core/api/api-schemas.ts';

export type SchemaName = keyof typeof API_SCHEMAS;

export const ERROR_RESPONSES = {
  BadRequest: 'An invalid parameter or body; details name it and what was expected',
  NotFound: 'No such measure, cohort, endpoint or result',
  NotAcceptable: 'None of the formats in Accept is offered',
  Conflict: 'The saved resource no longer fits the current definitions',
  Unavailable: 'The server cannot do this in its current configuration',
};

export const schemaRef = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
export const jsonResponse = (name: SchemaName, description: string) => ({ description, content: { 'application/json': { schema: schemaRef(name) } } });
export const objectResponse = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
export const errorResponse = (name: keyof typeof ERROR_RESPONSES) => ({ $ref: `#/components/responses/${name}` });
