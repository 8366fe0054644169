import { Socket } from 'node:net';
import { defineConfig } from 'vitest/config';

// The suites that touch the database run on both engines: every suite on SQLite, and the unit
// and API suites again on PostgreSQL (tests/support/test-database.ts). The browser suite stays on
// SQLite, except the test of two app servers sharing one PostgreSQL database and a few built-server
// tests whose database work differs by engine. (The three stuffed workbooks run on SQLite only:
// their reading is one lane of the server process, whatever the engine. An upload taken up
// after a restart is proven on PostgreSQL by tests/unit/import-resume.test.ts; the built-server
// kill-and-restart test imports tens of thousands of rows three times and runs on SQLite only.)
const ON_POSTGRES = [
  'tests/unit/ticket-repository.test.ts',
  'tests/unit/demo-data.test.ts',
  'tests/unit/demo-tickets.test.ts',
  'tests/unit/database-engines.test.ts',
  'tests/unit/back-office.test.ts',
  'tests/unit/account-edit.test.ts',
  'tests/unit/stats-figures.test.ts',
  'tests/unit/musyawarah.test.ts',
  'tests/unit/musyawarah-atomic.test.ts',
  'tests/unit/response-templates.test.ts',
  'tests/unit/program-profiles.test.ts',
  'tests/unit/retention.test.ts',
  'tests/unit/viewer-log.test.ts',
  'tests/unit/access-export.test.ts',
  'tests/unit/desil-dispute.test.ts',
  'tests/unit/disputes-counted-apart.test.ts',
  'tests/unit/case-conflicts.test.ts',
  'tests/unit/kelurahan-stands-in.test.ts',
  'tests/unit/find-case.test.ts',
  'tests/unit/inbox-statement-plan.test.ts',
  'tests/unit/planner-statistics.test.ts',
  'tests/unit/open-ticket-counts.test.ts',
  'tests/unit/catalogue-copy.test.ts',
  'tests/unit/duplicate-suggestions.test.ts',
  'tests/unit/outbox-delivery.test.ts',
  'tests/unit/officer-notifications.test.ts',
  'tests/unit/forwarded-case-notices.test.ts',
  'tests/unit/provisional-uploads.test.ts',
  'tests/unit/attachment-sweep-timer.test.ts',
  'tests/unit/import.test.ts',
  'tests/unit/import-files.test.ts',
  'tests/unit/register-report.test.ts',
  'tests/unit/import-resume.test.ts',
  'tests/unit/import-areas.test.ts',
  'tests/unit/import-keeps-the-register-true.test.ts',
  'tests/unit/import-programs-the-office-defines.test.ts',
  'tests/unit/desil-history.test.ts',
  'tests/unit/dtsen-import.test.ts',
  'tests/unit/submit-ticket-race.test.ts',
  'tests/unit/prepared-statements-survive-a-migration.test.ts',
  'tests/unit/back-office-under-attack.test.ts',
  'tests/unit/postgres-dump-restore.test.ts',
  'tests/unit/holidays.test.ts',
  'tests/unit/reactivation.test.ts',
  'tests/unit/data-requests.test.ts',
  'tests/unit/permissions-in-use.test.ts',
  'tests/api/**/*.test.ts',
  'tests/e2e/two-app-servers.test.ts',
  'tests/e2e/an-operator-records-the-musyawarah-as-the-server-dies.test.ts',
  'tests/e2e/tester-attacks-the-back-office.test.ts',
  'tests/e2e/officers-hear-of-new-work.test.ts',
];

const POSTGRES_URL = new URL(
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres',
);

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

// Under CI=true the postgres project always runs, and fails when its server is missing. On a
// developer's machine without PostgreSQL it is left out, loudly.
const withPostgres =
  process.env.CI === 'true' || (await answers(POSTGRES_URL.hostname, Number(POSTGRES_URL.port || 5432)));
if (!withPostgres) {
  console.warn(
    `\n!!! No PostgreSQL at ${POSTGRES_URL.host}: the postgres test project does NOT run. ` +
      "Install Debian's postgresql (or set TEST_POSTGRES_URL) to test the second engine; CI always does.\n",
  );
}

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Two cores: browser tests and API tests each hold a server; keep the load predictable.
    maxWorkers: 2,
    // One module graph per worker, not per file: no test mocks a module, stubs the environment or
    // fakes timers, and each file makes its own database and server. Fresh graphs cost 1.5–3 s per
    // file (the region directory, Kysely, zod loaded again), over 200 s of a CI run.
    isolate: false,
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
      ...(withPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ON_POSTGRES,
                globalSetup: ['tests/support/global-setup-postgres.ts'],
                env: { TEST_ENGINE: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
