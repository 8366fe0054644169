// What an officer does with one case: open it (everything submitted, unmasked, audited), take a
// move the workflow allows them now, write a note, assign it, close it as a duplicate. Every
// function checks the area first (outside it the case does not exist) and asks the workflow for
// the move; the back office decides nothing on its own.
import { readJsonObject } from '../../db/engine.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError, isAppError } from '../errors.ts';
import { queueForwardedCaseNotices } from '../notifications/officer-notices.ts';
import { dataRequestOutcomeData } from '../privacy/data-request.ts';
import { queueResidentUpdate, updateMessage } from '../tickets/outbox.ts';
import { outcomeData } from '../tickets/reactivation.ts';
import { listedHouseholdId } from '../tickets/submit-usulan.ts';
import {
  appendNote,
  firstReferenceOf,
  listEvents,
  loadTicket,
  type NoteAudience,
  originalOf,
  type Ticket,
  type TicketEvent,
  transitionTicket,
} from '../tickets/ticket-repository.ts';
import {
  contextOf,
  DUPLICATE,
  isResident,
  MAX_TEXT_LENGTH,
  movesFor,
  type Role,
  responsibleRole,
  type StepOfficeAbsence,
  type TransitionRule,
} from '../tickets/workflow.ts';
import { recordAudit } from './audit.ts';
import { type DuplicateSuggestion, suggestDuplicates } from './duplicate-suggestions.ts';
import { actorOf, type Officer } from './officer.ts';
import { canActAboveStep, canWorkTickets } from './permissions.ts';
import { assertInScope, inScope } from './scope.ts';
import { type SlaState, slaState } from './sla.ts';
import { subjectsOfTickets } from './viewer-log.ts';

type Deps = Pick<DomainDeps, 'db' | 'now' | 'tickets' | 'secret' | 'regions' | 'area'>;

/** What of an event's data the officer's log shows beside its note. */
export const EVENT_DATA_SHOWN = ['answer', 'referral', 'unit', 'duplicate_of'] as const;

export interface CaseSubmission {
  id: number;
  reference: string;
  submitted_at: string;
  locale: string;
  contact: Record<string, unknown> | null;
  payload: Record<string, unknown>;
}

export interface CaseAttachment {
  id: number;
  submission_id: number | null;
  purpose: string;
  content_type: string;
  size: number;
}

export interface RegisterMatch {
  household_id: number;
  kk: string;
  village_code: string;
  rt: string;
  rw: string;
  desil: number | null;
  /** When the list that last wrote the household was applied; null: no list did. */
  desil_as_of: string | null;
  /** That list's DTSEN snapshot (`2026-Q1`); null: it named none (migration 026). */
  desil_snapshot: string | null;
  /**
   * The moves of its desil by applied lists, latest first (migration 022), with each list's file
   * and DTSEN snapshot.
   */
  desil_changes: {
    from_desil: number | null;
    to_desil: number | null;
    changed_at: string;
    file_name: string;
    dtsen_snapshot: string | null;
  }[];
  programs: { program_code: string; period: string; status: string }[];
}

/** The desil moves a case shows; a household ranked every quarter has four a year. */
const DESIL_CHANGES_SHOWN = 20;

export interface CaseFile {
  ticket: Ticket;
  sla: SlaState;
  submissions: CaseSubmission[];
  events: TicketEvent[];
  attachments: CaseAttachment[];
  moves: TransitionRule[];
  /** Set when the officer may take the step's moves for the office below (stand-in) and why. */
  standsInBecause: StepOfficeAbsence | null;
  /** What the register holds for the household concerned (usulan: the NIK + KK proposed). */
  register: RegisterMatch | null;
  /** Sanggahan: the listed person objected to, unmasked (an officer's document; opening is audited). */
  target: { name: string; nik: string; relation: string } | null;
  duplicateOf: { id: number; reference: string } | null;
  duplicates: { id: number; reference: string }[];
  /** Open cases of the same household and request, to link as duplicates with one move. */
  duplicateSuggestions: DuplicateSuggestion[];
  assignee: { id: number; display_name: string } | null;
  /** Users named in the log, by id, for "who did this". */
  actors: Record<string, string>;
}

export async function caseInScope(deps: Deps, officer: Officer, ticketId: number): Promise<Ticket> {
  if (!canWorkTickets(officer) || !Number.isSafeInteger(ticketId) || ticketId < 1) {
    throw new AppError('not_found', { ticket: 'ticket.not_found' });
  }
  return assertInScope(officer, await loadTicket(deps.db, ticketId));
}

/**
 * Why the office holding the case's step cannot act on it, when the officer is the office above
 * that may stand in (an RT/RW's step: the kelurahan): no active account for that RT/RW, or the
 * step is past its time. Undefined: the step's office can act, and nobody stands in.
 */
async function stepOfficeAbsence(
  deps: Pick<Deps, 'db' | 'now'>,
  officer: Officer,
  ticket: Ticket,
): Promise<StepOfficeAbsence | undefined> {
  const step = ticket.responsible_role as Role | null;
  if (!canActAboveStep(officer, step)) return undefined;
  const account = await deps.db
    .selectFrom('users')
    .select('id')
    .where('role', '=', step)
    .where('area_code', '=', ticket.area_code ?? '')
    .where('rt', '=', ticket.rt ?? '')
    .where('rw', '=', ticket.rw ?? '')
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!account) return 'no_account';
  if (ticket.due_at !== null && ticket.due_at < deps.now().toISOString()) return 'overdue';
  return undefined;
}

/** The whole case for the officer's screen; opening it is audited (it shows personal data). */
export async function openCase(
  deps: Deps,
  officer: Officer,
  ticketId: number,
  clientKey: string,
): Promise<CaseFile> {
  const ticket = await caseInScope(deps, officer, ticketId);
  const [submissions, events, attachments] = await Promise.all([
    deps.db
      .selectFrom('ticket_submissions')
      .select(['id', 'reference', 'submitted_at', 'locale', 'contact', 'payload'])
      .where('ticket_id', '=', ticket.id)
      .orderBy('id')
      .execute(),
    listEvents(deps.db, ticket.id),
    deps.db
      .selectFrom('ticket_attachments')
      .select(['id', 'submission_id', 'purpose', 'content_type', 'size'])
      .where('ticket_id', '=', ticket.id)
      .orderBy('id')
      .execute(),
  ]);
  const absence = await stepOfficeAbsence(deps, officer, ticket);
  const [register, target, duplicateOf, duplicates, duplicateSuggestions, assignee, actors] =
    await Promise.all([
      registerMatch(deps, ticket),
      ticket.target_member_id === null
        ? null
        : deps.db
            .selectFrom('household_members')
            .select(['name', 'nik', 'relation'])
            .where('id', '=', ticket.target_member_id)
            .executeTakeFirst()
            .then((m) => m ?? null),
      ticket.duplicate_of === null ? null : referenceOf(deps, ticket.duplicate_of),
      deps.db
        .selectFrom('tickets')
        .select('id')
        .where('duplicate_of', '=', ticket.id)
        .execute()
        .then((rows) => Promise.all(rows.map((r) => referenceOf(deps, r.id)))),
      suggestDuplicates(deps, officer, ticket),
      ticket.assignee_id === null
        ? null
        : deps.db
            .selectFrom('users')
            .select(['id', 'display_name'])
            .where('id', '=', ticket.assignee_id)
            .executeTakeFirst()
            .then((u) => u ?? null),
      actorNames(deps, events),
    ]);
  await recordAudit(deps, {
    actor: officer,
    action: 'ticket_view',
    target: { type: 'ticket', id: ticket.id },
    clientAddress: clientKey,
    subjects: await subjectsOfTickets(deps, [ticket.id]),
  });
  return {
    ticket,
    sla: slaState(ticket, deps.now()),
    submissions: submissions.map((s) => ({
      ...s,
      contact: readJsonObject(s.contact),
      payload: readJsonObject(s.payload) ?? {},
    })),
    events,
    attachments,
    moves: movesFor(ticket.kind, ticket.status, officer.role, {
      ...contextOf(ticket),
      ...(absence ? { stepOfficeAbsent: absence } : {}),
    }),
    standsInBecause: absence ?? null,
    register,
    target,
    duplicateOf,
    duplicates: duplicates.filter((d): d is { id: number; reference: string } => d !== null),
    duplicateSuggestions,
    assignee,
    actors,
  };
}

async function referenceOf(deps: Deps, ticketId: number) {
  const reference = await firstReferenceOf(deps.db, ticketId);
  return reference === undefined ? null : { id: ticketId, reference };
}

async function actorNames(deps: Deps, events: TicketEvent[]): Promise<Record<string, string>> {
  const ids = [
    ...new Set(events.map((e) => Number(e.actor_id)).filter((id) => Number.isSafeInteger(id) && id > 0)),
  ];
  if (ids.length === 0) return {};
  const users = await deps.db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', ids)
    .execute();
  return Object.fromEntries(users.map((u) => [String(u.id), u.display_name]));
}

/** The household the case is about, as the register holds it: by its id, or by the NIK + KK proposed. */
async function registerMatch(deps: Deps, ticket: Ticket): Promise<RegisterMatch | null> {
  let householdId = ticket.household_id;
  if (householdId === null && ticket.subject_nik && ticket.subject_kk) {
    householdId = await listedHouseholdId(deps.db, { nik: ticket.subject_nik, kk: ticket.subject_kk });
  }
  if (householdId === null) return null;
  const household = await deps.db
    .selectFrom('households as h')
    .leftJoin('imports as i', 'i.id', 'h.import_id')
    .select([
      'h.id',
      'h.kk',
      'h.village_code',
      'h.rt',
      'h.rw',
      'h.desil',
      'i.applied_at as desil_as_of',
      'i.dtsen_snapshot as desil_snapshot',
    ])
    .where('h.id', '=', householdId)
    .executeTakeFirst();
  if (!household) return null;
  const [programs, desil_changes] = await Promise.all([
    deps.db
      .selectFrom('program_memberships')
      .select(['program_code', 'period', 'status'])
      .where('household_id', '=', household.id)
      .orderBy('period', 'desc')
      .limit(12)
      .execute(),
    deps.db
      .selectFrom('household_desil_changes as c')
      .innerJoin('imports as i', 'i.id', 'c.import_id')
      .select(['c.from_desil', 'c.to_desil', 'c.changed_at', 'i.file_name', 'i.dtsen_snapshot'])
      .where('c.household_id', '=', household.id)
      .orderBy('c.id', 'desc')
      .limit(DESIL_CHANGES_SHOWN)
      .execute(),
  ]);
  return { household_id: household.id, ...household, desil_changes, programs };
}

export interface MoveInput {
  ticketId: number;
  to: string;
  note?: string | null;
  noteAudience?: NoteAudience;
  answer?: string | null;
  unit?: string | null;
  referral?: string | null;
  duplicate?: string | null;
  visibleToResident?: boolean;
  /** A PBI-JK reactivation closed `selesai`: reactivated or refused (reactivation.ts). */
  reactivationOutcome?: string | null;
  /** A resident's data request closed `selesai`: answered or refused (data-request.ts). */
  dataRequestOutcome?: string | null;
  /** The `version` the officer's page showed. */
  expectedVersion: number;
}

/** One move by an officer. A higher office taking a lower one's step is recorded as acting for it. */
export async function moveCase(deps: Deps, officer: Officer, input: MoveInput, clientKey: string) {
  return moveCaseWith(deps, officer, input, clientKey);
}

/**
 * `moveCase`, and for `applyCorrection` (register-correction.ts) only: the correction it wrote in
 * the same transaction, which is what lets a correction request close as corrected.
 */
export async function moveCaseWith(
  deps: Deps,
  officer: Officer,
  input: MoveInput,
  clientKey: string,
  correctionId?: number,
) {
  const ticket = await caseInScope(deps, officer, input.ticketId);
  if (input.duplicate !== undefined && input.duplicate !== null && input.duplicate.trim() !== '') {
    // The original must be a case this officer can see: another area's references are unknown here.
    const original = await originalOf(deps.db, ticket, input.duplicate);
    if (!inScope(officer, original))
      throw new AppError('validation_failed', { duplicate: 'ticket.duplicate_unknown' });
  }
  const actingFor =
    ticket.responsible_role !== null &&
    ticket.responsible_role !== officer.role &&
    !isResident(ticket.responsible_role)
      ? ticket.responsible_role
      : null;
  const absence = await stepOfficeAbsence(deps, officer, ticket);
  const outcome = {
    ...outcomeData(ticket, input.to, input.reactivationOutcome),
    ...dataRequestOutcomeData(ticket, input.to, input.dataRequestOutcome, correctionId),
  };
  const data = {
    ...(actingFor ? { acting_for: actingFor, ...(absence ? { because: absence } : {}) } : {}),
    ...outcome,
  };
  // The move, its audit row and the notices to the office it reached commit together: no move
  // without its record, no record or notice of a move that a conflict undid.
  const run = async (db: Deps['db']) => {
    const result = await transitionTicket(db, deps, {
      ticketId: ticket.id,
      to: input.to,
      actor: actorOf(officer),
      note: input.note ?? null,
      ...(input.noteAudience ? { noteAudience: input.noteAudience } : {}),
      answer: input.answer ?? null,
      unit: input.unit ?? null,
      referral: input.referral ?? null,
      duplicate: input.duplicate ?? null,
      ...(input.visibleToResident === undefined ? {} : { visibleToResident: input.visibleToResident }),
      expectedVersion: input.expectedVersion,
      ...(absence ? { stepOfficeAbsent: absence } : {}),
      ...(Object.keys(data).length > 0 ? { data } : {}),
    });
    await recordAudit(
      { ...deps, db },
      {
        actor: officer,
        action: input.to === DUPLICATE ? 'ticket_duplicate' : 'ticket_move',
        target: { type: 'ticket', id: ticket.id },
        clientAddress: clientKey,
        detail: {
          from: result.from,
          to: result.status,
          ...(actingFor ? { acting_for: actingFor } : {}),
          ...(absence ? { because: absence } : {}),
          ...outcome,
        },
      },
    );
    await queueForwardedCaseNotices(db, deps, {
      ticketId: ticket.id,
      fromRole: responsibleRole(ticket.kind, result.from),
      moverId: officer.id,
      moverRole: officer.role,
    });
    return result;
  };
  return deps.db.isTransaction ? run(deps.db) : deps.db.transaction().execute(run);
}

export interface NoteInput {
  ticketId: number;
  note: string;
  /** Undefined when the officer chose nothing: refused with a message, never a default. */
  audience: NoteAudience | undefined;
  expectedVersion: number;
}

/** A note without a move; one for the resident is announced to them like a move. */
export async function addCaseNote(deps: Deps, officer: Officer, input: NoteInput, clientKey: string) {
  const ticket = await caseInScope(deps, officer, input.ticketId);
  const note = typeof input.note === 'string' ? input.note.trim() : '';
  const errors: Record<string, string> = {};
  if (!note) errors.note = 'ticket.note_required';
  else if (note.length > MAX_TEXT_LENGTH) errors.note = 'ticket.note_too_long';
  if (input.audience !== 'resident' && input.audience !== 'internal')
    errors.note_audience = 'ticket.note_audience_required';
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', errors);
  const now = deps.now();
  const at = now.toISOString();
  const write = async (trx: Deps['db']) => {
    const touched = await trx
      .updateTable('tickets')
      .set((eb) => ({ updated_at: at, version: eb('version', '+', 1) }))
      .where('id', '=', ticket.id)
      .where('version', '=', input.expectedVersion)
      .executeTakeFirst();
    if (Number(touched.numUpdatedRows) === 0)
      throw new AppError('transition_not_allowed', { note: 'ticket.changed_meanwhile' });
    const eventId = await appendNote(trx, {
      ticketId: ticket.id,
      status: ticket.status,
      actor: actorOf(officer),
      at,
      note,
      audience: input.audience as NoteAudience,
    });
    if (input.audience === 'resident') {
      await queueResidentUpdate(trx, {
        ticketId: ticket.id,
        eventId,
        now,
        message: updateMessage(ticket.kind, ticket.status, note, ticket.topic),
      });
    }
    await recordAudit(
      { ...deps, db: trx },
      {
        actor: officer,
        action: 'ticket_note',
        target: { type: 'ticket', id: ticket.id },
        clientAddress: clientKey,
        detail: { audience: input.audience ?? null },
      },
    );
  };
  // Inside the caller's transaction when it has one (the Musyawarah's minutes commit as one).
  await (deps.db.isTransaction ? write(deps.db) : deps.db.transaction().execute(write));
}

/**
 * Takes a case (assignee = self), gives it to a colleague of the same office and area, or releases
 * it. With the `version` the officer's page showed, a case changed meanwhile is refused rather
 * than reassigned blind; the change and its audit row commit together.
 */
export async function assignCase(
  deps: Deps,
  officer: Officer,
  input: { ticketId: number; assigneeId: number | null; expectedVersion?: number },
  clientKey: string,
) {
  const ticket = await caseInScope(deps, officer, input.ticketId);
  if (input.assigneeId !== null && input.assigneeId !== officer.id) {
    const colleague = await deps.db
      .selectFrom('users')
      .select(['id', 'role', 'area_code', 'rt', 'rw', 'disabled_at'])
      .where('id', '=', input.assigneeId)
      .executeTakeFirst();
    const sameOffice =
      colleague &&
      colleague.disabled_at === null &&
      colleague.role === officer.role &&
      colleague.area_code === officer.areaCode &&
      colleague.rt === officer.rt &&
      colleague.rw === officer.rw;
    if (!sameOffice) throw new AppError('validation_failed', { assignee: 'ticket.assignee_not_colleague' });
  }
  await deps.db.transaction().execute(async (trx) => {
    let update = trx
      .updateTable('tickets')
      .set((eb) => ({
        assignee_id: input.assigneeId,
        updated_at: deps.now().toISOString(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', ticket.id);
    if (input.expectedVersion !== undefined) update = update.where('version', '=', input.expectedVersion);
    const touched = await update.executeTakeFirst();
    if (Number(touched.numUpdatedRows) === 0)
      throw new AppError('transition_not_allowed', { assignee: 'ticket.changed_meanwhile' });
    await recordAudit(
      { ...deps, db: trx },
      {
        actor: officer,
        action: 'ticket_assign',
        target: { type: 'ticket', id: ticket.id },
        clientAddress: clientKey,
        detail: { assignee: input.assigneeId },
      },
    );
  });
}

export interface BulkOutcome {
  ticketId: number;
  ok: boolean;
  /** Message key of the reason a case was left as it was. */
  reason?: string;
}

/**
 * The same move or assignment on a selection: each case is checked on its own against the
 * workflow and the area, and the outcome says which moved and why the others did not.
 */
export async function bulkAct(
  deps: Deps,
  officer: Officer,
  ticketIds: readonly number[],
  action:
    | { kind: 'move'; to: string; note?: string; noteAudience?: NoteAudience }
    | { kind: 'assign'; assigneeId: number | null },
  clientKey: string,
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const ticketId of [...new Set(ticketIds)].slice(0, 200)) {
    try {
      if (action.kind === 'assign') {
        await assignCase(deps, officer, { ticketId, assigneeId: action.assigneeId }, clientKey);
      } else {
        const current = await loadTicket(deps.db, ticketId);
        await moveCase(
          deps,
          officer,
          {
            ticketId,
            to: action.to,
            note: action.note ?? null,
            ...(action.noteAudience ? { noteAudience: action.noteAudience } : {}),
            expectedVersion: current?.version ?? -1,
          },
          clientKey,
        );
      }
      outcomes.push({ ticketId, ok: true });
    } catch (error) {
      if (!isAppError(error) || error.code === 'internal') throw error;
      outcomes.push({ ticketId, ok: false, reason: Object.values(error.fields)[0] ?? `api.${error.code}` });
    }
  }
  return outcomes;
}

/** An attachment of a case the officer may see, with its bytes; audited. */
export async function attachmentForOfficer(
  deps: Deps & Pick<DomainDeps, 'attachments'>,
  officer: Officer,
  attachmentId: number,
  clientKey: string,
) {
  const row = Number.isSafeInteger(attachmentId)
    ? await deps.db
        .selectFrom('ticket_attachments as a')
        .innerJoin('tickets as t', 't.id', 'a.ticket_id')
        .select([
          'a.id',
          'a.ticket_id',
          'a.stored_name',
          'a.content_type',
          'a.purpose',
          't.area_code',
          't.rt',
          't.rw',
        ])
        .where('a.id', '=', attachmentId)
        .executeTakeFirst()
    : undefined;
  if (!canWorkTickets(officer) || !row || !inScope(officer, row)) {
    throw new AppError('not_found', { attachment: 'ticket.not_found' });
  }
  const bytes = await deps.attachments.get(row.stored_name);
  if (!bytes) throw new AppError('not_found', { attachment: 'ticket.not_found' });
  await recordAudit(deps, {
    actor: officer,
    action: 'attachment_download',
    target: { type: 'attachment', id: row.id },
    clientAddress: clientKey,
    detail: { ticket: row.ticket_id },
    subjects: await subjectsOfTickets(deps, [row.ticket_id]),
  });
  return {
    bytes,
    contentType: row.content_type,
    name: `${row.purpose}-${row.id}.${row.stored_name.split('.').pop()}`,
  };
}
