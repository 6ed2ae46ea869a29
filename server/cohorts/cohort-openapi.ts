// OpenAPI 3.1 path items of the cohort endpoints (server/cohorts/cohort-routes.ts), in the shape of
// server/openapi/build-openapi.ts's operations(), for it to spread in. The definition language is
// recursive, so the request body is described in prose and in docs/architecture.md#cohorts.

const error = (name: 'BadRequest' | 'NotFound') => ({ $ref: `#/components/responses/${name}` });
const object = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const idParameter = { name: 'id', in: 'path', required: true, description: 'Id of a saved cohort', schema: { type: 'string' } };
const definitionBody = (what: string) => ({
  required: true,
  description: `${what}: { name, description?, indexDate?, criteria }, criteria combined with all / any / not (docs/architecture.md, Cohorts).`,
  content: { 'application/json': { schema: { type: 'object' } } },
});
const tags = ['cohorts'];

export function cohortOperations() {
  return {
    '/cohorts': {
      get: { summary: 'Saved cohorts', operationId: 'listCohorts', tags, responses: { 200: object('Id, name, description and creation time of each') } },
      post: {
        summary: 'Save a cohort definition',
        operationId: 'saveCohort',
        tags,
        requestBody: definitionBody('A cohort definition'),
        responses: { 201: object('The saved cohort: id, name, description, createdAt'), 400: error('BadRequest'), 503: { description: 'The server has no state directory' } },
      },
    },
    '/cohorts/preview': {
      post: {
        summary: 'Size of an unsaved definition, after disclosure control',
        operationId: 'previewCohort',
        tags,
        requestBody: definitionBody('A cohort definition; the name may be left out'),
        responses: { 200: object('{ dataVersion, size: { value, suppressed } }'), 400: error('BadRequest') },
      },
    },
    '/cohorts/compare': {
      get: {
        summary: 'Two cohorts side by side: shares and differences with Newcombe (1998) 95% CIs',
        operationId: 'compareCohorts',
        tags,
        parameters: ['a', 'b'].map((name) => ({ name, in: 'query', required: true, description: 'Id of a saved cohort', schema: { type: 'string' } })),
        responses: { 200: object('Sizes, overlap and one row per characteristic'), 400: error('BadRequest'), 404: error('NotFound') },
      },
    },
    '/cohorts/{id}': {
      get: { summary: 'A saved cohort with its definition', operationId: 'getCohort', tags, parameters: [idParameter], responses: { 200: object('The cohort'), 404: error('NotFound') } },
      delete: { summary: 'Delete a saved cohort', operationId: 'deleteCohort', tags, parameters: [idParameter], responses: { 204: { description: 'Deleted' }, 404: error('NotFound') } },
    },
    '/cohorts/{id}/characterization': {
      get: {
        summary: 'Size, age band / sex / race, condition groups, top diagnoses and cost PMPM, after disclosure control',
        operationId: 'characterizeCohort',
        tags,
        parameters: [idParameter],
        responses: { 200: object('The characterization'), 404: error('NotFound') },
      },
    },
  };
}
