// Cek status by NIK + KK: a NIK alone proves nothing (NIKs are guessable and have leaked), so
// the KK number must match too, and a wrong KK answers exactly like an unknown NIK.

import { type JsonArrayElement, jsonRowsFrom, readJsonArray } from '../../db/engine.ts';
import { preparedQuery } from '../../db/prepared-query.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError, type FieldErrors } from '../errors.ts';
import { districtCodeOf, parseKk, parseNik } from '../nik/nik.ts';
import { maskName, maskNumber } from '../privacy/mask.ts';
import type { RegionNode } from '../regions/region-directory.ts';
import { officeDate } from '../tickets/due-dates.ts';
import { desilAnswers, desilOf, type ProgramDesilAnswer } from './desil-answer.ts';
import type { RequestProof } from './lookup-limits.ts';
import type { MessageLocale } from './membership-status.ts';
import { benefitOf, type MembershipView } from './membership-view.ts';

export interface CekByNikInput {
  nik: string;
  kk: string;
}

/** Who asks, as the edge knows them (an address); counted, never stored. */
export interface Caller {
  clientKey: string;
  /** The proof of work the request carries (lookup-limits.ts); absent: the stricter no-JS limits. */
  proof?: RequestProof;
}

export interface RegionRef {
  code: string;
  name: string;
}

export interface FoundHousehold {
  found: true;
  person: { name: string; nik: string };
  head: { name: string };
  kk: string;
  region: {
    province: RegionRef | null;
    regency: RegionRef | null;
    district: RegionRef | null;
    village: RegionRef | null;
  };
  memberships: MembershipView[];
  /**
   * The household's DTSEN desil (1–10; null: none yet) and the day the list that last wrote the
   * household was applied (null: no list did). Personal data about poverty: only here, after NIK
   * and KK proved the household, never on a name search or in the figures.
   */
  desil: {
    value: number | null;
    as_of: string | null;
    /** The DTSEN snapshot (`2026-Q1`) of the list that last wrote the household; null: it named none. */
    snapshot: string | null;
    /**
     * What the desil was before the list that last moved it, and the day that list was applied
     * (migration 022); null when no list moved it (seeded, or no history kept). `value` null: the
     * household had no desil before.
     */
    previous: { value: number | null; changed_on: string } | null;
  };
  /** One answer per program that takes households by desil (desil-answer.ts), with its name. */
  desil_programs: (ProgramDesilAnswer & { program_name: string })[];
}

export interface NotFound {
  found: false;
  /**
   * Present when the KK number was issued outside the office's service area: the office does
   * not hold that household's data, so "not registered" would mislead. The KK, not the NIK,
   * decides: a NIK keeps its place of first issue for life, while a family that moves gets a
   * new KK where it lives.
   */
  outside_service_area?: { kk_region: RegionRef[] };
}

export type CekAnswer = FoundHousehold | NotFound;

export function validateCekByNik(
  deps: Pick<DomainDeps, 'regions' | 'now'>,
  input: CekByNikInput,
): { nik: string; kk: string } {
  const errors: FieldErrors = {};
  const nik = parseNik(input.nik, deps.regions.districtExists, deps.now());
  if (!nik.ok) errors.nik = `nik.${nik.rule}`;
  const kk = parseKk(input.kk, deps.regions.districtExists);
  if (!kk.ok) errors.kk = `kk.${kk.rule}`;
  if (!nik.ok || !kk.ok) throw new AppError('validation_failed', errors);
  return { nik: nik.value.nik, kk: kk.value.kk };
}

// One statement for the person, the household and its memberships: one round trip (which is most
// of a lookup's cost on PostgreSQL), built and compiled once (building it cost as much as the
// database's answer). The memberships come as one JSON array on the person's row: as joined rows
// they repeated the person's columns on each, and turning those rows into objects cost more than
// the reads. They are read only when the KK matches, so a wrong KK reads no more than an
// unknown NIK. The program's names and benefit come from its profile in the same statement: a
// program an office added reads with its own name and words, at no extra trip.
const MEMBERSHIP_COLUMNS = [
  'program_code',
  'program_name',
  'program_name_en',
  'benefit',
  'period',
  'status',
  'suspension_reason',
  'amount',
  'channel',
  'collection_point',
  'list_date',
] as const;

const CEILING_COLUMNS = ['code', 'desil_ceiling', 'latest_period', 'name', 'name_en'] as const;

const DESIL_MOVE_COLUMNS = ['from_desil', 'to_desil', 'changed_at'] as const;

const lookupByNik = preparedQuery((db, param) =>
  db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    // The desil's date and DTSEN snapshot: the list that last wrote the household (one seek on
    // its key), read only when the KK matches.
    .leftJoin('imports as hi', (join) =>
      join.onRef('hi.id', '=', 'h.import_id').on('h.kk', '=', param<string>('kk')),
    )
    .select((eb) => [
      'm.name',
      'm.nik',
      'h.kk',
      'h.village_code',
      eb
        .selectFrom('household_members as head')
        .select('head.name')
        .whereRef('head.household_id', '=', 'h.id')
        .where('head.relation', '=', 'kepala')
        .orderBy('head.id')
        .limit(1)
        .as('head_name'),
      jsonRowsFrom(
        db,
        eb
          .selectFrom('program_memberships as pm')
          .leftJoin('imports as i', 'i.id', 'pm.import_id')
          .leftJoin('programs as pp', 'pp.code', 'pm.program_code')
          .select([
            'pm.program_code',
            'pp.name as program_name',
            'pp.name_en as program_name_en',
            'pp.benefit',
            'pm.period',
            'pm.status',
            'pm.suspension_reason',
            'pm.amount',
            'pm.channel',
            'pm.collection_point',
            // "Data per": the day the list was written, so a resident can tell a stale answer.
            'i.applied_at as list_date',
          ])
          .whereRef('pm.household_id', '=', 'h.id')
          .where('h.kk', '=', param<string>('kk')),
        MEMBERSHIP_COLUMNS,
      ).as('memberships'),
      'h.desil',
      'hi.applied_at as desil_as_of',
      'hi.dtsen_snapshot as desil_snapshot',
      // The latest move of the desil (one seek on household_id, id), read only when the KK matches.
      // By its id, not ORDER BY … LIMIT 1: SQLite runs a limited subquery inside the aggregate as
      // a co-routine per lookup, which cost 30 µs of a 40 µs lookup here (`npm run bench`).
      jsonRowsFrom(
        db,
        eb
          .selectFrom('household_desil_changes as dc')
          .select(['dc.from_desil', 'dc.to_desil', 'dc.changed_at'])
          .where('dc.id', '=', (se) =>
            se
              .selectFrom('household_desil_changes as latest')
              .select((le) => le.fn.max('latest.id').as('id'))
              .whereRef('latest.household_id', '=', 'h.id'),
          )
          .where('h.kk', '=', param<string>('kk')),
        DESIL_MOVE_COLUMNS,
      ).as('desil_moves'),
      // The ceilings are policy, kept in `programs` (migration 021): read with the rest, one trip,
      // each with the program's latest period in the register (one seek on program_code, period).
      jsonRowsFrom(
        db,
        eb
          .selectFrom('programs as p')
          .select((pe) => [
            'p.code',
            'p.desil_ceiling',
            'p.name',
            'p.name_en',
            pe
              .selectFrom('program_memberships as lp')
              .select((le) => le.fn.max('lp.period').as('latest'))
              .whereRef('lp.program_code', '=', 'p.code')
              .as('latest_period'),
          ])
          .where('p.desil_ceiling', 'is not', null)
          .where('h.kk', '=', param<string>('kk')),
        CEILING_COLUMNS,
      ).as('ceilings'),
    ])
    .where('m.nik', '=', param<string>('nik')),
);

export async function checkHouseholdByNik(
  deps: DomainDeps,
  input: CekByNikInput,
  caller: Caller,
  locale: MessageLocale = 'id',
): Promise<CekAnswer> {
  const { nik, kk } = validateCekByNik(deps, input);
  await deps.limits.countNikCheck(caller.clientKey, nik, caller.proof);
  const [person] = await lookupByNik(deps.db, { nik, kk });
  if (!person || person.kk !== kk) return notFound(deps, kk);
  const memberships = readJsonArray(person.memberships)
    .map((row) => membershipView(row, locale))
    .sort(programThenLatestPeriod);
  const desil = desilOf(person.desil);
  const previous = previousDesil(desil, readJsonArray(person.desil_moves)[0]);
  const rows = readJsonArray(person.ceilings);
  const ceilings = rows.map(([program, desil_ceiling, latest_period]) => ({
    program,
    desil_ceiling,
    latest_period,
  }));
  const names = new Map(rows.map(([code, , , name, name_en]) => [code, nameIn(locale, name, name_en)]));
  return {
    found: true,
    person: { name: maskName(person.name), nik: maskNumber(person.nik) },
    head: { name: maskName(person.head_name ?? person.name) },
    kk: maskNumber(person.kk),
    region: regionOf(deps, person.village_code),
    memberships,
    desil: {
      value: desil,
      as_of: person.desil_as_of ? officeDate(person.desil_as_of) : null,
      snapshot: person.desil_snapshot ?? null,
      previous,
    },
    // Field by field, not `{ ...a, program_name }`: spreading cost more than working out the answers.
    desil_programs: desilAnswers(desil, ceilings, memberships, previous?.value ?? null).map((a) => ({
      program: a.program,
      desil_ceiling: a.desil_ceiling,
      latest_period: a.latest_period,
      within_ceiling: a.within_ceiling,
      answer: a.answer,
      rose_from: a.rose_from,
      program_name: names.get(a.program) ?? a.program,
    })),
  };
}

type DesilMoveRow = JsonArrayElement<Awaited<ReturnType<typeof lookupByNik>>[number]['desil_moves']>;

/** The latest move, when it is the one that gave the desil the register holds now. */
function previousDesil(
  desil: number | null,
  move: DesilMoveRow | undefined,
): FoundHousehold['desil']['previous'] {
  if (!move) return null;
  const [from, to, changedAt] = move;
  if (desilOf(to) !== desil || desil === null) return null;
  return { value: desilOf(from), changed_on: officeDate(String(changedAt)) };
}

type MembershipRow = JsonArrayElement<Awaited<ReturnType<typeof lookupByNik>>[number]['memberships']>;

/** The English name when there is one, else the Indonesian one (as the catalogue's nameOf). */
function nameIn(locale: MessageLocale, name: string | null, nameEn: string | null): string | null {
  return locale === 'en' && nameEn ? nameEn : name;
}

function membershipView(
  [
    program,
    program_name,
    program_name_en,
    benefit,
    period,
    status,
    suspension_reason,
    amount,
    channel,
    collection_point,
    list_date,
  ]: MembershipRow,
  locale: MessageLocale,
): MembershipView {
  return {
    program,
    // A membership whose program has no profile (left join) keeps its code as its name.
    program_name: nameIn(locale, program_name, program_name_en) ?? program,
    benefit: benefitOf(benefit),
    period,
    status,
    suspension_reason: suspension_reason as MembershipView['suspension_reason'],
    amount,
    channel,
    collection_point,
    list_date: list_date ? officeDate(list_date) : null,
  };
}

/**
 * Programs by code, each program's latest period first. Sorted here, not in SQL: neither engine
 * promises the order of a JSON aggregate's elements, and code-unit order is the same on both.
 */
function programThenLatestPeriod(a: MembershipView, b: MembershipView): number {
  if (a.program !== b.program) return a.program < b.program ? -1 : 1;
  return a.period < b.period ? 1 : a.period > b.period ? -1 : 0;
}

/** Says where a KK number was issued, by today's names, when that lies outside the area. */
function notFound(deps: Pick<DomainDeps, 'regions' | 'area'>, kk: string): NotFound {
  const district = deps.regions.districtOfIssue(districtCodeOf(kk));
  if (!district || !deps.area.excludes(district.code)) return { found: false };
  return {
    found: false,
    outside_service_area: {
      kk_region: deps.regions
        .lineage(district.code)
        .reverse()
        .map((n) => ({ code: n.code, name: n.name })),
    },
  };
}

function regionOf(deps: Pick<DomainDeps, 'regions'>, villageCode: string): FoundHousehold['region'] {
  const [province, regency, district, village] = deps.regions.lineage(villageCode);
  const ref = (n: RegionNode | undefined) => (n ? { code: n.code, name: n.name } : null);
  return { province: ref(province), regency: ref(regency), district: ref(district), village: ref(village) };
}
