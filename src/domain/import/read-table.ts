// Reads a recipient list file row by row, whatever form it came in: CSV (UTF-8 with or without a
// BOM, or Windows-1252; comma, semicolon or tab) through csv-parse, or .xlsx (read-xlsx.ts).
// Nothing holds the whole file: rows are yielded as they are parsed.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';

import { countSheetRows, openXlsx, readZipParts } from './read-xlsx.ts';
import { FileRefused, LIMITS, type OpenedTable, type TableEvent } from './table-file.ts';

export {
  type FileFailure,
  FileRefused,
  LIMITS,
  type OpenedTable,
  type TableEvent,
  type TableFormat,
} from './table-file.ts';

const SNIFF_BYTES = 64 * 1024;

export async function openTable(file: string): Promise<OpenedTable> {
  const { size } = await stat(file);
  if (size === 0) throw new FileRefused('empty');
  const head = await readHead(file, SNIFF_BYTES);
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    const parts = await readZipParts(file, size);
    return openXlsx(file, size, parts, await countSheetRows(file, parts.sheet));
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

function separatorCount(line: string): number {
  return (line.match(/[,;\t]/g) ?? []).length;
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
  // The header may stand under title rows ("DAFTAR KPM …"), which hold no separator: the line of
  // the first rows that splits into the most cells decides.
  const firstLines = text.replace(/^\uFEFF/, '').split(/\r?\n/, 20);
  const delimiter = detectDelimiter(
    firstLines.reduce((a, b) => (separatorCount(b) > separatorCount(a) ? b : a), ''),
  );
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
