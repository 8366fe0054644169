// The register stays true through an ordinary messy list (issue 18), on both engines. Each of the
// six defects found by trying a "final revisi" list has a test here that failed on the importer
// before previews: a refused row ends no family, a stray row of another program ends no village,
// `Rp200.000,00` is two hundred thousand, NUR’AINI is a name, a title row above the header is
// skipped, two rows of one KK are reported. And a written list rolled back leaves every table of
// the register as it was, row for row.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { applyImport, confirmImport, decideImport } from '../../src/domain/import/apply-import.ts';
import { previewBlocks, previewEffects, previewTotals } from '../../src/domain/import/preview-read.ts';
import { rollbackImport } from '../../src/domain/import/rollback-import.ts';
import { errorOf } from '../support/domain-calls.ts';
import { confirmAndApply, previewFile } from '../support/imports.ts';
import { HEADER, type Person, type Place, person, placesIn, rowOf } from '../support/recipient-lists.ts';
import { openTestDatabase } from '../support/test-app.ts';

let env: Awaited<ReturnType<typeof openTestDatabase>>;
let deps: DomainDeps;
let dir: string;
let places: Place[];
const NOW = new Date('2021-03-01T00:00:00Z');
let serial = 0;

beforeAll(async () => {
  env = await openTestDatabase();
  deps = { ...env.deps, now: () => NOW };
  dir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-register-true-'));
  // Bantul and Sleman: regencies the demo data does not hold, one village per test.
  places = [...placesIn(deps.regions, '34.02'), ...placesIn(deps.regions, '34.04')].flatMap((p) =>
    p.villages.slice(0, 3).map((village) => ({ district: p.district, villages: [village] })),
  );
}, 120_000);

afterAll(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const nextPlace = () => places[serial++ % places.length] as Place;
let people = 70_000;
const households = (place: Place, n: number): Person[] =>
  Array.from({ length: n }, () => person(place, people++));

function write(name: string, lines: string[]): string {
  const file = path.join(dir, `${serial}-${name}`);
  writeFileSync(file, `${[HEADER, ...lines].join('\n')}\n`);
  return file;
}

async function previewed(name: string, lines: string[]) {
  const outcome = await previewFile(deps, write(name, lines));
  expect(outcome.status).toBe('done');
  return outcome.importId;
}

async function applied(name: string, lines: string[]) {
  const id = await previewed(name, lines);
  await confirmAndApply(deps, id);
  return id;
}

async function endingsOf(kks: string[]) {
  return deps.db
    .selectFrom('membership_endings as e')
    .innerJoin('households as h', 'h.id', 'e.household_id')
    .select(['h.kk', 'e.program_code', 'e.period', 'e.reason'])
    .where('h.kk', 'in', kks)
    .orderBy('h.kk')
    .execute();
}

describe('a refused row never ends its family', () => {
  it('keeps every household whose row was refused for a typo, and ends only the one truly missing', async () => {
    const place = nextPlace();
    const family = households(place, 20);
    await applied(
      'januari.csv',
      family.map((p) => rowOf(p, { period: '2021-01' })),
    );
    const [dateTypo, letterInNik, digitInName, programTypo, apostrophe, rupiahWord, rtWord, missing] =
      family as [Person, Person, Person, Person, Person, Person, Person, Person];
    const february = family
      .filter((p) => p !== missing)
      .map((p) => {
        if (p === dateTypo) return rowOf(p, { birthDate: '31-02-1970' });
        if (p === letterInNik) return rowOf(p, { nik: `${p.nik.slice(0, 10)}O${p.nik.slice(11)}` });
        if (p === digitInName) return rowOf(p, { name: `${p.name} 2` });
        if (p === programTypo) return rowOf(p, { program: 'BPNTT' });
        if (p === apostrophe) return rowOf(p, { nik: `'${p.nik}` });
        if (p === rupiahWord) return rowOf(p, { nominal: '200rb' });
        if (p === rtWord) return rowOf(p).replace(';1;2;', ';RT 03;RW.02;');
        return rowOf(p);
      });
    const id = await previewed('februari-final-revisi.csv', february);
    const totals = await previewTotals(deps, id);
    expect(totals).toMatchObject({ rowsRead: 19, rowsRejected: 4, kept: 4, ending: 1 });
    const kept = await previewEffects(deps, id, 'kept');
    expect(kept.rows.map((k) => k.kk).sort()).toEqual(
      [dateTypo, letterInNik, digitInName, programTypo].map((p) => p.kk).sort(),
    );
    expect(kept.rows.every((k) => k.reason === 'baris_ditolak')).toBe(true);
    const [block] = await previewBlocks(deps, id);
    expect(block?.reasons.map((r) => r.reason).sort()).toEqual(
      ['nama_format', 'nik_format', 'program_unknown', 'tanggal_lahir_format'].sort(),
    );

    await confirmAndApply(deps, id);
    expect(await endingsOf(family.map((p) => p.kk))).toEqual([
      { kk: missing.kk, program_code: 'BPNT', period: '2021-02', reason: 'tidak_ada_di_daftar' },
    ]);
    const written = await deps.db
      .selectFrom('households as h')
      .innerJoin('program_memberships as m', 'm.household_id', 'h.id')
      .select(['h.kk', 'h.rt', 'h.rw', 'm.amount'])
      .where('m.period', '=', '2021-02')
      .where('h.kk', 'in', [apostrophe.kk, rupiahWord.kk, rtWord.kk])
      .orderBy('h.kk')
      .execute();
    expect(written).toHaveLength(3);
    expect(written.find((w) => w.kk === rupiahWord.kk)?.amount).toBe(200_000);
    expect(written.find((w) => w.kk === rtWord.kk)).toMatchObject({ rt: '003', rw: '002' });
  });
});

describe('one stray row of another program ends no village', () => {
  it('reports the PKH row in a BPNT list, leaves it out, and ends none of the 35 PKH households', async () => {
    const place = nextPlace();
    const pkh = households(place, 35);
    await applied(
      'pkh.csv',
      pkh.map((p) => rowOf(p, { program: 'PKH', period: '2020-Q4' })),
    );
    const bpnt = households(place, 30).map((p) => rowOf(p, { period: '2021-01' }));
    const stray = rowOf(pkh[0] as Person, { program: 'PKH', period: '2021-Q1' });
    const id = await previewed('bpnt-januari.csv', [...bpnt.slice(0, 15), stray, ...bpnt.slice(15)]);
    const totals = await previewTotals(deps, id);
    expect(totals.otherPrograms).toEqual([{ program: 'PKH', rows: 1, included: false }]);
    expect(totals.ending).toBe(0);
    // Taken in, the row is still a partial list of its village's PKH: nothing ends.
    await decideImport(deps, id, { includePrograms: ['PKH'], complete: [], partial: [] });
    const pkhBlock = (await previewBlocks(deps, id)).find((b) => b.program_code === 'PKH');
    expect(pkhBlock).toMatchObject({ included: 1, complete: 0, would_end: 34, baseline_households: 35 });
    expect((await previewTotals(deps, id)).ending).toBe(0);
    await confirmAndApply(deps, id, { includePrograms: ['PKH'], complete: [], partial: [] });
    expect(await endingsOf(pkh.map((p) => p.kk))).toEqual([]);
    const listed = await deps.db
      .selectFrom('program_memberships as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('m.program_code', '=', 'PKH')
      .where('m.period', '=', '2020-Q4')
      .where('h.village_code', '=', place.villages[0] as string)
      .executeTakeFirstOrThrow();
    expect(Number(listed.n)).toBe(35);
  });
});

describe('amounts, names and the header as officers write them', () => {
  it('stores Rp200.000,00 as two hundred thousand and NUR’AINI as a name, and reports two rows of one KK', async () => {
    const place = nextPlace();
    const [a, b, c] = households(place, 3) as [Person, Person, Person];
    const id = await previewed('pip.csv', [
      rowOf(a, { nominal: 'Rp200.000,00' }),
      rowOf(b, { name: 'NUR’AINI', nominal: 'Rp 1.350.000,-' }),
      rowOf(c, { program: 'PIP', nominal: '450.000' }),
      rowOf({ ...c, nik: person(place, people++).nik }, { kk: c.kk, program: 'PIP', nominal: '450.000' }),
    ]);
    const totals = await previewTotals(deps, id);
    expect(totals).toMatchObject({ rowsRead: 4, rowsAccepted: 4, rowsRejected: 0, duplicates: 2 });
    const duplicates = await previewEffects(deps, id, 'duplicate');
    expect(duplicates.rows.map((d) => d.line)).toEqual([4, 5]);
    await confirmAndApply(deps, id, { includePrograms: ['PIP'], complete: [], partial: [] });
    const rows = await deps.db
      .selectFrom('program_memberships as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .innerJoin('household_members as p', 'p.household_id', 'h.id')
      .select(['h.kk', 'm.amount', 'p.name', 'p.name_search'])
      .where('h.kk', 'in', [a.kk, b.kk])
      .orderBy('h.kk')
      .execute();
    expect(rows.find((r) => r.kk === a.kk)?.amount).toBe(200_000);
    expect(rows.find((r) => r.kk === b.kk)).toMatchObject({
      amount: 1_350_000,
      name: "NUR'AINI",
      name_search: 'NURAINI',
    });
  });

  it('reads an .xlsx whose header stands under a title, a merged cell and a blank row', async () => {
    const place = nextPlace();
    const [a, b] = households(place, 2) as [Person, Person];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('KPM');
    sheet.addRow(['DAFTAR KPM BPNT KABUPATEN BANTUL BULAN FEBRUARI 2021 (FINAL REVISI)']);
    sheet.mergeCells('A1:H1');
    sheet.addRow([]);
    sheet.addRow(['No', 'NIK', 'No KK', 'Nama Penerima', 'Kode Desa', 'Program', 'Periode', 'Nominal']);
    for (const [i, p] of [a, b].entries())
      sheet.addRow([i + 1, p.nik, p.kk, p.name, p.village, 'BPNT', '2021-02', 'Rp 200.000,00']);
    const file = path.join(dir, 'judul.xlsx');
    await workbook.xlsx.writeFile(file);
    const outcome = await previewFile(deps, file);
    expect(outcome).toMatchObject({ status: 'done', headerLine: 3, rowsRead: 2, rowsAccepted: 2 });
    const record = await deps.db
      .selectFrom('imports')
      .select('header_line')
      .where('id', '=', outcome.importId)
      .executeTakeFirstOrThrow();
    expect(record.header_line).toBe(3);
  });

  it('still refuses a file whose first 20 rows name no NIK column, saying which columns are missing', async () => {
    const lines = Array.from({ length: 25 }, (_, i) => `catatan;baris ${i}`);
    const file = path.join(dir, 'tanpa-judul.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const outcome = await previewFile(deps, file);
    expect(outcome).toMatchObject({ status: 'failed', failure: 'missing_columns:nik,nama,program,periode' });
  });
});

/**
 * Every table of the database, row for row, but the import's own records, the audit (both grow by
 * design) and the official region list (reference data no import writes; 91,000 rows).
 */
async function registerTables(): Promise<Record<string, unknown[]>> {
  const names =
    env.engine === 'postgres'
      ? (
          await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(deps.db)
        ).rows
      : (
          await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'
            AND name NOT LIKE 'sqlite_%'`.execute(deps.db)
        ).rows;
  const own = (name: string) =>
    name === 'imports' ||
    name.startsWith('import_') ||
    name === 'audit_log' ||
    name === 'regions' ||
    name.startsWith('kysely_');
  const tables: Record<string, unknown[]> = {};
  for (const { name } of names.filter((n) => !own(n.name)).sort((x, y) => x.name.localeCompare(y.name))) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(deps.db);
    // SELECT * gives the columns in the same order every time: a row's values are the row.
    tables[name] = rows.rows.map((r) => JSON.stringify(Object.values(r))).sort();
  }
  return tables;
}

describe('a written list, rolled back', { timeout: 120_000 }, () => {
  it('returns every table of the register to its state before, row for row', async () => {
    const place = nextPlace();
    const family = households(place, 12);
    await applied(
      'januari.csv',
      family.map((p) => rowOf(p, { period: '2021-01' })),
    );
    // February: one household dropped, one re-listed after its ending, amounts and names changed.
    const february = family.slice(0, 11).map((p) => rowOf(p, { period: '2021-02' }));
    await applied('februari.csv', february);
    const before = await registerTables();

    const [changed, renamed, moved] = family as [Person, Person, Person];
    const revision = [
      ...family.slice(3, 12).map((p) => rowOf(p, { period: '2021-02' })),
      rowOf(changed, { period: '2021-02', nominal: '2.000.000' }),
      // The desil moves too (3 → 7): the rollback must take its history row away as well.
      rowOf(renamed, { period: '2021-02', name: 'NUR’AINI', desil: '7' }),
      rowOf(person(place, people++), { period: '2021-02' }),
    ];
    // `moved` is left off: the revised February list removes its February membership.
    expect(moved).toBeDefined();
    const id = await previewed('februari-revisi.csv', revision);
    const suspicious = await previewEffects(deps, id, 'changed');
    expect(suspicious.rows[0]).toMatchObject({
      kk: changed.kk,
      suspicious: 1,
      before_amount: 200_000,
      after_amount: 2_000_000,
    });
    await confirmAndApply(deps, id);
    const after = await registerTables();
    expect(after).not.toEqual(before);
    // Two desil moves: the renamed household's 3 → 7, and the new household's first desil.
    expect(after.household_desil_changes?.length).toBe((before.household_desil_changes?.length ?? 0) + 2);
    const ended = await endingsOf([moved.kk, family[11]?.kk as string]);
    expect(ended.map((e) => e.kk).sort()).toEqual([moved.kk].sort());

    const undone = await rollbackImport(deps, null, id, '127.0.0.1');
    expect(undone.membershipsRestored).toBeGreaterThan(0);
    expect(await registerTables()).toEqual(before);
    // Rolled back once is enough: a second time is refused.
    expect((await errorOf(rollbackImport(deps, null, id, null))).code).toBe('transition_not_allowed');
  });

  it('is refused once a later list of the same program and regency is written', async () => {
    const place = nextPlace();
    const family = households(place, 5);
    const first = await applied(
      'maret.csv',
      family.map((p) => rowOf(p, { period: '2021-03' })),
    );
    await applied(
      'april.csv',
      family.map((p) => rowOf(p, { period: '2021-04' })),
    );
    const refused = await errorOf(rollbackImport(deps, null, first, null));
    expect(refused.fields).toEqual({ import: 'import.not_latest' });
  });
});

describe('large endings ask for their number', { timeout: 120_000 }, () => {
  it('refuses to write endings of more than a fifth of a village until the number is typed', async () => {
    const place = nextPlace();
    const family = households(place, 10);
    await applied(
      'mei.csv',
      family.map((p) => rowOf(p, { period: '2021-05' })),
    );
    // Six of ten stay: complete by default (≥ half), but four endings are 40 %.
    const id = await previewed(
      'juni.csv',
      family.slice(0, 6).map((p) => rowOf(p, { period: '2021-06' })),
    );
    const totals = await previewTotals(deps, id);
    expect(totals).toMatchObject({ ending: 4, largeEndings: 4 });
    const record = await deps.db
      .selectFrom('imports')
      .select('preview_fingerprint')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const fingerprint = record.preview_fingerprint ?? '';
    for (const endings of [null, 3]) {
      const refused = await errorOf(confirmImport(deps, null, id, { fingerprint, endings }, null));
      expect(refused.fields).toEqual({ jumlah_berakhir: 'import.large_endings_unconfirmed' });
    }
    expect(
      (await errorOf(confirmImport(deps, null, id, { fingerprint: 'x', endings: 4 }, null))).fields,
    ).toEqual({
      import: 'import.preview_changed',
    });
    await confirmImport(deps, null, id, { fingerprint, endings: 4 }, null);
    expect(await applyImport(deps, id)).toEqual({ status: 'applied', membershipsEnded: 4 });
    const audit = await deps.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'import_confirm')
      .where('target_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail ?? '{}')).toMatchObject({
      memberships_ending: 4,
      large_endings: 4,
      rows_read: 6,
    });
  });
});
