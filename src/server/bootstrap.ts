// Everything the process needs before it serves: the database migrated, the regions loaded,
// demo data on a first start, and the region tree in memory.
import { databaseFile, type OpenedDatabase, openDatabase } from '../db/database.ts';
import { seedDemoData } from '../db/demo/generate-demo-data.ts';
import { loadRegions } from '../db/load-regions.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { DomainDeps } from '../domain/deps.ts';
import { loadRegionDirectory } from '../domain/regions/region-directory.ts';
import type { Logger } from './logger.ts';

export interface Prepared extends OpenedDatabase {
  deps: DomainDeps;
}

export interface PrepareOptions {
  /** A directory, or ':memory:' for tests. */
  dataDir: string;
  demoData: boolean;
  logger?: Logger;
  now?: () => Date;
}

export async function prepareDatabase(options: PrepareOptions): Promise<Prepared> {
  const started = Date.now();
  const opened = openDatabase(options.dataDir === ':memory:' ? ':memory:' : databaseFile(options.dataDir));
  const { db } = opened;
  const applied = await migrateToLatest(db);
  const regionRows = await loadRegions(db);
  let demo: number | undefined;
  if (options.demoData) {
    const existing = await db.selectFrom('households').select('id').limit(1).executeTakeFirst();
    if (!existing) demo = (await seedDemoData(db)).households;
  }
  const regions = await loadRegionDirectory(db);
  options.logger?.info(
    {
      migrations: applied.length,
      regionsLoaded: regionRows,
      demoHouseholds: demo ?? 0,
      ms: Date.now() - started,
    },
    'database ready',
  );
  return { ...opened, deps: { db, regions, now: options.now ?? (() => new Date()) } };
}
