// The admin's list of outgoing messages, one by one (issue 20): to whom (masked), which case,
// its state, attempts and last error class; and "send again" for a message that failed for good.
// The full address, phone number or webhook URL never leaves this module.
import type { Db } from '../../db/database.ts';
import { recordAudit } from '../backoffice/audit.ts';
import type { Officer } from '../backoffice/officer.ts';
import { canReadOutbox } from '../backoffice/permissions.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { maskNumber } from '../privacy/mask.ts';

export const OUTBOX_STATES = ['queued', 'sending', 'sent', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export const isOutboxState = (value: unknown): value is OutboxState =>
  typeof value === 'string' && (OUTBOX_STATES as readonly string[]).includes(value);

/** Messages the list shows at a time, newest first. */
export const OUTBOX_LIST_SIZE = 50;

export interface OutboxMessage {
  id: number;
  audience: 'resident' | 'officer';
  /** An officer's notice: `new_case`, `escalation`, `digest`; null for a resident's update. */
  kind: string | null;
  channel: 'sms' | 'email' | 'webhook' | 'none';
  recipient: string;
  reference: string | null;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  /** When it went out, or failed for good; null while it waits. */
  doneAt: string | null;
}

/**
 * `siti.w@example.org` → `s*****@e******.org`; `081234567890` → `********7890`; a webhook shows
 * its scheme and host only. Nothing to show (emptied by retention, unreadable) is `—`.
 */
export function maskRecipient(channel: string, recipient: string): string {
  const value = recipient.trim();
  if (value === '') return '—';
  if (channel === 'email') {
    const at = value.lastIndexOf('@');
    if (at <= 0) return '***';
    const local = [...value.slice(0, at)];
    const domain = value.slice(at + 1);
    const dot = domain.lastIndexOf('.');
    const name = [...(dot > 0 ? domain.slice(0, dot) : domain)];
    const tld = dot > 0 ? domain.slice(dot) : '';
    return `${local[0]}${'*'.repeat(Math.max(1, local.length - 1))}@${name[0] ?? ''}${'*'.repeat(Math.max(1, name.length - 1))}${tld}`;
  }
  if (channel === 'webhook') {
    try {
      const url = new URL(value);
      return `${url.protocol}//${url.host}/…`;
    } catch {
      return '***';
    }
  }
  return maskNumber(value.replace(/\D/g, ''));
}

export async function listOutboxMessages(
  db: Db,
  options: { state?: OutboxState | undefined; limit?: number } = {},
): Promise<OutboxMessage[]> {
  let query = db
    .selectFrom('outbox as o')
    .leftJoin('ticket_submissions as s', 's.id', 'o.submission_id')
    .select([
      'o.id',
      'o.audience',
      'o.kind',
      'o.channel',
      'o.recipient',
      'o.reference as own_reference',
      's.reference',
      'o.status',
      'o.attempts',
      'o.last_error',
      'o.created_at',
      'o.sent_at',
      'o.failed_at',
    ])
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(options.limit ?? OUTBOX_LIST_SIZE);
  if (options.state) query = query.where('o.status', '=', options.state);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    audience: r.audience,
    kind: r.kind,
    channel: r.channel,
    recipient: maskRecipient(r.channel, r.recipient),
    reference: r.reference ?? r.own_reference ?? null,
    state: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    doneAt: r.status === 'sent' ? r.sent_at : r.status === 'failed' ? r.failed_at : null,
  }));
}

type Deps = Pick<DomainDeps, 'db' | 'now'>;

/**
 * The admin sends a failed message again: it is queued for the next pass with its attempts
 * counted afresh (the delivery log keeps the earlier ones). Only a failed message with somebody
 * to send to; two clicks at once queue it once. Audited.
 */
export async function sendAgain(
  deps: Deps,
  officer: Pick<Officer, 'id' | 'role'>,
  outboxId: number,
  clientAddress: string | null,
): Promise<void> {
  if (!canReadOutbox(officer)) throw new AppError('forbidden', { message: 'outbox.admin_only' });
  const row = Number.isSafeInteger(outboxId)
    ? await deps.db
        .selectFrom('outbox')
        .select(['id', 'status', 'channel', 'recipient', 'attempts'])
        .where('id', '=', outboxId)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new AppError('not_found', { message: 'outbox.not_found' });
  if (row.status !== 'failed') throw new AppError('transition_not_allowed', { message: 'outbox.not_failed' });
  if (row.channel === 'none' || row.recipient.trim() === '')
    throw new AppError('transition_not_allowed', { message: 'outbox.no_recipient' });
  const now = deps.now().toISOString();
  const changed = await deps.db
    .updateTable('outbox')
    .set({
      status: 'queued',
      attempts: 0,
      next_attempt_at: now,
      failed_at: null,
      last_error: null,
      claim_token: null,
      claimed_until: null,
    })
    .where('id', '=', row.id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  // A second click that arrived together with the first: the first one queued it.
  if (Number(changed.numUpdatedRows) === 0)
    throw new AppError('transition_not_allowed', { message: 'outbox.not_failed' });
  await recordAudit(deps, {
    actor: officer,
    action: 'outbox_resend',
    target: { type: 'outbox', id: row.id },
    clientAddress,
    detail: { channel: row.channel, attempts: row.attempts },
  });
}
