// One pass of the outbox: claim the messages that are due, hand each to its channel, and record
// how it went. Several app processes may run passes on one database at once: a message is
// claimed by one of them (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite has one writer), and a claim
// lapses if its process dies, so the message is tried again rather than lost. A message may
// therefore reach a resident twice, never zero times; the webhook carries a stable id so the
// gateway can drop the repeat.
import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { EngineName } from '../../db/engine.ts';
import type { Database } from '../../db/schema.ts';
import type { MessageLocale } from '../tickets/status-text.ts';
import {
  type DeliveryChannel,
  type ErrorClass,
  errorClassOf,
  isPermanent,
  type Transport,
} from './transport.ts';

export interface DeliverySettings {
  /** After this many failed attempts a message is marked failed and no longer tried. */
  maxAttempts: number;
  /** The wait before the second attempt; each further wait doubles, up to MAX_WAIT_SECONDS. */
  retrySeconds: number;
}

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = { maxAttempts: 8, retrySeconds: 60 };

const MAX_WAIT_SECONDS = 6 * 3600;

/** The subset of pino's logger the pass writes to: ids, channels and error classes only. */
export interface DeliveryLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface DeliverOptions {
  db: Db;
  engine: EngineName;
  now: () => Date;
  /** The configured channels; messages of the others stay queued. */
  transports: Partial<Record<DeliveryChannel, Transport>>;
  settings: DeliverySettings;
  logger?: DeliveryLogger;
  /** Messages claimed at a time (default 10). */
  batchSize?: number;
  /** At most this many messages in one pass (default 100): the next pass takes the rest. */
  limit?: number;
  /** How long a claim holds (default 300 s); longer than a batch of sends with their timeouts. */
  leaseSeconds?: number;
}

export interface PassResult {
  sent: number;
  /** Failed this time, queued again for later. */
  retried: number;
  /** Failed for good: a permanent refusal, no readable contact, or the last attempt. */
  failed: number;
}

/** Seconds to wait after failed attempt number `attempt` (1-based). */
export function retryDelaySeconds(settings: DeliverySettings, attempt: number): number {
  const exponent = Math.min(attempt - 1, 30);
  return Math.min(settings.retrySeconds * 2 ** exponent, MAX_WAIT_SECONDS);
}

const SUBJECT: Record<MessageLocale, string> = { id: 'Pembaruan tiket', en: 'Update on ticket' };

const asLocale = (locale: string): MessageLocale => (locale === 'en' ? 'en' : 'id');

export async function deliverOutbox(options: DeliverOptions): Promise<PassResult> {
  const result: PassResult = { sent: 0, retried: 0, failed: 0 };
  const channels = [
    'none',
    ...(Object.keys(options.transports) as DeliveryChannel[]).filter((c) => options.transports[c]),
  ] as const;
  const limit = options.limit ?? 100;
  const token = randomUUID();
  let handled = 0;
  while (handled < limit) {
    const ids = await claim(
      options,
      [...channels],
      token,
      Math.min(options.batchSize ?? 10, limit - handled),
    );
    if (ids.length === 0) break;
    handled += ids.length;
    for (const message of await loadClaimed(options.db, ids)) {
      const outcome = await attempt(options, message);
      await record(options, message, token, outcome);
      result[outcome.kind === 'sent' ? 'sent' : outcome.kind === 'retry' ? 'retried' : 'failed']++;
    }
  }
  if (handled > 0) options.logger?.info({ ...result }, 'outbox pass');
  return result;
}

type OutboxEb = ExpressionBuilder<Database, 'outbox'>;

function due(eb: OutboxEb, nowIso: string) {
  return eb.or([
    eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', nowIso)]),
    // A claim whose process died or hung: taken over.
    eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', nowIso)]),
  ]);
}

/** Marks up to `count` due messages as ours; the outer WHERE repeats the test, so a row another
 * process claimed between the two reads is left alone. */
async function claim(options: DeliverOptions, channels: string[], token: string, count: number) {
  const now = options.now();
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + (options.leaseSeconds ?? 300) * 1000).toISOString();
  const typedChannels = channels as Array<'sms' | 'email' | 'webhook' | 'none'>;
  let candidates = options.db
    .selectFrom('outbox')
    .select('id')
    .where('channel', 'in', typedChannels)
    .where((eb) => due(eb, nowIso))
    .orderBy('id')
    .limit(count);
  if (options.engine === 'postgres') candidates = candidates.forUpdate().skipLocked();
  const rows = await options.db
    .updateTable('outbox')
    .set({ status: 'sending', claim_token: token, claimed_until: until })
    .where('id', 'in', candidates)
    .where('channel', 'in', typedChannels)
    .where((eb) => due(eb, nowIso))
    .returning('id')
    .execute();
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

interface ClaimedMessage {
  id: number;
  ticket_id: number | null;
  channel: 'sms' | 'email' | 'webhook' | 'none';
  recipient: string;
  body: string;
  attempts: number;
  reference: string;
  locale: string;
  status: string;
  audience: 'resident' | 'officer';
  subject: string | null;
  signing_secret: string | null;
}

/** A resident's update reads its submission and step; an officer's notice carries its own words. */
async function loadClaimed(db: Db, ids: number[]): Promise<ClaimedMessage[]> {
  const rows = await db
    .selectFrom('outbox as o')
    .leftJoin('ticket_submissions as s', 's.id', 'o.submission_id')
    .leftJoin('ticket_events as e', 'e.id', 'o.event_id')
    .leftJoin('officer_notifications as n', 'n.account_id', 'o.account_id')
    .select([
      'o.id',
      'o.ticket_id',
      'o.channel',
      'o.recipient',
      'o.body',
      'o.attempts',
      'o.audience',
      'o.subject',
      'o.kind',
      'o.reference as own_reference',
      's.reference',
      's.locale',
      'e.to_status as status',
      'n.webhook_secret as signing_secret',
    ])
    .where('o.id', 'in', ids)
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    ticket_id: r.ticket_id,
    channel: r.channel,
    recipient: r.recipient,
    body: r.body,
    attempts: r.attempts,
    reference: r.reference ?? r.own_reference ?? '',
    locale: r.locale ?? 'id',
    // An officer's notice announces no step of the case: its kind stands in.
    status: r.status ?? r.kind ?? '',
    audience: r.audience,
    subject: r.subject,
    signing_secret: r.audience === 'officer' ? r.signing_secret : null,
  }));
}

type Outcome = { kind: 'sent' } | { kind: 'retry' | 'failed'; errorClass: ErrorClass };

async function attempt(options: DeliverOptions, message: ClaimedMessage): Promise<Outcome> {
  const number = message.attempts + 1;
  const transport = message.channel === 'none' ? undefined : options.transports[message.channel];
  let errorClass: ErrorClass;
  if (message.channel === 'none') {
    errorClass = 'contact_unreadable';
  } else if (!transport) {
    // Claimed only for configured channels; a transport removed mid-pass is a bug, not a refusal.
    errorClass = 'unknown';
  } else {
    try {
      const locale = asLocale(message.locale);
      await transport.send({
        id: message.id,
        channel: message.channel,
        recipient: message.recipient,
        reference: message.reference,
        status: message.status,
        locale,
        subject: message.subject ?? `${SUBJECT[locale]} ${message.reference}`,
        text: message.body,
        attempt: number,
        audience: message.audience,
        ...(message.signing_secret ? { signingSecret: message.signing_secret } : {}),
      });
      return { kind: 'sent' };
    } catch (error) {
      errorClass = errorClassOf(error);
    }
  }
  const last = isPermanent(errorClass) || number >= options.settings.maxAttempts;
  return { kind: last ? 'failed' : 'retry', errorClass };
}

async function record(options: DeliverOptions, message: ClaimedMessage, token: string, outcome: Outcome) {
  const now = options.now();
  const at = now.toISOString();
  const number = message.attempts + 1;
  const released = { attempts: number, claim_token: null, claimed_until: null };
  const change =
    outcome.kind === 'sent'
      ? { ...released, status: 'sent' as const, sent_at: at, last_error: null }
      : outcome.kind === 'failed'
        ? { ...released, status: 'failed' as const, failed_at: at, last_error: outcome.errorClass }
        : {
            ...released,
            status: 'queued' as const,
            last_error: outcome.errorClass,
            next_attempt_at: new Date(
              now.getTime() + retryDelaySeconds(options.settings, number) * 1000,
            ).toISOString(),
          };
  await options.db.transaction().execute(async (trx) => {
    // Only while the claim is still ours: a process that took over a lapsed claim owns the row now.
    await trx
      .updateTable('outbox')
      .set(change)
      .where('id', '=', message.id)
      .where('claim_token', '=', token)
      .execute();
    await trx
      .insertInto('outbox_deliveries')
      .values({
        outbox_id: message.id,
        attempt: number,
        at,
        channel: message.channel,
        outcome: outcome.kind,
        error_class: outcome.kind === 'sent' ? null : outcome.errorClass,
      })
      .execute();
  });
  if (outcome.kind !== 'sent') {
    const fields = {
      outboxId: message.id,
      ...(message.audience === 'officer' ? { audience: 'officer' } : {}),
      ticketId: message.ticket_id,
      channel: message.channel,
      attempt: number,
      errorClass: outcome.errorClass,
    };
    options.logger?.warn(
      fields,
      outcome.errorClass === 'contact_unreadable'
        ? "resident update not delivered: the submission's contact cannot be read"
        : outcome.kind === 'failed'
          ? `${message.audience === 'officer' ? 'officer notice' : 'resident update'} failed for good`
          : `${message.audience === 'officer' ? 'officer notice' : 'resident update'} failed, will retry`,
    );
  }
}
