// Starts the whole service: database, Hono front and Astro pages on one port.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { loadAstroHandler } from './astro-pages.ts';
import { prepareDatabase } from './bootstrap.ts';
import type { Config } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { startDeliveryLoop } from './notifications/delivery-loop.ts';

export interface RunningServer {
  url: string;
  logger: Logger;
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  files: { astroEntry: string; clientDir: string },
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  const prepared = await prepareDatabase({
    dataDir: config.dataDir,
    database: config.database,
    secretKey: config.secretKey,
    demoData: config.demoData,
    logger,
    limits: config.limits,
    serviceArea: config.serviceArea,
  });
  const astro = await loadAstroHandler(files.astroEntry);
  const app = createApp({
    deps: prepared.deps,
    logger,
    astro,
    clientDir: files.clientDir,
    trustProxy: config.trustProxy,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  // Residents' updates go out from every app process; see src/domain/notifications.
  const delivery = startDeliveryLoop({
    db: prepared.deps.db,
    engine: prepared.engine,
    settings: config.notifications,
    logger,
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url }, 'listening');
  return {
    url,
    logger,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          // A pass in progress finishes its message and records it before the database closes.
          void delivery
            .stop()
            .then(() => prepared.close())
            .then(resolve);
        });
        // Keep-alive sockets would hold close() open; a stopping server answers no one.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
