// Every migration, in order. Listed by hand so the bundled server carries them without a file scan.
// Each takes the engine's DDL spellings (ddl.ts), so one list builds the same schema on both.
import type { Kysely, Migration } from 'kysely';
import * as m001 from './2026-11-23-001-regions-households-programs.ts';
import * as m002 from './2026-11-23-002-tickets.ts';
import * as m003 from './2026-12-01-003-shared-state-and-open-ticket-uniqueness.ts';
import * as m004 from './2026-12-02-004-back-office.ts';
import * as m005 from './2026-12-02-005-outbox-delivery.ts';
import * as m007 from './2026-12-02-007-provisional-uploads.ts';
import * as m008 from './2026-12-02-008-unlogged-counters.ts';
import * as m009 from './2026-12-02-009-response-templates.ts';
import * as m010 from './2026-12-02-010-musyawarah.ts';
import * as m011 from './2026-12-02-011-imports.ts';
import * as m013 from './2026-12-02-013-submission-repeat-key.ts';
import * as m014 from './2026-12-02-014-background-jobs-and-register-report.ts';
import * as m015 from './2026-12-02-015-import-area.ts';
import * as m016 from './2026-12-06-016-import-preview-and-rollback.ts';
import * as m017 from './2026-12-06-017-musyawarah-form-key.ts';
import * as m018 from './2026-12-06-018-templates-by-regency.ts';
import * as m019 from './2026-12-06-019-attachment-sent-names.ts';
import * as m020 from './2026-12-07-020-reopen-goes-back.ts';
import * as m021 from './2026-12-07-021-program-desil-ceiling.ts';
import * as m022 from './2026-12-07-022-desil-changes.ts';
import * as m023 from './2026-12-07-023-program-profiles.ts';
import * as m024 from './2026-12-07-024-retention.ts';
import * as m025 from './2026-12-07-025-audit-subjects.ts';
import * as m026 from './2026-12-07-026-dtsen-snapshot.ts';
import * as m030 from './2026-12-07-030-holidays.ts';
import * as m031 from './2026-12-07-031-open-ticket-counts.ts';
import * as m032 from './2026-12-07-032-ministry-exports.ts';
import * as m033 from './2026-12-07-033-officer-notifications.ts';
import * as m034 from './2026-12-07-034-register-corrections.ts';
import * as m035 from './2026-12-07-035-import-superseded-rows.ts';
import * as m036 from './2026-12-07-036-program-catalogue-version.ts';
import * as m037 from './2026-12-07-037-first-submission-index.ts';
import * as m038 from './2026-12-07-038-open-ticket-counts-at-commit.ts';
import { DDL, type Ddl, type Engine } from './ddl.ts';

type EngineMigration = { up(db: Kysely<any>, ddl: Ddl): Promise<void> };

const ordered: Record<string, EngineMigration> = {
  '2026-11-23-001-regions-households-programs': m001,
  '2026-11-23-002-tickets': m002,
  '2026-12-01-003-shared-state-and-open-ticket-uniqueness': m003,
  '2026-12-02-004-back-office': m004,
  '2026-12-02-005-outbox-delivery': m005,
  '2026-12-02-007-provisional-uploads': m007,
  '2026-12-02-008-unlogged-counters': m008,
  '2026-12-02-009-response-templates': m009,
  '2026-12-02-010-musyawarah': m010,
  '2026-12-02-011-imports': m011,
  '2026-12-02-013-submission-repeat-key': m013,
  '2026-12-02-014-background-jobs-and-register-report': m014,
  '2026-12-02-015-import-area': m015,
  '2026-12-06-016-import-preview-and-rollback': m016,
  '2026-12-06-017-musyawarah-form-key': m017,
  '2026-12-06-018-templates-by-regency': m018,
  '2026-12-06-019-attachment-sent-names': m019,
  '2026-12-07-020-reopen-goes-back': m020,
  '2026-12-07-021-program-desil-ceiling': m021,
  '2026-12-07-022-desil-changes': m022,
  '2026-12-07-023-program-profiles': m023,
  '2026-12-07-024-retention': m024,
  '2026-12-07-025-audit-subjects': m025,
  '2026-12-07-026-dtsen-snapshot': m026,
  '2026-12-07-030-holidays': m030,
  '2026-12-07-031-open-ticket-counts': m031,
  '2026-12-07-032-ministry-exports': m032,
  '2026-12-07-033-officer-notifications': m033,
  '2026-12-07-034-register-corrections': m034,
  '2026-12-07-035-import-superseded-rows': m035,
  '2026-12-07-036-program-catalogue-version': m036,
  '2026-12-07-037-first-submission-index': m037,
  '2026-12-07-038-open-ticket-counts-at-commit': m038,
};

export function migrationsFor(engine: Engine): Record<string, Migration> {
  const ddl = DDL[engine];
  return Object.fromEntries(
    Object.entries(ordered).map(([name, m]) => [name, { up: (db: Kysely<any>) => m.up(db, ddl) }]),
  );
}
