// The aggregates of the statistics pages, one set for the public page and the back office: the
// back office sees them exact, for its area; the public page sees them for any region with every
// count below 5 hidden (`publicView`). Counts only: nothing here carries a NIK, a name or a text
// a resident wrote.
import { type ExpressionBuilder, sql } from 'kysely';
import { startsWithLiteral } from '../../db/engine.ts';
import type { Database } from '../../db/schema.ts';
import type { Officer } from '../backoffice/officer.ts';
import { scopeWhere, villagesUnder } from '../backoffice/scope.ts';
import type { DomainDeps } from '../deps.ts';
import { DEFAULT_OFFICE_ZONE, type OfficeZone } from '../regions/office-zone.ts';
import { ADUAN_PROGRAMS } from '../tickets/aduan-catalogue.ts';
import { CASE_PURPOSES, type CasePurpose, casePurposeOf, KIND_OF_PURPOSE } from '../tickets/case-purpose.ts';
import { DUPLICATE, isTerminal, RESIDENT, TICKET_KINDS, type TicketKind } from '../tickets/workflow.ts';
import { SUPPRESS_BELOW } from './recipient-stats.ts';

type Deps = Pick<DomainDeps, 'db' | 'regions' | 'now'> & Partial<Pick<DomainDeps, 'tickets'>>;

/** Whose figures: a region (public, any level), or an officer's area (their tickets' scope). */
export type StatsArea = { region: string } | { officer: Officer };

const DAY_MS = 86_400_000;
/** Periods, months and years are counted on the clock of the office (WIB, WITA or WIT), not UTC. */
export const officeMonth = (iso: string, zone: OfficeZone = DEFAULT_OFFICE_ZONE): string =>
  new Date(Date.parse(iso) + zone.offsetHours * 3_600_000).toISOString().slice(0, 7);

function regionOf(area: StatsArea): string {
  return 'region' in area ? area.region : (area.officer.areaCode ?? '');
}

function ticketsIn(deps: Deps, area: StatsArea) {
  if ('officer' in area) return scopeWhere(area.officer, villagesUnder(deps.regions));
  const code = area.region;
  return (eb: ExpressionBuilder<Database & { t: Database['tickets'] }, 't'>) =>
    eb.or([eb('t.area_code', '=', code), startsWithLiteral('t.area_code', `${code}.`)]);
}

/** Every village at or under `region`: listed rather than matched by prefix, which no index serves. */
function villagesAtOrUnder(regions: Deps['regions'], region: string): string[] {
  const node = regions.get(region);
  if (!node) return [];
  if (node.level === 4) return [node.code];
  return regions.children(region).flatMap((child) => villagesAtOrUnder(regions, child.code));
}

/**
 * Figures over the register are read from up to a few hundred thousand memberships (200 ms on
 * Kota Mojokerto's demo data), and the public page is open to anyone: they are kept for a minute
 * per database, region and program. The register changes by imports, not by the second; a
 * minute-old figure is still right for a statistics page. Tickets are counted fresh.
 */
const REMEMBER_MS = 60_000;
const MAX_REMEMBERED = 500;
const remembered = new WeakMap<object, Map<string, { at: number; value: Promise<unknown> }>>();

function remember<T>(deps: Deps, key: string, compute: () => Promise<T>): Promise<T> {
  let entries = remembered.get(deps.db);
  if (!entries) {
    entries = new Map();
    remembered.set(deps.db, entries);
  }
  // The process clock, not `deps.now`: a fixed clock in tests would never let an entry expire.
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && now - hit.at < REMEMBER_MS) return hit.value as Promise<T>;
  const value = compute();
  const kept = entries;
  value.catch(() => kept.delete(key));
  kept.delete(key);
  kept.set(key, { at: now, value });
  // Oldest first in a Map: drop the oldest when a crawler walks every region.
  if (kept.size > MAX_REMEMBERED) kept.delete(kept.keys().next().value as string);
  return value;
}

// ── Tickets ─────────────────────────────────────────────────────────────────────────────────────

export interface ComplaintsByYear {
  years: number[];
  rows: { program: string; counts: number[] }[];
  totals: number[];
}

/** SLRT complaints per program and year (seed 002 Tabel 1 is this table for Kota Mojokerto). */
export function complaintsByProgramYear(deps: Deps, area: StatsArea): Promise<ComplaintsByYear> {
  // The public page's (by region) is remembered like the register's figures; an officer's is fresh.
  return 'region' in area
    ? remember(deps, `complaints ${area.region}`, () => countComplaints(deps, area))
    : countComplaints(deps, area);
}

async function countComplaints(deps: Deps, area: StatsArea): Promise<ComplaintsByYear> {
  const rows = await deps.db
    .selectFrom('tickets as t')
    .select(['t.program', 't.opened_at'])
    .where('t.kind', '=', 'aduan')
    .where(ticketsIn(deps, area))
    .execute();
  const counts = new Map<string, Map<number, number>>();
  const years = new Set<number>();
  for (const r of rows) {
    const year = Number(officeMonth(r.opened_at, deps.tickets?.zone).slice(0, 4));
    const program = r.program ?? 'LAINNYA';
    years.add(year);
    const byYear = counts.get(program) ?? new Map<number, number>();
    counts.set(program, byYear);
    byYear.set(year, (byYear.get(year) ?? 0) + 1);
  }
  const yearList = [...years].sort((a, b) => a - b);
  const order = (p: string) => {
    const i = (ADUAN_PROGRAMS as readonly string[]).indexOf(p);
    return i < 0 ? ADUAN_PROGRAMS.length : i;
  };
  const programs = [...counts.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const table = programs.map((program) => ({
    program,
    counts: yearList.map((y) => counts.get(program)?.get(y) ?? 0),
  }));
  return {
    years: yearList,
    rows: table,
    totals: yearList.map((_, i) => table.reduce((s, r) => s + (r.counts[i] ?? 0), 0)),
  };
}

export interface CountRow {
  kind: TicketKind;
  key: string;
  n: number;
}

export interface StateCountRow extends CountRow {
  purpose: CasePurpose;
}

/** Tickets by purpose and state, largest first within each purpose. */
export async function ticketsByKindState(deps: Deps, area: StatsArea): Promise<StateCountRow[]> {
  const rows = await deps.db
    .selectFrom('tickets as t')
    .select(['t.kind', 't.topic', 't.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where(ticketsIn(deps, area))
    .groupBy(['t.kind', 't.topic', 't.status'])
    .execute();
  const sums = new Map<string, StateCountRow>();
  for (const r of rows) {
    const purpose = casePurposeOf(r.kind, r.topic);
    const row = sums.get(`${purpose} ${r.status}`) ?? { kind: r.kind, purpose, key: r.status, n: 0 };
    row.n += Number(r.n);
    sums.set(`${purpose} ${r.status}`, row);
  }
  return [...sums.values()].sort(
    (a, b) => CASE_PURPOSES.indexOf(a.purpose) - CASE_PURPOSES.indexOf(b.purpose) || b.n - a.n,
  );
}

export interface PurposeCount {
  purpose: CasePurpose;
  kind: TicketKind;
  open: number;
  closed: number;
  total: number;
}

export { CASE_PURPOSES, type CasePurpose } from '../tickets/case-purpose.ts';

/**
 * Cases per purpose (case-purpose.ts), open and closed (a state that ends its workflow), every purpose listed even
 * at zero: desil disputes apart from proposals, PBI-JK reactivations apart from complaints.
 */
export async function ticketsByPurpose(deps: Deps, area: StatsArea): Promise<PurposeCount[]> {
  const byState = await ticketsByKindState(deps, area);
  return CASE_PURPOSES.map((purpose) => {
    const rows = byState.filter((r) => r.purpose === purpose);
    const closed = rows.filter((r) => isTerminal(r.kind, r.key)).reduce((s, r) => s + r.n, 0);
    const total = rows.reduce((s, r) => s + r.n, 0);
    return { purpose, kind: KIND_OF_PURPOSE[purpose], open: total - closed, closed, total };
  });
}

/** Complaints by program and problem, objections by reason (`key` is `program/problem` or the reason). */
export async function ticketsByTopic(deps: Deps, area: StatsArea): Promise<CountRow[]> {
  const rows = await deps.db
    .selectFrom('tickets as t')
    .select(['t.kind', 't.program', 't.topic', (eb) => eb.fn.countAll<number>().as('n')])
    .where('t.kind', 'in', ['aduan', 'sanggahan'])
    .where(ticketsIn(deps, area))
    .groupBy(['t.kind', 't.program', 't.topic'])
    .execute();
  return rows
    .map((r) => ({
      kind: r.kind,
      key: r.kind === 'aduan' ? `${r.program ?? '-'}/${r.topic ?? '-'}` : (r.topic ?? '-'),
      n: Number(r.n),
    }))
    .sort((a, b) => TICKET_KINDS.indexOf(a.kind) - TICKET_KINDS.indexOf(b.kind) || b.n - a.n);
}

export interface TicketTimes {
  /** Opened per month (WIB), per kind: `months[i]` counts `byKind[kind][i]`. */
  months: string[];
  byMonth: Record<TicketKind, number[]>;
  years: string[];
  byYear: Record<TicketKind, number[]>;
  /** Days from opening to closing of the closed cases (duplicates are merged, not resolved). */
  resolution: { kind: TicketKind; closed: number; median: number | null; p90: number | null }[];
  /**
   * Open cases past their due date, per responsible office and village. Only offices: a step the
   * resident holds (`perlu_perbaikan`, responsible `warga`) is no office's lateness (issue 20
   * item 7) and is counted in `waitingOnResident` instead.
   */
  overdue: OverdueGroup[];
  /** Open cases past their due date whose step the resident holds (a correction asked of them), per village. */
  waitingOnResident: OverdueGroup[];
}

export interface OverdueGroup {
  office: string;
  area_code: string | null;
  unit: string | null;
  n: number;
}

/** The role that stands for the resident in a workflow's `responsible` table. */
const RESIDENT_ROLE = RESIDENT;

/** Nearest-rank percentile (`p` in 0–100) of sorted values; null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

export async function ticketTimes(deps: Deps, area: StatsArea): Promise<TicketTimes> {
  const rows = await deps.db
    .selectFrom('tickets as t')
    .select(['t.kind', 't.status', 't.opened_at', 't.closed_at'])
    .where(ticketsIn(deps, area))
    .execute();
  const monthSet = new Set<string>();
  for (const r of rows) monthSet.add(officeMonth(r.opened_at, deps.tickets?.zone));
  const months = [...monthSet].sort();
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  const empty = (n: number) =>
    Object.fromEntries(TICKET_KINDS.map((k) => [k, Array<number>(n).fill(0)])) as Record<
      TicketKind,
      number[]
    >;
  const byMonth = empty(months.length);
  const byYear = empty(years.length);
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const yearIndex = new Map(years.map((y, i) => [y, i]));
  const durations = new Map<TicketKind, number[]>(TICKET_KINDS.map((k) => [k, []]));
  for (const r of rows) {
    const month = officeMonth(r.opened_at, deps.tickets?.zone);
    const m = byMonth[r.kind];
    const y = byYear[r.kind];
    const mi = monthIndex.get(month) ?? 0;
    const yi = yearIndex.get(month.slice(0, 4)) ?? 0;
    m[mi] = (m[mi] ?? 0) + 1;
    y[yi] = (y[yi] ?? 0) + 1;
    if (r.closed_at && r.status !== DUPLICATE && isTerminal(r.kind, r.status)) {
      durations.get(r.kind)?.push((Date.parse(r.closed_at) - Date.parse(r.opened_at)) / DAY_MS);
    }
  }
  const resolution = TICKET_KINDS.map((kind) => {
    const sorted = (durations.get(kind) ?? []).sort((a, b) => a - b);
    const days = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
    return {
      kind,
      closed: sorted.length,
      median: days(percentile(sorted, 50)),
      p90: days(percentile(sorted, 90)),
    };
  });

  const overdue = await deps.db
    .selectFrom('tickets as t')
    .select([
      't.responsible_role',
      't.area_code',
      't.responsible_unit',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('t.closed_at', 'is', null)
    .where('t.due_at', '<', deps.now().toISOString())
    .where(ticketsIn(deps, area))
    .groupBy(['t.responsible_role', 't.area_code', 't.responsible_unit'])
    .execute();
  const groups: OverdueGroup[] = overdue
    .map((r) => ({
      office: r.responsible_role ?? '-',
      area_code: r.area_code,
      unit: r.responsible_unit,
      n: Number(r.n),
    }))
    .sort((a, b) => b.n - a.n || (a.area_code ?? '').localeCompare(b.area_code ?? ''));
  return {
    months,
    byMonth,
    years,
    byYear,
    resolution,
    overdue: groups.filter((g) => g.office !== RESIDENT_ROLE),
    waitingOnResident: groups.filter((g) => g.office === RESIDENT_ROLE),
  };
}

// ── Recipients ──────────────────────────────────────────────────────────────────────────────────

export interface PeriodCollection {
  program: string;
  period: string;
  listed: number;
  collected: number;
  /** collected / listed in percent, two decimals (as the Mojokerto tables print it). */
  rate: number | null;
}

export interface VillageCount {
  program: string;
  period: string;
  village_code: string;
  n: number;
}

export const ratePercent = (collected: number, listed: number): number | null =>
  listed === 0 ? null : Math.round((collected / listed) * 10_000) / 100;

function membershipCounts(deps: Deps, region: string, program?: string) {
  return remember(deps, `memberships ${region} ${program ?? '*'}`, () =>
    countMemberships(deps, region, program),
  );
}

async function countMemberships(deps: Deps, region: string, program?: string) {
  const villages = villageCodesOf(deps, region);
  let query = deps.db
    .selectFrom('program_memberships as pm')
    .innerJoin('households as h', 'h.id', 'pm.household_id')
    .select([
      'pm.program_code',
      'pm.period',
      'h.village_code',
      (eb) => eb.fn.countAll<number>().as('listed'),
      sql<number>`sum(case when pm.status = 'collected' then 1 else 0 end)`.as('collected'),
    ])
    .where('h.village_code', 'in', villages);
  if (program) query = query.where('pm.program_code', '=', program);
  return query.groupBy(['pm.program_code', 'pm.period', 'h.village_code']).execute();
}

/** Listed and collected KPM per program and period (seed 002 Tabel 2 for BPNT in Kota Mojokerto). */
export async function collectionByPeriod(
  deps: Deps,
  area: StatsArea,
  program?: string,
): Promise<PeriodCollection[]> {
  const rows = await membershipCounts(deps, regionOf(area), program);
  const sums = new Map<string, PeriodCollection>();
  for (const r of rows) {
    const key = `${r.program_code} ${r.period}`;
    const row = sums.get(key) ?? {
      program: r.program_code,
      period: r.period,
      listed: 0,
      collected: 0,
      rate: null,
    };
    row.listed += Number(r.listed);
    row.collected += Number(r.collected);
    sums.set(key, row);
  }
  return [...sums.values()]
    .map((r) => ({ ...r, rate: ratePercent(r.collected, r.listed) }))
    .sort((a, b) => a.program.localeCompare(b.program) || a.period.localeCompare(b.period));
}

/** The village codes at or under a region, for an `IN` list (one no village has, when it holds none). */
function villageCodesOf(deps: Deps, region: string): string[] {
  const villages = villagesAtOrUnder(deps.regions, region);
  return villages.length > 0 ? villages : [''];
}

/** The rows of each program's latest period among them (periods of one program sort as text). */
function inLatestPeriod<R extends { program_code: string; period: string }>(rows: readonly R[]): R[] {
  const latest = new Map<string, string>();
  for (const r of rows)
    if ((latest.get(r.program_code) ?? '') < r.period) latest.set(r.program_code, r.period);
  return rows.filter((r) => latest.get(r.program_code) === r.period);
}

/** KPM per program per village in each program's latest period in the area. */
export async function recipientsPerVillage(deps: Deps, area: StatsArea): Promise<VillageCount[]> {
  const rows = await membershipCounts(deps, regionOf(area));
  return inLatestPeriod(rows)
    .map((r) => ({
      program: r.program_code,
      period: r.period,
      village_code: r.village_code,
      n: Number(r.listed),
    }))
    .sort((a, b) => a.program.localeCompare(b.program) || a.village_code.localeCompare(b.village_code));
}

export interface DesilCount {
  program: string;
  period: string;
  /** 1–10; null: the household has no desil yet. */
  desil: number | null;
  n: number;
}

/**
 * Households per desil in each desil-based program's latest period in the area (decision 0027):
 * how far the list reaches up the ranking, and how many were taken in without a desil.
 */
export async function recipientsByDesil(deps: Deps, area: StatsArea): Promise<DesilCount[]> {
  const villages = villageCodesOf(deps, regionOf(area));
  const rows = await deps.db
    .selectFrom('program_memberships as pm')
    .innerJoin('households as h', 'h.id', 'pm.household_id')
    .innerJoin('programs as p', 'p.code', 'pm.program_code')
    .select(['pm.program_code', 'pm.period', 'h.desil', (eb) => eb.fn.countAll<number>().as('n')])
    .where('p.desil_ceiling', 'is not', null)
    .where('h.village_code', 'in', villages)
    .groupBy(['pm.program_code', 'pm.period', 'h.desil'])
    .execute();
  const order = (d: number | null) => d ?? Number.MAX_SAFE_INTEGER;
  return inLatestPeriod(rows)
    .map((r) => ({ program: r.program_code, period: r.period, desil: r.desil, n: Number(r.n) }))
    .sort((a, b) => a.program.localeCompare(b.program) || order(a.desil) - order(b.desil));
}

export interface DesilDropCount {
  program: string;
  village_code: string;
  n: number;
}

/**
 * Households of a desil-based program whose latest desil move took them above its ceiling, per
 * village (`household_desil_changes`): the families a DTSEN update dropped, the ones who come to
 * the office asking why (issue 19). Counted for each program the household was ever listed in.
 */
export async function droppedByDesil(deps: Deps, area: StatsArea): Promise<DesilDropCount[]> {
  const villages = villageCodesOf(deps, regionOf(area));
  const rows = await deps.db
    .selectFrom('household_desil_changes as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .innerJoin('programs as p', (join) => join.on('p.desil_ceiling', 'is not', null))
    .select(['p.code as program', 'h.village_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('h.village_code', 'in', villages)
    .whereRef('c.from_desil', '<=', 'p.desil_ceiling')
    .whereRef('c.to_desil', '>', 'p.desil_ceiling')
    .where((eb) =>
      eb(
        'c.id',
        '=',
        eb
          .selectFrom('household_desil_changes as latest')
          .select((le) => le.fn.max('latest.id').as('id'))
          .whereRef('latest.household_id', '=', 'c.household_id'),
      ),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('program_memberships as pm')
          .select('pm.id')
          .whereRef('pm.household_id', '=', 'h.id')
          .whereRef('pm.program_code', '=', 'p.code'),
      ),
    )
    .groupBy(['p.code', 'h.village_code'])
    .execute();
  return rows
    .map((r) => ({ program: r.program, village_code: r.village_code, n: Number(r.n) }))
    .sort((a, b) => a.program.localeCompare(b.program) || a.village_code.localeCompare(b.village_code));
}

// ── The public view ─────────────────────────────────────────────────────────────────────────────

/** A count the public may see: below 5 it is hidden (null). */
export const publicCount = (n: number): number | null => (n < SUPPRESS_BELOW ? null : n);

/** The complaints table as the public sees it: small cells hidden, totals kept. */
export function publicComplaints(table: ComplaintsByYear) {
  return {
    years: table.years,
    rows: table.rows.map((r) => ({ program: r.program, counts: r.counts.map(publicCount) })),
    totals: table.totals.map(publicCount),
  };
}

/** A period's rate is shown only when both of its counts may be. */
export function publicCollection(rows: readonly PeriodCollection[]) {
  return rows.map((r) => {
    const listed = publicCount(r.listed);
    const collected = publicCount(r.collected);
    return { ...r, listed, collected, rate: listed === null || collected === null ? null : r.rate };
  });
}
