// The .xlsx reader on its own: exceljs's streaming pass over the zip sometimes ended before the
// archive's last entry (xl/workbook.xml, where exceljs writes it) and the list was refused as
// unreadable, about one read in a hundred (exceljs#3064; it failed CI once). Reading the same
// workbook many times catches that. Files exceljs misread on its own: SpreadsheetML under a
// prefix (`<x:row>`, the .NET Open XML SDK) and rich text inline in runs (openpyxl). A part that
// unpacks to more than its directory entry says is refused, since the zip-bomb check trusts it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTable, type TableEvent } from '../../src/domain/import/read-table.ts';
import { prefixedXlsx } from '../support/zip-files.ts';

let dir: string;
let workbookBytes: Buffer;

const EXPECTED_CELLS = [
  ['nik', 'nama', 'tanggal_lahir', 'program', 'periode', 'nominal'],
  ['3578014107850001', 'SITI AMINAH', '1985-07-01', 'BPNT', '2021-01', '200000'],
  ['3578010101900002', "Ni Luh Putu O'Neil", '', 'PKH', '2021-01', '750000.5'],
];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-xlsx-'));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Daftar');
  sheet.addRow(EXPECTED_CELLS[0]);
  sheet.addRow([
    '3578014107850001',
    'SITI AMINAH',
    new Date('1985-07-01T00:00:00Z'),
    'BPNT',
    '2021-01',
    200000,
  ]);
  sheet.addRow(['3578010101900002', "Ni Luh Putu O'Neil", null, 'PKH', '2021-01', 750000.5]);
  workbook.addWorksheet('Catatan').addRow(['not read']);
  workbookBytes = Buffer.from(await workbook.xlsx.writeBuffer());
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let fileNumber = 0;
function fileOf(bytes: Buffer): string {
  const file = path.join(dir, `${++fileNumber}.xlsx`);
  writeFileSync(file, bytes);
  return file;
}

async function readAll(file: string): Promise<TableEvent[]> {
  const table = await openTable(file);
  const events: TableEvent[] = [];
  for await (const event of table.events()) events.push(event);
  return events;
}

describe('an .xlsx written by exceljs (workbook.xml stored last)', () => {
  it('is read whole, its first sheet only, on every one of 300 reads', async () => {
    const file = fileOf(workbookBytes);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      let outcome: string;
      try {
        const events = await readAll(file);
        outcome = JSON.stringify(events.map((e) => (e.kind === 'row' ? e.cells : e.kind)));
      } catch (error) {
        outcome = String(error);
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect([...outcomes.entries()]).toEqual([[JSON.stringify(EXPECTED_CELLS), 300]]);
  });

  it('counts its rows before reading, for the progress bar', async () => {
    const table = await openTable(fileOf(workbookBytes));
    expect(table.rowsTotal).toBe(3);
  });
});

describe('an .xlsx as the Open XML SDK writes it (`<x:row>`, workbook first), with rich text inline', () => {
  const cells = (events: TableEvent[]) => events.map((e) => (e.kind === 'row' ? e.cells : e.kind));

  it('is read whole, names in any script intact', async () => {
    const rows = [
      ['nik', 'nama', 'program', 'periode', 'nominal'],
      ['3578014107850001', 'Ñoman Dewi Ayu <x:row> & Bàng', 'BPNT', '2021-01', 200000],
      ['3578010101900002', 'ناصر Siti 王', 'PKH', '2021-01', 750000],
      ['3578010101900003', { runs: ['SI', 'TI ', 'Rahayu & <b>'] }, 'PKH', '2021-01', 750000],
    ];
    const table = await openTable(fileOf(prefixedXlsx(rows)));
    expect(table.rowsTotal).toBe(4);
    const events: TableEvent[] = [];
    for await (const event of table.events()) events.push(event);
    expect(cells(events)).toEqual([
      ...rows.slice(0, 3).map((row) => row.map(String)),
      ['3578010101900003', 'SITI Rahayu & <b>', 'PKH', '2021-01', '750000'],
    ]);
  });

  it('keeps every tag and inline string whole where the unpacked stream splits them: 20,000 rows', async () => {
    const nik = (i: number) => `35780141078${String(i).padStart(5, '0')}`;
    const header = ['nik', 'nama', 'program', 'periode'];
    const numbers = Array.from({ length: 20_000 }, (_, i) => i);
    const written = [
      header,
      ...numbers.map((i) => [nik(i), { runs: ['War', `ga ${i}`] }, 'BPNT', '2021-01']),
    ];
    const read = [header, ...numbers.map((i) => [nik(i), `Warga ${i}`, 'BPNT', '2021-01'])];
    expect(cells(await readAll(fileOf(prefixedXlsx(written))))).toEqual(read);
  });

  it('refuses an inline string far beyond the cell limit of Excel rather than hold it', async () => {
    let noise = '';
    while (noise.length < 2 * 1024 * 1024) noise += Math.random().toString(36).slice(2);
    const file = fileOf(
      prefixedXlsx([
        ['nik', 'nama'],
        ['3578014107850001', { runs: ['A', noise] }],
      ]),
    );
    await expect(readAll(file)).rejects.toMatchObject({ name: 'FileRefused', reason: 'xlsx_unreadable' });
  });
});

describe('a part that unpacks to more than its directory entry says', () => {
  it('is refused as a zip bomb, not read', async () => {
    const lying = Buffer.from(workbookBytes);
    const entry = centralEntryOf(lying, 'xl/worksheets/sheet1.xml');
    lying.writeUInt32LE(64, entry + 24);
    await expect(readAll(fileOf(lying))).rejects.toMatchObject({ name: 'FileRefused', reason: 'zip_bomb' });
  });
});

/** The offset of `name`'s entry in the zip's central directory. */
function centralEntryOf(zip: Buffer, name: string): number {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  while (zip.readUInt32LE(at) === 0x02014b50) {
    const nameLength = zip.readUInt16LE(at + 28);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) return at;
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw new Error(`${name} is not in the archive`);
}
