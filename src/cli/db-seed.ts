// `npm run db:seed`: fills an empty database with the demo data (refuses a database that
// already holds households, so real data is never mixed with demo data).
import { openDatabase } from '../db/database.ts';
import { prepareDatabase } from '../server/bootstrap.ts';
import { readConfigOrExit } from '../server/config.ts';
import { createLogger } from '../server/logger.ts';

const config = readConfigOrExit();
const probe = openDatabase(config.database);
const existing = await probe.db
  .selectFrom('households')
  .select('id')
  .limit(1)
  .executeTakeFirst()
  .catch(() => undefined);
await probe.close();
if (existing) {
  console.error('The database already holds households; demo data goes only into an empty database.');
  process.exit(1);
}
const prepared = await prepareDatabase({
  dataDir: config.dataDir,
  database: config.database,
  secretKey: config.secretKey,
  demoData: true,
  logger: createLogger(config.logLevel),
});
await prepared.close();
