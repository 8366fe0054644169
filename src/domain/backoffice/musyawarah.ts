// The Musyawarah Kelurahan (DESIGN §3): the list a village brings to its next meeting — the
// proposals the RT/RW verified and the recipients a proven objection flagged for removal — and the
// minutes that record what the meeting decided on each. Recording moves every proposal in one
// action, each checked on its own against the workflow and the version the operator's list
// showed; the outcome says which moved and why the others did not. A kelurahan operator holds the
// meeting of their village; the Dinas Sosial may record it for any village of its regency.
import type { Transaction } from 'kysely';
import { inSavepoint } from '../../db/savepoint.ts';
import type { Database } from '../../db/schema.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError, isAppError } from '../errors.ts';
import { firstReference, loadTicket } from '../tickets/ticket-repository.ts';
import { purposeOf } from '../tickets/usulan-purpose.ts';
import {
  AWAITING_MUSYAWARAH,
  checkNeeds,
  FLAGGED_FOR_REMOVAL,
  findRule,
  isIn,
  MAX_TEXT_LENGTH,
  MUSYAWARAH_MOVES,
  VERIFIED_BY_RT_RW,
} from '../tickets/workflow.ts';
import { recordAudit } from './audit.ts';
import { addCaseNote, moveCase } from './case-work.ts';
import type { Officer } from './officer.ts';
import { canHoldMusyawarah, canOpenPage, servesOneRegency } from './permissions.ts';
import { subjectsOfTickets } from './viewer-log.ts';

type Deps = Pick<DomainDeps, 'db' | 'now' | 'tickets' | 'regions' | 'secret' | 'area'>;

export const MUSYAWARAH_DECISIONS = ['disepakati', 'tidak_disepakati', 'ditunda'] as const;
export type MusyawarahDecision = (typeof MUSYAWARAH_DECISIONS)[number];

/** The state a proposal reaches when its RT/RW verifies it, which puts it on the list (workflow.ts). */
export const WAITING_FOR_MUSYAWARAH = VERIFIED_BY_RT_RW;
/** Where each decision takes a proposal: the workflow's moves. */
const USULAN_MOVE: Record<Exclude<MusyawarahDecision, 'ditunda'>, string> = {
  disepakati: MUSYAWARAH_MOVES.agreed,
  tidak_disepakati: MUSYAWARAH_MOVES.refused,
};

export const MAX_PLACE_LENGTH = 200;
export const MAX_ATTENDEES_LENGTH = 2000;
/** More than one village can bring to one evening is a list nobody reads: the rest waits. */
export const MAX_AGENDA_ROWS = 300;

/** One household on the list, unmasked: this is an officer's document. */
export interface AgendaItem {
  ticketId: number;
  kind: 'usulan' | 'sanggahan';
  reference: string;
  status: string;
  version: number;
  headName: string;
  nik: string;
  kk: string;
  address: string;
  rt: string | null;
  rw: string | null;
  /** Sanggahan: the reason proven. */
  topic: string | null;
  openedAt: string;
}

export interface Agenda {
  villageCode: string;
  /** Proposals of new households verified by the RT/RW, waiting for the meeting. */
  proposals: AgendaItem[];
  /**
   * Desil disputes verified by the RT/RW (decision 0031: the same road as a proposal, so they wait
   * for the same meeting), listed apart: they propose no household, they ask for one already in
   * DTSEN to be checked again, and the meeting agrees on the facts claimed, not on taking a family in.
   */
  disputes: AgendaItem[];
  /** Listed recipients a proven objection put forward for removal. */
  flagged: AgendaItem[];
}

/** The village whose meeting the officer may prepare: their own, or (Dinas Sosial) one of their regency. */
export function musyawarahVillage(deps: Pick<Deps, 'regions'>, officer: Officer, requested?: string | null) {
  if (servesOneRegency(officer) && canOpenPage(officer, 'musyawarah')) {
    if (!requested) return null;
    const village = deps.regions.get(requested);
    if (village?.level !== 4 || !canHoldMusyawarah(officer, requested)) {
      throw new AppError('not_found', { village: 'musyawarah.village_unknown' });
    }
    return requested;
  }
  if (officer.areaCode && canHoldMusyawarah(officer, officer.areaCode)) return officer.areaCode;
  throw new AppError('not_found', { page: 'ticket.not_found' });
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function parsePayload(payload: string): Record<string, unknown> {
  try {
    const value = JSON.parse(payload) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The rows of these tickets as the list and the minutes show them, in the order given. */
async function describe(deps: Deps, ids: readonly number[]): Promise<Map<number, AgendaItem>> {
  if (ids.length === 0) return new Map();
  const rows = await deps.db
    .selectFrom('tickets as t')
    .leftJoin('household_members as m', 'm.id', 't.target_member_id')
    .leftJoin('households as h', 'h.id', 't.household_id')
    .select([
      't.id',
      't.kind',
      't.status',
      't.version',
      't.payload',
      't.rt',
      't.rw',
      't.topic',
      't.opened_at',
      'm.name as member_name',
      'm.nik as member_nik',
      'h.kk as household_kk',
      'h.address as household_address',
      firstReference,
    ])
    .where('t.id', 'in', [...ids])
    .execute();
  const items = new Map<number, AgendaItem>();
  // A dispute names a household the register holds by a member's NIK: the name is the register's.
  const disputeNiks = rows.flatMap((r) =>
    purposeOf(r.kind, r.topic) ? [text(parsePayload(r.payload).head_nik)].filter(Boolean) : [],
  );
  const names = new Map(
    disputeNiks.length === 0
      ? []
      : (
          await deps.db
            .selectFrom('household_members')
            .select(['nik', 'name'])
            .where('nik', 'in', disputeNiks)
            .execute()
        ).map((m) => [m.nik, m.name]),
  );
  for (const r of rows) {
    const p = r.kind === 'usulan' ? parsePayload(r.payload) : {};
    const dispute = purposeOf(r.kind, r.topic) !== null;
    items.set(r.id, {
      ticketId: r.id,
      kind: r.kind === 'usulan' ? 'usulan' : 'sanggahan',
      reference: r.reference ?? `#${r.id}`,
      status: r.status,
      version: r.version,
      headName: dispute
        ? (names.get(text(p.head_nik)) ?? '')
        : r.kind === 'usulan'
          ? text(p.head_name)
          : (r.member_name ?? ''),
      nik: r.kind === 'usulan' ? text(p.head_nik) : (r.member_nik ?? ''),
      kk: r.kind === 'usulan' ? text(p.kk) : (r.household_kk ?? ''),
      address: dispute || r.kind !== 'usulan' ? (r.household_address ?? '') : text(p.address),
      rt: r.rt,
      rw: r.rw,
      topic: r.topic,
      openedAt: r.opened_at,
    });
  }
  return items;
}

const inOrder = (items: Map<number, AgendaItem>, ids: readonly number[]) =>
  ids.map((id) => items.get(id)).filter((i): i is AgendaItem => i !== undefined);

/** The list for the village's next meeting. Reading it (names and NIKs) is audited. */
export async function loadAgenda(
  deps: Deps,
  officer: Officer,
  villageCode: string,
  clientKey: string,
): Promise<Agenda> {
  const village = musyawarahVillage(deps, officer, villageCode);
  if (!village) throw new AppError('not_found', { village: 'musyawarah.village_unknown' });
  const proposals = await deps.db
    .selectFrom('tickets as t')
    .select('t.id')
    .where('t.kind', '=', 'usulan')
    .where('t.status', 'in', AWAITING_MUSYAWARAH)
    .where('t.area_code', '=', village)
    .orderBy('t.rw')
    .orderBy('t.rt')
    .orderBy('t.opened_at')
    .limit(MAX_AGENDA_ROWS)
    .execute();
  // A proven objection stays on the list until a meeting agreed or refused the removal; one it
  // deferred, or that could not be recorded, comes back.
  const flagged = await deps.db
    .selectFrom('tickets as t')
    .select('t.id')
    .where('t.kind', '=', 'sanggahan')
    .where('t.status', 'in', FLAGGED_FOR_REMOVAL)
    .where('t.area_code', '=', village)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('musyawarah_decisions as d')
            .select('d.id')
            .whereRef('d.ticket_id', '=', 't.id')
            .where('d.outcome', '=', 'recorded')
            .where('d.decision', 'in', ['disepakati', 'tidak_disepakati']),
        ),
      ),
    )
    .orderBy('t.rw')
    .orderBy('t.rt')
    .orderBy('t.opened_at')
    .limit(MAX_AGENDA_ROWS)
    .execute();
  const waitingIds = proposals.map((r) => r.id);
  const flaggedIds = flagged.map((r) => r.id);
  const items = await describe(deps, [...waitingIds, ...flaggedIds]);
  await recordAudit(deps, {
    actor: officer,
    action: 'musyawarah_view',
    clientAddress: clientKey,
    detail: { village, rows: items.size },
    subjects: await subjectsOfTickets(deps, [...waitingIds, ...flaggedIds]),
  });
  const waiting = inOrder(items, waitingIds);
  return {
    villageCode: village,
    proposals: waiting.filter((i) => purposeOf(i.kind, i.topic) === null),
    disputes: waiting.filter((i) => purposeOf(i.kind, i.topic) !== null),
    flagged: inOrder(items, flaggedIds),
  };
}

export interface DecisionInput {
  ticketId: number;
  decision: string;
  note?: string | null;
  /** The ticket's `version` the operator's list showed. */
  version: number;
}

export interface MusyawarahInput {
  villageCode: string;
  heldOn: string;
  place: string;
  attendees: string;
  decisions: readonly DecisionInput[];
  /** The form's one-time key: a second send of the same form finds the meeting the first recorded. */
  formKey?: string | null;
}

export interface DecisionOutcome {
  ticketId: number;
  decision: MusyawarahDecision;
  outcome: 'moved' | 'recorded' | 'refused';
  /** The state a moved proposal is in now. */
  status?: string;
  /** Message key of why the ticket was left as it was. */
  reason?: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The field names of a row of the form, shared by the page and the messages. */
export const decisionField = (ticketId: number) => `decision_${ticketId}`;
export const noteField = (ticketId: number) => `note_${ticketId}`;

/**
 * Everything wrong with the minutes before anything moves: the date (not after today in the
 * village), place, attendees, a decision per row, and the note a refusal needs — asked of the
 * workflow, which says which moves need one.
 */
function validate(deps: Deps, officer: Officer, input: MusyawarahInput, agenda: Map<number, AgendaItem>) {
  const errors: Record<string, string> = {};
  const heldOn = text(input.heldOn).trim();
  // Indonesia's western time, where a meeting's "today" is later than UTC's until 07:00.
  const today = new Date(deps.now().getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  if (!heldOn) errors.held_on = 'musyawarah.date_required';
  else if (!isRealDate(heldOn)) errors.held_on = 'musyawarah.date_invalid';
  else if (heldOn > today) errors.held_on = 'musyawarah.date_future';
  const place = text(input.place).trim();
  if (!place) errors.place = 'musyawarah.place_required';
  else if (place.length > MAX_PLACE_LENGTH) errors.place = 'musyawarah.place_too_long';
  const attendees = text(input.attendees).trim();
  if (!attendees) errors.attendees = 'musyawarah.attendees_required';
  else if (attendees.length > MAX_ATTENDEES_LENGTH) errors.attendees = 'musyawarah.attendees_too_long';
  const decided: { input: DecisionInput; decision: MusyawarahDecision; note: string | null }[] = [];
  const seen = new Set<number>();
  for (const row of input.decisions) {
    if (!agenda.has(row.ticketId) || seen.has(row.ticketId)) continue;
    seen.add(row.ticketId);
    const item = agenda.get(row.ticketId) as AgendaItem;
    const decision = (MUSYAWARAH_DECISIONS as readonly string[]).includes(row.decision)
      ? (row.decision as MusyawarahDecision)
      : null;
    const note = text(row.note).trim() || null;
    if (!decision) {
      errors[decisionField(row.ticketId)] = 'musyawarah.decision_required';
      continue;
    }
    if ((note?.length ?? 0) > MAX_TEXT_LENGTH) errors[noteField(row.ticketId)] = 'ticket.note_too_long';
    if (item.kind === 'usulan' && decision !== 'ditunda') {
      try {
        checkNeeds(findRule('usulan', item.status, USULAN_MOVE[decision], officer.role), { note });
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (error.fields.note) errors[noteField(row.ticketId)] = 'musyawarah.reason_required';
        // A move the role may not take is refused per row when recording, like a changed ticket.
      }
    }
    decided.push({ input: row, decision, note });
  }
  if (agenda.size === 0) errors.decisions = 'musyawarah.nothing_to_decide';
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', errors);
  return { heldOn, place, attendees, decided };
}

/** The words a proven objection's resident reads once the meeting decided on the removal. */
function removalNote(decision: 'disepakati' | 'tidak_disepakati', heldOn: string, note: string | null) {
  const said =
    decision === 'disepakati'
      ? `Musyawarah Kelurahan ${heldOn}: penghapusan penerima dari daftar disepakati.`
      : `Musyawarah Kelurahan ${heldOn}: penghapusan penerima dari daftar tidak disepakati.`;
  return note ? `${said} ${note}` : said;
}

/** A recorded meeting and what each decision did; `repeated` when a second send of its form found it. */
export interface RecordedMusyawarah {
  id: number;
  outcomes: DecisionOutcome[];
  repeated: boolean;
}

/** A form's one-time key as stored; anything else is no key (a form loaded before keys existed). */
const formKeyOf = (value: unknown) =>
  typeof value === 'string' && /^[\w-]{1,64}$/.test(value) ? value : null;

/**
 * Records a meeting and acts on each decision, in one transaction: the meeting, every decision
 * row and every ticket's move (its event, its message to the resident, its audit row) commit
 * together, so a process killed half-way leaves nothing and the form can simply be sent again.
 * A ticket that changed meanwhile is refused on its own, and the others still move. A second
 * send of the same form (its `formKey`) is answered with the meeting the first one recorded.
 */
export async function recordMusyawarah(
  deps: Deps,
  officer: Officer,
  input: MusyawarahInput,
  clientKey: string,
): Promise<RecordedMusyawarah> {
  const village = musyawarahVillage(deps, officer, input.villageCode);
  if (!village) throw new AppError('not_found', { village: 'musyawarah.village_unknown' });
  const formKey = formKeyOf(input.formKey);
  const earlier = formKey ? await recordedWith(deps, village, formKey) : null;
  if (earlier) return earlier;
  try {
    return await deps.db
      .transaction()
      .execute((trx) => writeMinutes({ ...deps, db: trx }, officer, village, formKey, input, clientKey));
  } catch (error) {
    // A send of the same form that committed while this one was being written is the answer,
    // whatever stopped this one: the key's unique index, or a list its moves had emptied.
    const first = formKey ? await recordedWith(deps, village, formKey) : null;
    if (first) return first;
    throw error;
  }
}

/** The meeting a form recorded, with its outcomes as its decision rows keep them. */
async function recordedWith(
  deps: Deps,
  village: string,
  formKey: string,
): Promise<RecordedMusyawarah | null> {
  const meeting = await deps.db
    .selectFrom('musyawarah')
    .select('id')
    .where('village_code', '=', village)
    .where('form_key', '=', formKey)
    .executeTakeFirst();
  if (!meeting) return null;
  const rows = await deps.db
    .selectFrom('musyawarah_decisions')
    .select(['ticket_id', 'decision', 'outcome', 'reason'])
    .where('musyawarah_id', '=', meeting.id)
    .orderBy('id')
    .execute();
  return {
    id: meeting.id,
    repeated: true,
    outcomes: rows.map((r) => ({
      ticketId: r.ticket_id,
      decision: r.decision,
      outcome: r.outcome,
      // Only a proposal moves, and each decision has one place to take it.
      ...(r.outcome === 'moved' && r.decision !== 'ditunda' ? { status: USULAN_MOVE[r.decision] } : {}),
      ...(r.reason ? { reason: r.reason } : {}),
    })),
  };
}

/** The minutes' writes, all in `deps.db`, the caller's transaction. */
async function writeMinutes(
  deps: Deps & { db: Transaction<Database> },
  officer: Officer,
  village: string,
  formKey: string | null,
  input: MusyawarahInput,
  clientKey: string,
): Promise<RecordedMusyawarah> {
  const ids = [...new Set(input.decisions.map((d) => d.ticketId))].filter(
    (id) => Number.isSafeInteger(id) && id > 0,
  );
  const described = await describe(deps, ids.slice(0, MAX_AGENDA_ROWS));
  // Only tickets of this village count; any other id is left out unanswered, never a leak.
  const places = ids.length
    ? await deps.db.selectFrom('tickets').select(['id', 'area_code']).where('id', 'in', ids).execute()
    : [];
  for (const p of places) if (p.area_code !== village) described.delete(p.id);
  const waiting = (item: AgendaItem) =>
    isIn(item.kind === 'usulan' ? AWAITING_MUSYAWARAH : FLAGGED_FOR_REMOVAL, item.status);
  const agenda = new Map([...described].filter(([, item]) => waiting(item)));
  // Cases of the village that left the list since it was printed (moved by someone else).
  const gone = input.decisions.filter((d, i, all) => {
    const item = described.get(d.ticketId);
    return (
      item !== undefined &&
      !waiting(item) &&
      (MUSYAWARAH_DECISIONS as readonly string[]).includes(d.decision) &&
      all.findIndex((o) => o.ticketId === d.ticketId) === i
    );
  });
  const { heldOn, place, attendees, decided } = validate(deps, officer, input, agenda);

  // First of the writes: a second send of the same form waits here, on the key's unique index,
  // until this one commits, before it has touched a ticket.
  const meeting = await deps.db
    .insertInto('musyawarah')
    .values({
      village_code: village,
      held_on: heldOn,
      place,
      attendees,
      recorded_by: officer.id,
      recorded_at: deps.now().toISOString(),
      form_key: formKey,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // Tickets are moved in the order of their ids, whatever the form's order: two meetings sharing a
  // ticket (the kelurahan and the Dinas Sosial at once) then never wait on each other's row locks
  // in a circle, which PostgreSQL would end by failing one of them as a deadlock.
  const acted = new Map<number, DecisionOutcome>();
  for (const { input: row, decision, note } of [...decided].sort(
    (a, b) => a.input.ticketId - b.input.ticketId,
  )) {
    const item = agenda.get(row.ticketId) as AgendaItem;
    let outcome: DecisionOutcome;
    try {
      // A refused ticket leaves nothing of its own attempt behind, whatever step refused it.
      outcome = await inSavepoint(deps.db, async () => {
        if (decision === 'ditunda') {
          const current = await loadTicket(deps.db, row.ticketId);
          if (current?.version !== row.version) {
            throw new AppError('transition_not_allowed', { to: 'ticket.changed_meanwhile' });
          }
          return { ticketId: row.ticketId, decision, outcome: 'recorded' };
        }
        if (item.kind === 'usulan') {
          const moved = await moveCase(
            deps,
            officer,
            {
              ticketId: row.ticketId,
              to: USULAN_MOVE[decision],
              note,
              // The meeting's word on a proposal is the resident's to read.
              noteAudience: 'resident',
              visibleToResident: true,
              expectedVersion: row.version,
            },
            clientKey,
          );
          return { ticketId: row.ticketId, decision, outcome: 'moved', status: moved.status };
        }
        await addCaseNote(
          deps,
          officer,
          {
            ticketId: row.ticketId,
            note: removalNote(decision, heldOn, note),
            audience: 'resident',
            expectedVersion: row.version,
          },
          clientKey,
        );
        return { ticketId: row.ticketId, decision, outcome: 'recorded' };
      });
    } catch (error) {
      if (!isAppError(error) || error.code === 'internal') throw error;
      outcome = {
        ticketId: row.ticketId,
        decision,
        outcome: 'refused',
        reason: Object.values(error.fields)[0] ?? `api.${error.code}`,
      };
    }
    acted.set(row.ticketId, outcome);
  }
  // The minutes keep the form's order.
  const outcomes: DecisionOutcome[] = [];
  for (const { input: row, decision, note } of decided) {
    const outcome = acted.get(row.ticketId) as DecisionOutcome;
    await deps.db
      .insertInto('musyawarah_decisions')
      .values({
        musyawarah_id: meeting.id,
        ticket_id: row.ticketId,
        decision,
        note,
        outcome: outcome.outcome,
        reason: outcome.reason ?? null,
      })
      .execute();
    outcomes.push(outcome);
  }
  for (const row of gone) {
    const note = text(row.note).trim().slice(0, MAX_TEXT_LENGTH) || null;
    const outcome: DecisionOutcome = {
      ticketId: row.ticketId,
      decision: row.decision as MusyawarahDecision,
      outcome: 'refused',
      reason: 'musyawarah.no_longer_waiting',
    };
    await deps.db
      .insertInto('musyawarah_decisions')
      .values({
        musyawarah_id: meeting.id,
        ticket_id: row.ticketId,
        decision: outcome.decision,
        note,
        outcome: 'refused',
        reason: outcome.reason ?? null,
      })
      .execute();
    outcomes.push(outcome);
  }
  await recordAudit(deps, {
    actor: officer,
    action: 'musyawarah_record',
    target: { type: 'musyawarah', id: meeting.id },
    clientAddress: clientKey,
    detail: {
      village,
      moved: outcomes.filter((o) => o.outcome === 'moved').length,
      recorded: outcomes.filter((o) => o.outcome === 'recorded').length,
      refused: outcomes.filter((o) => o.outcome === 'refused').length,
    },
  });
  return { id: meeting.id, outcomes, repeated: false };
}

export interface MinutesRow extends AgendaItem {
  decision: MusyawarahDecision;
  note: string | null;
  outcome: 'moved' | 'recorded' | 'refused';
  reason: string | null;
}

export interface Minutes {
  id: number;
  villageCode: string;
  heldOn: string;
  place: string;
  attendees: string[];
  recordedBy: string;
  recordedAt: string;
  rows: MinutesRow[];
}

/** A meeting's minutes (berita acara), for the officers of its village; elsewhere it does not exist. */
export async function loadMinutes(
  deps: Deps,
  officer: Officer,
  id: number,
  clientKey: string,
): Promise<Minutes> {
  const meeting = Number.isSafeInteger(id)
    ? await deps.db
        .selectFrom('musyawarah as mu')
        .innerJoin('users as u', 'u.id', 'mu.recorded_by')
        .select([
          'mu.id',
          'mu.village_code',
          'mu.held_on',
          'mu.place',
          'mu.attendees',
          'mu.recorded_at',
          'u.display_name',
        ])
        .where('mu.id', '=', id)
        .executeTakeFirst()
    : undefined;
  const mayRead = meeting && canHoldMusyawarah(officer, meeting.village_code);
  if (!meeting || !mayRead) throw new AppError('not_found', { musyawarah: 'musyawarah.not_found' });
  const decisions = await deps.db
    .selectFrom('musyawarah_decisions')
    .select(['ticket_id', 'decision', 'note', 'outcome', 'reason'])
    .where('musyawarah_id', '=', meeting.id)
    .orderBy('id')
    .execute();
  const items = await describe(
    deps,
    decisions.map((d) => d.ticket_id),
  );
  await recordAudit(deps, {
    actor: officer,
    action: 'musyawarah_view',
    target: { type: 'musyawarah', id: meeting.id },
    clientAddress: clientKey,
    subjects: await subjectsOfTickets(
      deps,
      decisions.map((d) => d.ticket_id),
    ),
  });
  return {
    id: meeting.id,
    villageCode: meeting.village_code,
    heldOn: meeting.held_on,
    place: meeting.place,
    attendees: meeting.attendees
      .split(/\r?\n/)
      .map((a) => a.trim())
      .filter(Boolean),
    recordedBy: meeting.display_name,
    recordedAt: meeting.recorded_at,
    rows: decisions.flatMap((d) => {
      const item = items.get(d.ticket_id);
      return item
        ? [{ ...item, decision: d.decision, note: d.note, outcome: d.outcome, reason: d.reason }]
        : [];
    }),
  };
}

/** The village's meetings, newest first, for links to their minutes. */
export async function listMeetings(deps: Deps, villageCode: string) {
  return deps.db
    .selectFrom('musyawarah')
    .select(['id', 'held_on', 'place'])
    .where('village_code', '=', villageCode)
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
}
