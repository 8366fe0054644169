// Everything the process needs before it serves: the database migrated, the regions loaded,
// demo data on a first start, and the region tree in memory.
import { databaseFile, type OpenedDatabase, openDatabase } from '../db/database.ts';
import { seedDemoData } from '../db/demo/generate-demo-data.ts';
import { seedDemoTickets } from '../db/demo/generate-demo-tickets.ts';
import { loadRegions } from '../db/load-regions.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { loadServerSecret } from '../db/server-secret.ts';
import {
  DEFAULT_LOOKUP_LIMITS,
  type LookupLimitSettings,
  LookupLimits,
} from '../domain/cek/lookup-limits.ts';
import type { DomainDeps } from '../domain/deps.ts';
import { loadRegionDirectory } from '../domain/regions/region-directory.ts';
import { localAttachmentStorage, sweepOrphanAttachments } from '../domain/tickets/attachment-sweep.ts';
import { DEFAULT_TICKET_SETTINGS, type TicketSettings } from '../domain/tickets/settings.ts';
import type { Logger } from './logger.ts';

export interface Prepared extends OpenedDatabase {
  deps: DomainDeps;
}

export interface PrepareOptions {
  /** DATA_DIR: the database, the server secret and attachments live here. */
  dataDir: string;
  demoData: boolean;
  logger?: Logger;
  now?: () => Date;
  tickets?: TicketSettings;
  limits?: LookupLimitSettings;
}

export async function prepareDatabase(options: PrepareOptions): Promise<Prepared> {
  const started = Date.now();
  const opened = openDatabase(databaseFile(options.dataDir));
  const secret = loadServerSecret(options.dataDir);
  const { db } = opened;
  const applied = await migrateToLatest(db);
  const regionRows = await loadRegions(db);
  const tickets = options.tickets ?? DEFAULT_TICKET_SETTINGS;
  let demo: number | undefined;
  let demoTickets: number | undefined;
  if (options.demoData) {
    const existing = await db.selectFrom('households').select('id').limit(1).executeTakeFirst();
    if (!existing) {
      demo = (await seedDemoData(db)).households;
      demoTickets = (await seedDemoTickets(db, { tickets })).tickets;
    }
  }
  const regions = await loadRegionDirectory(db);
  // Files a crash left between writing them and recording them (a count is logged, no names).
  // Their ages are file times, so they are measured against the wall clock, not options.now.
  const orphanAttachmentsRemoved = await sweepOrphanAttachments(db, localAttachmentStorage(options.dataDir), {
    now: new Date(),
  });
  options.logger?.info(
    {
      migrations: applied.length,
      regionsLoaded: regionRows,
      demoHouseholds: demo ?? 0,
      demoTickets: demoTickets ?? 0,
      orphanAttachmentsRemoved,
      ms: Date.now() - started,
    },
    'database ready',
  );
  const deps: DomainDeps = {
    db,
    regions,
    now: options.now ?? (() => new Date()),
    secret,
    dataDir: options.dataDir,
    tickets,
    limits: new LookupLimits(options.limits ?? DEFAULT_LOOKUP_LIMITS),
  };
  return { ...opened, deps };
}
