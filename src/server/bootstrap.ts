// Everything the process needs before it serves: the database migrated, the regions loaded,
// demo data on a first start, and the region tree in memory.

import { type DatabaseTarget, databaseFile, type OpenedDatabase, openDatabase } from '../db/database.ts';
import { directCommits, GroupCommit } from '../db/group-commit.ts';
import { loadRegions } from '../db/load-regions.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { loadServerSecret } from '../db/server-secret.ts';
import { withStartupLock } from '../db/startup-lock.ts';
// The first start is the one place outside src/demo and src/cli that seeds the demo data.
import { seedDemo } from '../demo/seed-demo.ts';
import { PasswordWork } from '../domain/backoffice/password-work.ts';
import {
  DEFAULT_LOOKUP_LIMITS,
  type LookupLimitSettings,
  LookupLimits,
} from '../domain/cek/lookup-limits.ts';
import type { DomainDeps } from '../domain/deps.ts';
import { DEFAULT_IMPORT_SETTINGS, type ImportSettings } from '../domain/import/import-decision.ts';
import type { OfficeSettings } from '../domain/privacy/privacy-notice.ts';
import { ProofOfWork } from '../domain/privacy/proof-of-work.ts';
import { officeZoneOf } from '../domain/regions/office-zone.ts';
import { loadRegionDirectory } from '../domain/regions/region-directory.ts';
import { deriveServiceArea, serviceAreaFromCodes } from '../domain/regions/service-area.ts';
import { sweepOrphanAttachments } from '../domain/tickets/attachment-sweep.ts';
import { type AttachmentStore, localAttachmentStore } from '../domain/tickets/attachments.ts';
import { databaseAttachmentStore } from '../domain/tickets/database-attachment-store.ts';
import { DEFAULT_TICKET_SETTINGS, type TicketSettings } from '../domain/tickets/settings.ts';
import type { Logger } from './logger.ts';

export interface Prepared extends OpenedDatabase {
  deps: DomainDeps;
}

export interface PrepareOptions {
  /** DATA_DIR: the SQLite database, the server secret and local attachments live here. */
  dataDir: string;
  /** Which database; the SQLite file under `dataDir` when absent. */
  database?: DatabaseTarget;
  /** SECRET_KEY; required on PostgreSQL, where DATA_DIR is not shared between app servers. */
  secretKey?: Buffer;
  demoData: boolean;
  logger?: Logger;
  now?: () => Date;
  tickets?: TicketSettings;
  limits?: LookupLimitSettings;
  /** When a recipient list ends memberships (decision 0022); the defaults when absent. */
  imports?: ImportSettings;
  /** SERVICE_AREA codes; derived from the households when absent. */
  serviceArea?: readonly string[];
  /** Who answers for the data (the privacy notice); named after the area when absent. */
  office?: OfficeSettings;
}

export function serverSecret(
  options: Pick<PrepareOptions, 'secretKey' | 'dataDir'>,
  database: DatabaseTarget,
): Buffer {
  if (options.secretKey) return options.secretKey;
  if (database.engine === 'postgres') {
    // A secret made up here would differ on every app server and after every restart.
    throw new Error('SECRET_KEY is required when DATABASE_URL is a PostgreSQL database');
  }
  return loadServerSecret(options.dataDir);
}

/** Residents' files: DATA_DIR/attachments with SQLite, the database when servers share PostgreSQL. */
export function attachmentStoreOf(
  opened: Pick<OpenedDatabase, 'engine' | 'db'>,
  dataDir: string,
): AttachmentStore {
  return opened.engine === 'postgres' ? databaseAttachmentStore(opened.db) : localAttachmentStore(dataDir);
}

export async function prepareDatabase(options: PrepareOptions): Promise<Prepared> {
  const started = Date.now();
  const target: DatabaseTarget = options.database ?? {
    engine: 'sqlite',
    file: databaseFile(options.dataDir),
  };
  const secret = serverSecret(options, target);
  const opened = openDatabase(target);
  const { db } = opened;
  const tickets = options.tickets ?? DEFAULT_TICKET_SETTINGS;
  try {
    // Several app servers may start at once on one PostgreSQL database: one prepares, the rest wait.
    const prepared = await withStartupLock(opened, async (locked) => {
      const applied = await migrateToLatest(locked, opened.engine);
      const regionRows = await loadRegions(locked);
      // Each part only when it is missing: households on an empty database, the demo tickets
      // wherever the demo households are and the tickets are not.
      const demo = options.demoData ? await seedDemo(locked, { tickets, secret }) : undefined;
      return { applied, regionRows, demo };
    });
    const regions = await loadRegionDirectory(db);
    const area = options.serviceArea
      ? serviceAreaFromCodes(regions, options.serviceArea)
      : await deriveServiceArea(db, regions);
    // The office's clock: OFFICE_TIME_ZONE when set, else its province's (issue 20 item 8).
    const clock = { ...tickets, zone: tickets.zone ?? officeZoneOf(area) };
    const attachments = attachmentStoreOf(opened, options.dataDir);
    // Files a crash left between writing them and recording them (a count is logged, no names).
    // Their ages are file times, so they are measured against the wall clock, not options.now.
    const orphanAttachmentsRemoved = await sweepOrphanAttachments(db, attachments, { now: new Date() });
    options.logger?.info(
      {
        engine: opened.engine,
        migrations: prepared.applied.length,
        regionsLoaded: prepared.regionRows,
        demoHouseholds: prepared.demo?.households ?? 0,
        demoTickets: prepared.demo?.tickets ?? 0,
        orphanAttachmentsRemoved,
        serviceArea: area.roots.map((r) => r.code),
        officeZone: clock.zone.id,
        ms: Date.now() - started,
      },
      'database ready',
    );
    const deps: DomainDeps = {
      db,
      regions,
      area,
      now: options.now ?? (() => new Date()),
      secret,
      dataDir: options.dataDir,
      attachments,
      tickets: clock,
      limits: new LookupLimits(
        options.limits ?? DEFAULT_LOOKUP_LIMITS,
        opened.rateLimiter,
        opened.counters,
        new ProofOfWork({ secret }),
      ),
      // SQLite's fsync blocks the whole process: submissions that arrive together share one.
      // PostgreSQL commits without blocking, so each submission keeps its own transaction.
      passwordWork: new PasswordWork(),
      commits: opened.engine === 'sqlite' ? new GroupCommit(db) : directCommits(db),
      imports: options.imports ?? DEFAULT_IMPORT_SETTINGS,
      office: options.office ?? {},
    };
    return { ...opened, deps };
  } catch (error) {
    await opened.close();
    throw error;
  }
}
