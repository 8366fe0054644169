// Sanggahan: an objection to a listed recipient. The recipient is named only by the opaque id
// the search gave; the objector learns nothing more about them than Cek status shows.
import { RECIPIENT_ID_PURPOSE } from '../cek/search-by-name.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { openId } from '../privacy/opaque-id.ts';
import { fieldErrorsFrom } from './forms/fields.ts';
import { type SanggahanInput, sanggahanSchema } from './forms/sanggahan-form.ts';
import { type Receipt, type SubmitMeta, submitTicket, validateWithAttachments } from './submit-ticket.ts';

export function validateSanggahan(raw: unknown): SanggahanInput {
  const parsed = sanggahanSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('validation_failed', fieldErrorsFrom(parsed.error));
  return parsed.data;
}

export async function submitSanggahan(deps: DomainDeps, raw: unknown, meta: SubmitMeta): Promise<Receipt> {
  const input = await validateWithAttachments(() => validateSanggahan(raw), meta.attachments);
  const memberId = openId(deps.secret, RECIPIENT_ID_PURPOSE, input.target);
  // Looking the recipient up (and telling a stale id from a live one) reads household data.
  if (memberId !== null) await deps.limits.countHouseholdLookup(meta.clientKey, meta.proof);
  const recipient =
    memberId === null
      ? undefined
      : await deps.db
          .selectFrom('household_members as m')
          .innerJoin('households as h', 'h.id', 'm.household_id')
          .select(['m.id', 'h.id as household_id', 'h.village_code'])
          .where('m.id', '=', memberId)
          .executeTakeFirst();
  if (!recipient) throw new AppError('validation_failed', { target: 'sanggahan.target_unknown' });
  const { contact, target: _opaque, ...payload } = input;
  return submitTicket(deps, {
    kind: 'sanggahan',
    clientKey: meta.clientKey,
    proof: meta.proof,
    idempotencyKey: meta.idempotencyKey,
    locale: meta.locale,
    contact,
    payload,
    areaCode: recipient.village_code,
    target: { householdId: recipient.household_id, memberId: recipient.id },
    attachments: meta.attachments,
    ...(meta.repeatsOf ? { repeatsOf: meta.repeatsOf } : {}),
  });
}
