// The demo dataset reproduces the seed figures exactly, is internally consistent, and is the
// same on every run.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { loadRegions } from '../../src/db/load-regions.ts';
import {
  BPNT_MOJOKERTO_2020,
  BST_PERIODS,
  BST_SEMAMPIR,
  E_WARONG_MOJOKERTO,
  KKS_GAYUNGAN_2017,
  PKH_MOJOKERTO_2020,
} from '../../src/demo/figures.ts';
import { DEMO_HOUSEHOLDS, type DemoSummary, seedDemoData } from '../../src/demo/generate-demo-data.ts';
import { FIXED_HOUSEHOLDS } from '../../src/demo/showcase.ts';
import { normaliseName } from '../../src/domain/cek/search-by-name.ts';
import { type DistrictExists, parseKk, parseNik } from '../../src/domain/nik/nik.ts';
import { type PkhComponent, pkhStageAmount, SUSPENSION_REASONS } from '../../src/domain/programs.ts';
import { openEmptyTestDatabase, TEST_ENGINE } from '../support/test-database.ts';

const TODAY = new Date('2026-11-23');
const REFERENCE_DATE = '2020-07-01';

async function freshDatabase(): Promise<{ db: Db; summary: DemoSummary; seconds: number }> {
  const { db } = await openEmptyTestDatabase();
  await loadRegions(db);
  const started = performance.now();
  const summary = await seedDemoData(db);
  return { db, summary, seconds: (performance.now() - started) / 1000 };
}

function ageOn(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

let db: Db;
let summary: DemoSummary;
let seconds: number;

beforeAll(async () => {
  ({ db, summary, seconds } = await freshDatabase());
  console.info(`seedDemoData took ${seconds.toFixed(2)} s`);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
});

async function periodCounts(program: string) {
  return db
    .selectFrom('program_memberships')
    .select((eb) => [
      'period',
      eb.fn.countAll<number>().as('listed'),
      eb.fn.sum<number>(sql`CASE WHEN status = 'collected' THEN 1 ELSE 0 END`).as('collected'),
    ])
    .where('program_code', '=', program)
    .groupBy('period')
    .orderBy('period')
    .execute();
}

describe('the demo data generator', () => {
  // Speed is measured by `npm run bench` (first start), never by a timed unit test.
  it('reports what it inserted', async () => {
    const count = async (table: 'households' | 'household_members' | 'program_memberships') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(summary.households).toBe(await count('households'));
    expect(summary.members).toBe(await count('household_members'));
    expect(summary.memberships).toBe(await count('program_memberships'));
    expect(summary.showcase).toEqual(DEMO_HOUSEHOLDS);
  });

  it('lists and pays Mojokerto BPNT 2020 month by month as seed 002 Tabel 2', async () => {
    const rows = await periodCounts('BPNT');
    expect(
      rows.map((r) => ({ period: r.period, listed: Number(r.listed), collected: Number(r.collected) })),
    ).toEqual(BPNT_MOJOKERTO_2020);
    const amounts = await db
      .selectFrom('program_memberships')
      .select('amount')
      .distinct()
      .where('program_code', '=', 'BPNT')
      .execute();
    expect(amounts).toEqual([{ amount: 200_000 }]);
  });

  it('spreads December 2020 over the kelurahan and e-Warong of Tabel 5', async () => {
    const rows = await db
      .selectFrom('program_memberships as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select((eb) => ['h.village_code', 'm.collection_point', 'm.channel', eb.fn.countAll<number>().as('n')])
      .where('m.program_code', '=', 'BPNT')
      .where('m.period', '=', '2020-12')
      .groupBy(['h.village_code', 'm.collection_point', 'm.channel'])
      .execute();
    const expected = E_WARONG_MOJOKERTO.flatMap((w) =>
      w.kelurahan.map((k) => ({
        village_code: k.village_code,
        collection_point: w.name,
        channel: 'e-Warong',
        n: k.december,
      })),
    );
    const byVillage = (a: { village_code: string }, b: { village_code: string }) =>
      a.village_code.localeCompare(b.village_code);
    expect(rows.map((r) => ({ ...r, n: Number(r.n) })).sort(byVillage)).toEqual(expected.sort(byVillage));
    expect(expected.reduce((sum, r) => sum + r.n, 0)).toBe(6128);

    const perWarong = await db
      .selectFrom('program_memberships')
      .select((eb) => ['collection_point', eb.fn.countAll<number>().as('n')])
      .where('program_code', '=', 'BPNT')
      .where('period', '=', '2020-12')
      .groupBy('collection_point')
      .execute();
    expect(Object.fromEntries(perWarong.map((r) => [r.collection_point, Number(r.n)]))).toEqual(
      Object.fromEntries(
        E_WARONG_MOJOKERTO.map((w) => [w.name, w.kelurahan.reduce((s, k) => s + k.december, 0)]),
      ),
    );
  });

  it('keeps every BPNT household at its kelurahan’s e-Warong in every month', async () => {
    const warongOf = new Map(
      E_WARONG_MOJOKERTO.flatMap((w) => w.kelurahan.map((k) => [k.village_code, w.name])),
    );
    const rows = await db
      .selectFrom('program_memberships as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select(['h.village_code', 'm.collection_point'])
      .distinct()
      .where('m.program_code', '=', 'BPNT')
      .execute();
    for (const row of rows) expect(row.collection_point).toBe(warongOf.get(row.village_code));
    const distinct = await db
      .selectFrom('program_memberships')
      .select((eb) => eb.fn.count<number>('household_id').distinct().as('n'))
      .where('program_code', '=', 'BPNT')
      .executeTakeFirstOrThrow();
    // Households come and go: more distinct households over the year than in its busiest month.
    expect(Number(distinct.n)).toBeGreaterThan(6130);
  });

  it('lists and pays Mojokerto PKH 2020 stage by stage as Tabel 4', async () => {
    const rows = await periodCounts('PKH');
    expect(
      rows.map((r) => ({ period: r.period, listed: Number(r.listed), collected: Number(r.collected) })),
    ).toEqual(PKH_MOJOKERTO_2020);
    const outsideBpnt = await db
      .selectFrom('program_memberships as p')
      .select('p.household_id')
      .where('p.program_code', '=', 'PKH')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('program_memberships as b')
              .select('b.id')
              .whereRef('b.household_id', '=', 'p.household_id')
              .where('b.program_code', '=', 'BPNT'),
          ),
        ),
      )
      .execute();
    expect(outsideBpnt).toEqual([]);
  });

  it('pays each PKH household the Tabel 3 index of its members’ components', async () => {
    const memberships = await db
      .selectFrom('program_memberships')
      .select(['household_id', 'amount', 'channel'])
      .where('program_code', '=', 'PKH')
      .execute();
    const members = await db
      .selectFrom('household_members')
      .select(['household_id', 'pkh_component', 'sex', 'birth_date', 'relation'])
      .where(
        'household_id',
        'in',
        db.selectFrom('program_memberships').select('household_id').where('program_code', '=', 'PKH'),
      )
      .execute();
    const components = new Map<number, PkhComponent[]>();
    for (const m of members) {
      if (m.pkh_component)
        components.set(m.household_id, [
          ...(components.get(m.household_id) ?? []),
          m.pkh_component as PkhComponent,
        ]);
    }
    for (const row of memberships) {
      const own = components.get(row.household_id) ?? [];
      expect(own.length).toBeGreaterThan(0);
      expect(row.amount).toBe(pkhStageAmount(own));
      expect(row.channel).toBe('Bank BNI');
    }
  });

  it('gives PKH components only to members whose age and sex fit them', async () => {
    const members = await db
      .selectFrom('household_members')
      .select(['pkh_component', 'sex', 'birth_date'])
      .where('pkh_component', 'is not', null)
      .execute();
    expect(members.length).toBeGreaterThan(0);
    const fits: Record<PkhComponent, (age: number, sex: string) => boolean> = {
      ibu_hamil: (age, sex) => sex === 'P' && age >= 18 && age <= 45,
      anak_usia_dini: (age) => age < 6,
      sd: (age) => age >= 6 && age <= 12,
      smp: (age) => age >= 12 && age <= 15,
      sma: (age) => age >= 15 && age <= 18,
      lansia_70: (age) => age >= 70,
      disabilitas_berat: () => true,
    };
    for (const m of members) {
      expect(
        fits[m.pkh_component as PkhComponent](ageOn(m.birth_date, REFERENCE_DATE), m.sex),
        JSON.stringify(m),
      ).toBe(true);
    }
  });

  it('lists every Semampir household of seed 001 Tabel 1 in every BST period', async () => {
    const rows = await db
      .selectFrom('program_memberships as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select((eb) => ['m.period', 'h.village_code', 'm.amount', eb.fn.countAll<number>().as('n')])
      .where('m.program_code', '=', 'BST')
      .groupBy(['m.period', 'h.village_code', 'm.amount'])
      .execute();
    const expected = BST_PERIODS.flatMap(({ period, amount }) =>
      BST_SEMAMPIR.map((v) => ({ period, village_code: v.village_code, amount, n: v.households })),
    );
    const key = (r: { period: string; village_code: string }) => `${r.period} ${r.village_code}`;
    expect(rows.map((r) => ({ ...r, n: Number(r.n) })).sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      expected.sort((a, b) => key(a).localeCompare(key(b))),
    );
    expect(BST_SEMAMPIR.reduce((s, v) => s + v.households, 0)).toBe(13_130);
    const semampirHouseholds = await db
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('village_code', 'like', '35.78.16.%')
      .executeTakeFirstOrThrow();
    expect(Number(semampirHouseholds.n)).toBe(13_130);
  });

  it('gives 1,882 Gayungan households an active 2017 KKS', async () => {
    const rows = await db
      .selectFrom('program_memberships as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select((eb) => ['h.village_code', 'm.period', 'm.status', eb.fn.countAll<number>().as('n')])
      .where('m.program_code', '=', 'KKS')
      .groupBy(['h.village_code', 'm.period', 'm.status'])
      .orderBy('h.village_code')
      .execute();
    expect(rows.map((r) => ({ ...r, n: Number(r.n) }))).toEqual(
      KKS_GAYUNGAN_2017.villages.map((v) => ({
        village_code: v.village_code,
        period: '2017-12',
        status: 'active',
        n: v.households,
      })),
    );
    expect(rows.reduce((s, r) => s + Number(r.n), 0)).toBe(1882);
  });

  it('covers a few hundred Mojokerto households with active PBI-JK, one showcase deactivated', async () => {
    const rows = await db
      .selectFrom('program_memberships as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select(['h.kk', 'h.village_code', 'm.status', 'm.amount', 'm.period', 'm.channel'])
      .where('m.program_code', '=', 'PBI-JK')
      .execute();
    expect(rows.length).toBeGreaterThan(200);
    expect(rows.length).toBeLessThan(1000);
    // Answer 5 of /cek (issue 19): Pulorejo's PBI-JK deactivated, every other one active.
    const pulorejo = DEMO_HOUSEHOLDS.find((d) => d.answer === 5);
    expect(rows.filter((r) => r.status !== 'active').map((r) => [r.kk, r.status])).toEqual([
      [pulorejo?.kk, 'suspended'],
    ]);
    for (const { kk: _kk, ...row } of rows) {
      expect(row).toMatchObject({
        status: row.status === 'suspended' ? 'suspended' : 'active',
        amount: 42_000,
        period: '2020-12',
        channel: 'BPJS Kesehatan',
      });
      expect(row.village_code.startsWith('35.76.')).toBe(true);
    }
  });

  it('uses every status, gives a reason to every suspension and to nothing else', async () => {
    const rows = await db
      .selectFrom('program_memberships')
      .select((eb) => ['program_code', 'status', 'suspension_reason', eb.fn.countAll<number>().as('n')])
      .groupBy(['program_code', 'status', 'suspension_reason'])
      .execute();
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set(['active', 'collected', 'not_collected', 'suspended']),
    );
    for (const row of rows) {
      if (row.status === 'suspended') expect(SUSPENSION_REASONS).toContain(row.suspension_reason);
      else expect(row.suspension_reason).toBeNull();
      if (row.status === 'active') expect(['KKS', 'PBI-JK']).toContain(row.program_code);
    }
    expect(new Set(rows.map((r) => r.suspension_reason).filter(Boolean))).toEqual(
      new Set(SUSPENSION_REASONS),
    );
    const sum = (pick: (r: (typeof rows)[number]) => boolean) =>
      rows.filter(pick).reduce((s, r) => s + Number(r.n), 0);
    const missing = sum((r) => r.status === 'suspended' || r.status === 'not_collected');
    const share = sum((r) => r.status === 'suspended') / missing;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.45);
  });

  it('keeps aid that ended suspended for the rest of the program', async () => {
    const rows = await db
      .selectFrom('program_memberships')
      .select(['household_id', 'program_code', 'period', 'status', 'suspension_reason'])
      .where('program_code', 'in', ['BPNT', 'PKH', 'BST'])
      .orderBy('household_id')
      .orderBy('program_code')
      .orderBy('period')
      .execute();
    const endedAt = new Map<string, string>();
    let checked = 0;
    for (const row of rows) {
      const key = `${row.household_id} ${row.program_code}`;
      const reason = endedAt.get(key);
      if (reason) {
        expect(row).toMatchObject({ status: 'suspended', suspension_reason: reason });
        checked += 1;
      } else if (row.suspension_reason === 'penerima_meninggal' || row.suspension_reason === 'pindah') {
        endedAt.set(key, row.suspension_reason);
      }
    }
    expect(endedAt.size).toBeGreaterThan(0);
    expect(checked).toBeGreaterThan(0);
  });

  it('gives every member a NIK valid for the household’s district, matching birth date and sex', async () => {
    const districts = await db.selectFrom('regions').select('code').where('level', '=', 3).execute();
    const known = new Set(districts.map((d) => d.code));
    const districtExists: DistrictExists = (code) => known.has(code);
    const members = await db
      .selectFrom('household_members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select(['m.nik', 'm.name', 'm.name_search', 'm.sex', 'm.birth_date', 'h.village_code'])
      .execute();
    expect(members.length).toBe(summary.members);
    for (const m of members) {
      const parsed = parseNik(m.nik, districtExists, TODAY);
      if (!parsed.ok) throw new Error(`${m.nik} fails ${parsed.rule}`);
      expect(parsed.value.districtCode).toBe(m.village_code.slice(0, 8));
      if (parsed.value.birthDate !== m.birth_date || parsed.value.sex !== m.sex)
        throw new Error(`${m.nik} ≠ ${m.birth_date} ${m.sex}`);
      if (m.name_search !== normaliseName(m.name) || !/^[A-Z.']+( [A-Z.']+){0,2}$/.test(m.name)) {
        throw new Error(`bad name ${JSON.stringify(m.name)}`);
      }
    }
  });

  it('gives every household a valid KK, one head, at most five others, and a plausible address', async () => {
    const districts = await db.selectFrom('regions').select('code').where('level', '=', 3).execute();
    const known = new Set(districts.map((d) => d.code));
    const households = await db.selectFrom('households').selectAll().execute();
    const members = await db
      .selectFrom('household_members')
      .select(['household_id', 'relation', 'birth_date'])
      .execute();
    const byHousehold = new Map<number, { relation: string; birth_date: string }[]>();
    for (const m of members) {
      const list = byHousehold.get(m.household_id) ?? [];
      list.push(m);
      byHousehold.set(m.household_id, list);
    }

    const problems: string[] = [];
    for (const h of households) {
      const kk = parseKk(h.kk, (code) => known.has(code));
      const [dd, mm] = [Number(h.kk.slice(6, 8)), Number(h.kk.slice(8, 10))];
      if (
        !kk.ok ||
        kk.value.districtCode !== h.village_code.slice(0, 8) ||
        dd < 1 ||
        dd > 31 ||
        mm < 1 ||
        mm > 12
      ) {
        problems.push(`KK ${h.kk}`);
      }
      if (!/^\d{3}$/.test(h.rt) || !/^\d{3}$/.test(h.rw) || !/^(JL\.|DUSUN) /.test(h.address))
        problems.push(`address of ${h.kk}`);
      // Drawn households are desil 1–4; a showcase household has the desil it declares (6, none).
      const showcase = FIXED_HOUSEHOLDS.find((f) => f.kk === h.kk);
      if (showcase ? h.desil !== showcase.desil : h.desil === null || h.desil < 1 || h.desil > 4)
        problems.push(`desil of ${h.kk}`);

      const family = byHousehold.get(h.id) ?? [];
      const heads = family.filter((m) => m.relation === 'kepala');
      if (heads.length !== 1 || family.length > 6) problems.push(`family of ${h.kk}`);
      const headAge = ageOn(heads[0]?.birth_date ?? '', REFERENCE_DATE);
      if (headAge < 25 || headAge > 80) problems.push(`head of ${h.kk} aged ${headAge}`);
      for (const m of family) {
        if (!['kepala', 'istri', 'anak', 'orang_tua', 'lainnya'].includes(m.relation))
          problems.push(`relation ${m.relation}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('puts the showcase households where they claim to be, with exactly the programs they list', async () => {
    const districts = await db.selectFrom('regions').select('code').where('level', '=', 3).execute();
    const known = new Set(districts.map((d) => d.code));
    expect(DEMO_HOUSEHOLDS.length).toBeGreaterThanOrEqual(6);

    for (const demo of DEMO_HOUSEHOLDS) {
      expect(parseNik(demo.nik, (c) => known.has(c), TODAY).ok).toBe(true);
      expect(parseKk(demo.kk, (c) => known.has(c)).ok).toBe(true);
      const person = await db
        .selectFrom('household_members as m')
        .innerJoin('households as h', 'h.id', 'm.household_id')
        .select(['h.id', 'h.kk', 'h.village_code', 'h.desil'])
        .where('m.nik', '=', demo.nik)
        .executeTakeFirst();

      if (!demo.expect.found) {
        expect(person).toBeUndefined();
        expect(
          await db.selectFrom('households').select('id').where('kk', '=', demo.kk).executeTakeFirst(),
        ).toBeUndefined();
        continue;
      }
      expect(person, demo.label).toMatchObject({
        kk: demo.kk,
        village_code: demo.expect.village_code,
        desil: demo.expect.desil,
      });
      const memberships = await db
        .selectFrom('program_memberships')
        .select(['program_code as program', 'period', 'status', 'suspension_reason', 'amount'])
        .where('household_id', '=', person?.id ?? -1)
        .orderBy('program_code')
        .orderBy('period')
        .execute();
      const sort = <T extends { program: string; period: string }>(rows: readonly T[]) =>
        [...rows].sort((a, b) => `${a.program} ${a.period}`.localeCompare(`${b.program} ${b.period}`));
      expect(sort(memberships), demo.label).toEqual(sort(demo.expect.memberships));
    }
  });

  it('shows the cases the README promises', () => {
    const has = (program: string, status: string, reason: string | null = null) =>
      DEMO_HOUSEHOLDS.some((d) =>
        d.expect.memberships.some(
          (m) => m.program === program && m.status === status && m.suspension_reason === reason,
        ),
      );
    expect(DEMO_HOUSEHOLDS.some((d) => d.expect.village_code === '35.76.02.1009')).toBe(true);
    expect(has('BPNT', 'collected')).toBe(true);
    expect(has('PKH', 'collected')).toBe(true);
    expect(has('BST', 'collected')).toBe(true);
    expect(has('BPNT', 'suspended', 'data_tidak_padan_dukcapil')).toBe(true);
    expect(has('KKS', 'active')).toBe(true);
    expect(DEMO_HOUSEHOLDS.some((d) => !d.expect.found)).toBe(true);
    const kedundung = DEMO_HOUSEHOLDS.filter((d) => d.expect.village_code === '35.76.02.1009');
    expect(new Set(kedundung.map((d) => d.nik)).size).toBe(2);
  });

  // The generator's determinism is the engine's no more than its rows are: a second seeding, the
  // costliest proof of the file, runs on SQLite, the engine of the README's demo.
  it.skipIf(TEST_ENGINE === 'postgres')(
    'produces byte-identical rows on a second empty database',
    async () => {
      const dump = async (target: Db) => {
        const hash = createHash('sha256');
        for (const table of ['households', 'household_members', 'program_memberships'] as const) {
          const rows = await target.selectFrom(table).selectAll().orderBy('id').execute();
          hash.update(`${table}\n${JSON.stringify(rows)}\n`);
        }
        return hash.digest('hex');
      };
      const second = await freshDatabase();
      try {
        expect(await dump(second.db)).toBe(await dump(db));
      } finally {
        await second.db.destroy();
      }
    },
    60_000,
  );
});
