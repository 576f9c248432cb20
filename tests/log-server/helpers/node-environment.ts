/**
 * The log-server tests run in Node (`// @vitest-environment node`), but the suite-wide
 * tests/helpers/setup.ts clears the page after every test and assumes jsdom's globals. Until it
 * returns early without a DOM, these empty stand-ins let it run. Imported first by every test file here.
 */
const g = globalThis as Record<string, unknown>;
if (typeof g.document === 'undefined') {
  const storage = { clear() {} };
  g.document = { cookie: '', head: {}, body: {} };
  g.location = { hostname: 'localhost' };
  g.localStorage = storage;
  g.sessionStorage = storage;
}
export {};
