// Sanggah desil (issue 19, decision 0031): a household in the register says the facts its desil
// was worked out from are wrong. It is an usulan with the purpose `sanggah_desil`: the same road
// from the RT/RW to the Dinas Sosial, its own words and time limits, and an export of the results
// for the next DTSEN update.
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { builtPerDay, fieldErrorsFrom } from './forms/fields.ts';
import { type DesilDisputeInput, desilDisputeSchema } from './forms/usulan-form.ts';
import { type Receipt, type SubmitMeta, submitTicket, validateWithAttachments } from './submit-ticket.ts';
import { listedHouseholdOrRefuse, refuseOpenUsulan } from './submit-usulan.ts';

/** Photos of what is true now (the house, a payslip, a death certificate…), all optional. */
export const DESIL_DISPUTE_ATTACHMENT_FIELDS = ['foto_1', 'foto_2', 'foto_3'] as const;

const disputeSchemaOf = builtPerDay(desilDisputeSchema);

export function validateDesilDispute(
  deps: Pick<DomainDeps, 'regions' | 'now'>,
  raw: unknown,
): DesilDisputeInput {
  const schema = disputeSchemaOf({ districtExists: deps.regions.districtExists, today: deps.now() });
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError('validation_failed', fieldErrorsFrom(parsed.error));
  return parsed.data;
}

/** Files under any other field name are refused by name, as the usulan's are by the edge. */
function checkAttachmentFields(meta: SubmitMeta): void {
  const refused = meta.attachments.filter(
    (a) => !(DESIL_DISPUTE_ATTACHMENT_FIELDS as readonly string[]).includes(a.field),
  );
  if (refused.length > 0)
    throw new AppError(
      'validation_failed',
      Object.fromEntries(refused.map((a) => [a.field, 'field.invalid'])),
    );
}

/**
 * Only a household the register holds has a desil to dispute: the NIK and the KK must match it
 * together, as on Cek status, and the look-up is counted like one. The case belongs to the
 * household's village and RT/RW, so its RT/RW head and kelurahan see it in their inboxes. One
 * open usulan per household (either purpose): the database's partial index holds it too.
 */
export async function submitDesilDispute(deps: DomainDeps, raw: unknown, meta: SubmitMeta): Promise<Receipt> {
  checkAttachmentFields(meta);
  const input = await validateWithAttachments(() => validateDesilDispute(deps, raw), meta.attachments);
  const household = await listedHouseholdOrRefuse(
    deps,
    meta,
    { nik: input.head_nik, kk: input.kk },
    { field: 'head_nik', message: 'sanggah_desil.not_listed' },
  );

  const contact =
    input.phone || input.email
      ? {
          ...(input.contact_name ? { name: input.contact_name } : {}),
          ...(input.phone ? { phone: input.phone } : {}),
          ...(input.email ? { email: input.email } : {}),
        }
      : null;
  return submitTicket(deps, {
    kind: 'usulan',
    clientKey: meta.clientKey,
    proof: meta.proof,
    idempotencyKey: meta.idempotencyKey,
    locale: meta.locale,
    contact,
    payload: input,
    areaCode: household.village_code,
    householdId: household.id,
    subject: { nik: input.head_nik, kk: input.kk },
    attachments: meta.attachments,
    ...(meta.repeatsOf ? { repeatsOf: meta.repeatsOf } : {}),
    guard: refuseOpenUsulan(input.head_nik, input.kk, 'sanggah_desil.duplicate_open'),
  });
}
