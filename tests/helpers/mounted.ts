/**
 * Every UI mounted by a test, destroyed after it (tests/helpers/setup.ts): a UI left mounted puts
 * its host back into the next test's page, as it does for a page that re-renders its body. Its own
 * module, importing nothing: setup.ts must not load the UI before a test file's mocks apply.
 */
export const mounted = new Set<{ destroy(): void }>();
