// User-facing messages of the HTTP layer (formats, bodies, methods), in one place for the tests.

export const httpMessages = {
  notAcceptable: (accept: string, offered: readonly string[]) =>
    `Cannot answer in any format of 'Accept: ${accept}': this endpoint offers ${offered.join(', ')}.`,
  invalidJson: 'The request body is not valid JSON.',
  methodNotAllowed: (method: string, path: string, allowed: readonly string[]) => `${method} is not allowed on ${path}: use ${allowed.join(', ')}.`,
  noEndpoint: (method: string, path: string) => `No API endpoint ${method} ${path}.`,
};
