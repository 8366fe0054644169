// Reads the first worksheet of an .xlsx row by row. The archive is read through its central
// directory, part by part, and exceljs parses each part: its own streaming pass over the zip
// (`WorkbookReader` iterated) sometimes ends before the archive's last entry, which exceljs
// writes as `xl/workbook.xml`, and then fails or misreads the sheet (exceljs#3064, unfixed in
// 4.4). A recipient list refused one time in a hundred as "unreadable" is not acceptable.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, Readable, Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type ExcelJS from 'exceljs';

import { readSharedStrings, type SharedStrings } from './shared-strings.ts';
import { inlineStringsInOneRun, withoutRootPrefix } from './sheet-xml.ts';
import { FileRefused, LIMITS, type OpenedTable } from './table-file.ts';

/** Where one part lies in the archive, as its central directory says. */
interface ZipPart {
  /** 0 stored, 8 deflated. */
  method: number;
  packed: number;
  unpacked: number;
  localHeader: number;
}

/** The parts the reader needs; `sheet` is the first worksheet in the archive's order. */
export interface XlsxParts {
  sheet: ZipPart | null;
  sheetNumber: string;
  workbook?: ZipPart;
  workbookRels?: ZipPart;
  sharedStrings?: ZipPart;
  styles?: ZipPart;
}

const NAMED_PARTS = {
  'xl/workbook.xml': 'workbook',
  'xl/_rels/workbook.xml.rels': 'workbookRels',
  'xl/sharedStrings.xml': 'sharedStrings',
  'xl/styles.xml': 'styles',
} as const;

const SHEET_NAME = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * Reads the zip's central directory (the file is on disk, so this costs one small read), finds
 * the parts the reader needs, and refuses a "zip bomb": parts that unpack to far more than they
 * could hold, or more in all than a province's list.
 */
export async function readZipParts(file: string, size: number): Promise<XlsxParts> {
  const handle = await open(file, 'r');
  try {
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0 || eocd + 22 > tail.length) throw new FileRefused('xlsx_unreadable');
    const entries = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    if (directoryOffset === 0xffffffff || entries === 0xffff) throw new FileRefused('zip_bomb');
    if (directoryOffset + directorySize > size || directorySize > 16 * 1024 ** 2) {
      throw new FileRefused('xlsx_unreadable');
    }
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    let total = 0;
    let at = 0;
    const parts: XlsxParts = { sheet: null, sheetNumber: '' };
    for (let i = 0; i < entries; i++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== 0x02014b50) {
        throw new FileRefused('xlsx_unreadable');
      }
      const packed = directory.readUInt32LE(at + 20);
      const unpacked = directory.readUInt32LE(at + 24);
      const nameLength = directory.readUInt16LE(at + 28);
      const extra = directory.readUInt16LE(at + 30);
      const comment = directory.readUInt16LE(at + 32);
      const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
      if (unpacked === 0xffffffff || packed === 0xffffffff) throw new FileRefused('zip_bomb');
      total += unpacked;
      if (unpacked > 1024 ** 2 && unpacked / Math.max(packed, 1) > LIMITS.maxPackingRatio) {
        throw new FileRefused('zip_bomb');
      }
      if (name.endsWith('sharedStrings.xml') && unpacked > LIMITS.maxSharedStringsBytes) {
        throw new FileRefused('zip_bomb');
      }
      const part: ZipPart = {
        method: directory.readUInt16LE(at + 10),
        packed,
        unpacked,
        localHeader: directory.readUInt32LE(at + 42),
      };
      const sheet = SHEET_NAME.exec(name);
      if (sheet && parts.sheet === null) {
        parts.sheet = part;
        parts.sheetNumber = sheet[1] as string;
      } else if (Object.hasOwn(NAMED_PARTS, name)) {
        parts[NAMED_PARTS[name as keyof typeof NAMED_PARTS]] ??= part;
      }
      at += 46 + nameLength + extra + comment;
    }
    if (total > LIMITS.maxUnpackedBytes) throw new FileRefused('zip_bomb');
    return parts;
  } finally {
    await handle.close();
  }
}

/**
 * One part's unpacked bytes as a stream. A part that unpacks to more than its directory entry
 * says fails the stream with `zip_bomb`: the entry's size is the one the bomb check trusted.
 */
async function openPart(file: string, part: ZipPart): Promise<Readable> {
  if (part.method !== 0 && part.method !== 8) throw new FileRefused('xlsx_unreadable');
  const handle = await open(file, 'r');
  let start: number;
  try {
    const header = Buffer.alloc(30);
    await handle.read(header, 0, 30, part.localHeader);
    if (header.readUInt32LE(0) !== 0x04034b50) throw new FileRefused('xlsx_unreadable');
    start = part.localHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    await handle.close();
  }
  if (part.packed === 0) return Readable.from([]);
  const packed = createReadStream(file, { start, end: start + part.packed - 1 });
  if (part.method === 0) return packed;
  let unpacked = 0;
  const bounded = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      unpacked += chunk.length;
      if (unpacked > part.unpacked) done(new FileRefused('zip_bomb'));
      else done(null, chunk);
    },
  });
  // pipeline hands any stage's error to the last stream, where the reader meets it.
  return pipeline(packed, createInflateRaw(), bounded, () => {});
}

/** `<row ` or `<row>`, with the namespace prefix some writers put on every element (`<x:row>`). */
const ROW_TAG = /<(?:[A-Za-z_][\w.-]*:)?row[\s>]/g;

/**
 * The number of rows in the worksheet, counted in one streaming pass over its XML before the
 * import reads it: the progress of an .xlsx is then rows read against rows there are. The
 * `<dimension>` element cannot serve: streaming writers (exceljs's own among them) leave it out,
 * and exceljs's reader runs ahead of the rows it hands out, so bytes of the file read say little.
 * Costs one inflate of the sheet (well under a second per 100,000 rows); 0 when it cannot count.
 */
export async function countSheetRows(file: string, sheet: ZipPart | null): Promise<number> {
  if (sheet === null) return 0;
  let rows = 0;
  let carry = '';
  let xml: Readable | undefined;
  try {
    xml = await openPart(file, sheet);
    for await (const chunk of xml) {
      const text = carry + (chunk as Buffer).toString('latin1');
      ROW_TAG.lastIndex = 0;
      // A tag cut by the chunk's end is counted with the next chunk: keep the tail that could hold it.
      const cut = Math.max(0, text.length - 64);
      for (const match of text.matchAll(ROW_TAG)) if (match.index < cut) rows++;
      carry = text.slice(cut);
    }
    for (const _ of carry.matchAll(ROW_TAG)) rows++;
  } catch {
    // A damaged sheet: the reader will say so; the progress falls back to the file's bytes.
    return 0;
  } finally {
    xml?.destroy();
  }
  return rows;
}

/**
 * The methods of exceljs 4.4's `WorkbookReader` that parse one part each; its own `parse()` calls
 * them in the archive's order. Called here in the order the sheet depends on them. Not in
 * exceljs's typings: the test of reading the same file many times guards them on an upgrade.
 */
interface PartParser {
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseStyles(part: Readable): Promise<void>;
  _parseWorksheet(
    xml: Readable,
    sheetNumber: string,
  ): Generator<{ eventType: string; value: ExcelJS.stream.xlsx.WorksheetReader }>;
}

/** Excel keeps 15 significant digits: a NIK typed as a number has already lost its last one. */
const SAFE_DIGITS = 15;

export function openXlsx(file: string, size: number, parts: XlsxParts, rowsTotal: number): OpenedTable {
  let rows = 0;
  return {
    format: 'xlsx',
    bytesTotal: size,
    // The share of the sheet's rows handed out, in bytes of the file (what the page's bar reads).
    bytesRead: () => (rowsTotal > 0 ? Math.min(size, Math.floor((size * rows) / rowsTotal)) : 0),
    rowsTotal,
    detected: {},
    async *events() {
      const { sheet } = parts;
      if (sheet === null) return;
      // Loaded when a workbook is read, not when the server or a command starts: the library and
      // its zip and XML readers take two thirds of a second to load, and most starts read no workbook.
      const { default: Excel } = await import('exceljs');
      const reader = new Excel.stream.xlsx.WorkbookReader(file, {
        // Read by shared-strings.ts: the sheet's text cells come as `{ sharedString: n }`.
        sharedStrings: 'ignore',
        styles: 'cache',
        hyperlinks: 'ignore',
        worksheets: 'emit',
        entries: 'ignore',
      }) as unknown as PartParser;
      const opened: Readable[] = [];
      const partStream = async (part: ZipPart) => {
        const stream = await openPart(file, part);
        opened.push(stream);
        return pipeline(stream, withoutRootPrefix(), () => {});
      };
      const sheetStream = async (part: ZipPart) =>
        pipeline(await partStream(part), inlineStringsInOneRun(), () => {});
      try {
        if (parts.workbookRels) await reader._parseRels(await partStream(parts.workbookRels));
        if (parts.workbook) await reader._parseWorkbook(await partStream(parts.workbook));
        const strings = parts.sharedStrings
          ? await readSharedStrings(await partStream(parts.sharedStrings))
          : undefined;
        if (parts.styles) await reader._parseStyles(await partStream(parts.styles));
        for (const { value: worksheet } of reader._parseWorksheet(
          await sheetStream(sheet),
          parts.sheetNumber,
        )) {
          for await (const row of worksheet) {
            if (++rows > LIMITS.maxRows) throw new FileRefused('too_many_rows', row.number);
            const values = Array.isArray(row.values) ? row.values.slice(1) : [];
            if (values.length > LIMITS.maxColumns) throw new FileRefused('too_many_columns', row.number);
            const formulaColumns: number[] = [];
            const numberTooLong: number[] = [];
            const cells = Array.from(values, (value, index) => {
              const read = cellText(value, strings);
              if (read.formula) formulaColumns.push(index);
              if (read.numberTooLong) numberTooLong.push(index);
              return read.text.slice(0, LIMITS.maxCellChars);
            });
            yield { kind: 'row', line: row.number, cells, formulaColumns, numberTooLong };
          }
        }
      } catch (error) {
        if (error instanceof FileRefused) throw error;
        throw new FileRefused('xlsx_unreadable');
      } finally {
        for (const stream of opened) stream.destroy();
      }
    },
  };
}

function cellText(
  value: unknown,
  strings: SharedStrings | undefined,
): { text: string; formula?: boolean; numberTooLong?: boolean } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') {
    const digits = Math.trunc(Math.abs(value)).toString().length;
    if (Number.isInteger(value) && digits > SAFE_DIGITS) return { text: '', numberTooLong: true };
    return { text: Number.isInteger(value) ? value.toFixed(0) : String(value) };
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date)
    return { text: Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10) };
  if (typeof value === 'object') {
    const cell = value as Record<string, unknown>;
    if ('formula' in cell || 'sharedFormula' in cell) return { text: '', formula: true };
    if (typeof cell.sharedString === 'number') return { text: strings?.get(cell.sharedString) ?? '' };
    if (Array.isArray(cell.richText)) {
      return { text: cell.richText.map((part) => String((part as { text?: unknown }).text ?? '')).join('') };
    }
    if (typeof cell.text === 'string') return { text: cell.text };
    if ('error' in cell) return { text: '' };
  }
  return { text: '' };
}
