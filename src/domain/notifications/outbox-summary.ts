// What the admin sees of residents' updates: how many wait, went out or failed, and the latest
// failures by reference and error class. No phone number or e-mail address leaves this function.
import type { Db } from '../../db/database.ts';

export interface OutboxFailure {
  outboxId: number;
  ticketId: number | null;
  reference: string;
  channel: 'sms' | 'email' | 'webhook' | 'none';
  attempts: number;
  errorClass: string | null;
  failedAt: string | null;
}

export interface OutboxSummary {
  queued: number;
  /** Claimed by a delivery pass right now (or by one that died; its claim lapses). */
  sending: number;
  sent: number;
  failed: number;
  /** Queued per channel: a channel without settings only ever grows here. */
  queuedByChannel: { sms: number; email: number; webhook: number };
  /** When the oldest queued message was written, or null. */
  oldestQueuedAt: string | null;
  latestFailures: OutboxFailure[];
}

export async function outboxSummary(db: Db, options: { latest?: number } = {}): Promise<OutboxSummary> {
  const counts = await db
    .selectFrom('outbox')
    .select([
      'status',
      'channel',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.min('created_at').as('oldest'),
    ])
    .groupBy(['status', 'channel'])
    .execute();
  const summary: OutboxSummary = {
    queued: 0,
    sending: 0,
    sent: 0,
    failed: 0,
    queuedByChannel: { sms: 0, email: 0, webhook: 0 },
    oldestQueuedAt: null,
    latestFailures: [],
  };
  for (const row of counts) {
    const n = Number(row.n);
    summary[row.status] += n;
    if (row.status !== 'queued') continue;
    if (row.channel !== 'none') summary.queuedByChannel[row.channel] += n;
    const oldest = row.oldest as string | null;
    if (oldest && (!summary.oldestQueuedAt || oldest < summary.oldestQueuedAt))
      summary.oldestQueuedAt = oldest;
  }
  const failures = await db
    .selectFrom('outbox as o')
    .leftJoin('ticket_submissions as s', 's.id', 'o.submission_id')
    .select([
      'o.id',
      'o.ticket_id',
      's.reference',
      'o.reference as own_reference',
      'o.channel',
      'o.attempts',
      'o.last_error',
      'o.failed_at',
    ])
    .where('o.status', '=', 'failed')
    .orderBy('o.failed_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(options.latest ?? 20)
    .execute();
  summary.latestFailures = failures.map((f) => ({
    outboxId: f.id,
    ticketId: f.ticket_id,
    reference: f.reference ?? f.own_reference ?? '',
    channel: f.channel,
    attempts: f.attempts,
    errorClass: f.last_error,
    failedAt: f.failed_at,
  }));
  return summary;
}
