// The outbox delivery loop inside the app process, and the channels the settings configure. Every
// app process runs one; passes on one database do not send a message twice (deliver-outbox.ts).
import type { Db } from '../../db/database.ts';
import type { EngineName } from '../../db/engine.ts';
import {
  type DeliveryLogger,
  deliverOutbox,
  type PassResult,
} from '../../domain/notifications/deliver-outbox.ts';
import type { DeliveryChannel, Transport } from '../../domain/notifications/transport.ts';
import type { NotificationSettings } from '../config.ts';
import { emailTransport } from './email-transport.ts';
import { officerWebhookTransport } from './officer-webhook-transport.ts';
import { webhookTransport } from './webhook-transport.ts';

export interface Channels {
  transports: Partial<Record<DeliveryChannel, Transport>>;
  close(): void;
}

export function channelsFrom(settings: NotificationSettings, now: () => Date): Channels {
  const email = settings.email ? emailTransport(settings.email) : undefined;
  return {
    transports: {
      ...(email ? { email } : {}),
      ...(settings.webhook ? { sms: webhookTransport(settings.webhook, now) } : {}),
      // Officers' own webhooks need no office setting: the URL and the key are theirs.
      webhook: officerWebhookTransport(now),
    },
    close: () => email?.close(),
  };
}

export interface OutboxRun {
  db: Db;
  engine: EngineName;
  settings: NotificationSettings;
  logger: DeliveryLogger & { error(fields: object, message: string): void };
  now?: () => Date;
  /**
   * Queues what a clock decides before each pass: officers' escalation notices and daily digests
   * (officer-notices.ts). The app's loop gives it; `npm run outbox:deliver` does not.
   */
  schedule?: () => Promise<unknown>;
}

/** One pass with the configured channels: `npm run outbox:deliver`, and each tick of the loop. */
export async function deliverOnce(run: OutboxRun, channels?: Channels): Promise<PassResult> {
  const now = run.now ?? (() => new Date());
  const own = channels ?? channelsFrom(run.settings, now);
  try {
    return await deliverOutbox({
      db: run.db,
      engine: run.engine,
      now,
      transports: own.transports,
      settings: run.settings,
      logger: run.logger,
    });
  } finally {
    if (!channels) own.close();
  }
}

export interface DeliveryLoop {
  /** Waits for a pass in progress, then stops; no pass starts after. */
  stop(): Promise<void>;
}

export function startDeliveryLoop(run: OutboxRun): DeliveryLoop {
  const now = run.now ?? (() => new Date());
  const channels = channelsFrom(run.settings, now);
  // Officers' webhooks are always there; the office's own channels are what the settings say.
  const configured = Object.keys(channels.transports).filter((c) => c !== 'webhook');
  run.logger.info(
    { channels: configured },
    configured.length === 0
      ? 'outbox delivery: no channel configured, updates to residents stay queued'
      : 'outbox delivery started',
  );
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = (run.schedule ? run.schedule() : Promise.resolve())
      .catch((err: unknown) => {
        // A failed schedule must not hold up the residents' updates.
        run.logger.error({ err }, 'officer notices could not be queued');
      })
      .then(() => deliverOnce(run, channels))
      .catch((err: unknown) => {
        // The database went away or a bug: logged, and the next tick tries again.
        run.logger.error({ err }, 'outbox pass failed');
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, run.settings.intervalSeconds * 1000);
      });
  };
  // The first pass waits one interval: start-up work comes first.
  timer = setTimeout(tick, run.settings.intervalSeconds * 1000);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      channels.close();
    },
  };
}
