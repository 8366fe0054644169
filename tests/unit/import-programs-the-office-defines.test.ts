// A program the office defined a moment ago is imported like the national ones (issue 19), on both
// engines: its code or any of its aliases in a list's program column, or chosen on the upload
// form; another regency's office does not know it; and an exclusion written into a profile makes
// the data-quality report find the households holding both, without a line of code.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { findImport } from '../../src/domain/import/import-access.ts';
import { previewBlocks, previewTotals } from '../../src/domain/import/preview-read.ts';
import { rejectedRowsPage } from '../../src/domain/import/rejected-rows.ts';
import { startUploadedImport } from '../../src/domain/import/upload-import.ts';
import { createProgram } from '../../src/domain/program-profiles/keeping.ts';
import { qualityReport } from '../../src/domain/quality/quality-report.ts';
import { errorOf, officerNamed } from '../support/domain-calls.ts';
import { confirmAndApply, previewFile } from '../support/imports.ts';
import { HEADER, type Person, type Place, person, placesIn, rowOf } from '../support/recipient-lists.ts';
import { openTestDatabase } from '../support/test-app.ts';

let env: Awaited<ReturnType<typeof openTestDatabase>>;
let deps: DomainDeps;
let dir: string;
let mojokerto: Officer;
let surabaya: Officer;
let place: Place;

const fail = (error: unknown) => {
  throw error;
};

const lansia = {
  code: 'LANSIA-MKT',
  name: 'Permakanan Lansia Kota Mojokerto',
  name_en: 'Meals for the elderly, Kota Mojokerto',
  benefit: 'food_credit',
  period_kind: 'month',
  channel_id: 'Diantar kader ke rumah',
  aliases: 'PERMAKANAN LANSIA\nLANSIA APBD',
  amounts: 'Makan sehari dua kali | Two meals a day | Rp 450.000',
  criteria_id: 'Lansia 60 tahun ke atas yang tinggal sendiri, desil 1–3.',
};

const listOf = (rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`;

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function membershipsOf(program: string, heads: Person[]) {
  return deps.db
    .selectFrom('program_memberships as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['h.kk', 'm.period', 'm.amount'])
    .where('m.program_code', '=', program)
    .where(
      'h.kk',
      'in',
      heads.map((p) => p.kk),
    )
    .orderBy('h.kk')
    .execute();
}

beforeAll(async () => {
  env = await openTestDatabase();
  deps = env.deps;
  dir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-office-programs-'));
  mojokerto = await officerNamed(deps.db, 'dinsos.mojokerto');
  surabaya = await officerNamed(deps.db, 'dinsos.surabaya');
  [place] = placesIn(deps.regions, '35.76');
  await createProgram(deps, mojokerto, lansia, 'desk');
}, 120_000);

afterAll(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a program the office defined', { timeout: 120_000 }, () => {
  it('is imported by its code: previewed, confirmed and written as memberships', async () => {
    const heads = [0, 1, 2].map((i) => person(place, 7000 + i));
    const file = write(
      'lansia-februari.csv',
      listOf(heads.map((p) => rowOf(p, { program: 'LANSIA-MKT', period: '2026-02', nominal: 'Rp 450.000' }))),
    );
    const outcome = await previewFile(deps, file);
    expect(outcome).toMatchObject({ status: 'done', rowsRead: 3, rowsAccepted: 3, rowsRejected: 0 });
    const blocks = await previewBlocks(deps, outcome.importId);
    expect(new Set(blocks.map((b) => b.program_code))).toEqual(new Set(['LANSIA-MKT']));
    expect((await previewTotals(deps, outcome.importId)).householdsNew).toBe(3);
    expect(await membershipsOf('LANSIA-MKT', heads)).toEqual([]);

    await confirmAndApply(deps, outcome.importId);
    expect(await membershipsOf('LANSIA-MKT', heads)).toEqual(
      heads.map((p) => ({ kk: p.kk, period: '2026-02', amount: 450_000 })),
    );
  });

  it('is imported by an alias in the program column; a program no office defined stays refused', async () => {
    const heads = [0, 1, 2].map((i) => person(place, 7100 + i));
    const unknown = person(place, 7199);
    const file = write(
      'permakanan-maret.csv',
      listOf([
        rowOf(heads[0] as Person, { program: 'Permakanan Lansia', period: '2026-03' }),
        rowOf(heads[1] as Person, { program: 'lansia apbd', period: '2026-03' }),
        rowOf(heads[2] as Person, { program: 'lansia-mkt', period: '2026-03' }),
        rowOf(unknown, { program: 'Permakanan Balita', period: '2026-03' }),
      ]),
    );
    const outcome = await previewFile(deps, file);
    expect(outcome).toMatchObject({ status: 'done', rowsRead: 4, rowsAccepted: 3, rowsRejected: 1 });
    const refused = await rejectedRowsPage(deps, outcome.importId);
    expect(refused.map((r) => [r.column, r.reason, r.cells.program])).toEqual([
      ['program', 'program_unknown', 'Permakanan Balita'],
    ]);
    await confirmAndApply(deps, outcome.importId);
    expect((await membershipsOf('LANSIA-MKT', heads)).map((m) => m.period)).toEqual([
      '2026-03',
      '2026-03',
      '2026-03',
    ]);
    expect(await membershipsOf('LANSIA-MKT', [unknown])).toEqual([]);
  });

  it("is chosen on its office's upload form by an alias; another regency's office does not know it", async () => {
    const heads = [0, 1].map((i) => person(place, 7200 + i));
    const text = listOf(heads.map((p) => rowOf(p, { program: '', period: '2026-04' })));
    const id = await startUploadedImport(
      deps,
      mojokerto,
      { fileName: 'lansia-april.csv', bytes: Buffer.from(text), program: 'permakanan lansia', period: '' },
      null,
      fail,
    );
    while ((await findImport(deps, mojokerto, id))?.status !== 'done')
      await new Promise((resolve) => setTimeout(resolve, 50));
    const record = await deps.db
      .selectFrom('imports')
      .select(['default_program', 'rows_accepted'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(record).toEqual({ default_program: 'LANSIA-MKT', rows_accepted: 2 });
    await confirmAndApply(deps, id);
    expect((await membershipsOf('LANSIA-MKT', heads)).map((m) => m.period)).toEqual(['2026-04', '2026-04']);

    await expect(
      errorOf(
        startUploadedImport(
          deps,
          surabaya,
          { fileName: 'lansia.csv', bytes: Buffer.from(text), program: 'LANSIA-MKT', period: '' },
          null,
          fail,
        ),
      ),
    ).resolves.toMatchObject({ code: 'validation_failed', fields: { program: 'import.program_unknown' } });
  });
});

describe('an exclusion the office wrote into a profile', { timeout: 120_000 }, () => {
  it('makes the data-quality report find the households holding both, month against stage', async () => {
    await createProgram(
      deps,
      mojokerto,
      {
        ...lansia,
        code: 'BANTU-MKT',
        name: 'Bantuan Tunai Kota Mojokerto',
        aliases: '',
        excludes: 'BPNT, PKH',
      },
      'desk',
    );
    const [both, stage, apart, alone] = [0, 1, 2, 3].map((i) => person(place, 7300 + i)) as [
      Person,
      Person,
      Person,
      Person,
    ];
    const file = write(
      'bantu-mei.csv',
      listOf([
        rowOf(both, { program: 'BANTU-MKT', period: '2026-05' }),
        rowOf(both, { program: 'Sembako', period: '2026-05' }),
        rowOf(stage, { program: 'BANTU-MKT', period: '2026-05' }),
        rowOf(stage, { program: 'PKH', period: '2026-Q2' }),
        rowOf(apart, { program: 'BANTU-MKT', period: '2026-05' }),
        rowOf(apart, { program: 'BPNT', period: '2026-04' }),
        rowOf(apart, { program: 'PBI-JK', period: '2026-05' }),
        rowOf(alone, { program: 'BANTU-MKT', period: '2026-05' }),
      ]),
    );
    const outcome = await previewFile(deps, file);
    expect(outcome).toMatchObject({ status: 'done', rowsAccepted: 8 });
    await confirmAndApply(deps, outcome.importId, {
      includePrograms: ['BANTU-MKT', 'BPNT', 'PKH', 'PBI-JK'],
      complete: [],
      partial: [],
    });
    const household = async (p: Person) =>
      (await deps.db.selectFrom('households').select('id').where('kk', '=', p.kk).executeTakeFirstOrThrow())
        .id;
    const report = await qualityReport(deps, { importId: outcome.importId });
    const found = report.findings.filter((f) => f.rule === 'exclusive_programs');
    expect(found.map((f) => ({ key: f.key, detail: f.detail, lines: f.lines }))).toEqual([
      {
        key: `exclusive_programs:${await household(both)}:2026-05`,
        detail: 'BANTU-MKT 2026-05 + BPNT 2026-05',
        lines: [2, 3],
      },
      {
        key: `exclusive_programs:${await household(stage)}:2026-05`,
        detail: 'BANTU-MKT 2026-05 + PKH 2026-Q2',
        lines: [4, 5],
      },
    ]);
  });
});
