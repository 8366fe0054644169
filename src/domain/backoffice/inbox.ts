// The officer's inbox: the cases of their area, filtered from the URL, most urgent first. Every
// filter is a plain column on `tickets`, so the same query runs on SQLite and PostgreSQL and stays
// an index range with 100,000 cases.
import { z } from 'zod';
import type { DomainDeps } from '../deps.ts';
import { oneOf } from '../tickets/forms/fields.ts';
import { firstReference } from '../tickets/ticket-repository.ts';
import { RESIDENT, TICKET_KINDS, type TicketKind, workflowOf } from '../tickets/workflow.ts';
import { FOUND_MAX, type FoundCases, readCaseQuery, referenceMatch } from './find-case.ts';
import type { Officer } from './officer.ts';
import { readsVillageCounts } from './permissions.ts';
import { countedAreas, scopeWhere, villagesUnder } from './scope.ts';
import { isEscalatedTo, officesBelow, SLA_STATES, type SlaState, slaState } from './sla.ts';

export const INBOX_PAGE_SIZE = 25;
/** Which cases the inbox lists: the open ones unless asked. */
export const INBOX_SHOW = ['open', 'closed', 'all'] as const;

const optional = <T extends z.ZodType>(schema: T) =>
  z
    .preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional())
    .catch(undefined);

/** The filters as they come from the query string; anything unreadable is simply not applied. */
const filterSchema = z.object({
  kind: optional(oneOf(TICKET_KINDS)),
  status: optional(z.string().max(40)),
  village: optional(z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/)),
  rt: optional(z.string().regex(/^\d{1,3}$/)),
  rw: optional(z.string().regex(/^\d{1,3}$/)),
  program: optional(z.string().max(20)),
  topic: optional(z.string().max(60)),
  sla: optional(oneOf(SLA_STATES)),
  assignee: optional(z.union([z.literal('me'), z.literal('none'), z.string().regex(/^\d{1,9}$/)])),
  escalated: optional(z.literal('1')),
  q: optional(z.string().max(40)),
  page: optional(z.coerce.number().int().min(1).max(100_000)),
  /** `open` (default), `closed` or `all`. */
  show: optional(z.enum(INBOX_SHOW)),
});
export type InboxFilter = z.infer<typeof filterSchema>;

export function readInboxFilter(params: URLSearchParams): InboxFilter {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(filterSchema.shape)) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  // The inbox an office opens first has no filter: nothing to read.
  return Object.keys(raw).length === 0 ? {} : filterSchema.parse(raw);
}

export interface InboxRow {
  id: number;
  kind: TicketKind;
  status: string;
  reference: string | null;
  area_code: string | null;
  rt: string | null;
  rw: string | null;
  program: string | null;
  topic: string | null;
  responsible_role: string | null;
  due_at: string | null;
  opened_at: string;
  assignee_id: number | null;
  assignee_name: string | null;
  sla: SlaState;
  escalated: boolean;
}

export interface Inbox {
  rows: InboxRow[];
  /** At most INBOX_COUNT_CAP + 1: "more than INBOX_COUNT_CAP". */
  total: number;
  page: number;
  pages: number;
  /** Open cases per state, in the officer's area, whatever the other filters. */
  counts: { kind: TicketKind; status: string; n: number }[];
}

type Deps = Pick<DomainDeps, 'db' | 'now' | 'regions'>;

/** Beyond this the inbox says "more than": counting every case of a province costs more than it tells. */
export const INBOX_COUNT_CAP = 10_000;

/**
 * `found`: the cases a search of the officer's area found (find-case.ts), listed on one page and
 * whether open or closed unless the filters say; the other filters still apply.
 */
export async function loadInbox(
  deps: Deps,
  officer: Officer,
  filter: InboxFilter,
  found?: FoundCases,
): Promise<Inbox> {
  const now = deps.now().toISOString();
  const base = deps.db.selectFrom('tickets as t').where(scopeWhere(officer, villagesUnder(deps.regions)));
  let query = base;
  const pageSize = found ? FOUND_MAX : INBOX_PAGE_SIZE;
  if (found) query = query.where('t.id', 'in', found.ticketIds.length > 0 ? found.ticketIds : [-1]);
  const show = filter.show ?? (found ? 'all' : 'open');
  if (show === 'open') query = query.where('t.closed_at', 'is', null);
  if (show === 'closed') query = query.where('t.closed_at', 'is not', null);
  if (filter.kind) query = query.where('t.kind', '=', filter.kind);
  if (filter.status) query = query.where('t.status', '=', filter.status);
  if (filter.village) query = query.where('t.area_code', '=', filter.village);
  if (filter.rt) query = query.where('t.rt', '=', filter.rt.padStart(3, '0'));
  if (filter.rw) query = query.where('t.rw', '=', filter.rw.padStart(3, '0'));
  if (filter.program) query = query.where('t.program', '=', filter.program);
  if (filter.topic) query = query.where('t.topic', '=', filter.topic);
  if (filter.assignee === 'me') query = query.where('t.assignee_id', '=', officer.id);
  else if (filter.assignee === 'none') query = query.where('t.assignee_id', 'is', null);
  else if (filter.assignee) query = query.where('t.assignee_id', '=', Number(filter.assignee));
  if (filter.sla) query = query.where((eb) => slaWhere(eb, filter.sla as SlaState, now));
  if (filter.escalated) {
    const below = officesBelow(officer.role);
    query = query
      .where((eb) => slaWhere(eb, 'breached', now))
      .where('t.responsible_role', 'in', below.length > 0 ? below : ['']);
  }
  if (filter.q) {
    // In the URL only a ticket number, whole or in part: a NIK, a phone number or a name is
    // searched through the posted search box (findCases), audited, and kept out of the history.
    const reading = readCaseQuery(filter.q);
    const match = reading.ok && reading.query.kind === 'reference' ? referenceMatch(reading.query) : null;
    query = query.where((eb) =>
      match
        ? eb.exists(
            eb
              .selectFrom('ticket_submissions as s')
              .select('s.id')
              .whereRef('s.ticket_id', '=', 't.id')
              .where('s.reference', match.op, match.value),
          )
        : // No case has a negative id; a bound `false` is not a value SQLite takes.
          eb('t.id', '<', 0),
    );
  }

  const counts = await openCounts(deps, officer);
  const total =
    countsAnswer(officer, filter, found, show, counts) ??
    Number(
      (
        await deps.db
          .selectFrom(
            query
              .select('t.id')
              .limit(INBOX_COUNT_CAP + 1)
              .as('capped'),
          )
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filter.page ?? 1, pages);
  // The page's 25 cases found first, in the due-date index's order (a subquery with its own
  // LIMIT, which neither engine folds into the outer query); then what the rows show, for those
  // only (a reference looked up for every case in the area before sorting cost 150 ms at
  // 100,000). One statement: on PostgreSQL one round trip instead of two.
  const rows = await deps.db
    .selectFrom(
      query
        .select(['t.id as page_id', 't.due_at as page_due'])
        .orderBy('t.due_at')
        .orderBy('t.id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .as('p'),
    )
    .innerJoin('tickets as t', 't.id', 'p.page_id')
    .leftJoin('users as u', 'u.id', 't.assignee_id')
    .select((eb) => [
      't.id',
      't.kind',
      't.status',
      't.area_code',
      't.rt',
      't.rw',
      't.program',
      't.topic',
      't.responsible_role',
      't.due_at',
      't.at_risk_at',
      't.closed_at',
      't.opened_at',
      't.assignee_id',
      'u.display_name as assignee_name',
      firstReference(eb),
    ])
    .orderBy('p.page_due')
    .orderBy('p.page_id')
    .execute();

  const at = deps.now();
  return {
    rows: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      reference: r.reference ?? null,
      area_code: r.area_code,
      rt: r.rt,
      rw: r.rw,
      program: r.program,
      topic: r.topic,
      responsible_role: r.responsible_role,
      due_at: r.due_at,
      opened_at: r.opened_at,
      assignee_id: r.assignee_id,
      assignee_name: r.assignee_name,
      sla: slaState(r, at),
      escalated: isEscalatedTo(officer.role, r, at),
    })),
    total,
    page,
    pages,
    counts,
  };
}

type StateCount = Inbox['counts'][number];

/**
 * Open cases per state in the officer's area. An office above the RT/RW adds up the counts the
 * database keeps per village (migration 031) instead of reading every open case; an RT/RW head's
 * few cases are counted where they are (the counts know no RT/RW).
 */
async function openCounts(deps: Deps, officer: Officer): Promise<StateCount[]> {
  const areas = readsVillageCounts(officer) ? countedAreas(officer, villagesUnder(deps.regions)) : null;
  const rows =
    areas === null
      ? await deps.db
          .selectFrom('tickets as t')
          .where(scopeWhere(officer, villagesUnder(deps.regions)))
          .where('t.closed_at', 'is', null)
          .select((eb) => ['t.kind', 't.status', eb.fn.countAll<number>().as('n')])
          .groupBy(['t.kind', 't.status'])
          .execute()
      : areas.length === 0
        ? []
        : await deps.db
            .selectFrom('open_ticket_counts as t')
            .where('t.area_code', 'in', areas)
            .select((eb) => ['t.kind', 't.status', eb.fn.sum<number>('t.n').as('n')])
            .groupBy(['t.kind', 't.status'])
            .execute();
  return rows
    .map((c) => ({ kind: c.kind, status: c.status, n: Number(c.n) }))
    .filter((c) => c.n > 0)
    .sort(
      (a, b) =>
        TICKET_KINDS.indexOf(a.kind) - TICKET_KINDS.indexOf(b.kind) ||
        workflowOf(a.kind).states.indexOf(a.status) - workflowOf(b.kind).states.indexOf(b.status),
    );
}

/**
 * The inbox's total from the state counts, when its filters are only the kind and the state of
 * open cases (the view an office opens first); null when another filter needs the cases read.
 */
function countsAnswer(
  officer: Officer,
  filter: InboxFilter,
  found: FoundCases | undefined,
  show: (typeof INBOX_SHOW)[number],
  counts: readonly StateCount[],
): number | null {
  const { kind, status, page: _page, show: _show, ...others } = filter;
  const narrowed = Object.values(others).some((v) => v !== undefined);
  if (found || show !== 'open' || narrowed || !readsVillageCounts(officer)) return null;
  const n = counts
    .filter((c) => (!kind || c.kind === kind) && (!status || c.status === status))
    .reduce((sum, c) => sum + c.n, 0);
  return Math.min(n, INBOX_COUNT_CAP + 1);
}

type TicketEb = Parameters<ReturnType<typeof scopeWhere>>[0];

function slaWhere(eb: TicketEb, sla: SlaState, now: string) {
  const open = eb('t.closed_at', 'is', null);
  const notPaused = eb.or([eb('t.responsible_role', 'is', null), eb('t.responsible_role', '!=', RESIDENT)]);
  switch (sla) {
    case 'paused':
      return eb.and([open, eb('t.responsible_role', '=', RESIDENT)]);
    case 'breached':
      return eb.and([open, notPaused, eb('t.due_at', '<', now)]);
    case 'at_risk':
      return eb.and([open, notPaused, eb('t.due_at', '>=', now), eb('t.at_risk_at', '<=', now)]);
    case 'on_track':
      return eb.and([
        open,
        notPaused,
        eb('t.due_at', '>=', now),
        eb.or([eb('t.at_risk_at', 'is', null), eb('t.at_risk_at', '>', now)]),
      ]);
    default:
      return eb.or([eb('t.closed_at', 'is not', null), eb('t.due_at', 'is', null)]);
  }
}
