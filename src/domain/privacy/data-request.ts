// A resident's UU PDP rights as tickets (issue 22, decision 0033): "show me what you hold about
// me" (access) and "correct what you hold about me" (correction). Each is an aduan with its own
// topic, answered by the Dinas Sosial within 72 calendar hours (settings.ts `dataRequestDue`), so
// the inbox, the SLA board, Lacak, the outbox and retention work as for any complaint. What is
// its own is here: the form (NIK + KK proof, as Cek status), the outcome a closing must carry,
// and what Lacak says of it.
import { z } from 'zod';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { parseKk, parseNik } from '../nik/nik.ts';
import {
  blankToUndefined,
  builtPerDay,
  consent,
  evenAfterFieldErrors,
  type FormContext,
  fieldErrorsFrom,
  oneOf,
  optionalEmail,
  optionalPhone,
  optionalText,
  personName,
} from '../tickets/forms/fields.ts';
import {
  type Receipt,
  type SubmitMeta,
  submitTicket,
  validateWithAttachments,
} from '../tickets/submit-ticket.ts';
import { listedHouseholdOrRefuse } from '../tickets/submit-usulan.ts';

export const ACCESS_TOPIC = 'permintaan_akses';
export const CORRECTION_TOPIC = 'permintaan_koreksi';
export const DATA_REQUEST_TOPICS = [ACCESS_TOPIC, CORRECTION_TOPIC] as const;
export type DataRequestTopic = (typeof DATA_REQUEST_TOPICS)[number];

/** The aduan program a data request is filed under: it concerns the register, not one program. */
export const DATA_REQUEST_PROGRAM = 'LAINNYA';

/** What the resident asks: `akses` (lihat data saya) or `koreksi` (perbaiki data saya). */
export const DATA_REQUEST_KINDS = ['akses', 'koreksi'] as const;
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];
export const topicOf = (kind: DataRequestKind): DataRequestTopic =>
  kind === 'akses' ? ACCESS_TOPIC : CORRECTION_TOPIC;

/** Which data the resident says is wrong. */
export const CORRECTION_SUBJECTS = ['nama', 'alamat', 'anggota', 'lainnya'] as const;
export type CorrectionSubject = (typeof CORRECTION_SUBJECTS)[number];

/** The one optional document photo (KTP, KK, a Dukcapil letter) that shows what is true. */
export const DOCUMENT_FIELD = 'dokumen';

export const CLAIM_MAX = 200;
export const NOTE_MAX = 2000;

export const isDataRequest = (ticket: { kind: string; topic: string | null }) =>
  ticket.kind === 'aduan' && (DATA_REQUEST_TOPICS as readonly (string | null)[]).includes(ticket.topic);

export const isCorrectionRequest = (ticket: { kind: string; topic: string | null }) =>
  ticket.kind === 'aduan' && ticket.topic === CORRECTION_TOPIC;

export function dataRequestSchema(ctx: FormContext) {
  return z
    .object({
      request: oneOf(DATA_REQUEST_KINDS),
      nik: z.string({ error: 'nik.required' }).max(64, { error: 'nik.format' }),
      kk: z.string({ error: 'kk.required' }).max(64, { error: 'kk.format' }),
      // A correction's three answers; an access request's are dropped (the transform).
      field: z.preprocess(blankToUndefined, oneOf(CORRECTION_SUBJECTS).optional()),
      wrong: optionalText(CLAIM_MAX),
      right: optionalText(CLAIM_MAX),
      note: optionalText(NOTE_MAX),
      contact_name: z.preprocess(blankToUndefined, personName.optional()),
      phone: optionalPhone,
      email: optionalEmail,
      consent,
    })
    .superRefine((d, issue) => {
      const add = (path: string, message: string) =>
        issue.addIssue({ code: 'custom', path: [path], message });
      if (typeof d.nik === 'string') {
        const nik = parseNik(d.nik, ctx.districtExists, ctx.today);
        if (!nik.ok) add('nik', `nik.${nik.rule}`);
      }
      if (typeof d.kk === 'string') {
        const kk = parseKk(d.kk, ctx.districtExists);
        if (!kk.ok) add('kk', `kk.${kk.rule}`);
      }
      if (d.request !== 'koreksi') return;
      if (d.field === undefined) add('field', 'data_request.field_required');
      if (d.wrong === undefined) add('wrong', 'data_request.wrong_required');
      if (d.right === undefined) add('right', 'data_request.right_required');
    }, evenAfterFieldErrors)
    .transform(({ request, field, wrong, right, nik, kk, ...d }) => ({
      program: DATA_REQUEST_PROGRAM,
      problem: topicOf(request),
      request,
      nik: nik.replace(/[\s.-]/g, ''),
      kk: kk.replace(/[\s.-]/g, ''),
      ...(request === 'koreksi' ? { field: field ?? null, wrong: wrong ?? null, right: right ?? null } : {}),
      note: d.note ?? null,
      contact_name: d.contact_name,
      phone: d.phone,
      email: d.email,
    }));
}

export type DataRequestInput = z.infer<ReturnType<typeof dataRequestSchema>>;

const schemaOf = builtPerDay(dataRequestSchema);

export function validateDataRequest(
  deps: Pick<DomainDeps, 'regions' | 'now'>,
  raw: unknown,
): DataRequestInput {
  const parsed = schemaOf({ districtExists: deps.regions.districtExists, today: deps.now() }).safeParse(raw);
  if (!parsed.success) throw new AppError('validation_failed', fieldErrorsFrom(parsed.error));
  return parsed.data;
}

/**
 * Files a data request. The NIK and the KK must match a listed household together (as on Cek
 * status, and counted like one): only the household itself asks for its data. The case belongs
 * to the household's village, so the regency's Dinas Sosial sees it; one open request of a kind
 * per person (a second is refused, the first one's receipt is the way to follow it).
 */
export async function submitDataRequest(deps: DomainDeps, raw: unknown, meta: SubmitMeta): Promise<Receipt> {
  const refused = meta.attachments.filter((a) => a.field !== DOCUMENT_FIELD);
  if (refused.length > 0)
    throw new AppError(
      'validation_failed',
      Object.fromEntries(refused.map((a) => [a.field, 'field.invalid'])),
    );
  if (meta.attachments.length > 1)
    throw new AppError('validation_failed', { [DOCUMENT_FIELD]: 'attachment.too_many?max=1' });
  const input = await validateWithAttachments(() => validateDataRequest(deps, raw), meta.attachments);
  const household = await listedHouseholdOrRefuse(
    deps,
    meta,
    { nik: input.nik, kk: input.kk },
    { field: 'nik', message: 'data_request.not_listed' },
  );
  const { contact_name, phone, email, ...payload } = input;
  const contact =
    phone || email
      ? {
          ...(contact_name ? { name: contact_name } : {}),
          ...(phone ? { phone } : {}),
          ...(email ? { email } : {}),
        }
      : null;
  return submitTicket(deps, {
    kind: 'aduan',
    clientKey: meta.clientKey,
    proof: meta.proof,
    idempotencyKey: meta.idempotencyKey,
    locale: meta.locale,
    contact,
    payload,
    areaCode: household.village_code,
    householdId: household.id,
    subject: { nik: input.nik, kk: input.kk },
    attachments: meta.attachments,
    ...(meta.repeatsOf ? { repeatsOf: meta.repeatsOf } : {}),
    guard: async (trx) => {
      const open = await trx
        .selectFrom('tickets')
        .select('id')
        .where('kind', '=', 'aduan')
        .where('topic', '=', payload.problem)
        .where('subject_nik', '=', input.nik)
        .where('closed_at', 'is', null)
        .executeTakeFirst();
      if (open) throw new AppError('validation_failed', { request: 'data_request.already_open' });
    },
  });
}

// ── How a data request ends ─────────────────────────────────────────────────────────────────────

/**
 * `dijawab`: the access export is ready (the answer says how to collect it); `dikoreksi`: the
 * register was changed (only `applyCorrection` closes so); `ditolak`: refused, the answer is the
 * reason.
 */
export const DATA_REQUEST_OUTCOMES = ['dijawab', 'dikoreksi', 'ditolak'] as const;
export type DataRequestOutcome = (typeof DATA_REQUEST_OUTCOMES)[number];

/** What an officer may choose on the case page; `dikoreksi` comes only with the register's change. */
export const CHOSEN_OUTCOMES: Record<DataRequestTopic, readonly DataRequestOutcome[]> = {
  [ACCESS_TOPIC]: ['dijawab', 'ditolak'],
  [CORRECTION_TOPIC]: ['ditolak'],
};

/**
 * The outcome a closing move of a data request must carry, as event data; other moves and other
 * cases carry none. A data request is never referred elsewhere: the office holds the data.
 * `correctionId` is set by `applyCorrection` only, in the transaction that changed the register.
 */
export function dataRequestOutcomeData(
  ticket: { kind: string; topic: string | null },
  to: string,
  requested: unknown,
  correctionId?: number,
): { data_request: DataRequestOutcome; correction_id?: number } | undefined {
  if (!isDataRequest(ticket)) return undefined;
  if (to === 'dirujuk') throw new AppError('validation_failed', { to: 'data_request.no_referral' });
  if (to !== 'selesai') return undefined;
  if (correctionId !== undefined && ticket.topic === CORRECTION_TOPIC)
    return { data_request: 'dikoreksi', correction_id: correctionId };
  const allowed = CHOSEN_OUTCOMES[ticket.topic as DataRequestTopic];
  if (typeof requested === 'string' && allowed.includes(requested as DataRequestOutcome))
    return { data_request: requested as DataRequestOutcome };
  throw new AppError('validation_failed', {
    data_request_outcome:
      ticket.topic === CORRECTION_TOPIC ? 'data_request.apply_or_refuse' : 'data_request.outcome_required',
  });
}

/** What Lacak says of a data request: its outcome once closed, with the office's words. */
export interface DataRequestAnswer {
  request: DataRequestKind;
  outcome: DataRequestOutcome | null;
  /** How to collect the export (answered), what was changed (corrected) or the reason (refused). */
  answer: string | null;
}

export function dataRequestAnswerOf(
  ticket: { topic: string | null; status: string },
  events: readonly { from_status: string | null; to_status: string; data: Record<string, unknown> | null }[],
): DataRequestAnswer {
  const request: DataRequestKind = ticket.topic === ACCESS_TOPIC ? 'akses' : 'koreksi';
  if (ticket.status !== 'selesai') return { request, outcome: null, answer: null };
  // A note is an event from a state to itself: the move that closed the case comes before it.
  const closing = [...events].reverse().find((e) => e.to_status === 'selesai' && e.from_status !== 'selesai');
  const data = closing?.data ?? {};
  const outcome = (DATA_REQUEST_OUTCOMES as readonly unknown[]).includes(data.data_request)
    ? (data.data_request as DataRequestOutcome)
    : null;
  const answer = typeof data.answer === 'string' && data.answer.trim() !== '' ? data.answer : null;
  return { request, outcome, answer };
}
