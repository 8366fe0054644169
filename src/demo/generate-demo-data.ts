// Fills households, members and program memberships with a deterministic demo dataset that
// reproduces the field figures of the seed documents (DESIGN.md §7): two runs on empty
// databases give byte-identical rows.
import type { Db } from '../db/database.ts';
import { insertInBatches } from '../db/insert-in-batches.ts';
import type { NewHousehold, NewHouseholdMember, NewProgramMembership } from '../db/schema.ts';
import { normaliseName } from '../domain/cek/search-by-name.ts';
import { BPNT_MOJOKERTO_2020, BST_SEMAMPIR, KKS_GAYUNGAN_2017 } from './figures.ts';
import { type HouseholdDraft, HouseholdFactory, type VillageContext } from './households.ts';
import {
  bpntMemberships,
  bstMemberships,
  byHouseholdProgramPeriod,
  kksMembership,
  MOJOKERTO_KELURAHAN,
  POOL_MARGIN,
  pbiMemberships,
  pinsByProgram,
  pkhMemberships,
  poolSize,
  type Village,
} from './memberships.ts';
import { Random } from './random.ts';
import {
  DEMO_HOUSEHOLDS,
  type DemoHousehold,
  FIXED_HOUSEHOLDS,
  type FixedHousehold,
  UNKNOWN_KK,
  UNKNOWN_NIK,
} from './showcase.ts';

export {
  DEMO_HOUSEHOLDS,
  DESIL_ANSWER_NUMBERS,
  type DemoHousehold,
  type DemoKey,
  type DesilAnswerNumber,
} from './showcase.ts';

export interface DemoSummary {
  households: number;
  members: number;
  memberships: number;
  showcase: DemoHousehold[];
}

/** One stream for the people; each programme has its own (memberships.ts). */
const SEEDS = { people: 35_76_2020 } as const;

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

function villageContext(
  village_code: string,
  name: string,
  flavour: VillageContext['flavour'],
): VillageContext {
  return { village_code, name: name.toUpperCase(), flavour };
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
