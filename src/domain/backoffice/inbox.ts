// The officer's inbox: the cases of their area, filtered from the URL, most urgent first. Every
// filter is a plain column on `tickets`, so the same query runs on SQLite and PostgreSQL and stays
// an index range with 100,000 cases.
import { type Compilable, type CompiledQuery, sql } from 'kysely';
import { z } from 'zod';
import { engineOf, isoFromJson, jsonRowsFrom, readJsonArray } from '../../db/engine.ts';
import { PREPARED_MARK, runCompiled } from '../../db/prepared-query.ts';
import type { DomainDeps } from '../deps.ts';
import { keptPerScope } from '../kept-per-scope.ts';
import { oneOf } from '../tickets/forms/fields.ts';
import { firstReference } from '../tickets/ticket-repository.ts';
import { RESIDENT, TICKET_KINDS, type TicketKind, workflowOf } from '../tickets/workflow.ts';
import { colleaguesQuery } from './accounts.ts';
import { FOUND_MAX, type FoundCases, readCaseQuery, referenceMatch } from './find-case.ts';
import type { Officer } from './officer.ts';
import { readsVillageCounts } from './permissions.ts';
import { areaCodesInText, countedAreas, scopeWhere, villagesUnder } from './scope.ts';
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
  /** The officers a case may be assigned to (`colleaguesOf`), read with the rest. */
  colleagues: { id: number; display_name: string }[];
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
  const pageSize = found ? FOUND_MAX : INBOX_PAGE_SIZE;
  const show = filter.show ?? (found ? 'all' : 'open');
  const counted = totalFromCounts(officer, filter, found, show);
  const requested = filter.page ?? 1;
  const cases = () => filteredCases(deps, officer, filter, found, show, now);

  // One statement for the page (decision 0040): the counts per state, the page of cases, the
  // office's colleagues (the assignee lists) and, when the counts cannot say it, the capped
  // total, each as a JSON array of a subquery. On PostgreSQL a statement is a round trip, and the
  // five of an inbox (with the session and the catalogue) cost more of the server's CPU than the
  // page's rendering. Built and compiled once per officer and filter (`compiledInbox`).
  const statement = compiledInbox(
    deps,
    [
      officer.id,
      officer.role,
      officer.areaCode,
      officer.rt,
      officer.rw,
      officer.receivesPlaceless,
      filter,
      found?.ticketIds ?? null,
      filter.sla || filter.escalated ? now : null,
      requested,
    ],
    () => {
      const query = cases();
      const areas = readsVillageCounts(officer) ? countedAreas(officer, villagesUnder(deps.regions)) : null;
      return deps.db.selectNoFrom((eb) => [
        jsonRowsFrom(deps.db, countsQuery(deps, officer, areas), COUNT_COLUMNS).as('counts'),
        jsonRowsFrom(deps.db, pageQuery(deps, query, pageSize, requested), ROW_COLUMNS).as('rows'),
        jsonRowsFrom(deps.db, colleaguesQuery(deps.db, officer), COLLEAGUE_COLUMNS).as('colleagues'),
        (counted
          ? eb.val(null)
          : eb
              .selectFrom(
                query
                  .select('t.id')
                  .limit(INBOX_COUNT_CAP + 1)
                  .as('capped'),
              )
              .select((c) => c.fn.countAll<number>().as('n'))
        ).as('total'),
      ]);
    },
  );
  const [read] = await runCompiled(deps.db, statement);
  if (!read) throw new Error('the inbox statement answered no row');

  const counts = readJsonArray(read.counts)
    .map(([kind, status, n]) => ({ kind, status, n: Number(n) }))
    .filter((c) => c.n > 0)
    .sort(
      (a, b) =>
        TICKET_KINDS.indexOf(a.kind) - TICKET_KINDS.indexOf(b.kind) ||
        workflowOf(a.kind).states.indexOf(a.status) - workflowOf(b.kind).states.indexOf(b.status),
    );
  const total = counted ? totalOf(filter, counts) : Number(read.total);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(requested, pages);
  // Past the last page (an old link after cases moved on): the last page, read again.
  const rows =
    page === requested
      ? readJsonArray(read.rows)
      : readJsonArray(
          (
            await deps.db
              .selectNoFrom(() => [
                jsonRowsFrom(deps.db, pageQuery(deps, cases(), pageSize, page), ROW_COLUMNS).as('rows'),
              ])
              .executeTakeFirstOrThrow()
          ).rows,
        );

  const at = deps.now();
  const timestamps = engineOf(deps.db) === 'postgres' ? isoFromJson : (text: string | null) => text;
  const listed = rows.map(
    ([
      id,
      kind,
      status,
      reference,
      area_code,
      rt,
      rw,
      program,
      topic,
      responsible_role,
      due,
      risk,
      closed,
      opened,
      assignee_id,
      assignee_name,
    ]) => {
      const due_at = timestamps(due);
      const times = { due_at, at_risk_at: timestamps(risk), closed_at: timestamps(closed), responsible_role };
      const sla = slaState(times, at);
      return {
        id,
        kind,
        status,
        reference: reference ?? null,
        area_code,
        rt,
        rw,
        program,
        topic,
        responsible_role,
        due_at,
        opened_at: timestamps(opened) as string,
        assignee_id,
        assignee_name,
        sla,
        escalated: isEscalatedTo(officer.role, times, at, sla),
      };
    },
  );
  // In the due-date index's order, as the page's subquery read them (a JSON array's order is not
  // promised): SQLite puts a case without a due date first, PostgreSQL last.
  const noDue = engineOf(deps.db) === 'postgres' ? 1 : -1;
  listed.sort((a, b) =>
    a.due_at === b.due_at
      ? a.id - b.id
      : a.due_at === null
        ? noDue
        : b.due_at === null
          ? -noDue
          : a.due_at < b.due_at
            ? -1
            : 1,
  );
  return {
    rows: listed,
    total,
    page,
    pages,
    counts,
    colleagues: readJsonArray(read.colleagues).map(([id, display_name]) => ({ id, display_name })),
  };
}

const COUNT_COLUMNS = ['kind', 'status', 'n'] as const;
const ROW_COLUMNS = [
  'id',
  'kind',
  'status',
  'reference',
  'area_code',
  'rt',
  'rw',
  'program',
  'topic',
  'responsible_role',
  'due_at',
  'at_risk_at',
  'closed_at',
  'opened_at',
  'assignee_id',
  'assignee_name',
] as const;
const COLLEAGUE_COLUMNS = ['id', 'display_name'] as const;

type TicketQuery = ReturnType<typeof ticketsOfArea>;

/** The cases of the officer's area that the filters (or a search's `found`) keep. */
function filteredCases(
  deps: Deps,
  officer: Officer,
  filter: InboxFilter,
  found: FoundCases | undefined,
  show: (typeof INBOX_SHOW)[number],
  now: string,
): TicketQuery {
  let query = ticketsOfArea(deps, officer);
  if (found) query = query.where('t.id', 'in', found.ticketIds.length > 0 ? found.ticketIds : [-1]);
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
  return query;
}

/**
 * The inbox's statement, compiled: building and compiling it (the area's villages, the filters,
 * three subqueries) cost a twentieth of the page's CPU, for the same text and values on every
 * view of the same office. Kept per database, by everything that shapes the text or its values
 * (`key`: the officer, the filter, the found cases, the clock when a filter reads it, the page),
 * the most recent 256. The compiled text is a function of the key alone, so a second copy of
 * this module (pages and server are bundled apart) would hold the same statements, never other
 * ones. On PostgreSQL each text is also a named statement (PREPARED_MARK).
 */
function compiledInbox<Row>(deps: Deps, key: unknown[], build: () => Compilable<Row>): CompiledQuery<Row> {
  return keepCompiled(deps.db, JSON.stringify(key), () => {
    const built = build().compile();
    // Marked to be prepared once per PostgreSQL connection: planning it anew cost PostgreSQL more
    // than running it (0.4 ms against 0.3 ms at 100,000 cases).
    return { ...built, sql: `${PREPARED_MARK}${built.sql}` };
  }) as CompiledQuery<Row>;
}

const keepCompiled = keptPerScope<CompiledQuery<unknown>>(256);

function ticketsOfArea(deps: Deps, officer: Officer) {
  return deps.db.selectFrom('tickets as t').where(scopeWhere(officer, villagesUnder(deps.regions), true));
}

/**
 * The page's cases found first, in the due-date index's order (a subquery with its own LIMIT,
 * which neither engine folds into the outer query); then what the rows show, for those only (a
 * reference looked up for every case in the area before sorting cost 150 ms at 100,000).
 */
function pageQuery(deps: Deps, query: TicketQuery, pageSize: number, page: number) {
  return deps.db
    .selectFrom(
      query
        .select(['t.id as page_id', 't.due_at as page_due'])
        .orderBy('t.due_at')
        .orderBy('t.id')
        // Written into the text, not bound: PostgreSQL plans a prepared statement once only when
        // its generic plan is as good as one made for the values, and a LIMIT it cannot see
        // plans a sort of the whole area (18 ms). Bound, it planned anew on every view, 0.3 ms.
        .limit(sql.lit(pageSize))
        .offset(sql.lit((page - 1) * pageSize))
        .as('p'),
    )
    .innerJoin('tickets as t', 't.id', 'p.page_id')
    .leftJoin('users as u', 'u.id', 't.assignee_id')
    .select((eb) => [
      't.id',
      't.kind',
      't.status',
      firstReference(eb),
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
    ]);
}

type StateCount = Inbox['counts'][number];

/**
 * Open cases per state in the officer's area. An office above the RT/RW adds up the counts the
 * database keeps per village (migration 031) instead of reading every open case (`areas`, from
 * `countedAreas`); an RT/RW head's few cases are counted where they are (the counts know no
 * RT/RW; `areas` null).
 */
function countsQuery(deps: Deps, officer: Officer, areas: string[] | null) {
  if (areas === null)
    return ticketsOfArea(deps, officer)
      .where('t.closed_at', 'is', null)
      .select((eb) => ['t.kind', 't.status', eb.fn.countAll<number>().as('n')])
      .groupBy(['t.kind', 't.status']);
  const counts = deps.db.selectFrom('open_ticket_counts as t');
  return (
    areas.length > 0
      ? counts.where('t.area_code', 'in', areaCodesInText(areas))
      : counts.where('t.id', '<', 0)
  )
    .select((eb) => ['t.kind', 't.status', eb.fn.sum<number>('t.n').as('n')])
    .groupBy(['t.kind', 't.status']);
}

/**
 * Whether the state counts give the inbox's total: its filters are only the kind and the state of
 * open cases (the view an office opens first). Otherwise the cases are counted, up to the cap.
 */
function totalFromCounts(
  officer: Officer,
  filter: InboxFilter,
  found: FoundCases | undefined,
  show: (typeof INBOX_SHOW)[number],
): boolean {
  const { kind: _kind, status: _status, page: _page, show: _show, ...others } = filter;
  const narrowed = Object.values(others).some((v) => v !== undefined);
  return !found && show === 'open' && !narrowed && readsVillageCounts(officer);
}

/** The total of the counts of the filter's kind and state. */
function totalOf(filter: InboxFilter, counts: readonly StateCount[]): number {
  const n = counts
    .filter((c) => (!filter.kind || c.kind === filter.kind) && (!filter.status || c.status === filter.status))
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
