// What reading a recipient list file yields, and the limits every reader keeps.

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
