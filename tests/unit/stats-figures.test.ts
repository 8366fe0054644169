// The statistics reproduce the seed tables from the demo data, count only what an officer's area
// holds, hide small public counts; the export lists the right cases, audits who made it and
// writes a CSV a spreadsheet cannot run. Runs on both engines.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BPNT_MOJOKERTO_2020, BST_SEMAMPIR } from '../../src/demo/figures.ts';
import { SLRT_MOJOKERTO, SLRT_TOTALS, SLRT_YEARS } from '../../src/demo/slrt-figures.ts';
import { toCsv } from '../../src/domain/csv.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import {
  downloadKeptExport,
  EXPORT_COLUMNS,
  exportCounts,
  exportForMinistry,
  keptExports,
} from '../../src/domain/export/ministry-export.ts';
import {
  collectionByPeriod,
  complaintsByProgramYear,
  droppedByDesil,
  percentile,
  publicCollection,
  publicComplaints,
  recipientsByDesil,
  recipientsPerVillage,
  ticketsByKindState,
  ticketsByTopic,
  ticketTimes,
} from '../../src/domain/stats/figures.ts';
import { errorOf, officerNamed } from '../support/domain-calls.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';

let env: TestDatabase;
let deps: DomainDeps;

beforeAll(async () => {
  env = await openTestDatabase();
  deps = env.deps;
}, 120_000);
afterAll(async () => {
  await env.close();
});

describe('public figures from the demo data', () => {
  it('SLRT complaints per program and year are seed 002 Tabel 1, with counts below 5 hidden', async () => {
    const table = await complaintsByProgramYear(deps, { region: '35.76' });
    const cols = SLRT_YEARS.map((y) => table.years.indexOf(y));
    expect(cols.every((i) => i >= 0)).toBe(true);
    for (const row of SLRT_MOJOKERTO) {
      const found = table.rows.find((r) => r.program === row.program);
      expect(
        cols.map((i) => found?.counts[i]),
        row.category,
      ).toEqual(SLRT_YEARS.map((y) => row.counts[y]));
    }
    expect(cols.map((i) => table.totals[i])).toEqual(SLRT_YEARS.map((y) => SLRT_TOTALS[y]));

    const shown = publicComplaints(table);
    const becak = shown.rows.find((r) => r.program === 'TUKANG_BECAK');
    expect(cols.map((i) => becak?.counts[i])).toEqual([null, null, 14]);
    const cells = shown.rows.flatMap((r) => r.counts).filter((n): n is number => n !== null);
    expect(Math.min(...cells)).toBeGreaterThanOrEqual(5);
  });

  it('BPNT collection per month in Kota Mojokerto is seed 002 Tabel 2, rates as printed', async () => {
    const rows = await collectionByPeriod(deps, { region: '35.76' }, 'BPNT');
    const y2020 = rows.filter((r) => r.period.startsWith('2020'));
    expect(y2020.map(({ period, listed, collected }) => ({ period, listed, collected }))).toEqual(
      BPNT_MOJOKERTO_2020,
    );
    expect(y2020.map((r) => r.rate)).toEqual([
      87.97, 87.97, 91.48, 93.44, 88.69, 91.44, 90.78, 91.3, 90.5, 90.85, 90.53, 90.4,
    ]);
    expect(publicCollection(y2020)).toEqual(y2020);
  });

  it('BST per kelurahan of Semampir is seed 001', async () => {
    const rows = await recipientsPerVillage(deps, { region: '35.78.16' });
    expect(rows.filter((r) => r.program === 'BST').map((r) => [r.village_code, r.n])).toEqual(
      [...BST_SEMAMPIR]
        .sort((a, b) => a.village_code.localeCompare(b.village_code))
        .map((v) => [v.village_code, v.households]),
    );
  });

  it('counts the households of each desil-based program by desil, in its latest period', async () => {
    const rows = await recipientsByDesil(deps, { region: '35.76' });
    const programs = [...new Set(rows.map((r) => r.program))];
    expect(programs.length).toBeGreaterThan(0);
    const ceilings = await deps.db.selectFrom('programs').select(['code', 'desil_ceiling']).execute();
    const desilBased = ceilings.filter((c) => c.desil_ceiling !== null).map((c) => c.code);
    for (const program of programs) expect(desilBased).toContain(program);
    // The same households as the per-village figure of that period, split by desil.
    const perVillage = await recipientsPerVillage(deps, { region: '35.76' });
    for (const program of programs) {
      const total = rows.filter((r) => r.program === program).reduce((sum, r) => sum + r.n, 0);
      const listed = perVillage.filter((r) => r.program === program).reduce((sum, r) => sum + r.n, 0);
      expect(total, program).toBe(listed);
    }
    for (const r of rows) expect(r.desil === null || (r.desil >= 1 && r.desil <= 10)).toBe(true);
    // A household moved to desil 9 is counted there, and leaves its old desil.
    const first = rows[0] as (typeof rows)[number];
    const one = await deps.db
      .selectFrom('program_memberships as pm')
      .innerJoin('households as h', 'h.id', 'pm.household_id')
      .select(['h.id', 'h.desil'])
      .where('pm.program_code', '=', first.program)
      .where('pm.period', '=', first.period)
      .where('h.village_code', 'like', '35.76.%')
      .limit(1)
      .executeTakeFirstOrThrow();
    await deps.db.updateTable('households').set({ desil: 9 }).where('id', '=', one.id).execute();
    try {
      const moved = await recipientsByDesil(deps, { region: '35.76' });
      const at = (list: typeof rows, desil: number | null) =>
        list.find((r) => r.program === first.program && r.desil === desil)?.n ?? 0;
      expect(at(moved, 9)).toBe(at(rows, 9) + 1);
      expect(at(moved, one.desil)).toBe(at(rows, one.desil) - 1);
    } finally {
      await deps.db.updateTable('households').set({ desil: one.desil }).where('id', '=', one.id).execute();
    }
  });

  it('counts the recipients whose latest desil move took them past a program ceiling, per village', async () => {
    const listed = await deps.db
      .selectFrom('program_memberships as pm')
      .innerJoin('households as h', 'h.id', 'pm.household_id')
      .select(['h.id', 'h.village_code'])
      .where('pm.program_code', '=', 'PKH')
      .where('h.village_code', 'like', '35.76.%')
      .groupBy(['h.id', 'h.village_code'])
      .orderBy('h.id')
      .limit(3)
      .execute();
    const [rose, cameBack, stayed] = listed as [
      (typeof listed)[number],
      (typeof listed)[number],
      (typeof listed)[number],
    ];
    const before = await droppedByDesil(deps, { region: '35.76' });
    const change = (household_id: number, from_desil: number, to_desil: number) => ({
      household_id,
      import_id: 0,
      from_desil,
      to_desil,
      changed_at: '2026-10-01T03:00:00.000Z',
    });
    await deps.db
      .insertInto('household_desil_changes')
      .values([
        change(rose.id, 4, 6),
        change(cameBack.id, 4, 6),
        change(cameBack.id, 6, 3),
        change(stayed.id, 2, 3),
      ])
      .execute();
    try {
      const after = await droppedByDesil(deps, { region: '35.76' });
      const pkh = (rows: typeof after, village: string) =>
        rows.find((r) => r.program === 'PKH' && r.village_code === village)?.n ?? 0;
      expect(pkh(after, rose.village_code)).toBe(pkh(before, rose.village_code) + 1);
      const total = (rows: typeof after) =>
        rows.filter((r) => r.program === 'PKH').reduce((sum, r) => sum + r.n, 0);
      // Only the household still above the ceiling after its latest move counts.
      expect(total(after)).toBe(total(before) + 1);
      // Surabaya's office counts none of Mojokerto's.
      expect(
        (await droppedByDesil(deps, { region: '35.78' })).some((r) => r.village_code.startsWith('35.76')),
      ).toBe(false);
    } finally {
      await deps.db
        .deleteFrom('household_desil_changes')
        .where('household_id', 'in', [rose.id, cameBack.id, stayed.id])
        .where('import_id', '=', 0)
        .execute();
    }
  });

  it('a small count hides its rate too', () => {
    expect(
      publicCollection([{ program: 'BST', period: '2021-01', listed: 40, collected: 3, rate: 7.5 }]),
    ).toEqual([{ program: 'BST', period: '2021-01', listed: 40, collected: null, rate: null }]);
  });
});

describe('back-office figures', () => {
  it('count the tickets of the officer area only', async () => {
    const dinsos = await officerNamed(deps.db, 'dinsos.mojokerto');
    const wates = await officerNamed(deps.db, 'kel.wates');
    const total = (rows: { n: number }[]) => rows.reduce((s, r) => s + r.n, 0);
    const inRegency = await deps.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('area_code', 'is', null), eb('area_code', 'like', '35.76.%')]))
      .executeTakeFirstOrThrow();
    expect(total(await ticketsByKindState(deps, { officer: dinsos }))).toBe(Number(inRegency.n));
    const inWates = await deps.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('area_code', '=', '35.76.02.1010')
      .executeTakeFirstOrThrow();
    expect(total(await ticketsByKindState(deps, { officer: wates }))).toBe(Number(inWates.n));
    expect(Number(inWates.n)).toBeLessThan(Number(inRegency.n));

    const topics = await ticketsByTopic(deps, { officer: dinsos });
    const bpntBlocked = topics.find((r) => r.kind === 'aduan' && r.key === 'BPNT/kks_terblokir');
    expect(bpntBlocked?.n).toBeGreaterThan(0);
  });

  it('per year the complaints are the seed totals; resolution and overdue figures hold together', async () => {
    const dinsos = await officerNamed(deps.db, 'dinsos.mojokerto');
    const times = await ticketTimes(deps, { officer: dinsos });
    for (const year of SLRT_YEARS) {
      expect(times.byYear.aduan[times.years.indexOf(String(year))]).toBe(SLRT_TOTALS[year]);
    }
    expect(times.byMonth.aduan.reduce((s, n) => s + n, 0)).toBe(
      times.byYear.aduan.reduce((s, n) => s + n, 0),
    );
    const aduan = times.resolution.find((r) => r.kind === 'aduan');
    // The SLRT history closes every complaint within 31 days of opening.
    expect(aduan?.closed).toBeGreaterThanOrEqual(3494);
    expect(aduan?.median).toBeGreaterThan(0);
    expect(aduan?.p90).toBeGreaterThanOrEqual(aduan?.median ?? 0);
    expect(aduan?.p90).toBeLessThanOrEqual(31);

    const overdue = await deps.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('closed_at', 'is', null)
      .where('due_at', '<', deps.now().toISOString())
      .where((eb) => eb.or([eb('area_code', 'is', null), eb('area_code', 'like', '35.76.%')]))
      .executeTakeFirstOrThrow();
    // Every late case is either an office's or waits on the resident, never both (issue 20 item 7).
    const late = (groups: typeof times.overdue) => groups.reduce((s, r) => s + r.n, 0);
    expect(late(times.overdue) + late(times.waitingOnResident)).toBe(Number(overdue.n));
    expect(times.overdue.map((r) => r.office)).not.toContain('warga');
    expect(times.waitingOnResident.every((r) => r.office === 'warga')).toBe(true);
    const onResident = await deps.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('closed_at', 'is', null)
      .where('due_at', '<', deps.now().toISOString())
      .where('responsible_role', '=', 'warga')
      .where((eb) => eb.or([eb('area_code', 'is', null), eb('area_code', 'like', '35.76.%')]))
      .executeTakeFirstOrThrow();
    expect(late(times.waitingOnResident)).toBe(Number(onResident.n));
  });

  it('percentiles are nearest-rank', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(ten, 50)).toBe(5);
    expect(percentile(ten, 90)).toBe(9);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('export to the ministry', () => {
  it('lists the approved proposals of the regency, sends them, keeps the file and audits who exported it', async () => {
    const dinsos = await officerNamed(deps.db, 'dinsos.mojokerto');
    const expected = await deps.db
      .selectFrom('tickets')
      .select(['id', 'subject_nik'])
      .where('kind', '=', 'usulan')
      .where('status', '=', 'disahkan_kepala_daerah')
      .where('area_code', 'like', '35.76.%')
      .execute();
    expect(expected.length).toBeGreaterThan(0);
    const result = await exportForMinistry(
      deps,
      dinsos,
      { kind: 'usulan_disahkan', area: '35.76' },
      'desk-1',
    );
    const records = parse(result.csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0] ?? {})).toEqual([...EXPORT_COLUMNS.usulan_disahkan]);
    expect(records.map((r) => r.nik_kepala).sort()).toEqual(expected.map((t) => t.subject_nik).sort());
    expect(
      records.every(
        (r) => /^USL-/.test(r.referensi ?? '') && /^\d{4}-\d{2}-\d{2}$/.test(r.tanggal_disahkan ?? ''),
      ),
    ).toBe(true);
    const audit = await deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(dinsos.id);
    expect(JSON.parse(audit.detail ?? '{}')).toEqual({
      list: 'usulan_disahkan',
      area: '35.76',
      rows: records.length,
      moved: records.length,
    });
    expect(audit.detail).not.toMatch(/\d{16}/);

    // Sent: every proposal in the file moved to "diusulkan ke Kemensos", with its step in the log.
    expect(result.moved).toBe(expected.length);
    const now = await deps.db
      .selectFrom('tickets')
      .select(['id', 'status'])
      .where(
        'id',
        'in',
        expected.map((t) => t.id),
      )
      .execute();
    expect(now.every((t) => t.status === 'diusulkan_ke_kemensos')).toBe(true);
    const steps = await deps.db
      .selectFrom('ticket_events')
      .select('ticket_id')
      .where(
        'ticket_id',
        'in',
        expected.map((t) => t.id),
      )
      .where('to_status', '=', 'diusulkan_ke_kemensos')
      .execute();
    expect(new Set(steps.map((e) => e.ticket_id)).size).toBe(expected.length);
    const held = await deps.db
      .selectFrom('ministry_export_tickets')
      .select('ticket_id')
      .where('export_id', '=', result.id)
      .execute();
    expect(held.map((h) => h.ticket_id).sort((a, b) => a - b)).toEqual(
      expected.map((t) => t.id).sort((a, b) => a - b),
    );

    // Sent once: the next export holds none of them, and moves nothing.
    const next = await exportForMinistry(deps, dinsos, { kind: 'usulan_disahkan', area: '35.76' }, 'desk-1');
    expect(next).toMatchObject({ rows: 0, moved: 0 });

    // The first file, downloaded again, is the same file; audited as a view of the same people.
    const kept = await keptExports(deps, dinsos);
    expect(kept.map((k) => k.id).slice(0, 2)).toEqual([next.id, result.id]);
    expect(kept.find((k) => k.id === result.id)).toMatchObject({
      row_count: expected.length,
      moved: expected.length,
    });
    const again = await downloadKeptExport(deps, dinsos, String(result.id), 'desk-1');
    expect(again).toEqual({ filename: result.filename, csv: result.csv });
    const againAudit = await deps.db
      .selectFrom('audit_log')
      .select(['id', 'detail'])
      .where('action', '=', 'export_again')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const subjects = await deps.db
      .selectFrom('audit_subjects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('audit_id', '=', againAudit.id)
      .executeTakeFirstOrThrow();
    expect(Number(subjects.n)).toBe(new Set(expected.map((t) => t.subject_nik)).size);

    // Another regency's office, a kelurahan outside the file's area, or an id that is no number: not found.
    const surabaya = await officerNamed(deps.db, 'dinsos.surabaya');
    const wates = await officerNamed(deps.db, 'kel.wates');
    for (const [who, id] of [
      [surabaya, String(result.id)],
      [wates, String(result.id)],
      [dinsos, '99999999'],
      [dinsos, '1 OR 1=1'],
      [dinsos, ''],
    ] as const) {
      expect((await errorOf(downloadKeptExport(deps, who, id, null))).code).toBe('not_found');
    }
    expect(await keptExports(deps, surabaya)).toEqual([]);
  });

  it('lists the recipients of proven objections per village, for the kelurahan of that village', async () => {
    const dinsos = await officerNamed(deps.db, 'dinsos.mojokerto');
    const counts = await exportCounts(deps, dinsos);
    const village = counts.find((c) => c.area !== '35.76' && c.hapus_terbukti > 0);
    expect(village).toBeDefined();
    const result = await exportForMinistry(
      deps,
      dinsos,
      { kind: 'hapus_terbukti', area: village?.area ?? '' },
      null,
    );
    const records = parse(result.csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(records.length).toBe(village?.hapus_terbukti);
    expect(records.every((r) => r.kode_desa === village?.area && /^\d{16}$/.test(r.nik ?? ''))).toBe(true);
  });

  it('refuses another area and other roles as "not found"', async () => {
    const wates = await officerNamed(deps.db, 'kel.wates');
    const rt = await officerNamed(deps.db, 'rt008.wates');
    const admin = await officerNamed(deps.db, 'admin');
    expect(
      (await errorOf(exportForMinistry(deps, wates, { kind: 'hapus_terbukti', area: '35.76.03.1001' }, null)))
        .code,
    ).toBe('not_found');
    expect(
      (await errorOf(exportForMinistry(deps, wates, { kind: 'hapus_terbukti', area: '35.76' }, null))).code,
    ).toBe('not_found');
    expect(
      (await errorOf(exportForMinistry(deps, rt, { kind: 'hapus_terbukti', area: '35.76.02.1010' }, null)))
        .code,
    ).toBe('not_found');
    expect(
      (await errorOf(exportForMinistry(deps, admin, { kind: 'usulan_disahkan', area: '35.76' }, null))).code,
    ).toBe('not_found');
    expect(
      (await errorOf(exportForMinistry(deps, wates, { kind: 'everything', area: '35.76.02.1010' }, null)))
        .code,
    ).toBe('validation_failed');
    const mine = await exportForMinistry(
      deps,
      wates,
      { kind: 'usulan_disahkan', area: '35.76.02.1010' },
      null,
    );
    expect(mine.filename).toMatch(/^usulan_disahkan_3576021010_\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('writes cells a spreadsheet would run as text', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['=HYPERLINK("x")', '+1'],
        ['-2+3', '@SUM(A1)'],
        [-5, 'plain, "quoted"'],
      ],
    );
    expect(parse(csv, { bom: true })).toEqual([
      ['a', 'b'],
      ['\'=HYPERLINK("x")', "'+1"],
      ["'-2+3", "'@SUM(A1)"],
      ['-5', 'plain, "quoted"'],
    ]);
  });
});
