import { defineConfig } from 'vitest/config';

// `npm run test:crash` (issue 22): the kill -9 test against the built server, on SQLite and on
// PostgreSQL, apart from `npm test` (its files end in .crash.ts, outside the default include).
// Each project makes its own template database (tests/support/global-setup*.ts), as `vitest run`
// does. Under CI=true the postgres project always runs; elsewhere it needs TEST_POSTGRES_URL.
const withPostgres = process.env.CI === 'true' || process.env.TEST_POSTGRES_URL !== undefined;

export default defineConfig({
  test: {
    include: [],
    testTimeout: 600_000,
    hookTimeout: 180_000,
    // One engine at a time: each round saturates both cores on its own.
    fileParallelism: false,
    maxWorkers: 1,
    projects: [
      {
        extends: true,
        test: {
          name: 'crash-sqlite',
          include: ['tests/crash/**/*.crash.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          env: { TEST_ENGINE: 'sqlite' },
        },
      },
      ...(withPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'crash-postgres',
                include: ['tests/crash/**/*.crash.ts'],
                globalSetup: ['tests/support/global-setup-postgres.ts'],
                env: { TEST_ENGINE: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
