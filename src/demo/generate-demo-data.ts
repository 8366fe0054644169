// Fills households, members and program memberships with a deterministic demo dataset that
// reproduces the field figures of the seed documents (DESIGN.md §7): two runs on empty
// databases give byte-identical rows.

import type { Db } from '../db/database.ts';
import { insertInBatches } from '../db/insert-in-batches.ts';
import type { NewHousehold, NewHouseholdMember, NewProgramMembership } from '../db/schema.ts';
import { normaliseName } from '../domain/cek/search-by-name.ts';
import { type PkhComponent, PROGRAM_CODES, pkhStageAmount } from '../domain/programs.ts';
import {
  BPNT_MOJOKERTO_2020,
  BPNT_MONTHLY_AMOUNT_2020,
  BST_CHANNEL,
  BST_PERIODS,
  BST_POST_OFFICE,
  BST_SEMAMPIR,
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
  HouseholdFactory,
  type MemberDraft,
  schoolOrAgeComponent,
  type VillageContext,
} from './households.ts';
import { Random } from './random.ts';
import { type Pin, type RosterPlan, simulateRoster } from './roster.ts';
import {
  DEMO_HOUSEHOLDS,
  type DemoHousehold,
  FIXED_HOUSEHOLDS,
  type FixedHousehold,
  UNKNOWN_KK,
  UNKNOWN_NIK,
} from './showcase.ts';

export { DEMO_HOUSEHOLDS, type DemoHousehold, type DemoKey } from './showcase.ts';

export interface DemoSummary {
  households: number;
  members: number;
  memberships: number;
  showcase: DemoHousehold[];
}

/** One stream per part of the dataset, so redrawing one part leaves the others unchanged. */
const SEEDS = { people: 35_76_2020, bpnt: 2020_01, pkh: 2020_03, bst: 2020_04, pbi: 2020_12 } as const;

/**
 * A program's pool is this much larger than its busiest period, so households can come and go;
 * BPNT needs more, as a year of deaths and moves takes some households out for good.
 */
const POOL_MARGIN = { BPNT: 0.1, PKH: 0.04 } as const;

/** Share of BST KPM who drew each period's payment (seed 001 reports most did). */
const BST_COLLECTED_SHARE = [0.9, 0.93, 0.94, 0.95, 0.95, 0.96, 0.96];

const PBI_JK_DRAWN = 330;

interface Village extends VillageContext {
  households: HouseholdDraft[];
}

interface Dataset {
  households: HouseholdDraft[];
  memberships: NewProgramMembership[];
}

/**
 * Inserts the dataset; the database assigns every id. Drafts are linked by their `key` (1, 2, …
 * in draft order) until the households' ids come back.
 */
export async function seedDemoData(db: Db): Promise<DemoSummary> {
  const { households, memberships } = buildDataset();

  const counts = await db.transaction().execute(async (trx) => {
    const ids = await insertInBatches(trx, 'households', households.map(householdRow), { returning: 'id' });
    const idOf = new Map(households.map((h, i) => [h.key, ids[i] as number]));
    const householdId = (key: number): number => {
      const id = idOf.get(key);
      if (id === undefined) throw new Error(`demo household ${key} was not inserted`);
      return id;
    };
    const members = households.flatMap((h) => memberRows(h, householdId(h.key)));
    await insertInBatches(trx, 'household_members', members);
    await insertInBatches(
      trx,
      'program_memberships',
      memberships.map((m) => ({ ...m, household_id: householdId(m.household_id) })),
    );
    return { members: members.length };
  });

  return {
    households: households.length,
    members: counts.members,
    memberships: memberships.length,
    showcase: [...DEMO_HOUSEHOLDS],
  };
}

/** Memberships name their household by its draft key; seedDemoData swaps in the real id. */
function buildDataset(): Dataset {
  const factory = new HouseholdFactory(
    new Random(SEEDS.people),
    [...FIXED_HOUSEHOLDS.flatMap((h) => h.members.map((m) => m.nik)), UNKNOWN_NIK],
    [...FIXED_HOUSEHOLDS.map((h) => h.kk), UNKNOWN_KK],
  );
  const fixedKeys = new Map<FixedHousehold, number>();
  const populate = (context: VillageContext, count: number): Village => {
    const village: Village = { ...context, households: [] };
    const fixed = FIXED_HOUSEHOLDS.find((h) => h.village_code === context.village_code);
    if (fixed) {
      const draft = factory.fixed(fixed);
      fixedKeys.set(fixed, draft.key);
      village.households.push(draft);
    }
    while (village.households.length < count) village.households.push(factory.drawn(context));
    return village;
  };

  const decemberWeights = MOJOKERTO_KELURAHAN.map((k) => k.december);
  const bpntListed = BPNT_MOJOKERTO_2020.map((month) => apportion(month.listed, decemberWeights));
  const mojokerto = MOJOKERTO_KELURAHAN.map((k, g) => {
    const size = poolSize(
      bpntListed.map((month) => month[g] ?? 0),
      POOL_MARGIN.BPNT,
    );
    return populate(villageContext(k.village_code, k.name, 'jawa'), size);
  });
  const semampir = BST_SEMAMPIR.map((v) =>
    populate(villageContext(v.village_code, v.name, 'madura'), v.households),
  );
  const gayungan = KKS_GAYUNGAN_2017.villages.map((v) =>
    populate(villageContext(v.village_code, v.name, 'jawa'), v.households),
  );

  const pins = pinsByProgram(fixedKeys);
  const fixed = new Set(fixedKeys.values());
  const bpnt = bpntMemberships(mojokerto, bpntListed, pins.get('BPNT'));
  const decemberListed = bpnt.filter((m) => m.period === '2020-12').map((m) => m.household_id);
  const memberships = [
    ...bpnt,
    ...pkhMemberships(mojokerto, decemberListed, fixed, pins.get('PKH')),
    ...bstMemberships(semampir, pins.get('BST')),
    ...gayungan.flatMap((v) => v.households.map((h) => kksMembership(h, v))),
    ...pbiMemberships(mojokerto, fixed, fixedKeys),
  ];

  return {
    households: [...mojokerto, ...semampir, ...gayungan].flatMap((v) => v.households),
    memberships: memberships.sort(byHouseholdProgramPeriod),
  };
}

const MOJOKERTO_KELURAHAN = E_WARONG_MOJOKERTO.flatMap((warong) =>
  warong.kelurahan.map((k) => ({ ...k, e_warong: warong.name })),
);

function villageContext(
  village_code: string,
  name: string,
  flavour: VillageContext['flavour'],
): VillageContext {
  return { village_code, name: name.toUpperCase(), flavour };
}

function poolSize(listedPerPeriod: readonly number[], margin: number): number {
  const busiest = Math.max(...listedPerPeriod);
  return busiest + Math.ceil(busiest * margin) + 3;
}

/**
 * Splits `total` in proportion to `weights` by largest remainder (ties to the earlier one), so
 * the parts add up to `total` and the December weights come back unchanged.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const quotas = weights.map((w) => (total * w) / sum);
  const parts = quotas.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, i) => ({ i, remainder: q - Math.floor(q) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}

type PinsByHousehold = Map<number, Map<string, Pin>>;

function pinsByProgram(fixedKeys: ReadonlyMap<FixedHousehold, number>): Map<string, PinsByHousehold> {
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

function bpntMemberships(
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
function pkhMemberships(
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
function bstMemberships(
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

function kksMembership(household: HouseholdDraft, village: Village): NewProgramMembership {
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

/** A few hundred Mojokerto households are also covered by PBI-JK, still active. */
function pbiMemberships(
  kelurahan: readonly Village[],
  fixed: ReadonlySet<number>,
  fixedKeys: ReadonlyMap<FixedHousehold, number>,
): NewProgramMembership[] {
  const pinned = [...fixedKeys]
    .filter(([household]) => household.memberships.some((m) => m.program === 'PBI-JK'))
    .map(([, id]) => id);
  const drawable = kelurahan.flatMap((v) => v.households.map((h) => h.key)).filter((id) => !fixed.has(id));
  return [...pinned, ...new Random(SEEDS.pbi).sample(drawable, PBI_JK_DRAWN)].map((id) => ({
    household_id: id,
    program_code: 'PBI-JK',
    period: PBI_JK.period,
    status: 'active',
    suspension_reason: null,
    amount: PBI_JK.amount,
    channel: PBI_JK.channel,
    collection_point: null,
  }));
}

function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase());
}

function byHouseholdProgramPeriod(a: NewProgramMembership, b: NewProgramMembership): number {
  const programOrder = (code: string) => (PROGRAM_CODES as readonly string[]).indexOf(code);
  return (
    a.household_id - b.household_id ||
    programOrder(a.program_code) - programOrder(b.program_code) ||
    (a.period < b.period ? -1 : a.period > b.period ? 1 : 0)
  );
}

function householdRow(h: HouseholdDraft): NewHousehold {
  return {
    kk: h.kk,
    village_code: h.village_code,
    address: h.address,
    rt: h.rt,
    rw: h.rw,
    desil: h.desil,
  };
}

function memberRows(h: HouseholdDraft, householdId: number): NewHouseholdMember[] {
  return h.members.map((m) => ({
    household_id: householdId,
    nik: m.nik,
    name: m.name,
    name_search: normaliseName(m.name),
    sex: m.sex,
    birth_date: m.birth_date,
    relation: m.relation,
    pkh_component: m.pkh_component,
  }));
}
