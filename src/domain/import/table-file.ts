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
  | 'shared_strings_too_large'
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
  /** The shared-strings part unpacked, refused before it is read: 1.7 × a full list's (below). */
  maxSharedStringsBytes: 256 * 1024 ** 2,
  /**
   * What the shared strings may hold in memory while the sheet is read (shared-strings.ts). A list
   * of 1,000,000 rows in the import's 16 columns, every text cell a shared string as Excel writes
   * it and nearly every NIK, KK, name and address distinct (tools/measure-shared-strings.ts), has
   * 3,863,430 strings in a sharedStrings.xml of 151 MiB, held in 118 MiB; Excel's most rows
   * (1,048,576) would hold 124 MiB. This leaves room for a few more distinct text columns and
   * keeps one read's peak well below what the server can spare (decision 0022, "Memory").
   */
  maxSharedStringsHeld: 192 * 1024 ** 2,
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
