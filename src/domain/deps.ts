// What every use case is given: the database, the region tree, a clock, and for tickets the
// server secret, where files go and the due-date settings.
import type { Db } from '../db/database.ts';
import type { GroupCommit } from '../db/group-commit.ts';
import type { LookupLimits } from './cek/lookup-limits.ts';
import type { RegionDirectory } from './regions/region-directory.ts';
import type { TicketSettings } from './tickets/settings.ts';

export interface DomainDeps {
  db: Db;
  regions: RegionDirectory;
  now: () => Date;
  /** 32 random bytes kept in DATA_DIR: derives tracking codes and seals opaque ids. */
  secret: Buffer;
  /** DATA_DIR; attachments are stored under `${dataDir}/attachments`. */
  dataDir: string;
  tickets: TicketSettings;
  /** Counters that stop NIK enumeration and name-search scraping. */
  limits: LookupLimits;
  /** Resident submissions arriving together share one transaction and one fsync. */
  commits: GroupCommit;
}
