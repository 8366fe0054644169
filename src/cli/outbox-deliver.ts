// `npm run outbox:deliver`: one delivery pass of the outbox with the configured channels, e.g.
// from cron on a machine where the app runs with the loop too (passes never send a message twice).
// Exit status 0 after a pass, whatever the channels answered (failures are in the log and in
// outbox_deliveries); 1 when the pass itself could not run, as one JSON log line.
import { openDatabase } from '../db/database.ts';
import { readConfigOrExit } from '../server/config.ts';
import { createLogger } from '../server/logger.ts';
import { deliverOnce } from '../server/notifications/delivery-loop.ts';

const config = readConfigOrExit();
const logger = createLogger(config.logLevel);
const opened = openDatabase(config.database);
const channels = [
  config.notifications.email ? 'email' : '',
  config.notifications.webhook ? 'sms' : '',
].filter(Boolean);
try {
  const result = await deliverOnce({
    db: opened.db,
    engine: opened.engine,
    settings: config.notifications,
    logger,
  });
  logger.info({ ...result, channels }, 'outbox:deliver done');
} catch (err) {
  // Most often a database not migrated yet (npm run db:migrate) or not reachable.
  logger.error({ err }, 'outbox:deliver could not run a pass');
  process.exitCode = 1;
} finally {
  await opened.close();
}
