import { defineConfig } from 'vitest/config';

const integration = ['src/server/**/*.test.ts', 'src/cli/**/*.test.ts', 'test/integration/**/*.test.ts'];

/**
 * Four projects, one run: pure unit tests, the integration suite once on SQLite and once on PostgreSQL,
 * and the browser suite in Debian's Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/core/**/*.test.ts', 'web/src/**/*.test.ts'] } },
      {
        test: {
          name: 'sqlite',
          include: integration,
          globalSetup: ['test/setup/sqlite-global.ts'],
          env: { SAOLEI_TEST_DB: 'sqlite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'postgres',
          include: integration,
          globalSetup: ['test/setup/postgres-global.ts'],
          env: { SAOLEI_TEST_DB: 'postgres' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/setup/e2e-global.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          // As long as the locators' waits: a page answers slowly while the other projects load the machine.
          expect: { poll: { timeout: 15_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
