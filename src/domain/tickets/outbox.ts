// The queue of update messages to residents who left a phone number or an e-mail address. Rows
// are written in the transaction of the event they announce, so an update is never announced
// without having happened, nor happens without being queued; delivery comes later.
import type { Insertable, Kysely } from 'kysely';
import type { Database, OutboxTable } from '../../db/schema.ts';
import { type MessageLocale, statusText } from './status-text.ts';
import { purposeOf } from './usulan-purpose.ts';
import type { TicketKind } from './workflow.ts';

/** Builds the text for one submission: its language and its own reference. */
export type ResidentMessage = (locale: MessageLocale, reference: string) => string;

export interface QueueRequest {
  ticketId: number;
  eventId: number;
  now: Date;
  message: ResidentMessage;
}

/** What a submission's stored contact says: where to write, nothing to write to, or garbage. */
export type ReadContact =
  | { kind: 'contact'; phone?: string; email?: string }
  | { kind: 'none' }
  | { kind: 'unreadable' };

const usable = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * A contact that is not JSON, not an object, or whose phone or e-mail is not text cannot be read:
 * the resident asked to hear back and would otherwise hear nothing, without anyone knowing.
 */
export function readContact(json: string | null): ReadContact {
  if (json === null) return { kind: 'none' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { kind: 'unreadable' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { kind: 'unreadable' };
  const { phone, email } = value as { phone?: unknown; email?: unknown };
  for (const field of [phone, email]) {
    if (field !== undefined && field !== null && typeof field !== 'string') return { kind: 'unreadable' };
  }
  const contact = { phone: usable(phone), email: usable(email) };
  if (!contact.phone && !contact.email) return { kind: 'none' };
  return { kind: 'contact', ...contact };
}

const asLocale = (locale: string): MessageLocale => (locale === 'en' ? 'en' : 'id');

/**
 * One outbox row per channel per submission of the ticket that left a contact; anonymous
 * submissions get nothing. A contact that cannot be read gets one row on the channel `none`,
 * which the delivery loop fails and logs (src/domain/notifications). Returns how many rows were
 * queued.
 */
export async function queueResidentUpdate(trx: Kysely<Database>, request: QueueRequest): Promise<number> {
  const submissions = await trx
    .selectFrom('ticket_submissions')
    .select(['id', 'reference', 'locale', 'contact'])
    .where('ticket_id', '=', request.ticketId)
    .where('contact', 'is not', null)
    .orderBy('id')
    .execute();
  const rows: Insertable<OutboxTable>[] = [];
  const now = request.now.toISOString();
  for (const submission of submissions) {
    const contact = readContact(submission.contact);
    if (contact.kind === 'none') continue;
    const base = {
      ticket_id: request.ticketId,
      submission_id: submission.id,
      event_id: request.eventId,
      body: request.message(asLocale(submission.locale), submission.reference),
      created_at: now,
      next_attempt_at: now,
    };
    if (contact.kind === 'unreadable') {
      rows.push({ ...base, channel: 'none', recipient: '' });
      continue;
    }
    if (contact.phone) rows.push({ ...base, channel: 'sms', recipient: contact.phone });
    if (contact.email) rows.push({ ...base, channel: 'email', recipient: contact.email });
  }
  if (rows.length > 0) await trx.insertInto('outbox').values(rows).execute();
  return rows.length;
}

const PREFIX: Record<MessageLocale, string> = { id: 'Tiket', en: 'Ticket' };

const SEE_TRACKING: Record<MessageLocale, string> = {
  id: 'Baca keterangan petugas di halaman Lacak tiket.',
  en: 'Read the officer’s note on the Track a ticket page.',
};

/**
 * "Tiket ADU-7KQ4M9XP: selesai.": the reference and the new state in plain words, nothing else.
 * An officer's note, answer or referral is free text that may name people; it leaves the office
 * through an SMS gateway or a mail server only as a pointer to the tracking page, where the
 * resident reads it behind their tracking code.
 */
export function updateMessage(
  kind: TicketKind,
  status: string,
  detail: string | null,
  topic: string | null = null,
): ResidentMessage {
  return (locale, reference) => {
    const head = `${PREFIX[locale]} ${reference}: ${statusText(locale, kind, status, purposeOf(kind, topic))}.`;
    return detail?.trim() ? `${head} ${SEE_TRACKING[locale]}` : head;
  };
}
