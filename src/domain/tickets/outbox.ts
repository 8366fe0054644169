// The queue of update messages to residents who left a phone number or an e-mail address. Rows
// are written in the transaction of the event they announce, so an update is never announced
// without having happened, nor happens without being queued; delivery comes later.
import type { Kysely, Selectable } from 'kysely';
import type { Database, OutboxTable } from '../../db/schema.ts';
import { type MessageLocale, statusText } from './status-text.ts';
import type { TicketKind } from './workflow.ts';

/** Builds the text for one submission: its language and its own reference. */
export type ResidentMessage = (locale: MessageLocale, reference: string) => string;

export interface QueueRequest {
  ticketId: number;
  eventId: number;
  now: Date;
  message: ResidentMessage;
}

interface StoredContact {
  phone?: string | null;
  email?: string | null;
}

function parseContact(json: string | null): StoredContact | null {
  if (json === null) return null;
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' ? (value as StoredContact) : null;
  } catch {
    return null;
  }
}

const asLocale = (locale: string): MessageLocale => (locale === 'en' ? 'en' : 'id');

/**
 * One outbox row per channel per submission of the ticket that left a contact; anonymous
 * submissions get nothing. Returns how many rows were queued.
 */
export async function queueResidentUpdate(trx: Kysely<Database>, request: QueueRequest): Promise<number> {
  const submissions = await trx
    .selectFrom('ticket_submissions')
    .select(['id', 'reference', 'locale', 'contact'])
    .where('ticket_id', '=', request.ticketId)
    .where('contact', 'is not', null)
    .orderBy('id')
    .execute();
  const rows = [];
  for (const submission of submissions) {
    const contact = parseContact(submission.contact);
    if (!contact) continue;
    const body = request.message(asLocale(submission.locale), submission.reference);
    const base = {
      ticket_id: request.ticketId,
      submission_id: submission.id,
      event_id: request.eventId,
      body,
      created_at: request.now.toISOString(),
    };
    if (contact.phone?.trim())
      rows.push({ ...base, channel: 'sms' as const, recipient: contact.phone.trim() });
    if (contact.email?.trim())
      rows.push({ ...base, channel: 'email' as const, recipient: contact.email.trim() });
  }
  if (rows.length > 0) await trx.insertInto('outbox').values(rows).execute();
  return rows.length;
}

export type OutboxMessage = Selectable<OutboxTable>;

/** The oldest unsent messages first. */
export async function pendingOutbox(db: Kysely<Database>, limit: number): Promise<OutboxMessage[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function markSent(db: Kysely<Database>, id: number, now: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ sent_at: now.toISOString(), attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** A delivery that failed: counted, left pending for the next try. */
export async function markFailed(db: Kysely<Database>, id: number): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

const PREFIX: Record<MessageLocale, string> = { id: 'Tiket', en: 'Ticket' };

/** An SMS stays readable in two or three parts; the full text is on the tracking page. */
const MAX_DETAIL = 300;

/**
 * "Tiket ADU-7KQ4M9XP: selesai. <answer>": the reference, the new state in plain words, and the
 * text the resident may see (note, answer or referral), shortened for SMS.
 */
export function updateMessage(kind: TicketKind, status: string, detail: string | null): ResidentMessage {
  return (locale, reference) => {
    const head = `${PREFIX[locale]} ${reference}: ${statusText(locale, kind, status)}.`;
    const text = detail?.replace(/\s+/g, ' ').trim();
    if (!text) return head;
    const short = text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1).trimEnd()}…` : text;
    return `${head} ${short}`;
  };
}
