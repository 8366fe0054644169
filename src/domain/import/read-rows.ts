// A list file read into batches of checked rows: the header found among the first rows, each row
// normalised (normalise-row.ts) or refused with what could still be read of it. Plain work on the
// file and the region tree, with no database: it runs in the importing thread, or in a worker
// thread beside it (read-rows-worker.ts) so that reading the next rows and writing the last ones
// overlap. The messages are plain data either way.
import { nameSearchKey, tidyName } from '../names/person-name.ts';
import type { RegionDirectory } from '../regions/region-directory.ts';
import {
  cellsOf,
  type FoundHeader,
  findHeader,
  type HeaderMap,
  IMPORT_COLUMNS,
  type ImportColumn,
  type RowCells,
} from './columns.ts';
import {
  type ImportRow,
  normaliseRow,
  type Rejection,
  type RowDefaults,
  readPeriod,
} from './normalise-row.ts';
import { type ProgramNames, resolveProgram } from './program-names.ts';
import { FileRefused, openTable, type TableEvent } from './read-table.ts';

/** Rows per batch: each is one transaction of the importer. */
export const BATCH_ROWS = 5000;

/** The header is the first row naming the required columns among the file's first rows. */
export const HEADER_SEARCH_ROWS = 20;

export interface RejectedRow {
  line: number;
  rejections: Rejection[];
  cells: Record<string, string>;
  /** What could still be read of it: whose row it was, and where in the list it belongs. */
  keys: RejectionKeys;
}

export interface RowBatch {
  kind: 'batch';
  rows: ImportRow[];
  rejected: RejectedRow[];
  read: number;
  /** The file's bytes consumed so far. */
  bytesRead: number;
}

export type ReadMessage =
  | { kind: 'opened'; bytesTotal: number }
  | {
      kind: 'header';
      line: number;
      ignored: string[];
      /** The header names a desil column: the preview asks for the DTSEN snapshot when none was named. */
      desil: boolean;
    }
  | RowBatch
  | { kind: 'failed'; failure: string; line: number | null };

export interface ReadRequest {
  file: string;
  defaults: RowDefaults;
  /** The programs the office has defined, read once for the import (program-names.ts). */
  programs: ProgramNames;
  regions: RegionDirectory;
  today: Date;
}

/** Reads `file` into messages; a file refused whole ends with a `failed` message. */
export async function* readRows(request: ReadRequest): AsyncGenerator<ReadMessage> {
  const { defaults } = request;
  try {
    const table = await openTable(request.file);
    yield { kind: 'opened', bytesTotal: table.bytesTotal };
    let header: HeaderMap | undefined;
    // The rows above the header, held until a row names the required columns.
    const above: TableEvent[] = [];
    let batch: RowBatch = { kind: 'batch', rows: [], rejected: [], read: 0, bytesRead: 0 };
    const take = (event: TableEvent, map: HeaderMap): RowBatch | undefined => {
      const handled = handleEvent(request, map, event);
      if (handled === null) return undefined;
      batch.read++;
      if (handled.ok) batch.rows.push(handled.row);
      else batch.rejected.push({ line: event.line, ...handled });
      if (batch.read < BATCH_ROWS) return undefined;
      const full = { ...batch, bytesRead: table.bytesRead() };
      batch = { kind: 'batch', rows: [], rejected: [], read: 0, bytesRead: 0 };
      return full;
    };
    /** The header found: announced, and the rows read under it while looking are taken. */
    function* adopt(found: Extract<FoundHeader, { header: HeaderMap }>): Generator<ReadMessage> {
      yield {
        kind: 'header',
        line: found.line,
        ignored: found.header.ignored,
        desil: [...found.header.columns.values()].includes('desil'),
      };
      for (const held of above.filter((e) => e.line > found.lastLine)) {
        const full = take(held, found.header);
        if (full) yield full;
      }
    }
    for await (const event of table.events()) {
      if (header !== undefined) {
        // One row at a time without a promise: only a full batch is handed on.
        const full = take(event, header);
        if (full) yield full;
        continue;
      }
      if (event.kind !== 'row' || event.cells.every((c) => c.trim() === '')) continue;
      above.push(event);
      const found = findHeader(above, defaults, above.length >= HEADER_SEARCH_ROWS);
      if (found.header === undefined) {
        if (above.length < HEADER_SEARCH_ROWS) continue;
        yield { kind: 'failed', failure: `missing_columns:${found.missing.join(',')}`, line: event.line };
        return;
      }
      header = found.header;
      yield* adopt(found);
    }
    if (header === undefined) {
      if (above.length === 0) {
        yield { kind: 'failed', failure: 'empty', line: null };
        return;
      }
      const found = findHeader(above, defaults, true);
      if (found.header === undefined) {
        yield { kind: 'failed', failure: `missing_columns:${found.missing.join(',')}`, line: null };
        return;
      }
      // The file ends with its header (and perhaps a sub-header and a few rows).
      yield* adopt(found);
    }
    yield { ...batch, bytesRead: table.bytesRead() };
  } catch (error) {
    if (!(error instanceof FileRefused)) throw error;
    yield { kind: 'failed', failure: error.reason, line: error.line ?? null };
  }
}

type Handled =
  | { ok: true; row: ImportRow }
  | { ok: false; rejections: Rejection[]; cells: Record<string, string>; keys: RejectionKeys }
  | null;

function handleEvent(request: ReadRequest, header: HeaderMap, event: TableEvent): Handled {
  const { defaults, programs, regions } = request;
  if (event.kind === 'broken') {
    return {
      ok: false,
      rejections: [{ column: 'baris', reason: event.reason }],
      cells: {},
      keys: rejectionKeys(regions, programs, new Map(), defaults),
    };
  }
  if (event.cells.every((c) => c.trim() === '')) return null;
  const cells = cellsOf(header, event.cells);
  const refused = (rejections: Rejection[]) => ({
    ok: false as const,
    rejections,
    // The row as the file had it, kept only for a refused row.
    cells: Object.fromEntries(IMPORT_COLUMNS.filter((c) => cells.has(c)).map((c) => [c, cells.get(c) ?? ''])),
    keys: rejectionKeys(regions, programs, cells, defaults),
  });
  const cellRejections: Rejection[] = [];
  for (const index of event.formulaColumns ?? []) {
    cellRejections.push({ column: header.columns.get(index) ?? 'baris', reason: 'formula' });
  }
  for (const index of event.numberTooLong ?? []) {
    const column: ImportColumn | 'baris' = header.columns.get(index) ?? 'baris';
    if (column === 'nik' || column === 'kk') cellRejections.push({ column, reason: 'nik_number_cell' });
  }
  if (cellRejections.length > 0) return refused(cellRejections);
  const result = normaliseRow(event.line, cells, defaults, programs, regions, request.today);
  return result.ok ? result : refused(result.rejections);
}

/** What a rejected row still says about whose it is and where it belongs, read leniently. */
export interface RejectionKeys {
  nik: string | null;
  kk: string | null;
  name: string | null;
  program: string | null;
  period: string | null;
  village: string | null;
}

function rejectionKeys(
  regions: RegionDirectory,
  programs: ProgramNames,
  cells: RowCells,
  defaults: RowDefaults,
): RejectionKeys {
  const digits = (column: ImportColumn) => (cells.get(column) ?? '').replace(/\D/g, '');
  const sixteen = (column: ImportColumn) => (digits(column).length === 16 ? digits(column) : null);
  const name = nameSearchKey(tidyName(cells.get('nama') ?? ''));
  const programText = (cells.get('program') ?? '').trim();
  const periodText = cells.get('periode') ?? '';
  const village = digits('kode_desa');
  const villageCode =
    village.length === 10
      ? `${village.slice(0, 2)}.${village.slice(2, 4)}.${village.slice(4, 6)}.${village.slice(6)}`
      : '';
  return {
    nik: sixteen('nik'),
    kk: sixteen('kk'),
    name: name === '' ? null : name.slice(0, 120),
    program:
      programText === '' ? (defaults.program ?? null) : (resolveProgram(programs, programText) ?? null),
    period: periodText === '' ? (defaults.period ?? null) : readPeriod(periodText),
    village: regions.get(villageCode)?.level === 4 ? villageCode : null,
  };
}
