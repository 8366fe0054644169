// Lacak: reference + tracking code → where the ticket stands and what the resident may see of
// its history. A wrong code and an unknown reference are the same answer, at the same cost.
import { preparedOnPostgres } from '../../db/prepared-query.ts';
import type { Caller } from '../cek/check-household-by-nik.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { type DataRequestAnswer, dataRequestAnswerOf, isDataRequest } from '../privacy/data-request.ts';
import { isOverdue, officeDate } from './due-dates.ts';
import { isReactivation, type ReactivationAnswer, reactivationAnswerOf } from './reactivation.ts';
import { normaliseReference } from './reference.ts';
import { filesOfEvents, type SentFile } from './sent-files.ts';
import { listEvents, loadTicket, type Ticket } from './ticket-repository.ts';
import { normaliseTrackingCode, verifyAgainstNothing, verifyTrackingCode } from './tracking-code.ts';
import { purposeOf, type UsulanPurpose } from './usulan-purpose.ts';
import {
  ANSWERED_ADUAN,
  AWAITING_CORRECTION,
  isIn,
  isOpenStatus,
  isResident,
  MAX_REOPENS,
  type TicketKind,
} from './workflow.ts';

export interface TrackInput {
  reference: string;
  tracking_code: string;
}

export interface TimelineEntry {
  at: string;
  status: string;
  /** The officer's note, answer or referral, or the resident's own correction or reason. */
  note: string | null;
  /** Who made the step: the resident's correction or reopening is their own reply. */
  by: 'resident' | 'office';
  /**
   * A reopening only: who has the case now (decision 0025). `unit` is one of ADUAN_UNITS, or
   * null for the SLRT desk; `unit_unavailable` when the unit that finished it takes no cases now.
   */
  now_with?: { unit: string | null; unit_unavailable: boolean };
  /** The files the resident sent with this step (a correction), by their names and sizes. */
  files: SentFile[];
}

export interface TrackAnswer {
  reference: string;
  kind: TicketKind;
  /** An usulan's purpose (`sanggah_desil`: a desil dispute); null for a plain usulan and other kinds. */
  purpose: UsulanPurpose | null;
  status: string;
  open: boolean;
  responsible_role: string | null;
  responsible_unit: string | null;
  due_date: string | null;
  overdue: boolean;
  submitted_at: string;
  objection_count: number | null;
  can_respond: boolean;
  can_reopen: boolean;
  /** The office day retention removed the ticket's personal data and files; null: still held. */
  personal_data_removed_on: string | null;
  /**
   * A PBI-JK reactivation request only (issue 19): its outcome once Dinas Sosial closed it —
   * `diaktifkan` (reactivated), `ditolak` (refused, `answer` is the reason) or `dirujuk` — or
   * null while it is open. Absent for every other ticket.
   */
  reactivation?: ReactivationAnswer;
  /**
   * A data request only (UU PDP, decision 0033): what was asked, the outcome once closed and the
   * office's words (how to collect the copy, or the reason), and the exact instant the 72 hours
   * end. Never the data itself. Absent for every other ticket.
   */
  data_request?: DataRequestAnswer & { due_at: string | null };
  timeline: TimelineEntry[];
}

const notFound = () => new AppError('not_found', { reference: 'lacak.not_found' });

export interface AuthenticatedTicket {
  ticket: Ticket;
  reference: string;
  submissionId: number;
  submittedAt: string;
}

/**
 * Finds the ticket a resident may act on, or fails exactly like an unknown reference. Every
 * well-formed attempt is counted per client and per reference (`rate_limited` once over), so a
 * code cannot be guessed online; malformed input reaches no row and is not counted.
 */
export async function authenticateTicket(
  deps: DomainDeps,
  input: TrackInput,
  caller: Caller,
): Promise<AuthenticatedTicket> {
  // An empty field is answered as such ("wajib diisi"), before anything is looked up: it says
  // nothing about any ticket, and "number or code wrong" would send the resident hunting a typo.
  const missing: Record<string, string> = {};
  if (String(input.reference ?? '').trim() === '') missing.reference = 'lacak.reference_required';
  if (String(input.tracking_code ?? '').trim() === '') missing.tracking_code = 'lacak.code_required';
  if (Object.keys(missing).length > 0) throw new AppError('validation_failed', missing);
  const reference = normaliseReference(String(input.reference ?? ''));
  const code = normaliseTrackingCode(String(input.tracking_code ?? ''));
  if (reference && code) await deps.limits.countTracking(caller.clientKey, reference, caller.proof);
  const submission = reference
    ? await deps.db
        .selectFrom('ticket_submissions')
        .select(['id', 'ticket_id', 'tracking_code_hash', 'submitted_at'])
        .where('reference', '=', reference)
        .modifyEnd(preparedOnPostgres)
        .executeTakeFirst()
    : undefined;
  const valid =
    submission && code
      ? await verifyTrackingCode(deps.secret, code, submission.tracking_code_hash)
      : await verifyAgainstNothing(deps.secret, code ?? 'XXXXX-XXXXX');
  if (!valid || !submission || !reference) throw notFound();
  const ticket = await loadTicket(deps.db, submission.ticket_id);
  if (!ticket) throw notFound();
  return { ticket, reference, submissionId: submission.id, submittedAt: submission.submitted_at };
}

export async function trackTicket(deps: DomainDeps, input: TrackInput, caller: Caller): Promise<TrackAnswer> {
  return describeTicket(deps, await authenticateTicket(deps, input, caller));
}

/** What the resident sees of a ticket they have proven is theirs. */
export async function describeTicket(deps: DomainDeps, proven: AuthenticatedTicket): Promise<TrackAnswer> {
  const { ticket, reference, submittedAt } = proven;
  const events = await listEvents(deps.db, ticket.id, { residentOnly: true });
  // Only the resident's own steps: an officer's files are the office's, not shown here.
  const files = await filesOfEvents(
    deps.db,
    ticket.id,
    events.filter((e) => isResident(e.actor_role)).map((e) => e.id),
  );
  const objections =
    ticket.kind === 'sanggahan'
      ? await deps.db
          .selectFrom('ticket_submissions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('ticket_id', '=', ticket.id)
          .executeTakeFirst()
      : undefined;
  return {
    reference,
    kind: ticket.kind,
    purpose: purposeOf(ticket.kind, ticket.topic),
    status: ticket.status,
    open: isOpenStatus(ticket.kind, ticket.status),
    responsible_role: ticket.responsible_role,
    responsible_unit: ticket.responsible_unit,
    due_date: ticket.due_at ? officeDate(ticket.due_at, deps.tickets.zone) : null,
    overdue: isOverdue(ticket, deps.now()),
    submitted_at: submittedAt,
    objection_count: objections ? Number(objections.n) : null,
    can_respond: ticket.status === AWAITING_CORRECTION,
    can_reopen:
      ticket.kind === 'aduan' &&
      isIn(ANSWERED_ADUAN, ticket.status) &&
      ticket.reopen_count < MAX_REOPENS &&
      ticket.personal_data_removed_at === null,
    personal_data_removed_on: ticket.personal_data_removed_at
      ? officeDate(ticket.personal_data_removed_at, deps.tickets.zone)
      : null,
    ...(isReactivation(ticket) ? { reactivation: reactivationAnswerOf(ticket.status, events) } : {}),
    ...(isDataRequest(ticket)
      ? { data_request: { ...dataRequestAnswerOf(ticket, events), due_at: ticket.due_at } }
      : {}),
    timeline: events.map((e) => ({
      at: e.at,
      status: e.to_status,
      note: residentText(e),
      by: isResident(e.actor_role) ? 'resident' : 'office',
      ...nowWith(e.data),
      files: files.get(e.id) ?? [],
    })),
  };
}

/** Who a reopening handed the case to, as its event recorded it (before decision 0025: the desk). */
function nowWith(data: Record<string, unknown> | null): Pick<TimelineEntry, 'now_with'> {
  if (!data || data.reopen === undefined) return {};
  const unit = typeof data.held_by === 'string' ? data.held_by : null;
  return { now_with: { unit, unit_unavailable: data.fallback === 'unit_unavailable' } };
}

function residentText(e: { note: string | null; data: Record<string, unknown> | null }): string | null {
  const d = e.data ?? {};
  const parts = [e.note, d.answer, d.referral, d.duplicate_of].filter(
    (p): p is string => typeof p === 'string' && p.trim() !== '',
  );
  return parts.length > 0 ? [...new Set(parts)].join('\n') : null;
}
