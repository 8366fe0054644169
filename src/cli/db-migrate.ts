// `npm run db:migrate`: applies pending migrations and loads the regions, nothing else.
import { prepareDatabase } from '../server/bootstrap.ts';
import { readConfigOrExit } from '../server/config.ts';
import { createLogger } from '../server/logger.ts';

const config = readConfigOrExit();
const prepared = await prepareDatabase({
  dataDir: config.dataDir,
  database: config.database,
  secretKey: config.secretKey,
  demoData: false,
  logger: createLogger(config.logLevel),
});
await prepared.close();
