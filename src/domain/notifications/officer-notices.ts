// Officers hear of new work (issue 20, decisions 0034 and 0041): a new case at their step in
// their area, a case another office moved to their step, a case escalated to their office, and a
// daily digest of their area's at-risk and late cases, to the e-mail address and/or webhook each
// officer chose (officer-preferences.ts). The notices are outbox rows like the residents'
// updates: the same claims, retries and delivery log.
//
// A notice carries what the officer's inbox shows anyway: the reference, the kind and state in
// words, the village, the due date. Never a NIK, a name, a phone number or a note.
import type { Insertable, Kysely } from 'kysely';
import { preparedOnPostgres } from '../../db/prepared-query.ts';
import type { Database, OutboxTable } from '../../db/schema.ts';
import type { Officer } from '../backoffice/officer.ts';
import { inScope, scopeWhere, villagesUnder } from '../backoffice/scope.ts';
import { receivesPlaceless } from '../backoffice/sessions.ts';
import { officesBelow } from '../backoffice/sla.ts';
import type { DomainDeps } from '../deps.ts';
import { officeDate } from '../tickets/due-dates.ts';
import { type MessageLocale, statusText } from '../tickets/status-text.ts';
import { firstReference } from '../tickets/ticket-repository.ts';
import { purposeOf } from '../tickets/usulan-purpose.ts';
import { isResident, RESIDENT, type Role, type TicketKind } from '../tickets/workflow.ts';

export const NOTICE_KINDS = ['new_case', 'escalation', 'digest'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

type Deps = Pick<DomainDeps, 'db' | 'now' | 'regions' | 'area'>;
type Trx = Kysely<Database>;

/** The digest goes out from this hour of an office day (WIB), on the first run after it. */
export const DIGEST_HOUR = 7;
/** Cases listed by name in one digest; the rest are counted. */
export const DIGEST_LISTED = 20;
/** An escalation older than this when first seen is not announced: the digest lists it. */
const ESCALATION_LOOKBACK_MS = 24 * 3600 * 1000;
/** At most this many escalation notices per officer and run; the next run takes the rest. */
const ESCALATIONS_PER_RUN = 20;

const JAKARTA_OFFSET_MS = 7 * 3600 * 1000;

interface Subscriber {
  account_id: number;
  role: string;
  area_code: string | null;
  rt: string | null;
  rw: string | null;
  email: string | null;
  webhook_url: string | null;
}

/** The officers who switched `notice` on, of these roles, with an active account. */
async function subscribers(db: Trx, notice: NoticeKind, roles: readonly string[]): Promise<Subscriber[]> {
  if (roles.length === 0) return [];
  return db
    .selectFrom('officer_notifications as n')
    .innerJoin('users as u', 'u.id', 'n.account_id')
    .select(['n.account_id', 'u.role', 'u.area_code', 'u.rt', 'u.rw', 'n.email', 'n.webhook_url'])
    .where(`n.${notice}`, '=', 1)
    .where('u.disabled_at', 'is', null)
    .where('u.role', 'in', [...roles])
    .where((eb) => eb.or([eb('n.email', 'is not', null), eb('n.webhook_url', 'is not', null)]))
    .orderBy('n.account_id')
    .modifyEnd(preparedOnPostgres)
    .execute();
}

/** The subscriber as the scope rules read an officer. */
function asOfficer(deps: Pick<Deps, 'area'>, s: Subscriber): Officer {
  const role = s.role as Officer['role'];
  return {
    id: s.account_id,
    username: '',
    displayName: '',
    role,
    areaCode: s.area_code,
    rt: s.rt,
    rw: s.rw,
    mustChangePassword: false,
    receivesPlaceless: receivesPlaceless(deps.area, role, s.area_code),
    sessionId: 0,
  };
}

interface Notice {
  kind: NoticeKind;
  subject: string;
  body: string;
  ticketId: number | null;
  reference: string | null;
  /** Without it the notice is always queued; with it, at most once (per channel). */
  dedupe?: string;
}

/** One outbox row per way the officer chose: e-mail, webhook, or both. */
function rowsFor(s: Subscriber, notice: Notice, now: string): Insertable<OutboxTable>[] {
  const base = {
    audience: 'officer' as const,
    account_id: s.account_id,
    kind: notice.kind,
    subject: notice.subject,
    body: notice.body,
    ticket_id: notice.ticketId,
    reference: notice.reference,
    created_at: now,
    next_attempt_at: now,
  };
  const rows: Insertable<OutboxTable>[] = [];
  if (s.email) rows.push({ ...base, channel: 'email', recipient: s.email, dedupe_key: key(notice, 'email') });
  if (s.webhook_url)
    rows.push({ ...base, channel: 'webhook', recipient: s.webhook_url, dedupe_key: key(notice, 'webhook') });
  return rows;
}

const key = (notice: Notice, channel: string) => (notice.dedupe ? `${notice.dedupe}:${channel}` : null);

/** Inserts the rows; a dedupe key already queued is skipped. Answers how many were new. */
async function queue(db: Trx, rows: Insertable<OutboxTable>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insertInto('outbox')
    .values(rows)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

// ── Words ───────────────────────────────────────────────────────────────────────────────────────

const KIND_WORDS: Record<MessageLocale, Record<TicketKind, string>> = {
  id: { usulan: 'Usulan', sanggahan: 'Sanggahan', aduan: 'Aduan' },
  en: { usulan: 'Proposal', sanggahan: 'Objection', aduan: 'Complaint' },
};

const WORDS = {
  id: {
    new_case: 'Kasus baru untuk Anda',
    forwarded: 'Kasus diteruskan ke langkah kantor Anda',
    escalation: 'Kasus terlambat dieskalasi ke kantor Anda',
    digest: 'Ringkasan harian: kasus hampir terlambat dan terlambat',
    village: 'Wilayah',
    noPlace: 'tanpa wilayah',
    due: 'Batas waktu',
    noDue: 'tanpa batas waktu',
    open: 'Buka kotak masuk Cek Bansos untuk menanganinya.',
    late: 'terlambat',
    atRisk: 'hampir terlambat',
    more: (n: number) => `dan ${n} kasus lain.`,
    counts: (risk: number, late: number) => `${late} terlambat, ${risk} hampir terlambat.`,
  },
  en: {
    new_case: 'A new case for you',
    forwarded: 'A case forwarded to your office’s step',
    escalation: 'A late case escalated to your office',
    digest: 'Daily digest: cases at risk and late',
    village: 'Area',
    noPlace: 'no place named',
    due: 'Due',
    noDue: 'no time limit',
    open: 'Open the Cek Bansos inbox to work on it.',
    late: 'late',
    atRisk: 'at risk',
    more: (n: number) => `and ${n} more cases.`,
    counts: (risk: number, late: number) => `${late} late, ${risk} at risk.`,
  },
} as const;

const LOCALES: readonly MessageLocale[] = ['id', 'en'];

interface CaseFacts {
  id: number;
  kind: TicketKind;
  status: string;
  topic: string | null;
  area_code: string | null;
  rt: string | null;
  rw: string | null;
  due_at: string | null;
  responsible_role: string | null;
  reference: string | null;
}

function placeOf(deps: Pick<Deps, 'regions'>, locale: MessageLocale, c: CaseFacts): string {
  if (!c.area_code) return WORDS[locale].noPlace;
  const village = deps.regions.get(c.area_code)?.name ?? c.area_code;
  return c.rt && c.rw ? `${village} RT ${c.rt}/RW ${c.rw}` : village;
}

// Made once: building a DateTimeFormat costs more than the rest of a notice together.
const DUE_FORMAT: Record<MessageLocale, Intl.DateTimeFormat> = Object.fromEntries(
  (['id', 'en'] as const).map((locale) => [
    locale,
    new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Asia/Jakarta',
    }),
  ]),
) as Record<MessageLocale, Intl.DateTimeFormat>;

function dueOf(locale: MessageLocale, dueAt: string | null): string {
  return dueAt ? DUE_FORMAT[locale].format(new Date(dueAt)) : WORDS[locale].noDue;
}

/** "USL-7KQ4M9XP — Usulan: diajukan, … · Wilayah: Sukamaju RT 001/RW 002 · Batas waktu: 10 Desember 2026" */
function caseLine(deps: Pick<Deps, 'regions'>, locale: MessageLocale, c: CaseFacts): string {
  const w = WORDS[locale];
  const state = statusText(locale, c.kind, c.status, purposeOf(c.kind, c.topic));
  return `${c.reference ?? '—'} — ${KIND_WORDS[locale][c.kind]}: ${state} · ${w.village}: ${placeOf(deps, locale, c)} · ${w.due}: ${dueOf(locale, c.due_at)}`;
}

/** Officers have no language setting: a notice is written in Bahasa Indonesia, then English. */
function bothLanguages(part: (locale: MessageLocale) => string): string {
  return LOCALES.map(part).join('\n\n');
}

/** How a case notice opens: filed at the officer's step, moved there by another office, or late. */
type CaseNews = 'new_case' | 'forwarded' | 'escalation';

function caseNotice(deps: Pick<Deps, 'regions'>, news: CaseNews, c: CaseFacts, dedupe?: string): Notice {
  const head = (l: MessageLocale) => WORDS[l][news];
  return {
    // A forwarded case is new work at the officer's step: the same switch and kind (decision 0041).
    kind: news === 'escalation' ? 'escalation' : 'new_case',
    subject: `Cek Bansos: ${head('id')} / ${head('en')} — ${c.reference ?? ''}`.trim(),
    body: bothLanguages((l) => `${head(l)}:\n${caseLine(deps, l, c)}\n${WORDS[l].open}`),
    ticketId: c.id,
    reference: c.reference,
    ...(dedupe ? { dedupe } : {}),
  };
}

const CASE_COLUMNS = [
  't.id',
  't.kind',
  't.status',
  't.topic',
  't.area_code',
  't.rt',
  't.rw',
  't.due_at',
  't.at_risk_at',
  't.responsible_role',
  't.closed_at',
] as const;

// ── A new case ──────────────────────────────────────────────────────────────────────────────────

/**
 * In the transaction that opened the case: a notice to each officer of the role whose step it
 * is, in whose area the case lies, who asked for new cases. Answers how many rows were queued.
 */
export async function queueNewCaseNotices(
  trx: Trx,
  deps: Pick<Deps, 'now' | 'regions' | 'area'>,
  ticketId: number,
  reference: string,
): Promise<number> {
  // Who asked first: most submissions meet nobody who did, and then cost this one query.
  const asked = await subscribers(trx, 'new_case', ['rt_rw', 'kelurahan', 'dinsos']);
  if (asked.length === 0) return 0;
  const ticket = await trx
    .selectFrom('tickets as t')
    .select([...CASE_COLUMNS])
    .where('t.id', '=', ticketId)
    .executeTakeFirst();
  const role = ticket?.responsible_role;
  if (!ticket || !role || isResident(role)) return 0;
  const facts: CaseFacts = { ...ticket, kind: ticket.kind as TicketKind, reference };
  const now = deps.now().toISOString();
  const rows = asked
    .filter((s) => s.role === role && inScope(asOfficer(deps, s), ticket))
    .flatMap((s) => rowsFor(s, caseNotice(deps, 'new_case', facts, stepKey(facts, s)), now));
  return queue(trx, rows);
}

/** Once per officer, case and step, whether the case was filed there or moved there (decision 0041). */
const stepKey = (c: Pick<CaseFacts, 'id' | 'status'>, s: Subscriber) =>
  `new_case:${c.id}:${c.status}:${s.account_id}`;

// ── A case moved to another office's step ───────────────────────────────────────────────────────

export interface CaseMoved {
  ticketId: number;
  /** The office whose step the case left (null: none, e.g. a closed case). */
  fromRole: string | null;
  /** The officer who moved it: never told of their own move. */
  moverId: number;
  moverRole: string;
}

/**
 * In the transaction of an officer's move: when the case now waits on an office that did not
 * just hold it, or an office other than the mover's (the kelurahan forwarding a complaint at the
 * Dinas Sosial's step), a notice to each officer of that office whose area holds the case and
 * who asked for new cases, except the mover. Once per officer, case and step. Answers how many
 * rows were queued.
 */
export async function queueForwardedCaseNotices(
  trx: Trx,
  deps: Pick<Deps, 'now' | 'regions' | 'area'>,
  moved: CaseMoved,
): Promise<number> {
  const ticket = await trx
    .selectFrom('tickets as t')
    .select([...CASE_COLUMNS, firstReference])
    .where('t.id', '=', moved.ticketId)
    .executeTakeFirst();
  const role = ticket?.responsible_role;
  if (!ticket || !role || isResident(role) || ticket.closed_at !== null) return 0;
  if (role === moved.fromRole && role === moved.moverRole) return 0;
  const asked = await subscribers(trx, 'new_case', [role]);
  const facts: CaseFacts = {
    ...ticket,
    kind: ticket.kind as TicketKind,
    reference: ticket.reference ?? null,
  };
  const now = deps.now().toISOString();
  const rows = asked
    .filter((s) => s.account_id !== moved.moverId && inScope(asOfficer(deps, s), ticket))
    .flatMap((s) => rowsFor(s, caseNotice(deps, 'forwarded', facts, stepKey(facts, s)), now));
  return queue(trx, rows);
}

// ── Escalations and the digest: a scheduled run ─────────────────────────────────────────────────

/**
 * A case escalates to an office when its step's time runs out while an office below holds it
 * (sla.ts): no one writes anything then, so this run notices it. One notice per officer, case
 * and due time (`dedupe_key`), however often the run comes.
 */
export async function queueEscalationNotices(deps: Deps): Promise<number> {
  const now = deps.now();
  const nowIso = now.toISOString();
  const since = new Date(now.getTime() - ESCALATION_LOOKBACK_MS).toISOString();
  let queued = 0;
  for (const s of await subscribers(deps.db, 'escalation', ['kelurahan', 'dinsos'])) {
    const officer = asOfficer(deps, s);
    const below = officesBelow(officer.role as Role);
    const cases = await deps.db
      .selectFrom('tickets as t')
      .select([...CASE_COLUMNS, firstReference])
      .where(scopeWhere(officer, villagesUnder(deps.regions)))
      .where('t.closed_at', 'is', null)
      .where('t.due_at', '<', nowIso)
      .where('t.due_at', '>=', since)
      .where('t.responsible_role', 'in', below.length > 0 ? below : [''])
      .orderBy('t.due_at')
      .limit(ESCALATIONS_PER_RUN)
      .execute();
    const rows = cases.flatMap((c) =>
      rowsFor(
        s,
        caseNotice(
          deps,
          'escalation',
          { ...c, kind: c.kind as TicketKind, reference: c.reference ?? null },
          `escalation:${c.id}:${c.due_at}:${s.account_id}`,
        ),
        nowIso,
      ),
    );
    queued += await queue(deps.db, rows);
  }
  return queued;
}

/** The office's calendar day of `now` and whether the digest is due on it (a working day, past 07:00 WIB). */
export async function digestDay(db: Trx, now: Date): Promise<string | null> {
  const local = new Date(now.getTime() + JAKARTA_OFFSET_MS);
  const day = officeDate(now.toISOString());
  const weekday = local.getUTCDay();
  if (weekday === 0 || weekday === 6 || local.getUTCHours() < DIGEST_HOUR) return null;
  const holiday = await db.selectFrom('holidays').select('date').where('date', '=', day).executeTakeFirst();
  return holiday ? null : day;
}

/**
 * Once per office day, to each officer who asked: their area's open cases at risk or late (the
 * clock not paused on the resident). Nothing is sent on a day with none. Running it again the
 * same day queues nothing: the day is in the `dedupe_key`.
 */
export async function queueDigests(deps: Deps): Promise<number> {
  const now = deps.now();
  const day = await digestDay(deps.db, now);
  if (!day) return 0;
  const nowIso = now.toISOString();
  let queued = 0;
  for (const s of await subscribers(deps.db, 'digest', ['rt_rw', 'kelurahan', 'dinsos'])) {
    const dedupe = `digest:${s.account_id}:${day}`;
    // Already queued today (a second run, another process): no need to read the cases again.
    const done = await deps.db
      .selectFrom('outbox')
      .select('id')
      .where('dedupe_key', 'in', [`${dedupe}:email`, `${dedupe}:webhook`])
      .executeTakeFirst();
    if (done) continue;
    const officer = asOfficer(deps, s);
    const urgent = deps.db
      .selectFrom('tickets as t')
      .where(scopeWhere(officer, villagesUnder(deps.regions)))
      .where('t.closed_at', 'is', null)
      .where('t.at_risk_at', '<=', nowIso)
      .where('t.responsible_role', '<>', RESIDENT);
    const cases = await urgent
      .select([...CASE_COLUMNS, firstReference])
      .orderBy('t.due_at')
      .orderBy('t.id')
      .limit(DIGEST_LISTED)
      .execute();
    if (cases.length === 0) continue;
    const counted = await urgent
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(eb.case().when('t.due_at', '<', nowIso).then(1).else(0).end()).as('late'),
      ])
      .executeTakeFirstOrThrow();
    const total = Number(counted.n);
    const late = Number(counted.late ?? 0);
    const facts = cases.map((c) => ({ ...c, kind: c.kind as TicketKind, reference: c.reference ?? null }));
    const notice: Notice = {
      kind: 'digest',
      subject: `Cek Bansos: ${WORDS.id.digest} / ${WORDS.en.digest} — ${day}`,
      body: bothLanguages((l) =>
        [
          `${WORDS[l].digest} (${day}): ${WORDS[l].counts(total - late, late)}`,
          ...facts.map(
            (c) =>
              `- ${c.due_at && c.due_at < nowIso ? `[${WORDS[l].late}]` : `[${WORDS[l].atRisk}]`} ${caseLine(deps, l, c)}`,
          ),
          ...(total > facts.length ? [WORDS[l].more(total - facts.length)] : []),
          WORDS[l].open,
        ].join('\n'),
      ),
      ticketId: null,
      reference: null,
      dedupe,
    };
    queued += await queue(deps.db, rowsFor(s, notice, nowIso));
  }
  return queued;
}

/** One scheduled run: escalations, then the digest. Runs before each pass of the delivery loop. */
export async function queueOfficerNotices(deps: Deps): Promise<{ escalations: number; digests: number }> {
  const escalations = await queueEscalationNotices(deps);
  const digests = await queueDigests(deps);
  return { escalations, digests };
}
