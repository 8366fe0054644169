// Files a resident chose on a form that came back with errors (or went to a next step): the valid
// ones are kept a while under the form's token, so that a good Lampiran 1 is not lost because
// Lampiran 2 was bad, nor the photos because a member row was added (issue 11.7). Kept files are
// the checked, re-encoded bytes (no EXIF or GPS), bounded in time and in total size; past either
// bound the resident is told to choose the file again, as before.
import { isUniqueViolation } from '../../db/engine.ts';
import type { DomainDeps } from '../deps.ts';
import type { IncomingAttachment } from './submit-ticket.ts';
import { checkAttachments } from './submit-ticket.ts';

/** How long a kept file waits for the form that will send it. */
export const PROVISIONAL_TTL_MS = 2 * 60 * 60 * 1000;
/** Every kept file together, whatever the forms: a flood of bad forms cannot fill the disk. */
export const PROVISIONAL_TOTAL_BYTES = 200 * 1024 * 1024;
/** Fields kept per form token (the usulan form has three, aduan three, sanggahan one). */
export const PROVISIONAL_FIELDS_PER_TOKEN = 5;

export interface KeptUpload {
  field: string;
  contentType: string;
  size: number;
}

type Deps = Pick<DomainDeps, 'db' | 'attachments'>;

const cutoff = (now: Date) => new Date(now.getTime() - PROVISIONAL_TTL_MS).toISOString();

/** Removes the kept files past their time, rows and bytes. */
export async function pruneExpiredUploads(deps: Deps, now: Date): Promise<number> {
  const expired = await deps.db
    .selectFrom('provisional_uploads')
    .select(['id', 'stored_name'])
    .where('kept_at', '<', cutoff(now))
    .execute();
  for (const row of expired) {
    await deps.db.deleteFrom('provisional_uploads').where('id', '=', row.id).execute();
    await deps.attachments.remove(row.stored_name).catch(() => {});
  }
  return expired.length;
}

/** The files kept for a form, in the order they were kept. */
export async function keptUploads(deps: Deps, token: string, now: Date): Promise<KeptUpload[]> {
  const rows = await deps.db
    .selectFrom('provisional_uploads')
    .select(['field', 'content_type', 'size'])
    .where('form_token', '=', token)
    .where('kept_at', '>=', cutoff(now))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ field: r.field, contentType: r.content_type, size: r.size }));
}

/**
 * What the form sends: the files chosen now, and for every other field the file kept for it.
 * `dropped` fields are the ones the resident asked to forget.
 */
export async function withKeptUploads(
  deps: Deps,
  token: string,
  chosen: IncomingAttachment[],
  now: Date,
  dropped: ReadonlySet<string> = new Set(),
): Promise<IncomingAttachment[]> {
  for (const field of dropped) await forget(deps, token, field);
  const rows = await deps.db
    .selectFrom('provisional_uploads')
    .select(['field', 'stored_name', 'original_name', 'original_size'])
    .where('form_token', '=', token)
    .where('kept_at', '>=', cutoff(now))
    .orderBy('id')
    .execute();
  const sent = new Set(chosen.map((f) => f.field));
  const kept: IncomingAttachment[] = [];
  for (const row of rows) {
    if (sent.has(row.field)) continue;
    const bytes = await deps.attachments.get(row.stored_name);
    if (bytes)
      kept.push({
        field: row.field,
        bytes,
        ...(row.original_name === null ? {} : { name: row.original_name }),
        ...(row.original_size === null ? {} : { sentSize: row.original_size }),
      });
  }
  return [...chosen, ...kept];
}

/**
 * Keeps the valid files among `chosen` (a file chosen again replaces the one kept for its field);
 * invalid ones are not kept, their error stands by their field. Answers the fields now kept.
 */
export async function keepValidUploads(
  deps: Deps,
  token: string,
  chosen: IncomingAttachment[],
  now: Date,
): Promise<KeptUpload[]> {
  await pruneExpiredUploads(deps, now);
  for (const file of chosen) {
    let checked: Awaited<ReturnType<typeof checkAttachments>>[number] | undefined;
    try {
      [checked] = await checkAttachments([file]);
    } catch {
      continue;
    }
    if (!checked) continue;
    const total = await deps.db
      .selectFrom('provisional_uploads')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('bytes'))
      .executeTakeFirstOrThrow();
    const fields = await keptUploads(deps, token, now);
    const replacing = fields.some((k) => k.field === file.field);
    if (Number(total.bytes) + checked.bytes.length > PROVISIONAL_TOTAL_BYTES) continue;
    if (!replacing && fields.length >= PROVISIONAL_FIELDS_PER_TOKEN) continue;
    const stored = await deps.attachments.put(checked.bytes, checked.extension, now);
    await forget(deps, token, file.field);
    try {
      await deps.db
        .insertInto('provisional_uploads')
        .values({
          form_token: token,
          field: file.field,
          stored_name: stored.relativePath,
          content_type: checked.contentType,
          size: checked.bytes.length,
          kept_at: now.toISOString(),
          original_name: checked.originalName,
          original_size: checked.originalSize,
        })
        .execute();
    } catch (error) {
      await deps.attachments.remove(stored.relativePath).catch(() => {});
      // The same form sent twice at once: the other request kept its copy of this file.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return keptUploads(deps, token, now);
}

async function forget(deps: Deps, token: string, field: string): Promise<void> {
  const old = await deps.db
    .selectFrom('provisional_uploads')
    .select(['id', 'stored_name'])
    .where('form_token', '=', token)
    .where('field', '=', field)
    .execute();
  for (const row of old) {
    await deps.db.deleteFrom('provisional_uploads').where('id', '=', row.id).execute();
    await deps.attachments.remove(row.stored_name).catch(() => {});
  }
}
