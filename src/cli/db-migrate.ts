// `npm run db:migrate`: applies pending migrations and loads the regions, nothing else.
import { databaseFile, openDatabase } from '../db/database.ts';
import { loadRegions } from '../db/load-regions.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { readConfigOrExit } from '../server/config.ts';

const config = readConfigOrExit();
const { db } = openDatabase(databaseFile(config.dataDir));
const applied = await migrateToLatest(db);
const regions = await loadRegions(db);
console.log(
  `migrations applied: ${applied.length}${applied.length ? ` (${applied.join(', ')})` : ''}; regions loaded: ${regions}`,
);
await db.destroy();
