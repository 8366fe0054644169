import { defineConfig } from 'vitest/config';

// The suites that touch the database run on both engines: every suite on SQLite, and the unit
// and API suites again on PostgreSQL (tests/support/test-database.ts). The browser suite stays on
// SQLite, except the test of two app servers sharing one PostgreSQL database.
const ON_POSTGRES = [
  'tests/unit/ticket-repository.test.ts',
  'tests/unit/demo-data.test.ts',
  'tests/unit/demo-tickets.test.ts',
  'tests/unit/database-engines.test.ts',
  'tests/api/**/*.test.ts',
  'tests/e2e/two-app-servers.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Two cores: browser tests and API tests each hold a server; keep the load predictable.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/two-app-servers.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          env: { TEST_ENGINE: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ON_POSTGRES,
          globalSetup: ['tests/support/global-setup-postgres.ts'],
          env: { TEST_ENGINE: 'postgres' },
        },
      },
    ],
  },
});
