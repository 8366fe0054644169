// The progress of an .xlsx import is the share of the sheet's rows read, counted before reading:
// exceljs's streaming reader runs ahead of the rows it hands out, so the file's bytes read said
// 100 % long before the end. Checked on a workbook from exceljs's streaming writer (no
// <dimension>, as large lists are written) and from its ordinary one, at every thousandth row.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTable } from '../../src/domain/import/read-table.ts';

const ROWS = 6000;
let dir: string;

const row = (i: number) => [`34040${String(i).padStart(11, '0')}`, `NAMA ${i}`, 'BPNT', '2021-02', 200000];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-xlsx-'));
  const streamed = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path.join(dir, 'streamed.xlsx'),
    useSharedStrings: false,
  });
  const sheet = streamed.addWorksheet('Daftar');
  sheet.addRow(['nik', 'nama', 'program', 'periode', 'nominal']).commit();
  for (let i = 0; i < ROWS; i++) sheet.addRow(row(i)).commit();
  sheet.commit();
  await streamed.commit();
  const whole = new ExcelJS.Workbook();
  const ws = whole.addWorksheet('Daftar');
  ws.addRow(['nik', 'nama', 'program', 'periode', 'nominal']);
  for (let i = 0; i < ROWS; i++) ws.addRow(row(i));
  // A second sheet (notes) is not read, and not counted.
  whole.addWorksheet('Catatan').addRow(['dibuat oleh bank']);
  await whole.xlsx.writeFile(path.join(dir, 'whole.xlsx'));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('.xlsx progress', () => {
  for (const name of ['streamed.xlsx', 'whole.xlsx']) {
    it(`follows the rows read in ${name}`, async () => {
      const table = await openTable(path.join(dir, name));
      expect(table.rowsTotal).toBe(ROWS + 1);
      const samples: { rows: number; share: number }[] = [];
      let rows = 0;
      for await (const event of table.events()) {
        expect(event.kind).toBe('row');
        rows++;
        if (rows % 1000 === 0) samples.push({ rows, share: table.bytesRead() / table.bytesTotal });
      }
      expect(rows).toBe(ROWS + 1);
      expect(samples).toHaveLength(6);
      for (const s of samples)
        expect(Math.abs(s.share - s.rows / (ROWS + 1)), `at row ${s.rows}`).toBeLessThan(0.001);
      expect(table.bytesRead()).toBe(table.bytesTotal);
    });
  }
});
