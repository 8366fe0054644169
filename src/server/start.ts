// Starts the whole service: database, Hono front and Astro pages on one port.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { resumeAbandonedImports } from '../domain/import/upload-import.ts';
import { backgroundJobs } from '../domain/jobs/background-jobs.ts';
import { repeatEvery } from '../domain/jobs/repeat.ts';
import { queueOfficerNotices } from '../domain/notifications/officer-notices.ts';
import { DEFAULT_RETENTION_DAYS, removeExpiredPersonalData } from '../domain/privacy/retention.ts';
import { resumeAbandonedRuns } from '../domain/quality/register-run.ts';
import { startOrphanSweep } from '../domain/tickets/attachment-sweep.ts';
import { createApp } from './app.ts';
import { loadAstroHandler } from './astro-pages.ts';
import { prepareDatabase } from './bootstrap.ts';
import type { Config } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { startDeliveryLoop } from './notifications/delivery-loop.ts';

const RETENTION_INTERVAL_MS = 6 * 3600 * 1000;

/** The days the scheduled retention pass keeps closed tickets; undefined: no pass (the demo). */
export function retentionDaysOf(config: Pick<Config, 'office' | 'demoData'>): number | undefined {
  return config.office.retentionDays ?? (config.demoData ? undefined : DEFAULT_RETENTION_DAYS);
}

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
    imports: config.imports,
    serviceArea: config.serviceArea,
    office: config.office,
    tickets: config.tickets,
  });
  // Uploaded imports and whole-register reports run in this process, stopped before the database
  // closes; what a stopped or crashed process left running is taken up here, at start and then
  // every half minute (a sibling process on another host may stop at any time).
  const onError = (err: unknown) => logger.error({ err }, 'background job failed');
  const jobs = backgroundJobs(onError);
  prepared.deps.jobs = jobs;
  const resume = async () => {
    const imports = await resumeAbandonedImports(prepared.deps, onError);
    const runs = await resumeAbandonedRuns(prepared.deps, onError);
    if (imports.length + runs.length > 0) logger.info({ imports, runs }, 'background jobs taken up again');
  };
  await resume();
  // prepareDatabase swept once; a process that runs for weeks sweeps again on a timer. Only the
  // error's class and code are logged: nothing of a file or a row.
  const orphans = startOrphanSweep(prepared.deps.db, prepared.deps.attachments, {
    intervalMs: config.attachmentSweepSeconds * 1000,
    onSwept: (removed) => {
      if (removed > 0) logger.info({ orphanAttachmentsRemoved: removed }, 'orphan attachments removed');
    },
    onError: (err) =>
      logger.error(
        { error: (err as Error | undefined)?.name, code: (err as { code?: unknown } | undefined)?.code },
        'orphan attachment sweep failed',
      ),
  });
  // Closed tickets past RETENTION_DAYS lose their personal data at start and every six hours; only
  // the counts are logged. The demo's closed cases are years old: with the demo data and no
  // RETENTION_DAYS, the pass would empty the history the demo is there to show, so it stays off.
  const retentionDays = retentionDaysOf(config);
  const retention = retentionDays
    ? repeatEvery(
        RETENTION_INTERVAL_MS,
        async () => {
          const removed = await removeExpiredPersonalData(prepared.deps, retentionDays);
          if (removed.tickets > 0 || removed.exports > 0)
            logger.info({ retention: removed }, 'personal data of old closed tickets removed');
        },
        (err) => logger.error({ error: (err as Error | undefined)?.name }, 'retention pass failed'),
        { immediately: true },
      )
    : undefined;
  const sweep = setInterval(() => {
    if (!jobs.signal.aborted) resume().catch((err) => logger.error({ err }, 'background job sweep failed'));
  }, 30_000);
  sweep.unref();
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
    schedule: () => queueOfficerNotices(prepared.deps),
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
          clearInterval(sweep);
          void Promise.all([delivery.stop(), jobs.stop(), orphans.stop(), retention?.stop()])
            .then(() => prepared.close())
            .then(resolve);
        });
        // Keep-alive sockets would hold close() open; a stopping server answers no one.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
