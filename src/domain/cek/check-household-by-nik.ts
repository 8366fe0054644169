// Cek status by NIK + KK: a NIK alone proves nothing (NIKs are guessable and have leaked), so
// the KK number must match too, and a wrong KK answers exactly like an unknown NIK.

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

export async function checkHouseholdByNik(
  deps: DomainDeps,
  input: CekByNikInput,
  caller: Caller,
): Promise<CekAnswer> {
  const { nik, kk } = validateCekByNik(deps, input);
  await deps.limits.countNikCheck(caller.clientKey, nik);
  const person = await deps.db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .leftJoin('household_members as head', (join) =>
      join.onRef('head.household_id', '=', 'h.id').on('head.relation', '=', 'kepala'),
    )
    .select(['m.name', 'm.nik', 'h.id as household_id', 'h.kk', 'h.village_code', 'head.name as head_name'])
    .where('m.nik', '=', nik)
    .executeTakeFirst();
  if (!person || person.kk !== kk) return notFound(deps, kk);

  const memberships = await deps.db
    .selectFrom('program_memberships')
    .select([
      'program_code',
      'period',
      'status',
      'suspension_reason',
      'amount',
      'channel',
      'collection_point',
    ])
    .where('household_id', '=', person.household_id)
    .orderBy('program_code')
    .orderBy('period', 'desc')
    .execute();

  return {
    found: true,
    person: { name: maskName(person.name), nik: maskNumber(person.nik) },
    head: { name: maskName(person.head_name ?? person.name) },
    kk: maskNumber(person.kk),
    region: regionOf(deps, person.village_code),
    memberships: memberships.map((m) => ({
      program: m.program_code,
      program_name: isProgramCode(m.program_code) ? PROGRAM_NAMES[m.program_code] : m.program_code,
      period: m.period,
      status: m.status,
      suspension_reason: m.suspension_reason as MembershipView['suspension_reason'],
      amount: m.amount,
      channel: m.channel,
      collection_point: m.collection_point,
    })),
  };
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
