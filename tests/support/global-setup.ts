// Builds one database with regions and demo data for the whole run; each test file copies it,
// so no test pays for seeding and no test sees another's writes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../../src/server/bootstrap.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDataDir: string;
    /** The PostgreSQL template database of the `postgres` project; absent on SQLite. */
    templateDatabase?: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-template-'));
  const prepared = await prepareDatabase({ dataDir: dir, demoData: true });
  await prepared.close();
  project.provide('templateDataDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
