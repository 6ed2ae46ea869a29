// User-facing messages of the HTTP layer (formats and caching), in one place for the tests.

export const httpMessages = {
  notAcceptable: (accept: string, offered: readonly string[]) =>
    `Cannot answer in any format of 'Accept: ${accept}': this endpoint offers ${offered.join(', ')}.`,
};
