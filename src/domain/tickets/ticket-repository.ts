// Opening tickets and moving them through their workflow. Every move appends an event to the
// append-only log and updates the ticket in the same transaction, so the current state is
// always what the log replays to.
import type { Kysely, Selectable } from 'kysely';
import type { Database, TicketTable } from '../../db/schema.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { dueAtIso } from './due-dates.ts';
import { queueResidentUpdate, updateMessage } from './outbox.ts';
import {
  checkNeeds,
  findRule,
  isTerminal,
  type Role,
  responsibleRole,
  type TicketKind,
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
  const dueAt = dueAtIso(request.kind, status, now, deps.tickets);
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
      opened_at: at,
      updated_at: at,
      closed_at: null,
      payload: JSON.stringify(request.payload ?? {}),
    })
    .returning('id')
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
    .executeTakeFirstOrThrow();
  return { ticketId: ticket.id, eventId: event.id, status, dueAt };
}

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
  /** Honoured only where the workflow leaves it to the officer; default visible. */
  visibleToResident?: boolean;
  /** Extra facts for the log, e.g. the corrected fields of a `perlu_perbaikan` answer. */
  data?: Record<string, unknown>;
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
  const kind = ticket.kind;
  const rule = findRule(kind, ticket.status, request.to, request.actor.role, {
    returnTo: ticket.return_to,
    reopenCount: ticket.reopen_count,
  });
  checkNeeds(rule, request);

  const now = deps.now();
  const at = now.toISOString();
  const to = request.to;
  const closed = isTerminal(kind, to);
  const visible = visibleToResident(rule, request.visibleToResident);
  const note = trimmed(request.note);
  const answer = rule.needs.includes('answer') ? trimmed(request.answer) : null;
  const unit = rule.needs.includes('unit') ? trimmed(request.unit) : null;
  const referral = rule.needs.includes('referral') ? trimmed(request.referral) : null;
  const returnTo = rule.asksCorrection ? ticket.status : null;
  const dueAt = closed ? null : dueAtIso(kind, to, now, deps.tickets);

  const data: Record<string, unknown> = {
    ...(request.data ?? {}),
    ...(rule.records ?? {}),
    ...(answer ? { answer } : {}),
    ...(unit ? { unit } : {}),
    ...(referral ? { referral } : {}),
    ...(returnTo ? { return_to: returnTo } : {}),
    ...(rule.reopens ? { reopen: ticket.reopen_count + 1 } : {}),
  };

  // Aduan: the unit holds the case from forwarding to its end; a reopened case is the desk's again.
  let responsibleUnit = ticket.responsible_unit;
  if (unit) responsibleUnit = unit;
  if (rule.reopens) responsibleUnit = null;

  const run = async (trx: DbOrTrx): Promise<TransitionResult> => {
    const updated = await trx
      .updateTable('tickets')
      .set({
        status: to,
        return_to: returnTo,
        responsible_role: closed ? null : responsibleRole(kind, to),
        responsible_unit: kind === 'aduan' ? responsibleUnit : ticket.responsible_unit,
        due_at: dueAt,
        closed_at: closed ? at : null,
        reopen_count: rule.reopens ? ticket.reopen_count + 1 : ticket.reopen_count,
        updated_at: at,
      })
      .where('id', '=', ticket.id)
      .where('status', '=', ticket.status)
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
    const queued = visible
      ? await queueResidentUpdate(trx, {
          ticketId: ticket.id,
          eventId: event.id,
          now,
          message: updateMessage(kind, to, answer ?? referral ?? note),
        })
      : 0;
    return { eventId: event.id, from: ticket.status, status: to, dueAt, visibleToResident: visible, queued };
  };

  return db.isTransaction ? run(db) : db.transaction().execute(run);
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
): string | null {
  let status: string | null = null;
  for (const [i, event] of events.entries()) {
    if (event.from_status !== status) {
      throw new Error(`event ${i} starts at ${event.from_status}, the log is at ${status}`);
    }
    if (kind) {
      const workflow = workflowOf(kind);
      const known =
        status === null
          ? event.to_status === workflow.initial
          : workflow.rules.some((r) => r.from === status && r.to === event.to_status);
      if (!known) throw new Error(`event ${i}: ${status} → ${event.to_status} is not a ${kind} move`);
    }
    status = event.to_status;
  }
  return status;
}
