// User-facing messages of the HTTP layer (formats, bodies, methods), in one place for the tests.

export const httpMessages = {
  notAcceptable: (accept: string, offered: readonly string[]) =>
    `Cannot answer in any format of 'Accept: ${accept}': this endpoint offers ${offered.join(', ')}.`,
  invalidJson: 'The request body is not valid JSON.',
  notGzip: (encoding: string) => `The request body says Content-Encoding: ${encoding}, but it could not be decoded as ${encoding}.`,
  malformedUrl: 'The URL has a malformed percent-encoding (a % must be followed by two hexadecimal digits forming valid UTF-8).',
  badRequest: 'The request could not be understood.',
  // Names no configured name: a page that reached the server through DNS rebinding can read this.
  unknownHost: (host: string) => `This server does not answer to the host name '${host}'; if that name is yours, start the server with --allowed-host ${host}.`,
  methodNotAllowed: (method: string, path: string, allowed: readonly string[]) => `${method} is not allowed on ${path}: use ${allowed.join(', ')}.`,
  rateLimited: (burst: number, perSecond: number, seconds: number) =>
    `Too many requests: each user may make ${burst} at once and ${perSecond} a second after that. Try again in ${seconds} s.`,
  noEndpoint: (method: string, path: string) => `No API endpoint ${method} ${path}.`,
  exactCountsOn: 'Exact counts are on (--exact-counts): results are not perturbed, and only small-cell and complementary suppression protect them. Use this only in a trusted environment (docs/disclosure.md).',
};
