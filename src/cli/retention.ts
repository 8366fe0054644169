// `npm run retention [-- --days N] [--dry-run]`: removes the personal data and files of tickets
// closed more than RETENTION_DAYS (or N) days ago, as the server does every six hours; prints the
// counts, never what was removed. `--dry-run` only counts the tickets it would empty.
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database.ts';
import {
  countDue,
  DEFAULT_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  removeExpiredPersonalData,
} from '../domain/privacy/retention.ts';
import { officeZoneOfSettings } from '../domain/regions/office-zone.ts';
import { officeTime } from '../i18n/office-time.ts';
import { attachmentStoreOf } from '../server/bootstrap.ts';
import { readConfigOrExit } from '../server/config.ts';

const USAGE = `usage: npm run retention -- [--days N (at least ${MIN_RETENTION_DAYS})] [--dry-run]`;

let values: { days?: string; 'dry-run'?: boolean };
try {
  values = parseArgs({
    options: { days: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    strict: true,
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const config = readConfigOrExit();
const days =
  values.days === undefined ? (config.office.retentionDays ?? DEFAULT_RETENTION_DAYS) : Number(values.days);
if (!Number.isSafeInteger(days) || days < MIN_RETENTION_DAYS) {
  console.error(USAGE);
  process.exit(2);
}

const opened = openDatabase(config.database);
try {
  const deps = {
    db: opened.db,
    now: () => new Date(),
    attachments: attachmentStoreOf(opened, config.dataDir),
  };
  if (values['dry-run']) {
    console.log(
      `${await countDue(deps, days)} tickets closed more than ${days} days ago still hold personal data`,
    );
  } else {
    const r = await removeExpiredPersonalData(deps, days);
    console.log(
      `emptied ${r.tickets} tickets closed before ${officeTime(officeZoneOfSettings(config.tickets.zone, config.serviceArea), 'en', r.cutoff)}: ${r.submissions} submissions, ` +
        `${r.steps} steps, ${r.messages} messages, ${r.files} files; ${r.exports} ministry export files`,
    );
  }
} finally {
  await opened.close();
}
