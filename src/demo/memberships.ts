// Program memberships of the demo households, programme by programme: who is listed each period,
// who collects and who is suspended, so that the counts are the figures of the seed documents.
// `household_id` here is the household's draft key; seedDemoData swaps in the database's id.
import type { NewProgramMembership } from '../db/schema.ts';
import { type PkhComponent, PROGRAM_CODES, pkhStageAmount } from '../domain/programs.ts';
import { titleCase } from '../domain/regions/region-name.ts';
import {
  BPNT_MOJOKERTO_2020,
  BPNT_MONTHLY_AMOUNT_2020,
  BST_CHANNEL,
  BST_PERIODS,
  BST_POST_OFFICE,
  E_WARONG_MOJOKERTO,
  KKS_CHANNEL,
  KKS_GAYUNGAN_2017,
  PBI_JK,
  PKH_CHANNEL,
  PKH_MOJOKERTO_2020,
} from './figures.ts';
import {
  couldBePregnant,
  type HouseholdDraft,
  type MemberDraft,
  schoolOrAgeComponent,
  type VillageContext,
} from './households.ts';
import { Random } from './random.ts';
import { type Pin, type RosterPlan, simulateRoster } from './roster.ts';
import type { FixedHousehold } from './showcase.ts';

/** One stream per programme, so redrawing one leaves the others unchanged. */
const SEEDS = { bpnt: 2020_01, pkh: 2020_03, bst: 2020_04, pbi: 2020_12 } as const;

/**
 * A program's pool is this much larger than its busiest period, so households can come and go;
 * BPNT needs more, as a year of deaths and moves takes some households out for good.
 */
export const POOL_MARGIN = { BPNT: 0.1, PKH: 0.04 } as const;

/** Share of BST KPM who drew each period's payment (seed 001 reports most did). */
const BST_COLLECTED_SHARE = [0.9, 0.93, 0.94, 0.95, 0.95, 0.96, 0.96];

const PBI_JK_DRAWN = 330;

export interface Village extends VillageContext {
  households: HouseholdDraft[];
}

export const MOJOKERTO_KELURAHAN = E_WARONG_MOJOKERTO.flatMap((warong) =>
  warong.kelurahan.map((k) => ({ ...k, e_warong: warong.name })),
);

export function poolSize(listedPerPeriod: readonly number[], margin: number): number {
  const busiest = Math.max(...listedPerPeriod);
  return busiest + Math.ceil(busiest * margin) + 3;
}

type PinsByHousehold = Map<number, Map<string, Pin>>;

export function pinsByProgram(fixedKeys: ReadonlyMap<FixedHousehold, number>): Map<string, PinsByHousehold> {
  const byProgram = new Map<string, PinsByHousehold>();
  for (const [household, id] of fixedKeys) {
    for (const m of household.memberships) {
      if (m.status === 'active') continue;
      const program = byProgram.get(m.program) ?? new Map<number, Map<string, Pin>>();
      byProgram.set(m.program, program);
      const periods = program.get(id) ?? new Map<string, Pin>();
      program.set(id, periods);
      periods.set(m.period, { status: m.status, suspension_reason: m.suspension_reason });
    }
  }
  return byProgram;
}

export function bpntMemberships(
  kelurahan: readonly Village[],
  listed: readonly (readonly number[])[],
  pins: PinsByHousehold | undefined,
): NewProgramMembership[] {
  const plan: RosterPlan = {
    periods: BPNT_MOJOKERTO_2020.map((m) => m.period),
    pools: kelurahan.map((v) => v.households.map((h) => h.key)),
    listed,
    collected: BPNT_MOJOKERTO_2020.map((m) => m.collected),
    pins: pins ?? new Map(),
    churn: 0.015,
    dropEnded: true,
    suspendedShare: 1 / 3,
  };
  const warongOf = new Map(MOJOKERTO_KELURAHAN.map((k) => [k.village_code, k.e_warong]));
  const villageOf = new Map(kelurahan.flatMap((v) => v.households.map((h) => [h.key, v.village_code])));
  return simulateRoster(new Random(SEEDS.bpnt), plan).flatMap((rows, p) =>
    rows.map((row) => ({
      household_id: row.household,
      program_code: 'BPNT',
      period: plan.periods[p] as string,
      status: row.status,
      suspension_reason: row.suspension_reason,
      amount: BPNT_MONTHLY_AMOUNT_2020,
      channel: 'e-Warong',
      collection_point: warongOf.get(villageOf.get(row.household) ?? '') ?? null,
    })),
  );
}

/**
 * PKH KPM are BPNT KPM with a component (seed 002): the pool is drawn from December's BPNT list,
 * and only the households PKH actually listed get their members' components recorded.
 */
export function pkhMemberships(
  kelurahan: readonly Village[],
  decemberBpnt: readonly number[],
  fixed: ReadonlySet<number>,
  pins: PinsByHousehold | undefined,
): NewProgramMembership[] {
  const rng = new Random(SEEDS.pkh);
  const byId = new Map(kelurahan.flatMap((v) => v.households.map((h) => [h.key, h])));
  const pinned = [...(pins?.keys() ?? [])];
  const eligible = decemberBpnt.filter((id) => !fixed.has(id) && canJoinPkh(byId.get(id)));
  const size = poolSize(
    PKH_MOJOKERTO_2020.map((s) => s.listed),
    POOL_MARGIN.PKH,
  );
  const pool = [...pinned, ...rng.sample(eligible, size - pinned.length)].sort((a, b) => a - b);

  const plan: RosterPlan = {
    periods: PKH_MOJOKERTO_2020.map((s) => s.period),
    pools: [pool],
    listed: PKH_MOJOKERTO_2020.map((s) => [s.listed]),
    collected: PKH_MOJOKERTO_2020.map((s) => s.collected),
    pins: pins ?? new Map(),
    churn: 0.03,
    dropEnded: true,
    suspendedShare: 1 / 3,
  };
  const stages = simulateRoster(rng, plan);

  const amounts = new Map<number, number>();
  for (const row of stages.flat()) {
    if (amounts.has(row.household)) continue;
    const household = byId.get(row.household);
    if (!household) throw new Error(`PKH household ${row.household} is not in Kota Mojokerto`);
    if (!fixed.has(household.key)) recordComponents(rng, household.members);
    amounts.set(row.household, pkhStageAmount(componentsOf(household.members)));
  }

  return stages.flatMap((rows, p) =>
    rows.map((row) => ({
      household_id: row.household,
      program_code: 'PKH',
      period: plan.periods[p] as string,
      status: row.status,
      suspension_reason: row.suspension_reason,
      amount: amounts.get(row.household) ?? 0,
      ...PKH_CHANNEL,
    })),
  );
}

function canJoinPkh(household: HouseholdDraft | undefined): boolean {
  return !!household?.members.some((m) => schoolOrAgeComponent(m) !== null || couldBePregnant(m));
}

/**
 * Children and the over-70s qualify by age; a household with none of them qualifies through a
 * pregnancy. A few members are recorded with a severe disability instead of nothing.
 */
function recordComponents(rng: Random, members: MemberDraft[]): void {
  for (const m of members) m.pkh_component = schoolOrAgeComponent(m);
  const mothers = members.filter((m) => m.pkh_component === null && couldBePregnant(m));
  const hasComponent = members.some((m) => m.pkh_component !== null);
  if (mothers.length > 0 && (!hasComponent || rng.chance(0.08))) {
    rng.pick(mothers).pkh_component = 'ibu_hamil';
  }
  for (const m of members) {
    if (m.pkh_component === null && rng.chance(0.02)) m.pkh_component = 'disabilitas_berat';
  }
}

function componentsOf(members: readonly MemberDraft[]): PkhComponent[] {
  return members.flatMap((m) => (m.pkh_component ? [m.pkh_component] : []));
}

/** Every Semampir household of Tabel 1 is listed in every BST period. */
export function bstMemberships(
  kelurahan: readonly Village[],
  pins: PinsByHousehold | undefined,
): NewProgramMembership[] {
  const total = kelurahan.reduce((sum, v) => sum + v.households.length, 0);
  const plan: RosterPlan = {
    periods: BST_PERIODS.map((b) => b.period),
    pools: kelurahan.map((v) => v.households.map((h) => h.key)),
    listed: BST_PERIODS.map(() => kelurahan.map((v) => v.households.length)),
    collected: BST_COLLECTED_SHARE.map((share) => Math.round(total * share)),
    pins: pins ?? new Map(),
    churn: 0,
    dropEnded: false,
    suspendedShare: 1 / 3,
  };
  const villageOf = new Map(kelurahan.flatMap((v) => v.households.map((h) => [h.key, v])));
  return simulateRoster(new Random(SEEDS.bst), plan).flatMap((rows, p) => {
    const { period, amount } = BST_PERIODS[p] as (typeof BST_PERIODS)[number];
    return rows.map((row) => ({
      household_id: row.household,
      program_code: 'BST',
      period,
      status: row.status,
      suspension_reason: row.suspension_reason,
      amount,
      channel: BST_CHANNEL,
      // 2020 payments were drawn at the post office; in 2021 the post came to the kelurahan office.
      collection_point:
        period < '2021'
          ? BST_POST_OFFICE
          : `Kantor Kelurahan ${titleCase(villageOf.get(row.household)?.name ?? '')}`,
    }));
  });
}

export function kksMembership(household: HouseholdDraft, village: Village): NewProgramMembership {
  return {
    household_id: household.key,
    program_code: 'KKS',
    period: KKS_GAYUNGAN_2017.period,
    status: 'active',
    suspension_reason: null,
    amount: 0,
    channel: KKS_CHANNEL,
    collection_point: `Kantor Kelurahan ${titleCase(village.name)}`,
  };
}

/**
 * A few hundred Mojokerto households are also covered by PBI-JK, still active; a showcase household
 * keeps the status it is pinned to (Pulorejo's was deactivated).
 */
export function pbiMemberships(
  kelurahan: readonly Village[],
  fixed: ReadonlySet<number>,
  fixedKeys: ReadonlyMap<FixedHousehold, number>,
): NewProgramMembership[] {
  const pinned = [...fixedKeys].flatMap(([household, id]) => {
    const pin = household.memberships.find((m) => m.program === 'PBI-JK');
    return pin ? [{ id, status: pin.status, suspension_reason: pin.suspension_reason }] : [];
  });
  const drawable = kelurahan.flatMap((v) => v.households.map((h) => h.key)).filter((id) => !fixed.has(id));
  const drawn = new Random(SEEDS.pbi)
    .sample(drawable, PBI_JK_DRAWN)
    .map((id) => ({ id, status: 'active' as const, suspension_reason: null }));
  return [...pinned, ...drawn].map(({ id, status, suspension_reason }) => ({
    household_id: id,
    program_code: 'PBI-JK',
    period: PBI_JK.period,
    status,
    suspension_reason,
    amount: PBI_JK.amount,
    channel: PBI_JK.channel,
    collection_point: null,
  }));
}

export function byHouseholdProgramPeriod(a: NewProgramMembership, b: NewProgramMembership): number {
  const programOrder = (code: string) => (PROGRAM_CODES as readonly string[]).indexOf(code);
  return (
    a.household_id - b.household_id ||
    programOrder(a.program_code) - programOrder(b.program_code) ||
    (a.period < b.period ? -1 : a.period > b.period ? 1 : 0)
  );
}
