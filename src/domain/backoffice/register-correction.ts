// The one way a resident's correction request changes the register (issue 22, decision 0033).
// Before it, only an applied recipient list wrote households (import/apply-import.ts); a
// correction changes exactly one field of one household (a member's name, the address, the RT or
// the RW), records what it said before and after (migration 034), is audited, and closes the
// request as corrected: all in one transaction, so there is no change without its closed request
// and no "corrected" request without its change.

import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { readRtRw } from '../import/normalise-row.ts';
import { NAME_MAX_CHARS, nameSearchKey, readPersonName } from '../names/person-name.ts';
import { isCorrectionRequest } from '../privacy/data-request.ts';
import { MAX_TEXT_LENGTH } from '../tickets/workflow.ts';
import { recordAudit } from './audit.ts';
import { caseInScope, moveCaseWith } from './case-work.ts';
import type { Officer } from './officer.ts';
import { canCorrectRegister } from './permissions.ts';
import { subjectsOf } from './viewer-log.ts';

type Deps = Pick<DomainDeps, 'db' | 'now' | 'tickets' | 'secret' | 'regions' | 'area'>;

/** The register's fields a correction may change; members joining or leaving come with a new list. */
export const CORRECTABLE_FIELDS = ['name', 'address', 'rt', 'rw'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

export const ADDRESS_MAX = 200;

export interface CorrectionInput {
  ticketId: number;
  field: unknown;
  /** The member whose name is corrected (`field: name`): one of the household's. */
  memberId?: unknown;
  value: unknown;
  /** What the resident reads on Lacak: what was changed. */
  answer: unknown;
  expectedVersion: number;
}

const refuse = (fields: Record<string, string>): never => {
  throw new AppError('validation_failed', fields);
};

/** The new value as the register stores it, or the message why it cannot be. */
function readValue(field: CorrectableField, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') return refuse({ value: 'correction.value_required' });
  if (field === 'name') {
    const name = readPersonName(value);
    if (!name.ok) return refuse({ value: `correction.${name.problem}` });
    // Upper-casing may lengthen a name (ß → SS): its search key must fit its column too.
    if (nameSearchKey(name.name).length > NAME_MAX_CHARS)
      return refuse({ value: 'correction.nama_too_long' });
    return name.name;
  }
  if (field === 'address') {
    const address = value.replace(/\s+/gu, ' ').trim();
    return address.length > ADDRESS_MAX ? refuse({ value: `field.too_long?max=${ADDRESS_MAX}` }) : address;
  }
  const rtRw = readRtRw(value.slice(0, 20));
  return typeof rtRw === 'string' ? rtRw : refuse({ value: 'correction.rt_rw_format' });
}

/**
 * Applies a correction request: the Dinas Sosial officer of the household's regency changes one
 * field to the value the documents show and closes the request as corrected.
 */
export async function applyCorrection(
  deps: Deps,
  officer: Officer,
  input: CorrectionInput,
  clientKey: string,
) {
  const ticket = await caseInScope(deps, officer, input.ticketId);
  if (!isCorrectionRequest(ticket))
    throw new AppError('transition_not_allowed', { field: 'correction.not_a_correction_request' });
  // The workflow would refuse the closing move too, but only after the register was written.
  if (!canCorrectRegister(officer)) throw new AppError('forbidden', { to: 'ticket.role_not_allowed' });
  if (ticket.household_id === null)
    throw new AppError('transition_not_allowed', { field: 'correction.household_gone' });
  const field = CORRECTABLE_FIELDS.find((f) => f === input.field);
  if (field === undefined) refuse({ field: 'correction.field_choose' });
  const answer = typeof input.answer === 'string' ? input.answer.trim() : '';
  if (answer === '') refuse({ answer: 'ticket.answer_required' });
  if (answer.length > MAX_TEXT_LENGTH) refuse({ answer: 'ticket.answer_too_long' });
  const after = readValue(field as CorrectableField, input.value);
  const householdId = ticket.household_id;

  const run = async (db: Deps['db']) => {
    const household = await db
      .selectFrom('households')
      .select(['id', 'address', 'rt', 'rw'])
      .where('id', '=', householdId)
      .executeTakeFirst();
    if (!household) return refuse({ field: 'correction.household_gone' });
    const memberId = Number(input.memberId);
    const member =
      field === 'name'
        ? await db
            .selectFrom('household_members')
            .select(['id', 'name', 'nik'])
            .where('household_id', '=', householdId)
            .where('id', '=', Number.isSafeInteger(memberId) ? memberId : -1)
            .executeTakeFirst()
        : undefined;
    if (field === 'name' && !member) refuse({ member: 'correction.member_choose' });
    const before = member ? member.name : household[field as 'address' | 'rt' | 'rw'];
    if (before === after) refuse({ value: 'correction.unchanged' });

    const at = deps.now().toISOString();
    if (member) {
      await db
        .updateTable('household_members')
        .set({ name: after, name_search: nameSearchKey(after) })
        .where('id', '=', member.id)
        .execute();
    } else {
      await db
        .updateTable('households')
        .set({ [field as 'address' | 'rt' | 'rw']: after })
        .where('id', '=', householdId)
        .execute();
    }
    const correction = await db
      .insertInto('register_corrections')
      .values({
        household_id: householdId,
        member_id: member?.id ?? null,
        field: field as string,
        before_value: before,
        after_value: after,
        ticket_id: ticket.id,
        actor_id: officer.id,
        corrected_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const moved = await moveCaseWith(
      { ...deps, db },
      officer,
      { ticketId: ticket.id, to: 'selesai', answer, expectedVersion: input.expectedVersion },
      clientKey,
      correction.id,
    );
    // Ids and codes only in the log (audit.ts); the values are the register's own history.
    await recordAudit(
      { ...deps, db },
      {
        actor: officer,
        action: 'register_correction',
        target: { type: 'ticket', id: ticket.id },
        clientAddress: clientKey,
        detail: { field: field as string, household_id: householdId, correction_id: correction.id },
        subjects: subjectsOf(deps.secret, [ticket.subject_nik, member?.nik]),
      },
    );
    return { ...moved, correctionId: correction.id };
  };
  return deps.db.isTransaction ? run(deps.db) : deps.db.transaction().execute(run);
}

/** What the register's corrections of a household were, latest first, for the officer's case page. */
export async function correctionsOf(deps: Pick<Deps, 'db'>, ticketId: number) {
  return deps.db
    .selectFrom('register_corrections')
    .select(['id', 'field', 'member_id', 'before_value', 'after_value', 'corrected_at', 'actor_id'])
    .where('ticket_id', '=', ticketId)
    .orderBy('id', 'desc')
    .execute();
}
