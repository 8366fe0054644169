// `npm start`: reads the environment and serves until SIGINT/SIGTERM.
import { fileURLToPath } from 'node:url';
import { readConfigOrExit } from './config.ts';
import { routeConsoleToLogger } from './console-to-log.ts';
import { createLogger } from './logger.ts';
import { startServer } from './start.ts';

const config = readConfigOrExit();
const logger = createLogger(config.logLevel);
// Only JSON lines on stdout and stderr, as the README promises: Astro's own error messages too.
routeConsoleToLogger(logger);
process.on('uncaughtException', (err) => {
  logger.fatal({ err }, 'uncaught exception');
  process.exit(1);
});
process.on('unhandledRejection', (err) => {
  logger.fatal({ err }, 'unhandled rejection');
  process.exit(1);
});

// Bundled to dist/node/main.mjs, beside Astro's dist/server and dist/client.
const dist = fileURLToPath(new URL('..', import.meta.url));
const running = await startServer(
  config,
  { astroEntry: `${dist}server/entry.mjs`, clientDir: `${dist}client` },
  logger,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    running.logger.info({ signal }, 'shutting down');
    void running.close().then(() => process.exit(0));
  });
}
