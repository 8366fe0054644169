// Cek status by NIK + KK: a NIK alone proves nothing (NIKs are guessable and have leaked), so
// the KK number must match too, and a wrong KK answers exactly like an unknown NIK.

import { preparedQuery } from '../../db/prepared-query.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError, type FieldErrors } from '../errors.ts';
import { districtCodeOf, parseKk, parseNik } from '../nik/nik.ts';
import { maskName, maskNumber } from '../privacy/mask.ts';
import { isProgramCode, PROGRAM_NAMES } from '../programs.ts';
import type { RegionNode } from '../regions/region-directory.ts';
import type { MembershipView } from './membership-view.ts';

export interface CekByNikInput {
  nik: string;
  kk: string;
}

/** Who asks, as the edge knows them (an address); counted, never stored. */
export interface Caller {
  clientKey: string;
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
// database's answer). The memberships join only when the KK matches, so a wrong KK reads no
// more than an unknown NIK: one row without memberships, or none.
const lookupByNik = preparedQuery((db, param) =>
  db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .leftJoin('program_memberships as pm', (join) =>
      join.onRef('pm.household_id', '=', 'h.id').on('h.kk', '=', param<string>('kk')),
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
      'pm.program_code',
      'pm.period',
      'pm.status',
      'pm.suspension_reason',
      'pm.amount',
      'pm.channel',
      'pm.collection_point',
    ])
    .where('m.nik', '=', param<string>('nik'))
    .orderBy('pm.program_code')
    .orderBy('pm.period', 'desc'),
);

export async function checkHouseholdByNik(
  deps: DomainDeps,
  input: CekByNikInput,
  caller: Caller,
): Promise<CekAnswer> {
  const { nik, kk } = validateCekByNik(deps, input);
  await deps.limits.countNikCheck(caller.clientKey, nik);
  const rows = await lookupByNik(deps.db, { nik, kk });
  const person = rows[0];
  if (!person || person.kk !== kk) return notFound(deps, kk);
  return {
    found: true,
    person: { name: maskName(person.name), nik: maskNumber(person.nik) },
    head: { name: maskName(person.head_name ?? person.name) },
    kk: maskNumber(person.kk),
    region: regionOf(deps, person.village_code),
    memberships: rows.flatMap(membershipOf),
  };
}

type LookupRow = Awaited<ReturnType<typeof lookupByNik>>[number];

/** The membership on a row of the lookup; none on the row of a household without any. */
function membershipOf(m: LookupRow): MembershipView[] {
  // The joined columns are NOT NULL in program_memberships: all null means no membership.
  if (m.program_code === null || m.period === null || m.status === null) return [];
  return [
    {
      program: m.program_code,
      program_name: isProgramCode(m.program_code) ? PROGRAM_NAMES[m.program_code] : m.program_code,
      period: m.period,
      status: m.status,
      suspension_reason: m.suspension_reason as MembershipView['suspension_reason'],
      amount: m.amount as number,
      channel: m.channel as string,
      collection_point: m.collection_point,
    },
  ];
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
