// Opening tickets and moving them through their workflow. Every move appends an event to the
// append-only log and updates the ticket in the same transaction, so the current state is
// always what the log replays to.
import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import { preparedOnPostgres } from '../../db/prepared-query.ts';
import type { Database, TicketTable } from '../../db/schema.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { atRiskAtIso } from './due-dates.ts';
import { dueAtWithHolidays } from './holidays.ts';
import { queueResidentUpdate, updateMessage } from './outbox.ts';
import { normaliseReference } from './reference.ts';
import {
  checkNeeds,
  contextOf,
  findRule,
  isResident,
  isTerminal,
  type Role,
  reopenStep,
  responsibleRole,
  type StepOfficeAbsence,
  type TicketKind,
  type TransitionRule,
  visibleToResident,
  workflowOf,
} from './workflow.ts';

/** `db` may be the database or a transaction the caller already holds. */
type DbOrTrx = Kysely<Database>;
type Clock = Pick<DomainDeps, 'now' | 'tickets'>;

export interface Actor {
  role: Role;
  /** The officer's user id; null for a resident, who has no account. */
  id: string | null;
}

export interface OpenTicketRequest {
  kind: TicketKind;
  areaCode: string | null;
  householdId?: number | null;
  targetMemberId?: number | null;
  /** What the case is about, kept as JSON. */
  payload: unknown;
  actor: Actor;
}

export interface OpenedTicket {
  ticketId: number;
  eventId: number;
  status: string;
  /** ISO instant, or null when the first step has no time limit. */
  dueAt: string | null;
}

/** Inserts a case in its workflow's first state, with its first event (visible to the resident). */
export async function openTicket(
  trx: DbOrTrx,
  deps: Clock,
  request: OpenTicketRequest,
): Promise<OpenedTicket> {
  const workflow = workflowOf(request.kind);
  if (!workflow.openedBy.includes(request.actor.role)) {
    throw new AppError('forbidden', { kind: 'ticket.role_not_allowed' });
  }
  const now = deps.now();
  const at = now.toISOString();
  const status = workflow.initial;
  const filters = filterColumnsOf(request.payload);
  const dueAt = await dueAtWithHolidays(trx, request.kind, status, now, deps.tickets, {
    topic: filters.topic,
  });
  const place = await rtRwOf(trx, request);
  const ticket = await trx
    .insertInto('tickets')
    .values({
      kind: request.kind,
      status,
      return_to: null,
      responsible_role: responsibleRole(request.kind, status),
      responsible_unit: null,
      area_code: request.areaCode,
      household_id: request.householdId ?? null,
      target_member_id: request.targetMemberId ?? null,
      due_at: dueAt,
      at_risk_at: atRiskAtIso(now, dueAt),
      rt: place?.rt ?? null,
      rw: place?.rw ?? null,
      ...filters,
      opened_at: at,
      updated_at: at,
      closed_at: null,
      payload: JSON.stringify(request.payload ?? {}),
    })
    .returning('id')
    .modifyEnd(preparedOnPostgres)
    .executeTakeFirstOrThrow();
  const event = await trx
    .insertInto('ticket_events')
    .values({
      ticket_id: ticket.id,
      from_status: null,
      to_status: status,
      actor_role: request.actor.role,
      actor_id: request.actor.id,
      at,
      note: null,
      visible_to_resident: 1,
      data: null,
    })
    .returning('id')
    .modifyEnd(preparedOnPostgres)
    .executeTakeFirstOrThrow();
  return { ticketId: ticket.id, eventId: event.id, status, dueAt };
}

const RT_RW = /^\d{1,3}$/;

/** The RT/RW the case belongs to, for the RT/RW head's inbox: the household's, or the proposal's. */
async function rtRwOf(trx: DbOrTrx, request: OpenTicketRequest): Promise<{ rt: string; rw: string } | null> {
  if (request.householdId) {
    const household = await trx
      .selectFrom('households')
      .select(['rt', 'rw'])
      .where('id', '=', request.householdId)
      .executeTakeFirst();
    if (household) return household;
  }
  const { rt, rw } = (request.payload ?? {}) as { rt?: unknown; rw?: unknown };
  if (typeof rt === 'string' && typeof rw === 'string' && RT_RW.test(rt) && RT_RW.test(rw)) {
    return { rt: rt.padStart(3, '0'), rw: rw.padStart(3, '0') };
  }
  return null;
}

/** The case a `duplikat` move points to: another case of the same kind that is not itself a duplicate. */
export async function originalOf(
  db: DbOrTrx,
  ticket: Pick<Ticket, 'id' | 'kind'>,
  rawReference: string,
): Promise<{
  id: number;
  reference: string;
  area_code: string | null;
  rt: string | null;
  rw: string | null;
}> {
  const reference = normaliseReference(rawReference);
  const found = reference
    ? await db
        .selectFrom('ticket_submissions as s')
        .innerJoin('tickets as t', 't.id', 's.ticket_id')
        .select(['t.id', 't.kind', 't.status', 't.area_code', 't.rt', 't.rw'])
        .where('s.reference', '=', reference)
        .executeTakeFirst()
    : undefined;
  if (!found || !reference)
    throw new AppError('validation_failed', { duplicate: 'ticket.duplicate_unknown' });
  if (found.id === ticket.id) throw new AppError('validation_failed', { duplicate: 'ticket.duplicate_self' });
  if (found.kind !== ticket.kind)
    throw new AppError('validation_failed', { duplicate: 'ticket.duplicate_other_kind' });
  if (found.status === 'duplikat')
    throw new AppError('validation_failed', { duplicate: 'ticket.duplicate_of_duplicate' });
  return { id: found.id, reference, area_code: found.area_code, rt: found.rt, rw: found.rw };
}

/**
 * What the inbox filters on, copied out of the payload: the program and the aduan's problem, the
 * sanggahan's reason or the usulan's purpose (`sanggah_desil`; a plain usulan has none).
 */
function filterColumnsOf(payload: unknown): { program: string | null; topic: string | null } {
  const { program, problem, reason, purpose } = (payload ?? {}) as Record<string, unknown>;
  const topic = problem ?? reason ?? purpose;
  return {
    program: typeof program === 'string' ? program.slice(0, 20) : null,
    topic: typeof topic === 'string' ? topic.slice(0, 60) : null,
  };
}

/** Who may read a note: every officer note says so (DESIGN §10: internal notes apart). */
export type NoteAudience = 'resident' | 'internal';

export interface TransitionRequest {
  ticketId: number;
  to: string;
  actor: Actor;
  note?: string | null;
  /** Aduan `selesai`: the answer the resident reads. */
  answer?: string | null;
  /** Aduan `diteruskan`: one of ADUAN_UNITS. */
  unit?: string | null;
  /** Aduan `dirujuk`: where the resident should go. */
  referral?: string | null;
  /** `duplikat`: the reference of the case this one repeats. */
  duplicate?: string | null;
  /** Honoured only where the workflow leaves it to the officer; default visible. */
  visibleToResident?: boolean;
  /**
   * Who reads `note`. Required from an officer who writes a note the rule does not demand;
   * a note the rule demands of a visible move (a refusal's reason) is the resident's.
   */
  noteAudience?: NoteAudience;
  /** The `version` the officer saw: a ticket changed since then is not moved. */
  expectedVersion?: number;
  /** Extra facts for the log, e.g. the corrected fields of a `perlu_perbaikan` answer. */
  data?: Record<string, unknown>;
  /** Why the step's own office cannot act, as the back office found it (stand-in moves). */
  stepOfficeAbsent?: StepOfficeAbsence;
}

export interface TransitionResult {
  eventId: number;
  from: string;
  status: string;
  dueAt: string | null;
  visibleToResident: boolean;
  /** Outbox rows queued for the resident(s). */
  queued: number;
}

export type Ticket = Selectable<TicketTable>;

/**
 * A ticket's reference: its first submission's (an objection joined by others, or an aduan filed
 * again, has several; the first is the case's own). As a column of a query on `tickets as t`.
 */
export const firstReference = (eb: ExpressionBuilder<Database & { t: TicketTable }, 't'>) =>
  eb
    .selectFrom('ticket_submissions as s')
    .select('s.reference')
    .whereRef('s.ticket_id', '=', 't.id')
    .orderBy('s.id')
    .limit(sql.lit(1))
    .as('reference');

/** The reference of one ticket (its first submission's); undefined for no such ticket. */
export async function firstReferenceOf(db: DbOrTrx, ticketId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('ticket_submissions')
    .select('reference')
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.reference;
}

export async function loadTicket(db: DbOrTrx, ticketId: number): Promise<Ticket | undefined> {
  return db.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
}

const trimmed = (value: string | null | undefined) => {
  const t = value?.trim();
  return t ? t : null;
};

/**
 * Moves a ticket: asks the workflow table, then in one transaction appends the event, updates
 * the ticket and queues the resident's messages. Two officers acting at once: the second finds
 * the state changed under it and gets `transition_not_allowed`.
 */
export async function transitionTicket(
  db: DbOrTrx,
  deps: Clock,
  request: TransitionRequest,
): Promise<TransitionResult> {
  const ticket = await loadTicket(db, request.ticketId);
  if (!ticket) throw new AppError('not_found', { ticket: 'ticket.not_found' });
  // Whatever the officer asked, it was asked of a case that is no longer there: say so first.
  if (request.expectedVersion !== undefined && request.expectedVersion !== ticket.version) {
    throw new AppError('transition_not_allowed', { to: 'ticket.changed_meanwhile' });
  }
  const kind = ticket.kind;
  const context = {
    ...contextOf(ticket),
    ...(request.stepOfficeAbsent ? { stepOfficeAbsent: request.stepOfficeAbsent } : {}),
  };
  const rule = findRule(kind, ticket.status, request.to, request.actor.role, context);
  checkNeeds(rule, request);
  const audience = noteAudienceOf(rule, request);
  const visible = visibleToResident(rule, request.visibleToResident);
  // A note "for the resident too" on a step hidden from the resident would be saved as internal
  // while the officer believed it sent (issue 20): the pair is refused, by name.
  if (audience === 'resident' && !visible && !isResident(request.actor.role)) {
    throw new AppError('validation_failed', { note_audience: 'ticket.note_on_hidden_step' });
  }

  const now = deps.now();
  const at = now.toISOString();
  const to = request.to;
  const closed = isTerminal(kind, to);
  const written = trimmed(request.note);
  const note = audience === 'internal' ? null : written;
  const internalNote = audience === 'internal' ? written : null;
  const answer = rule.needs.includes('answer') ? trimmed(request.answer) : null;
  const unit = rule.needs.includes('unit') ? trimmed(request.unit) : null;
  const referral = rule.needs.includes('referral') ? trimmed(request.referral) : null;
  // The step that asked for corrections, or the step that finished a case a resident may reopen.
  const returnTo = rule.asksCorrection || rule.keepsStep ? ticket.status : null;
  const original = rule.needs.includes('duplicate')
    ? await originalOf(db, ticket, request.duplicate ?? '')
    : null;
  // A reopening goes back to the step that finished the case, its time limit from now on.
  const reopened = rule.reopens ? reopenStep(kind, context) : null;
  // A rule for the whole request counts from the opening; a reopening starts its own count.
  const dueAt = closed
    ? null
    : await dueAtWithHolidays(db, kind, to, now, deps.tickets, {
        topic: ticket.topic,
        ...(reopened ? {} : { openedAt: new Date(ticket.opened_at) }),
      });

  const data: Record<string, unknown> = {
    ...(request.data ?? {}),
    ...(rule.records ?? {}),
    ...(answer ? { answer } : {}),
    ...(unit ? { unit } : {}),
    ...(referral ? { referral } : {}),
    ...(rule.asksCorrection ? { return_to: returnTo } : {}),
    ...(original ? { duplicate_of: original.reference } : {}),
    ...(reopened
      ? {
          reopen: ticket.reopen_count + 1,
          // Who has it now (null: the SLRT desk) and until when, for both timelines.
          held_by: reopened.unit,
          due_at: dueAt,
          ...(reopened.fallback ? { fallback: reopened.fallback } : {}),
          ...(reopened.fallback === 'unit_unavailable' && ticket.responsible_unit
            ? { unit_unavailable: ticket.responsible_unit }
            : {}),
        }
      : {}),
  };

  // Aduan: the unit holds the case from forwarding to its end; a reopened case goes back to the
  // unit that held it when it finished, or to the desk (decision 0025).
  let responsibleUnit = ticket.responsible_unit;
  if (unit) responsibleUnit = unit;
  if (reopened) responsibleUnit = reopened.unit;

  const run = async (trx: DbOrTrx): Promise<TransitionResult> => {
    const updated = await trx
      .updateTable('tickets')
      .set({
        status: to,
        return_to: returnTo,
        responsible_role: closed ? null : responsibleRole(kind, to),
        responsible_unit: kind === 'aduan' ? responsibleUnit : ticket.responsible_unit,
        due_at: dueAt,
        at_risk_at: atRiskAtIso(now, dueAt),
        closed_at: closed ? at : null,
        reopen_count: rule.reopens ? ticket.reopen_count + 1 : ticket.reopen_count,
        duplicate_of: original ? original.id : ticket.duplicate_of,
        version: ticket.version + 1,
        updated_at: at,
      })
      .where('id', '=', ticket.id)
      .where('status', '=', ticket.status)
      .where('version', '=', ticket.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw new AppError('transition_not_allowed', { to: 'ticket.changed_meanwhile' });
    }
    const event = await trx
      .insertInto('ticket_events')
      .values({
        ticket_id: ticket.id,
        from_status: ticket.status,
        to_status: to,
        actor_role: request.actor.role,
        actor_id: request.actor.id,
        at,
        note,
        visible_to_resident: visible ? 1 : 0,
        data: Object.keys(data).length > 0 ? JSON.stringify(data) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (internalNote) {
      await appendNote(trx, {
        ticketId: ticket.id,
        status: to,
        actor: request.actor,
        at,
        note: internalNote,
        audience: 'internal',
      });
    }
    const queued = visible
      ? await queueResidentUpdate(trx, {
          ticketId: ticket.id,
          eventId: event.id,
          now,
          message: updateMessage(
            kind,
            to,
            answer ?? referral ?? note ?? original?.reference ?? null,
            ticket.topic,
          ),
        })
      : 0;
    return { eventId: event.id, from: ticket.status, status: to, dueAt, visibleToResident: visible, queued };
  };

  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/**
 * The audience of an officer's note. A resident's own words (a correction, a reopening) are
 * theirs to read; an officer must choose, unless the rule demands the note of a move the
 * resident sees (a refusal's reason), which is the resident's.
 */
function noteAudienceOf(rule: TransitionRule, request: TransitionRequest): NoteAudience | null {
  if (!trimmed(request.note)) return null;
  if (isResident(request.actor.role)) return 'resident';
  const demanded = rule.needs.includes('note') && rule.visibleToResident === true;
  if (demanded) {
    if (request.noteAudience === 'internal') {
      throw new AppError('validation_failed', { note_audience: 'ticket.note_is_the_reason' });
    }
    return 'resident';
  }
  if (request.noteAudience !== 'resident' && request.noteAudience !== 'internal') {
    throw new AppError('validation_failed', { note_audience: 'ticket.note_audience_required' });
  }
  return request.noteAudience;
}

export interface NoteEntry {
  ticketId: number;
  /** The state the case stays in: a note is an event that moves nothing. */
  status: string;
  actor: Actor;
  at: string;
  note: string;
  audience: NoteAudience;
}

/** Appends a note as an event from the current state to itself. */
export async function appendNote(trx: DbOrTrx, entry: NoteEntry): Promise<number> {
  const event = await trx
    .insertInto('ticket_events')
    .values({
      ticket_id: entry.ticketId,
      from_status: entry.status,
      to_status: entry.status,
      actor_role: entry.actor.role,
      actor_id: entry.actor.id,
      at: entry.at,
      note: entry.note,
      visible_to_resident: entry.audience === 'resident' ? 1 : 0,
      data: JSON.stringify({ note_only: true }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return event.id;
}

export interface TicketEvent {
  id: number;
  ticket_id: number;
  from_status: string | null;
  to_status: string;
  actor_role: string;
  actor_id: string | null;
  at: string;
  note: string | null;
  visible_to_resident: boolean;
  /** `answer`, `unit`, `referral`, `return_to`, `flag`, `reopen`, corrected fields… */
  data: Record<string, unknown> | null;
}

/** The log of a ticket, oldest first; `residentOnly` keeps what the resident may see. */
export async function listEvents(
  db: DbOrTrx,
  ticketId: number,
  options: { residentOnly?: boolean } = {},
): Promise<TicketEvent[]> {
  let query = db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId);
  if (options.residentOnly) query = query.where('visible_to_resident', '=', 1);
  const rows = await query.orderBy('id').execute();
  return rows.map((row) => ({
    ...row,
    visible_to_resident: row.visible_to_resident === 1,
    data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
  }));
}

/**
 * The state a log leads to. Each event must start where the previous one ended; given the kind,
 * each move must also be one the workflow has. Throws on a log that does not hold together.
 */
export function replayStatus(
  events: readonly { from_status: string | null; to_status: string }[],
  kind?: TicketKind,
  /** The case's topic: a move only some topics have (a data request's closing) is no other's. */
  topic?: string | null,
): string | null {
  let status: string | null = null;
  for (const [i, event] of events.entries()) {
    if (event.from_status !== status) {
      throw new Error(`event ${i} starts at ${event.from_status}, the log is at ${status}`);
    }
    // A note leaves the state where it was: nothing to check against the workflow.
    const isNote = status !== null && event.to_status === status;
    if (kind && !isNote) {
      const workflow = workflowOf(kind);
      const known =
        status === null
          ? event.to_status === workflow.initial
          : workflow.rules.some(
              (r) =>
                r.from === status &&
                r.to === event.to_status &&
                (r.topics === undefined || r.topics.includes(topic ?? '')),
            );
      if (!known) throw new Error(`event ${i}: ${status} → ${event.to_status} is not a ${kind} move`);
    }
    status = event.to_status;
  }
  return status;
}
