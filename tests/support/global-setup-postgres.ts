// The `postgres` project's template: one PostgreSQL database with regions and demo data, made
// once per run; each test file gets its own copy (CREATE DATABASE … TEMPLATE), so no test pays
// for seeding and no test sees another's writes.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../../src/server/bootstrap.ts';
import {
  assertPostgresReachable,
  createPostgresDatabase,
  dropPostgresDatabase,
  listTestDatabases,
  newDatabaseName,
  postgresTarget,
  RUN_MARK_VARIABLE,
  TEST_SECRET_KEY,
} from './test-database.ts';

export default async function setup(project: TestProject) {
  await assertPostgresReachable();
  const run = `r${randomBytes(3).toString('hex')}`;
  process.env[RUN_MARK_VARIABLE] = run;
  const name = newDatabaseName('cekbansos_template');
  await createPostgresDatabase(name);
  const dir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-pg-template-'));
  const started = Date.now();
  const prepared = await prepareDatabase({
    dataDir: dir,
    database: postgresTarget(name),
    secretKey: TEST_SECRET_KEY,
    demoData: true,
  });
  await prepared.close();
  console.info(`PostgreSQL template ${name} prepared in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('templateDataDir', dir);
  project.provide('templateDatabase', name);
  return async () => {
    // Tests that only destroy their connection leave their database; every one this run made goes.
    for (const made of await listTestDatabases())
      if (made.includes(`_${run}_`)) await dropPostgresDatabase(made);
    rmSync(dir, { recursive: true, force: true });
  };
}
