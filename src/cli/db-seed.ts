// `npm run db:seed`: fills an empty database with the demo data (refuses a database that
// already holds households, so real data is never mixed with demo data).
import { databaseFile, openDatabase } from '../db/database.ts';
import { loadRegions } from '../db/load-regions.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { seedDemoData } from '../demo/generate-demo-data.ts';
import { readConfig } from '../server/config.ts';

const config = readConfig();
const { db } = openDatabase(databaseFile(config.dataDir));
await migrateToLatest(db);
await loadRegions(db);
const existing = await db.selectFrom('households').select('id').limit(1).executeTakeFirst();
if (existing) {
  console.error(
    `${databaseFile(config.dataDir)} already holds households; remove it to seed demo data again.`,
  );
  await db.destroy();
  process.exit(1);
}
const started = Date.now();
const summary = await seedDemoData(db);
console.log(
  `demo data: ${summary.households} households, ${summary.members} members, ${summary.memberships} memberships in ${Date.now() - started} ms`,
);
await db.destroy();
