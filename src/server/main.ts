// `npm start`: reads the environment and serves until SIGINT/SIGTERM.
import { fileURLToPath } from 'node:url';
import { readConfigOrExit } from './config.ts';
import { startServer } from './start.ts';

// Bundled to dist/node/main.mjs, beside Astro's dist/server and dist/client.
const dist = fileURLToPath(new URL('..', import.meta.url));
const running = await startServer(readConfigOrExit(), {
  astroEntry: `${dist}server/entry.mjs`,
  clientDir: `${dist}client`,
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    running.logger.info({ signal }, 'shutting down');
    void running.close().then(() => process.exit(0));
  });
}
