// The files officers actually send, and the ones a careless or hostile sender might: CSV in
// UTF-8 with and without a BOM and in Windows-1252, comma or semicolon; .xlsx; and binary files,
// a zip bomb, a huge line, formula cells, `__proto__` headers. Each ends in rows accepted or a
// clear refusal, never a crash; an import killed half-way and run again reaches the same state.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { BATCH_ROWS, createImport, runImport } from '../../src/domain/import/run-import.ts';
import { failureText } from '../../src/i18n/import-messages.ts';
import { readAndApply } from '../support/imports.ts';
import { type Place, person, placesIn, rowOf } from '../support/recipient-lists.ts';
import { openTestDatabase } from '../support/test-app.ts';
import { zipOf } from '../support/zip-files.ts';

let env: Awaited<ReturnType<typeof openTestDatabase>>;
let deps: DomainDeps;
let dir: string;
let place: Place;
const NOW = new Date('2021-03-01T00:00:00Z');

beforeAll(async () => {
  env = await openTestDatabase();
  deps = { ...env.deps, now: () => NOW };
  dir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-files-'));
  [place] = placesIn(deps.regions, '34.03');
}, 120_000);

afterAll(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let fileNumber = 0;
async function importBytes(name: string, bytes: string | Buffer | Uint8Array, defaults = {}) {
  const file = path.join(dir, `${++fileNumber}-${name}`);
  writeFileSync(file, bytes);
  const { id } = await createImport(deps, { fileName: name, file, defaults, source: 'cli', createdBy: null });
  return readAndApply(deps, id, file);
}

async function rejectionsOf(importId: number) {
  return deps.db
    .selectFrom('import_rejections')
    .select(['line', 'column_name', 'reason'])
    .where('import_id', '=', importId)
    .orderBy('line')
    .execute();
}

const nameOf = async (nik: string) =>
  (await deps.db.selectFrom('household_members').select('name').where('nik', '=', nik).executeTakeFirst())
    ?.name;

describe('CSV encodings and separators', () => {
  it('reads UTF-8 with a BOM and commas', async () => {
    const p = person(place, 1);
    const text = `\uFEFFNIK,Nama,Program,Periode\n${p.nik},JOSÉ ÑOÑO,bpnt,2021-01\n`;
    const outcome = await importBytes('bom.csv', text);
    expect(outcome).toMatchObject({ status: 'done', rowsAccepted: 1, rowsRejected: 0 });
    expect(await nameOf(p.nik)).toBe('JOSÉ ÑOÑO');
  });

  it('reads Windows-1252 with semicolons, and UTF-8 without a BOM', async () => {
    const p = person(place, 2);
    const text = `nik;nama;program;periode\r\n${p.nik};ANDRÉ SÜRYADI;PKH;2021-Q1\r\n`;
    const outcome = await importBytes('ansi.csv', iconv.encode(text, 'win1252'));
    expect(outcome).toMatchObject({ status: 'done', rowsAccepted: 1 });
    expect(await nameOf(p.nik)).toBe('ANDRÉ SÜRYADI');
    const q = person(place, 3);
    await importBytes('utf8.csv', `nik;nama;program;periode\n${q.nik};RENÉ;PKH;2021-Q1\n`);
    expect(await nameOf(q.nik)).toBe('RENÉ');
  });

  it('fills program and period from the command when the file has no such columns', async () => {
    const p = person(place, 4);
    const outcome = await importBytes('minimal.csv', `nik,nama\n${p.nik},SUMIATI\n`, {
      program: 'BST',
      period: '2021-01',
    });
    expect(outcome).toMatchObject({ status: 'done', rowsAccepted: 1 });
    const membership = await deps.db
      .selectFrom('program_memberships as m')
      .innerJoin('household_members as p', 'p.household_id', 'm.household_id')
      .select(['m.program_code', 'm.period'])
      .where('p.nik', '=', p.nik)
      .execute();
    expect(membership).toEqual([{ program_code: 'BST', period: '2021-01' }]);
    const refused = await importBytes('no-program.csv', `nik,nama\n${p.nik},SUMIATI\n`);
    expect(refused).toMatchObject({ status: 'failed', failure: 'missing_columns:program,periode' });
    expect(failureText(refused.failure ?? '')).toContain('program,periode');
  });
});

describe('booby-trapped files', () => {
  it('refuses a binary file', async () => {
    const outcome = await importBytes('foto.csv', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 1, 2, 3]));
    expect(outcome).toMatchObject({ status: 'failed', failure: 'binary' });
  });

  it('refuses an .xlsx that unpacks to a thousand times its size, without unpacking it', async () => {
    const outcome = await importBytes('bom.xlsx', zipBomb());
    expect(outcome).toMatchObject({ status: 'failed', failure: 'zip_bomb' });
    const broken = await importBytes('broken.xlsx', Buffer.from('PK\u0003\u0004 not really a zip'));
    expect(broken).toMatchObject({ status: 'failed', failure: 'xlsx_unreadable' });
  });

  it('skips a line of a megabyte and keeps the rows around it', async () => {
    const [a, b, c] = [person(place, 10), person(place, 11), person(place, 12)];
    const text = [
      'nik,nama,program,periode',
      `${a.nik},SUPARMI,BPNT,2021-01`,
      `${b.nik},${'X'.repeat(1024 * 1024)},BPNT,2021-01`,
      `${c.nik},SUPARNO,BPNT,2021-01`,
    ].join('\n');
    const outcome = await importBytes('long.csv', text);
    expect(outcome.status).toBe('done');
    expect(outcome.rowsAccepted).toBe(2);
    expect((await rejectionsOf(outcome.importId)).map((r) => r.reason)).toEqual(['row_too_long']);
  });

  it('reads a `__proto__` header as an unknown column and pollutes nothing', async () => {
    const p = person(place, 13);
    const text = `__proto__,constructor,nik,nama,program,periode,prototype\n{"polluted":1},x,${p.nik},WAGINI,BPNT,2021-01,y\n`;
    const outcome = await importBytes('proto.csv', text);
    expect(outcome).toMatchObject({ status: 'done', rowsAccepted: 1 });
    expect(outcome.ignoredHeaders).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects formula text in a CSV and formula cells in an .xlsx, with line and column', async () => {
    const p = person(place, 14);
    const csv = await importBytes(
      'formula.csv',
      `nik,nama,program,periode\n${p.nik},"=cmd|' /C calc'!A0",BPNT,2021-01\n`,
    );
    expect(await rejectionsOf(csv.importId)).toEqual([
      { line: 2, column_name: 'nama', reason: 'nama_format' },
    ]);
  });
});

describe('.xlsx', () => {
  it('reads text, dates and numbers; refuses a NIK Excel stored as a number and formula cells', async () => {
    const [a, b, c] = [person(place, 20), person(place, 21), person(place, 22)];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Daftar');
    sheet.addRow(['NIK', 'No KK', 'Nama Kepala', 'Tgl Lahir', 'JK', 'Program', 'Periode', 'Nominal']);
    sheet.addRow([
      a.nik,
      a.kk,
      a.name,
      new Date(`${a.birthDate}T00:00:00Z`),
      a.sex,
      'BPNT',
      '2021-01',
      200000,
    ]);
    sheet.addRow([Number(b.nik), b.kk, b.name, null, null, 'BPNT', '2021-01', 200000]);
    sheet.addRow([
      c.nik,
      c.kk,
      { formula: 'CONCATENATE("A","B")', result: 'AB' },
      null,
      null,
      'BPNT',
      '2021-01',
      200000,
    ]);
    const file = path.join(dir, 'daftar.xlsx');
    await workbook.xlsx.writeFile(file);
    const { id } = await createImport(deps, {
      fileName: 'daftar.xlsx',
      file,
      defaults: {},
      source: 'cli',
      createdBy: null,
    });
    const outcome = await readAndApply(deps, id, file);
    expect(outcome).toMatchObject({ status: 'done', rowsAccepted: 1, rowsRejected: 2 });
    expect(await rejectionsOf(id)).toEqual([
      { line: 3, column_name: 'nik', reason: 'nik_number_cell' },
      { line: 4, column_name: 'nama', reason: 'formula' },
    ]);
    const row = await deps.db
      .selectFrom('import_rows')
      .select(['birth_date', 'amount'])
      .where('import_id', '=', id)
      .executeTakeFirst();
    expect(row).toEqual({ birth_date: a.birthDate, amount: 200000 });
  });
});

describe('an import killed half-way', () => {
  it('is taken up again under its number and ends where an unbroken import ends', async () => {
    const rows = BATCH_ROWS * 2 + 10;
    const text = [
      'nik;no_kk;nama;tanggal_lahir;jenis_kelamin;kode_desa;alamat;rt;rw;program;periode;status;nominal;penyalur;titik_salur;desil',
    ]
      .concat(Array.from({ length: rows }, (_, i) => rowOf(person(place, 1000 + i), { period: '2021-05' })))
      .join('\n');
    const file = path.join(dir, 'besar.csv');
    writeFileSync(file, text);
    const first = await createImport(deps, {
      fileName: 'besar.csv',
      file,
      defaults: {},
      source: 'cli',
      createdBy: null,
    });
    const killed = new Error('killed');
    await expect(
      runImport(deps, first.id, file, () => {
        throw killed;
      }),
    ).rejects.toBe(killed);
    // A killed process never reaches its error handler: the record stays "running".
    await deps.db.updateTable('imports').set({ status: 'running' }).where('id', '=', first.id).execute();
    const partly = await deps.db
      .selectFrom('imports')
      .select('rows_read')
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(partly.rows_read).toBe(BATCH_ROWS);

    const again = await createImport(deps, {
      fileName: 'besar.csv',
      file,
      defaults: {},
      source: 'cli',
      createdBy: null,
    });
    expect(again).toEqual({ id: first.id, resumed: true });
    const outcome = await readAndApply(deps, again.id, file);
    expect(outcome).toMatchObject({ status: 'done', rowsRead: rows, rowsAccepted: rows });
    const count = async () =>
      Number(
        (
          await deps.db
            .selectFrom('program_memberships')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('period', '=', '2021-05')
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(rows);
    const once = await importBytes('besar-lagi.csv', text);
    expect(once).toMatchObject({ status: 'done', rowsAccepted: rows });
    expect(await count()).toBe(rows);
  }, 120_000);
});

/** One zip entry of 50 MB of zeros, packed to some 50 KB: a classic bomb. */
/** One sheet of 50 MiB of zeros, packed about a thousand to one. */
const zipBomb = (): Buffer => zipOf({ 'xl/worksheets/sheet1.xml': Buffer.alloc(50 * 1024 * 1024) });

describe('the README example', () => {
  it('imports whole and has no defect to report', async () => {
    const { readFileSync } = await import('node:fs');
    const outcome = await importBytes(
      'daftar-penerima.csv',
      readFileSync('docs/examples/daftar-penerima.csv'),
    );
    expect(outcome).toMatchObject({ status: 'done', rowsRead: 5, rowsAccepted: 5, rowsRejected: 0 });
    const { qualityReport } = await import('../../src/domain/quality/quality-report.ts');
    const report = await qualityReport(deps, { importId: outcome.importId });
    expect(report.findings.filter((f) => f.kind === 'defect')).toEqual([]);
  });
});
