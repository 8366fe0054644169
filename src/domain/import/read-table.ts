// Reads a recipient list file row by row, whatever form it came in: CSV (UTF-8 with or without a
// BOM, or Windows-1252; comma, semicolon or tab) through csv-parse, or .xlsx through exceljs's
// streaming reader. Nothing holds the whole file: rows are yielded as they are parsed.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export type TableFormat = 'csv' | 'xlsx';

export type TableEvent =
  | { kind: 'row'; line: number; cells: string[]; formulaColumns?: number[]; numberTooLong?: number[] }
  | { kind: 'broken'; line: number; reason: 'row_malformed' | 'row_too_long' };

/** Why a whole file is refused (message keys `import_failed_<reason>`). */
export type FileFailure =
  | 'empty'
  | 'binary'
  | 'zip_bomb'
  | 'xlsx_unreadable'
  | 'csv_unreadable'
  | 'too_many_columns'
  | 'too_many_rows';

export class FileRefused extends Error {
  constructor(
    readonly reason: FileFailure,
    readonly line?: number,
  ) {
    super(`file refused: ${reason}`);
    this.name = 'FileRefused';
  }
}

export const LIMITS = {
  /** A row longer than this is reported and skipped: no recipient row comes near it. */
  maxRowBytes: 16 * 1024,
  maxColumns: 200,
  maxCellChars: 500,
  maxRows: 5_000_000,
  /** Unpacked size of all parts of an .xlsx, and the most any part may be packed. */
  maxUnpackedBytes: 4 * 1024 ** 3,
  maxPackingRatio: 400,
  /** exceljs keeps shared strings in memory. */
  maxSharedStringsBytes: 256 * 1024 ** 2,
};

export interface OpenedTable {
  format: TableFormat;
  bytesTotal: number;
  /** The file's bytes consumed so far: the progress bar's numerator. */
  bytesRead(): number;
  /** The header row first (as a `row` event with line 1 or wherever it is), then the rows. */
  events(): AsyncGenerator<TableEvent>;
  /** For .xlsx: the rows of the sheet, counted before reading (0 when unknown); progress counts against it. */
  rowsTotal?: number;
  /** For CSV: what was detected, for the import's log. */
  detected: { encoding?: string; delimiter?: string };
}

const SNIFF_BYTES = 64 * 1024;

export async function openTable(file: string): Promise<OpenedTable> {
  const { size } = await stat(file);
  if (size === 0) throw new FileRefused('empty');
  const head = await readHead(file, SNIFF_BYTES);
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    const sheet = await checkZip(file, size);
    return openXlsx(file, size, sheet ? await countSheetRows(file, sheet) : 0);
  }
  if (looksBinary(head)) throw new FileRefused('binary');
  return openCsv(file, size, head);
}

async function readHead(file: string, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** NUL bytes, or many control characters, never occur in a text list. */
function looksBinary(head: Buffer): boolean {
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  }
  return control > head.length / 100;
}

/**
 * UTF-8 when the file starts with a BOM or its first 64 KiB decode as UTF-8 (the sniff may end
 * inside a character; `stream: true` lets that tail wait). Otherwise Windows-1252, which is what
 * Excel on an Indonesian Windows saves as "CSV". A statistical guesser (chardet) was not used: on
 * short Latin text it names ISO-8859-x or UTF-16 variants, and the two real candidates are
 * told apart exactly by whether the bytes are valid UTF-8.
 */
export function detectEncoding(head: Buffer): 'utf-8' | 'windows-1252' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** The separator that splits the header line into the most cells, counted outside quotes. */
export function detectDelimiter(firstLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char in counts) counts[char as keyof typeof counts]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

function openCsv(file: string, size: number, head: Buffer): OpenedTable {
  const encoding = detectEncoding(head);
  const text = encoding === 'utf-8' ? head.toString('utf8') : iconv.decode(head, 'win1252');
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = detectDelimiter(firstLine);
  let consumed = 0;
  return {
    format: 'csv',
    bytesTotal: size,
    bytesRead: () => consumed,
    detected: { encoding, delimiter },
    async *events() {
      const source = createReadStream(file, { highWaterMark: 256 * 1024 });
      source.on('data', (chunk) => {
        consumed += chunk.length;
      });
      const skipped: TableEvent[] = [];
      const parser = parse({
        delimiter,
        bom: true,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        skip_records_with_error: true,
        max_record_size: LIMITS.maxRowBytes,
        info: true,
        on_skip: (error) => {
          const tooLong = error?.code === 'CSV_MAX_RECORD_SIZE';
          skipped.push({
            kind: 'broken',
            line: Number((error as { lines?: number } | undefined)?.lines ?? 0),
            reason: tooLong ? 'row_too_long' : 'row_malformed',
          });
          return undefined;
        },
      });
      const guarded = source.pipe(
        cutLongLines(LIMITS.maxRowBytes, (line) =>
          skipped.push({ kind: 'broken', line, reason: 'row_too_long' }),
        ),
      );
      source.on('error', (error: Error) => parser.destroy(error));
      if (encoding === 'utf-8') guarded.pipe(parser);
      else guarded.pipe(iconv.decodeStream('win1252')).pipe(parser);
      let rows = 0;
      try {
        for await (const { record, info } of parser as AsyncIterable<{
          record: string[];
          info: { lines: number };
        }>) {
          // The line guard reads ahead of the parser: its reports wait for their place in the file.
          while (skipped.length > 0 && (skipped[0] as TableEvent).line < info.lines) {
            yield skipped.shift() as TableEvent;
          }
          if (++rows > LIMITS.maxRows) throw new FileRefused('too_many_rows', info.lines);
          if (record.length > LIMITS.maxColumns) throw new FileRefused('too_many_columns', info.lines);
          yield { kind: 'row', line: info.lines, cells: record.map((c) => c.slice(0, LIMITS.maxCellChars)) };
        }
        while (skipped.length > 0) yield skipped.shift() as TableEvent;
      } catch (error) {
        if (error instanceof FileRefused) throw error;
        const lines = (error as { lines?: number }).lines;
        throw new FileRefused('csv_unreadable', typeof lines === 'number' ? lines : undefined);
      } finally {
        source.destroy();
      }
    },
  };
}

/**
 * Drops the bytes of any physical line longer than `limit`, leaving it empty (csv-parse skips
 * empty lines but still counts them, so later line numbers stay right) and telling `onCut` its
 * number. csv-parse's own record-size limit stops the whole parse; this keeps the rows after it.
 */
function cutLongLines(limit: number, onCut: (line: number) => void): Transform {
  let line = 1;
  let length = 0;
  let cutting = false;
  // The current line's bytes so far: held until its end, so a line later found too long is
  // dropped whole rather than half-sent.
  let pending: Buffer[] = [];
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const out: Buffer[] = [];
      let start = 0;
      for (let i = 0; i < chunk.length; i++) {
        if (chunk[i] === 0x0a) {
          if (cutting) out.push(Buffer.from('\n'));
          else out.push(...pending, chunk.subarray(start, i + 1));
          pending = [];
          cutting = false;
          length = 0;
          line++;
          start = i + 1;
        } else if (!cutting && ++length > limit) {
          cutting = true;
          pending = [];
          onCut(line);
        }
      }
      if (!cutting && start < chunk.length) pending.push(chunk.subarray(start));
      done(null, Buffer.concat(out));
    },
    flush(done) {
      done(null, cutting ? Buffer.alloc(0) : Buffer.concat(pending));
    },
  });
}

/**
 * Reads the zip's central directory (the file is on disk, so this costs one small read) and
 * refuses a "zip bomb": parts that unpack to far more than they could hold, or more in all
 * than a province's list.
 */
async function checkZip(file: string, size: number): Promise<SheetEntry | null> {
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
    let sheet: SheetEntry | null = null;
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
      // The reader takes the first worksheet in the archive's order; so does the row count.
      if (sheet === null && /^xl\/worksheets\/sheet\d+\.xml$/.test(name)) {
        sheet = {
          method: directory.readUInt16LE(at + 10),
          packed,
          localHeader: directory.readUInt32LE(at + 42),
        };
      }
      at += 46 + nameLength + extra + comment;
    }
    if (total > LIMITS.maxUnpackedBytes) throw new FileRefused('zip_bomb');
    return sheet;
  } finally {
    await handle.close();
  }
}

interface SheetEntry {
  /** 0 stored, 8 deflated. */
  method: number;
  packed: number;
  localHeader: number;
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
async function countSheetRows(file: string, sheet: SheetEntry): Promise<number> {
  if (sheet.packed === 0 || (sheet.method !== 0 && sheet.method !== 8)) return 0;
  const handle = await open(file, 'r');
  let start: number;
  try {
    const header = Buffer.alloc(30);
    await handle.read(header, 0, 30, sheet.localHeader);
    if (header.readUInt32LE(0) !== 0x04034b50) return 0;
    start = sheet.localHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    await handle.close();
  }
  const packed = createReadStream(file, { start, end: start + sheet.packed - 1 });
  const xml = sheet.method === 8 ? packed.pipe(createInflateRaw()) : packed;
  let rows = 0;
  let carry = '';
  try {
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
    packed.destroy();
  }
  return rows;
}

/** Excel keeps 15 significant digits: a NIK typed as a number has already lost its last one. */
const SAFE_DIGITS = 15;

function openXlsx(file: string, size: number, rowsTotal: number): OpenedTable {
  let consumed = 0;
  let rows = 0;
  return {
    format: 'xlsx',
    bytesTotal: size,
    // The share of the sheet's rows handed out, in bytes of the file (what the page's bar reads).
    bytesRead: () =>
      rowsTotal > 0 ? Math.min(size, Math.floor((size * rows) / rowsTotal)) : Math.min(consumed, size),
    rowsTotal,
    detected: {},
    async *events() {
      const source = createReadStream(file, { highWaterMark: 256 * 1024 });
      source.on('data', (chunk) => {
        consumed += chunk.length;
      });
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
        sharedStrings: 'cache',
        styles: 'cache',
        hyperlinks: 'ignore',
        worksheets: 'emit',
        entries: 'ignore',
      });
      try {
        // The first sheet is the list; further sheets (notes, pivots) are not read.
        for await (const sheet of reader) {
          for await (const row of sheet) {
            if (++rows > LIMITS.maxRows) throw new FileRefused('too_many_rows', row.number);
            const values = Array.isArray(row.values) ? row.values.slice(1) : [];
            if (values.length > LIMITS.maxColumns) throw new FileRefused('too_many_columns', row.number);
            const formulaColumns: number[] = [];
            const numberTooLong: number[] = [];
            const cells = Array.from(values, (value, index) => {
              const read = cellText(value);
              if (read.formula) formulaColumns.push(index);
              if (read.numberTooLong) numberTooLong.push(index);
              return read.text.slice(0, LIMITS.maxCellChars);
            });
            yield { kind: 'row', line: row.number, cells, formulaColumns, numberTooLong };
          }
          break;
        }
      } catch (error) {
        if (error instanceof FileRefused) throw error;
        throw new FileRefused('xlsx_unreadable');
      } finally {
        source.destroy();
      }
    },
  };
}

function cellText(value: unknown): { text: string; formula?: boolean; numberTooLong?: boolean } {
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
    if (Array.isArray(cell.richText)) {
      return { text: cell.richText.map((part) => String((part as { text?: unknown }).text ?? '')).join('') };
    }
    if (typeof cell.text === 'string') return { text: cell.text };
    if ('error' in cell) return { text: '' };
  }
  return { text: '' };
}
