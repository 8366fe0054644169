// Usulan: a household proposed for DTKS / a program, by itself, its RT/RW head or a neighbour.
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { builtPerDay, fieldErrorsFrom } from './forms/fields.ts';
import { type UsulanInput, usulanSchema } from './forms/usulan-form.ts';
import { submitDesilDispute } from './submit-desil-dispute.ts';
import { type Receipt, type SubmitMeta, submitTicket, validateWithAttachments } from './submit-ticket.ts';

export const USULAN_ATTACHMENT_FIELDS = ['foto_ktp', 'foto_kk', 'foto_rumah'] as const;

const usulanSchemaOf = builtPerDay(usulanSchema);

export function validateUsulan(deps: Pick<DomainDeps, 'regions' | 'now'>, raw: unknown): UsulanInput {
  const schema = usulanSchemaOf({ districtExists: deps.regions.districtExists, today: deps.now() });
  const parsed = schema.safeParse(raw);
  const errors = parsed.success ? {} : fieldErrorsFrom(parsed.error);
  const villageCode =
    typeof (raw as { village_code?: unknown })?.village_code === 'string'
      ? (raw as { village_code: string }).village_code
      : '';
  if (deps.regions.get(villageCode)?.level !== 4) errors.village_code = 'region.not_village';
  if (!parsed.success || Object.keys(errors).length > 0) throw new AppError('validation_failed', errors);
  return parsed.data;
}

/** The listed household whose member has this NIK and whose KK is this one, or null. */
export async function listedHouseholdId(db: Db, who: { nik: string; kk: string }): Promise<number | null> {
  const found = await db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select('h.id')
    .where('m.nik', '=', who.nik)
    .where('h.kk', '=', who.kk)
    .executeTakeFirst();
  return found?.id ?? null;
}

/** The same listed household with its village, in one query (where a request is placed). */
export async function listedHousehold(
  db: Db,
  who: { nik: string; kk: string },
): Promise<{ id: number; village_code: string } | undefined> {
  return db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['h.id', 'h.village_code'])
    .where('m.nik', '=', who.nik)
    .where('h.kk', '=', who.kk)
    .executeTakeFirst();
}

/**
 * A household proved by NIK + KK on a resident's form: counted like a Cek status look-up (a form
 * is no way round its limits), then the listed household whose member has the NIK and whose KK
 * is the KK, or undefined. A NIK with another KK is answered as an unknown household, the same as
 * an unknown NIK, on every form.
 */
export async function provenHousehold(
  deps: Pick<DomainDeps, 'db' | 'limits'>,
  meta: Pick<SubmitMeta, 'clientKey' | 'proof'>,
  who: { nik: string; kk: string },
): Promise<{ id: number; village_code: string } | undefined> {
  await deps.limits.countNikCheck(meta.clientKey, who.nik, meta.proof);
  return listedHousehold(deps.db, who);
}

/**
 * `provenHousehold` for a request only a listed household may make (a desil dispute, a request to
 * see one's data): refused at `field` with `message` when the NIK and the KK do not match together.
 */
export async function listedHouseholdOrRefuse(
  deps: Pick<DomainDeps, 'db' | 'limits'>,
  meta: Pick<SubmitMeta, 'clientKey' | 'proof'>,
  who: { nik: string; kk: string },
  refusal: { field: string; message: string },
): Promise<{ id: number; village_code: string }> {
  const household = await provenHousehold(deps, meta, who);
  if (!household) throw new AppError('validation_failed', { [refusal.field]: refusal.message });
  return household;
}

/**
 * Both answers that depend on what is known about a household — already listed, already
 * proposed — need the NIK and the KK to match together, as in Cek status, and are counted like a
 * Cek status lookup. A NIK with a wrong KK is a household nobody knows: it is proposed anew (the
 * RT/RW who verify it will see a double). An open proposal is never named by its reference: only
 * its own receipt proves who sent it.
 */
export async function submitUsulan(deps: DomainDeps, raw: unknown, meta: SubmitMeta): Promise<Receipt> {
  // One address for both purposes (`POST /api/v1/usulan`); a purpose nobody knows is refused by name.
  const purpose = raw && typeof raw === 'object' ? (raw as { purpose?: unknown }).purpose : undefined;
  if (purpose === 'sanggah_desil') return submitDesilDispute(deps, raw, meta);
  if (purpose !== undefined && purpose !== null && purpose !== '')
    throw new AppError('validation_failed', { purpose: 'field.choose' });
  const input = await validateWithAttachments(() => validateUsulan(deps, raw), meta.attachments);
  const listed = await provenHousehold(deps, meta, { nik: input.head_nik, kk: input.kk });
  if (listed) throw new AppError('validation_failed', { head_nik: 'usulan.already_listed' });

  const contact =
    input.phone || input.email
      ? {
          name: input.proposer === 'sendiri' ? input.head_name : (input.proposer_name ?? input.head_name),
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
    areaCode: input.village_code,
    subject: { nik: input.head_nik, kk: input.kk },
    attachments: meta.attachments,
    ...(meta.repeatsOf ? { repeatsOf: meta.repeatsOf } : {}),
    guard: refuseOpenUsulan(input.head_nik, input.kk, 'usulan.duplicate_open'),
  });
}

/**
 * One open usulan per household (NIK + KK of its head), whatever its purpose: the guard a
 * submission runs in its transaction, refused at the head's NIK with `message`.
 */
export const refuseOpenUsulan =
  (headNik: string, kk: string, message: string) => async (trx: Transaction<Database>) => {
    const open = await trx
      .selectFrom('tickets as t')
      .select('t.id')
      .where('t.kind', '=', 'usulan')
      .where('t.closed_at', 'is', null)
      .where('t.subject_nik', '=', headNik)
      .where('t.subject_kk', '=', kk)
      .executeTakeFirst();
    if (open) throw new AppError('validation_failed', { head_nik: message });
  };
