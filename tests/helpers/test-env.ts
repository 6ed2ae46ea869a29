// Dependencies every pipeline test passes: a fixed pseudonym key and a silent log.
export const TEST_KEY_ENV = { POPSIGHT_PSEUDONYM_KEY: 'test-key-not-secret-0123456789' };
export const quietLoadDeps = { log: () => undefined, clock: () => new Date(), env: TEST_KEY_ENV };
