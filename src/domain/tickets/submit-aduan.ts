// Aduan (SLRT): a complaint about a program. The affected household, when its NIK is given and
// listed, places the case in its village; otherwise the SLRT desk of the Dinas Sosial takes it.
// Which of the two happened is for officers only: the resident's answer is the same either way,
// and a complaint with a NIK is counted like a Cek status lookup of it.
import type { DomainDeps } from '../deps.ts';
import { AppError, isAppError } from '../errors.ts';
import { aduanProgramsToCheck } from './aduan-catalogue.ts';
import { type AduanInput, aduanSchema } from './forms/aduan-form.ts';
import { builtPerDay, fieldErrorsFrom } from './forms/fields.ts';
import { letterErrors } from './reactivation.ts';
import { type Receipt, type SubmitMeta, submitTicket, validateWithAttachments } from './submit-ticket.ts';

export const ADUAN_MAX_ATTACHMENTS = 3;

const aduanSchemaOf = builtPerDay(aduanSchema);

export function validateAduan(deps: Pick<DomainDeps, 'regions' | 'now'>, raw: unknown): AduanInput {
  const schema = aduanSchemaOf({ districtExists: deps.regions.districtExists, today: deps.now() });
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError('validation_failed', fieldErrorsFrom(parsed.error));
  return parsed.data;
}

/** A field the sender set on the body itself (never one it inherits, such as `__proto__`'s). */
const ownField = (raw: unknown, name: string): unknown =>
  typeof raw === 'object' && raw !== null && Object.hasOwn(raw, name)
    ? (raw as Record<string, unknown>)[name]
    : undefined;

/**
 * The form's rules, a program the list does not hold (`programs`, from the catalogue) and a
 * reactivation's letter (its file), reported together.
 */
function validateWithLetter(
  deps: Pick<DomainDeps, 'regions' | 'now'>,
  raw: unknown,
  files: number,
  programs: readonly string[],
): AduanInput {
  const problem = ownField(raw, 'problem');
  const program = ownField(raw, 'program');
  const refusedBeyondSchema = {
    ...letterErrors(problem, files),
    ...(typeof program === 'string' && program !== '' && !programs.includes(program)
      ? { program: 'field.choose' }
      : {}),
  };
  let input: AduanInput;
  try {
    input = validateAduan(deps, raw);
  } catch (error) {
    if (isAppError(error) && error.code === 'validation_failed')
      throw new AppError('validation_failed', { ...error.fields, ...refusedBeyondSchema });
    throw error;
  }
  if (Object.keys(refusedBeyondSchema).length > 0)
    throw new AppError('validation_failed', refusedBeyondSchema);
  return input;
}

export async function submitAduan(deps: DomainDeps, raw: unknown, meta: SubmitMeta): Promise<Receipt> {
  const programs = await aduanProgramsToCheck(deps.db, ownField(raw, 'program'));
  const input = await validateWithAttachments(
    () => validateWithLetter(deps, raw, meta.attachments.length, programs),
    meta.attachments,
  );
  if (meta.attachments.length > ADUAN_MAX_ATTACHMENTS) {
    throw new AppError('validation_failed', { lampiran: `attachment.too_many?max=${ADUAN_MAX_ATTACHMENTS}` });
  }
  if (input.nik) await deps.limits.countNikCheck(meta.clientKey, input.nik, meta.proof);
  const household = input.nik
    ? await deps.db
        .selectFrom('household_members as m')
        .innerJoin('households as h', 'h.id', 'm.household_id')
        .select(['h.village_code', 'h.kk'])
        .where('m.nik', '=', input.nik)
        .executeTakeFirst()
    : undefined;
  const { contact, ...payload } = input;
  return submitTicket(deps, {
    kind: 'aduan',
    clientKey: meta.clientKey,
    proof: meta.proof,
    idempotencyKey: meta.idempotencyKey,
    locale: meta.locale,
    contact,
    payload,
    areaCode: household?.village_code ?? null,
    subject: input.nik ? { nik: input.nik, kk: null } : undefined,
    attachments: meta.attachments,
    ...(meta.repeatsOf ? { repeatsOf: meta.repeatsOf } : {}),
  });
}
