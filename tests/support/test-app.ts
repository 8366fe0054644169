// A fresh copy of the seeded template database and the Hono app over it, for API tests.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { type DatabaseTarget, databaseFile } from '../../src/db/database.ts';
import type { LookupLimitSettings } from '../../src/domain/cek/lookup-limits.ts';
import { createApp } from '../../src/server/app.ts';
import { type Prepared, prepareDatabase } from '../../src/server/bootstrap.ts';
import { createLogger } from '../../src/server/logger.ts';
import {
  createPostgresDatabase,
  dropPostgresDatabase,
  newDatabaseName,
  postgresTarget,
  TEST_ENGINE,
  TEST_SECRET_KEY,
} from './test-database.ts';

export const FIXED_NOW = new Date('2026-11-23T08:00:00Z');

/** API tests send hundreds of lookups from one address; tests/api/lookup-limits.test.ts sets real ones. */
export const GENEROUS_LIMITS = {
  perClient: 100_000,
  perNik: 100_000,
  searchesPerClient: 100_000,
  trackingPerClient: 100_000,
  trackingPerReference: 100_000,
  submissionsPerClient: 100_000,
  windowSeconds: 600,
  // Solved in a few milliseconds by `withProof` (tests/support/proof-of-work.ts): checked all the same.
  proofCost: 50,
  hardProofCost: 400,
};

/**
 * A test server runs on a copy of the demo without DEMO_DATA, which turns the retention pass on:
 * at every start it emptied the demo's 3,494 closed cases (years old) while the test ran, a second
 * of a core per server and data changing under the test's feet. Retention is tested where a test
 * sets RETENTION_DAYS itself; every other server keeps closed tickets for a hundred years.
 */
export const KEEP_THE_DEMO_HISTORY = { RETENTION_DAYS: '36500' } as const;

export interface TemplateCopy {
  dataDir: string;
  /** Where the copy lives: the SQLite file in `dataDir`, or a PostgreSQL database of its own. */
  database: DatabaseTarget;
  secretKey?: Buffer;
  cleanup: () => Promise<void>;
}

/** The settings a server process needs to run on `copy`: its data directory, and on PostgreSQL its URL and key. */
export function serverEnvOf(
  copy: Pick<TemplateCopy, 'dataDir' | 'database' | 'secretKey'>,
): Record<string, string> {
  return {
    DATA_DIR: copy.dataDir,
    DEMO_DATA: '0',
    ...KEEP_THE_DEMO_HISTORY,
    ...(copy.database.engine === 'postgres'
      ? { DATABASE_URL: copy.database.url, SECRET_KEY: (copy.secretKey as Buffer).toString('hex') }
      : {}),
  };
}

export async function copyTemplateDatabase(): Promise<TemplateCopy> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-test-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (TEST_ENGINE === 'sqlite') {
    const template = inject('templateDataDir');
    copyFileSync(databaseFile(template), databaseFile(dataDir));
    // The demo tickets' code hashes are keyed by the template's secret (decision 0004).
    copyFileSync(path.join(template, 'secret.key'), path.join(dataDir, 'secret.key'));
    return {
      dataDir,
      database: { engine: 'sqlite', file: databaseFile(dataDir) },
      cleanup: async () => removeDir(),
    };
  }
  const template = inject('templateDatabase');
  if (!template) throw new Error('the postgres project has no template database');
  const name = newDatabaseName('cekbansos_test');
  await createPostgresDatabase(name, template);
  return {
    dataDir,
    database: postgresTarget(name),
    secretKey: TEST_SECRET_KEY,
    cleanup: async () => {
      await dropPostgresDatabase(name);
      removeDir();
    },
  };
}

/** `limits` replaces the generous ones, for the tests of the limits themselves. */
export async function openTestDatabase(
  options: { limits?: LookupLimitSettings } = {},
): Promise<Prepared & { dataDir: string; close: () => Promise<void> }> {
  const { dataDir, database, secretKey, cleanup } = await copyTemplateDatabase();
  const prepared = await prepareDatabase({
    dataDir,
    database,
    secretKey,
    demoData: false,
    now: () => FIXED_NOW,
    limits: options.limits ?? GENEROUS_LIMITS,
  });
  return {
    ...prepared,
    dataDir,
    close: async () => {
      await prepared.close();
      await cleanup();
    },
  };
}

export const silentLogger = createLogger('silent');

export type TestDatabase = Awaited<ReturnType<typeof openTestDatabase>>;

/**
 * The Hono app over a fresh copy of the seeded database, made before the file's tests and
 * closed after them. Read `env` and `app` inside tests (they exist once beforeAll has run).
 */
export function useTestApp(): { env: TestDatabase; app: ReturnType<typeof createApp> } {
  const context = {} as { env: TestDatabase; app: ReturnType<typeof createApp> };
  beforeAll(async () => {
    context.env = await openTestDatabase();
    context.app = createApp({ deps: context.env.deps, logger: silentLogger });
  });
  afterAll(() => context.env.close());
  return context;
}
