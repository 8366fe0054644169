// `npm run outbox:deliver`: one delivery pass of the outbox with the configured channels, e.g.
// from cron on a machine where the app runs with the loop too (passes never send a message twice).
import { openDatabase } from '../db/database.ts';
import { readConfigOrExit } from '../server/config.ts';
import { createLogger } from '../server/logger.ts';
import { deliverOnce } from '../server/notifications/delivery-loop.ts';

const config = readConfigOrExit();
const logger = createLogger(config.logLevel);
const opened = openDatabase(config.database);
try {
  const result = await deliverOnce({
    db: opened.db,
    engine: opened.engine,
    settings: config.notifications,
    logger,
  });
  logger.info({ ...result, channels: channelsNamed() }, 'outbox:deliver done');
} finally {
  await opened.close();
}

function channelsNamed(): string[] {
  return [config.notifications.email ? 'email' : '', config.notifications.webhook ? 'sms' : ''].filter(
    Boolean,
  );
}
