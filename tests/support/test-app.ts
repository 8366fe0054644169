// A fresh copy of the seeded template database and the Hono app over it, for API tests.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { databaseFile } from '../../src/db/database.ts';
import { createApp } from '../../src/server/app.ts';
import { type Prepared, prepareDatabase } from '../../src/server/bootstrap.ts';
import { createLogger } from '../../src/server/logger.ts';

export const FIXED_NOW = new Date('2026-11-23T08:00:00Z');

/** API tests send hundreds of lookups from one address; tests/api/lookup-limits.test.ts sets real ones. */
export const GENEROUS_LIMITS = {
  perClient: 100_000,
  perNik: 100_000,
  searchesPerClient: 100_000,
  trackingPerClient: 100_000,
  trackingPerReference: 100_000,
  windowSeconds: 600,
};

export async function copyTemplateDatabase(): Promise<{ dataDir: string; cleanup: () => void }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-test-'));
  const template = inject('templateDataDir');
  copyFileSync(databaseFile(template), databaseFile(dataDir));
  // The demo tickets' code hashes are keyed by the template's secret (decision 0003).
  copyFileSync(path.join(template, 'secret.key'), path.join(dataDir, 'secret.key'));
  return { dataDir, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export async function openTestDatabase(): Promise<
  Prepared & { dataDir: string; close: () => Promise<void> }
> {
  const { dataDir, cleanup } = await copyTemplateDatabase();
  const prepared = await prepareDatabase({
    dataDir,
    demoData: false,
    now: () => FIXED_NOW,
    limits: GENEROUS_LIMITS,
  });
  return {
    ...prepared,
    dataDir,
    close: async () => {
      await prepared.db.destroy();
      cleanup();
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
