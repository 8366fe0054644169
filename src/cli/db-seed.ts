// `npm run db:seed`: fills a database with the demo data, each part only when it is missing (the
// households on a database that holds none, the demo tickets beside the demo households), and
// refuses a database whose households are real data, so the two are never mixed.
import { openDatabase } from '../db/database.ts';
import { loadRegions } from '../db/load-regions.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { withStartupLock } from '../db/startup-lock.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { DEFAULT_TICKET_SETTINGS } from '../domain/tickets/settings.ts';
import { serverSecret } from '../server/bootstrap.ts';
import { readConfigOrExit } from '../server/config.ts';

const config = readConfigOrExit();
// The demo tickets' codes are keyed by the server secret: the one `npm start` will use.
const secret = serverSecret({ dataDir: config.dataDir, secretKey: config.secretKey }, config.database);
const opened = openDatabase(config.database);
const started = Date.now();
const result = await withStartupLock(opened, async (db) => {
  await migrateToLatest(db, opened.engine);
  await loadRegions(db);
  return seedDemo(db, { tickets: DEFAULT_TICKET_SETTINGS, secret });
});
await opened.close();
if (result.skipped.tickets === 'not_demo_households') {
  console.error(
    'The database holds households that are not the demo’s; demo data goes only beside demo data.',
  );
  process.exit(1);
}
console.log(
  `demo data: ${result.households} households, ${result.members} members, ${result.memberships} memberships, ${result.tickets} tickets in ${Date.now() - started} ms` +
    (result.skipped.households && result.skipped.tickets ? ' (all there already)' : ''),
);
