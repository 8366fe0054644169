// Turns a validated resident submission into a ticket: files first (fsynced), then one
// transaction for the case, the submission and its attachments. The same idempotency key with
// the same request answers with the same receipt, so a double tap or a retry makes one ticket.
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError, isAppError } from '../errors.ts';
import {
  inspectAttachment,
  removeStoredAttachment,
  type StoredAttachment,
  storeAttachment,
} from './attachments.ts';
import type { Contact } from './forms/contact.ts';
import { newReference } from './reference.ts';
import { openTicket } from './ticket-repository.ts';
import { deriveTrackingCode, hashTrackingCode } from './tracking-code.ts';
import type { TicketKind } from './workflow.ts';

export interface IncomingAttachment {
  /** The form field it came from: `ktp`, `kk`, `rumah`, `lampiran_1`, … */
  field: string;
  bytes: Uint8Array;
}

export interface SubmitRequest {
  kind: TicketKind;
  idempotencyKey: string;
  locale: 'id' | 'en';
  contact: Contact | null;
  /** What the resident typed, validated; kept unedited. */
  payload: Record<string, unknown>;
  areaCode: string | null;
  /** The household concerned (usulan: proposed; aduan: affected), to find duplicates. */
  subject?: { nik: string | null; kk: string | null };
  attachments: IncomingAttachment[];
  /** Sanggahan: the recipient objected to; an open case on the same person is joined. */
  target?: { householdId: number; memberId: number };
  /**
   * Checks that must see every earlier submission (e.g. "no open proposal for this household"):
   * run inside the writing transaction, so two requests at once cannot both pass.
   */
  guard?: (trx: Transaction<Database>) => Promise<void>;
}

export interface Receipt {
  reference: string;
  tracking_code: string;
  kind: TicketKind;
  status: string;
  due_date: string | null;
  submitted_at: string;
  /** Sanggahan: how many objections the case now counts. */
  objection_count?: number;
}

type StoredReceipt = Omit<Receipt, 'tracking_code'>;

export function requestHash(
  request: Pick<SubmitRequest, 'kind' | 'payload' | 'contact'>,
  fileHashes: string[],
): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        kind: request.kind,
        payload: request.payload,
        contact: request.contact,
        files: fileHashes,
      }),
    )
    .digest('hex');
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function replay(deps: DomainDeps, key: string, hash: string): Promise<Receipt | null> {
  const existing = await deps.db
    .selectFrom('ticket_submissions')
    .select(['request_hash', 'receipt'])
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  if (!existing) return null;
  if (existing.request_hash !== hash) {
    throw new AppError('validation_failed', { idempotency_key: 'ticket.idempotency_conflict' });
  }
  return {
    ...(JSON.parse(existing.receipt) as StoredReceipt),
    tracking_code: deriveTrackingCode(deps.secret, key),
  };
}

/** Inspects every file; refuses them all at once, each by its field, so one round trip shows all. */
export async function checkAttachments(attachments: IncomingAttachment[]) {
  const checked = [];
  const refused: Record<string, string> = {};
  let code: 'payload_too_large' | 'unsupported_media_type' | 'validation_failed' | undefined;
  for (const a of attachments) {
    const result = await inspectAttachment(a.bytes);
    if (result.ok) {
      checked.push({ ...a, ...result.value });
      continue;
    }
    refused[a.field] = `attachment.${result.rule === 'type_refused' ? 'type_refused' : result.rule}`;
    code ??=
      result.rule === 'too_large'
        ? 'payload_too_large'
        : result.rule === 'type_refused'
          ? 'unsupported_media_type'
          : 'validation_failed';
  }
  if (code) throw new AppError(code, refused);
  return checked;
}

/**
 * Runs the form's rules and the file checks together, so that a resident with a typo and a
 * wrong file hears of both at once (a 422 then names every field, files included).
 */
export async function validateWithAttachments<T>(
  validate: () => T,
  attachments: IncomingAttachment[],
): Promise<T> {
  let value: T | undefined;
  let fieldError: AppError | undefined;
  try {
    value = validate();
  } catch (error) {
    if (!isAppError(error) || error.code !== 'validation_failed') throw error;
    fieldError = error;
  }
  let fileError: AppError | undefined;
  try {
    await checkAttachments(attachments);
  } catch (error) {
    if (!isAppError(error)) throw error;
    fileError = error;
  }
  if (fieldError)
    throw new AppError('validation_failed', { ...fieldError.fields, ...(fileError?.fields ?? {}) });
  if (fileError) throw fileError;
  return value as T;
}

export type StoredFile = Awaited<ReturnType<typeof checkAttachments>>[number] & StoredAttachment;

/** Writes the checked files (fsynced) before the transaction that records them. */
export async function storeFiles(
  dataDir: string,
  checked: Awaited<ReturnType<typeof checkAttachments>>,
  now: Date,
) {
  const stored: StoredFile[] = [];
  try {
    for (const a of checked)
      stored.push({ ...a, ...(await storeAttachment(dataDir, a.bytes, a.extension, now)) });
    return stored;
  } catch (error) {
    await removeFiles(dataDir, stored);
    throw error;
  }
}

/** Undoes `storeFiles` when the transaction that would have recorded them did not commit. */
export async function removeFiles(dataDir: string, stored: StoredFile[]): Promise<void> {
  for (const s of stored) await removeStoredAttachment(dataDir, s.relativePath).catch(() => {});
}

export async function recordAttachments(
  trx: Transaction<Database>,
  link: { ticketId: number; submissionId?: number; eventId?: number },
  stored: StoredFile[],
  now: Date,
): Promise<void> {
  for (const a of stored) {
    await trx
      .insertInto('ticket_attachments')
      .values({
        ticket_id: link.ticketId,
        submission_id: link.submissionId ?? null,
        event_id: link.eventId ?? null,
        purpose: a.field,
        stored_name: a.relativePath,
        content_type: a.contentType,
        size: a.size,
        sha256: a.sha256,
        created_at: now.toISOString(),
      })
      .execute();
  }
}

export async function submitTicket(deps: DomainDeps, request: SubmitRequest): Promise<Receipt> {
  const checked = await checkAttachments(request.attachments);
  const hash = requestHash(
    request,
    checked.map((a) => sha256(a.bytes)),
  );
  const earlier = await replay(deps, request.idempotencyKey, hash);
  if (earlier) return earlier;

  const now = deps.now();
  const trackingCode = deriveTrackingCode(deps.secret, request.idempotencyKey);
  const codeHash = await hashTrackingCode(trackingCode);
  const stored = await storeFiles(deps.dataDir, checked, now);
  try {
    const receipt = await deps.db.transaction().execute(async (trx) => {
      // A request with the same key may have committed while this one hashed its code.
      const raced = await trx
        .selectFrom('ticket_submissions')
        .select('id')
        .where('idempotency_key', '=', request.idempotencyKey)
        .executeTakeFirst();
      if (raced) return null;
      await request.guard?.(trx);
      const ticket =
        (request.target && (await openCaseOn(trx, request.target.memberId))) ??
        (await openNew(trx, deps, request));
      const reference = await uniqueReference(trx, request.kind);
      const receiptBody: StoredReceipt = {
        reference,
        kind: request.kind,
        status: ticket.status,
        due_date: ticket.dueAt ? ticket.dueAt.slice(0, 10) : null,
        submitted_at: now.toISOString(),
      };
      if (request.kind === 'sanggahan') {
        const count = await trx
          .selectFrom('ticket_submissions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('ticket_id', '=', ticket.ticketId)
          .executeTakeFirst();
        receiptBody.objection_count = Number(count?.n ?? 0) + 1;
      }
      const submission = await trx
        .insertInto('ticket_submissions')
        .values({
          ticket_id: ticket.ticketId,
          reference,
          tracking_code_hash: codeHash,
          submitted_at: now.toISOString(),
          locale: request.locale,
          contact: request.contact ? JSON.stringify(request.contact) : null,
          payload: JSON.stringify(request.payload),
          idempotency_key: request.idempotencyKey,
          request_hash: hash,
          receipt: JSON.stringify(receiptBody),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAttachments(trx, { ticketId: ticket.ticketId, submissionId: submission.id }, stored, now);
      return receiptBody;
    });
    if (!receipt) {
      await removeFiles(deps.dataDir, stored);
      const winner = await replay(deps, request.idempotencyKey, hash);
      if (winner) return winner;
      throw new Error('idempotency key vanished between two reads');
    }
    return { ...receipt, tracking_code: trackingCode };
  } catch (error) {
    await removeFiles(deps.dataDir, stored);
    // Two identical requests raced: the one that lost answers with the winner's receipt.
    if (String(error).includes('UNIQUE constraint failed: ticket_submissions.idempotency_key')) {
      const winner = await replay(deps, request.idempotencyKey, hash);
      if (winner) return winner;
    }
    throw error;
  }
}

async function openNew(trx: Transaction<Database>, deps: DomainDeps, request: SubmitRequest) {
  const opened = await openTicket(trx, deps, {
    kind: request.kind,
    areaCode: request.areaCode,
    householdId: request.target?.householdId ?? null,
    targetMemberId: request.target?.memberId ?? null,
    payload: request.payload,
    actor: { role: 'warga', id: null },
  });
  if (request.subject) {
    await trx
      .updateTable('tickets')
      .set({ subject_nik: request.subject.nik, subject_kk: request.subject.kk })
      .where('id', '=', opened.ticketId)
      .execute();
  }
  return { ticketId: opened.ticketId, status: opened.status, dueAt: opened.dueAt };
}

async function openCaseOn(trx: Transaction<Database>, memberId: number) {
  const open = await trx
    .selectFrom('tickets')
    .select(['id', 'status', 'due_at'])
    .where('kind', '=', 'sanggahan')
    .where('target_member_id', '=', memberId)
    .where('closed_at', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  return open ? { ticketId: open.id, status: open.status, dueAt: open.due_at } : undefined;
}

async function uniqueReference(trx: Transaction<Database>, kind: TicketKind): Promise<string> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const reference = newReference(kind);
    const taken = await trx
      .selectFrom('ticket_submissions')
      .select('id')
      .where('reference', '=', reference)
      .executeTakeFirst();
    if (!taken) return reference;
  }
  throw new Error('could not draw a free reference');
}
