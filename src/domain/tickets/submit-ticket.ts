// Turns a validated resident submission into a ticket: files first (fsynced), then one
// transaction for the case, the submission and its attachments. The same idempotency key with
// the same request answers with the same receipt, so a double tap or a retry makes one ticket.
import { createHash, createHmac } from 'node:crypto';
import type { Insertable, Kysely, Transaction } from 'kysely';
import { isUniqueViolation } from '../../db/engine.ts';
import { insertInBatches } from '../../db/insert-in-batches.ts';
import { preparedOnPostgres } from '../../db/prepared-query.ts';
import type { Database, TicketSubmissionTable } from '../../db/schema.ts';
import type { RequestProof } from '../cek/lookup-limits.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError, isAppError } from '../errors.ts';
import { queueNewCaseNotices } from '../notifications/officer-notices.ts';
import { type AttachmentStore, inspectAttachment, type StoredAttachment } from './attachments.ts';
import { officeDate } from './due-dates.ts';
import type { Contact } from './forms/contact.ts';
import { newReference } from './reference.ts';
import { cleanFileName } from './sent-files.ts';
import { openTicket } from './ticket-repository.ts';
import { deriveTrackingCode, hashTrackingCode } from './tracking-code.ts';
import { isUsulanPurpose, type UsulanPurpose } from './usulan-purpose.ts';
import type { TicketKind } from './workflow.ts';

export interface IncomingAttachment {
  /** The form field it came from: `ktp`, `kk`, `rumah`, `lampiran_1`, … */
  field: string;
  bytes: Uint8Array;
  /** The name the resident's device gave the file, as sent (cleaned before it is stored). */
  name?: string;
  /** The bytes as the resident sent them, when `bytes` is a kept, re-encoded copy. */
  sentSize?: number;
}

/** How a resident's submission arrives: its retry key, the language, the files, who sends it. */
export interface SubmitMeta {
  idempotencyKey: string;
  locale: 'id' | 'en';
  attachments: IncomingAttachment[];
  /** The caller as the edge knows them: NIK-dependent answers are counted against it. */
  clientKey: string;
  /** The proof of work the request carries; one object for all the counts of the request. */
  proof?: RequestProof;
  /**
   * Forms only: the client whose identical submission within `REPEAT_WINDOW_MS` answers with the
   * first receipt (Back after a receipt renders the form with a new token, and the browser
   * restores what was typed). API callers say what is a retry with their Idempotency-Key.
   */
  repeatsOf?: string;
}

export interface SubmitRequest {
  kind: TicketKind;
  /** The sender as the edge knows them: each stored submission is counted against it. */
  clientKey: string;
  proof?: RequestProof;
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
  /** A listed household the case is about (a desil dispute): its RT/RW places the case. */
  householdId?: number;
  /**
   * Checks that must see every earlier submission (e.g. "no open proposal for this household"):
   * run inside the writing transaction, so two requests at once cannot both pass.
   */
  guard?: (trx: Transaction<Database>) => Promise<void>;
  /** See `SubmitMeta.repeatsOf`. */
  repeatsOf?: string;
}

export interface Receipt {
  reference: string;
  tracking_code: string;
  kind: TicketKind;
  /** An usulan with a purpose (`sanggah_desil`); none for a plain usulan and other kinds. */
  purpose?: UsulanPurpose;
  status: string;
  due_date: string | null;
  submitted_at: string;
  /** Sanggahan: how many objections the case now counts. */
  objection_count?: number;
}

/** The receipt as stored: the tracking code is never stored, it is derived again on a retry. */
export type StoredReceipt = Omit<Receipt, 'tracking_code'>;

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

/** One submission as it is stored; its reference, kind and time are the receipt's. */
export interface SubmissionRecord {
  ticketId: number;
  trackingCodeHash: string;
  locale: string;
  contact: Contact | null;
  /** What the resident typed. */
  payload: Record<string, unknown>;
  /** sha256 of each attached file, in the order they came. */
  fileHashes: string[];
  idempotencyKey: string;
  receipt: StoredReceipt;
  /** `repeatKeyOf` the client and request, for a submission from a form; else none. */
  repeatKey?: string;
}

function submissionRow(s: SubmissionRecord): Insertable<TicketSubmissionTable> {
  return {
    ticket_id: s.ticketId,
    reference: s.receipt.reference,
    tracking_code_hash: s.trackingCodeHash,
    submitted_at: s.receipt.submitted_at,
    locale: s.locale,
    contact: s.contact ? JSON.stringify(s.contact) : null,
    payload: JSON.stringify(s.payload),
    idempotency_key: s.idempotencyKey,
    request_hash: requestHash({ kind: s.receipt.kind, payload: s.payload, contact: s.contact }, s.fileHashes),
    receipt: JSON.stringify(s.receipt),
    repeat_key: s.repeatKey ?? null,
  };
}

/**
 * Stores one submission: the one way a `ticket_submissions` row is written, for residents'
 * submissions and the demo's alike. Answers its id.
 */
export async function recordSubmission(trx: Kysely<Database>, submission: SubmissionRecord): Promise<number> {
  const row = await trx
    .insertInto('ticket_submissions')
    .values(submissionRow(submission))
    .returning('id')
    .modifyEnd(preparedOnPostgres)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** `recordSubmission` for many at once (the demo's history), in as few statements as may be. */
export async function recordSubmissions(
  trx: Kysely<Database>,
  submissions: readonly SubmissionRecord[],
): Promise<number[]> {
  return insertInBatches(trx, 'ticket_submissions', submissions.map(submissionRow), { returning: 'id' });
}

async function replay(deps: DomainDeps, key: string, hash: string): Promise<Receipt | null> {
  const existing = await deps.db
    .selectFrom('ticket_submissions')
    .select(['request_hash', 'receipt'])
    .where('idempotency_key', '=', key)
    .modifyEnd(preparedOnPostgres)
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

/**
 * How long the same client's identical submission is taken for a repeat of the first: Back and
 * send again happens within minutes; beyond this, two identical submissions from one address (a
 * shared phone, a village kiosk) are more likely two intentions than one, and get two tickets.
 */
export const REPEAT_WINDOW_MS = 15 * 60 * 1000;

/**
 * The repeat key of a submission: an HMAC under the server secret of the client's address and
 * the request hash (kind, everything typed, contact, each file's sha256). "Identical" is that
 * hash; "same client" is the address the rate limits count. Neither the address nor the content
 * can be read back from it, and without the secret it cannot be tested against a guess.
 */
export function repeatKeyOf(secret: Buffer, clientKey: string, hash: string): string {
  return createHmac('sha256', secret).update(`repeat:${clientKey}:${hash}`).digest('hex');
}

/** The receipt of the first identical submission from the same client within the window. */
async function repeatOf(deps: DomainDeps, repeatKey: string): Promise<Receipt | null> {
  const since = new Date(deps.now().getTime() - REPEAT_WINDOW_MS).toISOString();
  const first = await deps.db
    .selectFrom('ticket_submissions')
    .select(['idempotency_key', 'receipt'])
    .where('repeat_key', '=', repeatKey)
    .where('submitted_at', '>=', since)
    .orderBy('id')
    .executeTakeFirst();
  if (!first) return null;
  return {
    ...(JSON.parse(first.receipt) as StoredReceipt),
    tracking_code: deriveTrackingCode(deps.secret, first.idempotency_key),
  };
}

// The form's check and the submission both look at the files: decode each image once.
const inspected = new WeakMap<Uint8Array, ReturnType<typeof inspectAttachment>>();
function inspectOnce(bytes: Uint8Array): ReturnType<typeof inspectAttachment> {
  let result = inspected.get(bytes);
  if (!result) {
    result = inspectAttachment(bytes);
    inspected.set(bytes, result);
  }
  return result;
}

/**
 * Inspects every file; refuses them all at once, each by its field, so one round trip shows all.
 * Each checked file carries what will be stored (`bytes`: an image re-encoded) and the hash of
 * what was sent (`uploadSha256`), which is what makes a retry the same request.
 */
export async function checkAttachments(attachments: IncomingAttachment[]) {
  const checked = [];
  const refused: Record<string, string> = {};
  let code: 'payload_too_large' | 'unsupported_media_type' | 'validation_failed' | undefined;
  for (const a of attachments) {
    const result = await inspectOnce(a.bytes);
    if (result.ok) {
      checked.push({
        ...a,
        ...result.value,
        uploadSha256: sha256(a.bytes),
        originalName: cleanFileName(a.name),
        originalSize: a.sentSize ?? a.bytes.length,
      });
      continue;
    }
    refused[a.field] = `attachment.${result.rule}`;
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
  store: AttachmentStore,
  checked: Awaited<ReturnType<typeof checkAttachments>>,
  now: Date,
) {
  const stored: StoredFile[] = [];
  try {
    for (const a of checked) stored.push({ ...a, ...(await store.put(a.bytes, a.extension, now)) });
    return stored;
  } catch (error) {
    await removeFiles(store, stored);
    throw error;
  }
}

/** Undoes `storeFiles` when the transaction that would have recorded them did not commit. */
export async function removeFiles(store: AttachmentStore, stored: StoredFile[]): Promise<void> {
  for (const s of stored) await store.remove(s.relativePath).catch(() => {});
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
        original_name: a.originalName,
        original_size: a.originalSize,
      })
      .execute();
  }
}

export async function submitTicket(deps: DomainDeps, request: SubmitRequest): Promise<Receipt> {
  const checked = await checkAttachments(request.attachments);
  // The request is what the resident sent: the uploads' own bytes, not their re-encoded copies.
  const fileHashes = checked.map((a) => a.uploadSha256);
  const hash = requestHash(request, fileHashes);
  const earlier = await replay(deps, request.idempotencyKey, hash);
  if (earlier) return earlier;
  const repeatKey = request.repeatsOf ? repeatKeyOf(deps.secret, request.repeatsOf, hash) : undefined;
  // Checked before the transaction: two identical sends in the same instant are a double tap,
  // which the form's one token already makes one ticket.
  const first = repeatKey ? await repeatOf(deps, repeatKey) : null;
  if (first) return first;
  // Counted here, when something new is about to be stored: a retry or a typo costs nothing.
  await deps.limits.countSubmission(request.clientKey, request.proof);

  const now = deps.now();
  const trackingCode = deriveTrackingCode(deps.secret, request.idempotencyKey);
  const codeHash = hashTrackingCode(deps.secret, trackingCode);
  const stored = await storeFiles(deps.attachments, checked, now);
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const receipt = await deps.commits.run((trx) =>
          writeSubmission(trx, deps, request, { now, fileHashes, codeHash, stored, repeatKey }),
        );
        return { ...receipt, tracking_code: trackingCode };
      } catch (error) {
        // Another request with the same key may have committed after this one's first read: its
        // open case then trips this one's guard (a 422 "already proposed") or the unique index of
        // idempotency keys (migration 002). Its receipt is the answer to a retry.
        const winner = await replay(deps, request.idempotencyKey, hash);
        if (winner) {
          await removeFiles(deps.attachments, stored);
          return winner;
        }
        // Otherwise a drawn reference was taken (the unique index of references), the key's
        // first request had not committed yet (a batch of group-committed submissions), or a case
        // opened meanwhile: the next attempt draws again, waits for it, or joins the open case.
        if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  } catch (error) {
    await removeFiles(deps.attachments, stored);
    throw error;
  }
}

const MAX_ATTEMPTS = 3;

/**
 * The one transaction of a submission. A request with the same key that committed first, or a
 * reference drawn twice, is refused by the unique indexes (one round trip fewer each than asking
 * first, on PostgreSQL): `submitTicket` then answers with the first receipt or draws again.
 */
async function writeSubmission(
  trx: Transaction<Database>,
  deps: DomainDeps,
  request: SubmitRequest,
  {
    now,
    fileHashes,
    codeHash,
    stored,
    repeatKey,
  }: {
    now: Date;
    fileHashes: string[];
    codeHash: string;
    stored: StoredFile[];
    repeatKey?: string | undefined;
  },
): Promise<StoredReceipt> {
  await request.guard?.(trx);
  const joined = request.target ? await openCaseOn(trx, request.target.memberId) : undefined;
  const ticket = joined ?? (await openNew(trx, deps, request));
  const reference = (deps.drawReference ?? newReference)(request.kind);
  const purpose = request.payload.purpose;
  const receiptBody: StoredReceipt = {
    reference,
    kind: request.kind,
    ...(isUsulanPurpose(purpose) ? { purpose } : {}),
    status: ticket.status,
    // The office's date of the deadline: a 72-hour one may end before 07:00 WIB, the UTC day before.
    due_date: ticket.dueAt ? officeDate(ticket.dueAt, deps.tickets.zone) : null,
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
  const submissionId = await recordSubmission(trx, {
    ticketId: ticket.ticketId,
    trackingCodeHash: codeHash,
    locale: request.locale,
    contact: request.contact,
    payload: request.payload,
    fileHashes,
    idempotencyKey: request.idempotencyKey,
    receipt: receiptBody,
    ...(repeatKey ? { repeatKey } : {}),
  });
  await recordAttachments(trx, { ticketId: ticket.ticketId, submissionId }, stored, now);
  // Officers who asked hear of a new case in the same transaction; an objection joining an open
  // case is no new work.
  if (!joined) await queueNewCaseNotices(trx, { ...deps, now: () => now }, ticket.ticketId, reference);
  return receiptBody;
}

async function openNew(trx: Transaction<Database>, deps: DomainDeps, request: SubmitRequest) {
  const opened = await openTicket(trx, deps, {
    kind: request.kind,
    areaCode: request.areaCode,
    householdId: request.target?.householdId ?? request.householdId ?? null,
    targetMemberId: request.target?.memberId ?? null,
    payload: request.payload,
    actor: { role: 'warga', id: null },
  });
  if (request.subject) {
    await trx
      .updateTable('tickets')
      .set({ subject_nik: request.subject.nik, subject_kk: request.subject.kk })
      .where('id', '=', opened.ticketId)
      .modifyEnd(preparedOnPostgres)
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
  if (!open) return undefined;
  // Joining locks the case row (PostgreSQL; SQLite has one writer anyway), so objections that
  // join at the same moment count one after another instead of reading the same count.
  await trx
    .updateTable('tickets')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', open.id)
    .execute();
  return { ticketId: open.id, status: open.status, dueAt: open.due_at };
}
