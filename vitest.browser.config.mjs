// The real-browser suite (tests/browser): Debian's Chromium driven by playwright-core against the
// demo site. Needs a build first: `node build.mjs && vitest run --config vitest.browser.config.mjs`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/browser/**/*.test.mjs', 'tests/audit/**/*.test.mjs'],
    fileParallelism: false,
    testTimeout: 45_000,
    hookTimeout: 30_000,
    reporters: process.env.CI ? ['default'] : ['verbose'],
  },
});
