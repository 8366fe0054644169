// What every use case is given: the database, the region tree, a clock, and for tickets the
// server secret, where files go and the due-date settings.
import type { Db } from '../db/database.ts';
import type { Commits } from '../db/group-commit.ts';
import type { PasswordWork } from './backoffice/password-work.ts';
import type { LookupLimits } from './cek/lookup-limits.ts';
import type { ImportSettings } from './import/import-decision.ts';
import type { BackgroundJobs } from './jobs/background-jobs.ts';
import type { OfficeSettings } from './privacy/privacy-notice.ts';
import type { RegionDirectory } from './regions/region-directory.ts';
import type { ServiceArea } from './regions/service-area.ts';
import type { AttachmentStore } from './tickets/attachments.ts';
import type { TicketSettings } from './tickets/settings.ts';
import type { TicketKind } from './tickets/workflow.ts';

export interface DomainDeps {
  db: Db;
  regions: RegionDirectory;
  /** The regions this office holds data for; elsewhere a search is answered "not held here". */
  area: ServiceArea;
  now: () => Date;
  /** SECRET_KEY, or 32 random bytes kept in DATA_DIR: derives tracking codes and seals opaque ids. */
  secret: Buffer;
  /** DATA_DIR: the SQLite file, the server secret and the local attachment directory. */
  dataDir: string;
  /** Where residents' files go: DATA_DIR/attachments, or the database when several servers share it. */
  attachments: AttachmentStore;
  tickets: TicketSettings;
  /** Counters that stop NIK enumeration and name-search scraping. */
  limits: LookupLimits;
  /** Officers' password hashes, a bounded few at a time, so a flood of sign-ins starves nobody. */
  passwordWork: PasswordWork;
  /** Resident submissions arriving together share one transaction and one fsync. */
  commits: Commits;
  /** The server's background jobs; absent in scripts and tests, where a job runs unsupervised. */
  jobs?: BackgroundJobs;
  /** Draws a new ticket's reference; `newReference` (random) when absent. Tests draw a taken one. */
  drawReference?: (kind: TicketKind) => string;
  /** When a list is complete for a village, and what counts as a large ending; defaults when absent. */
  imports?: ImportSettings;
  /** Who answers for the data (OFFICE_NAME, OFFICE_PRIVACY_CONTACT); absent in scripts. */
  office?: OfficeSettings;
}
