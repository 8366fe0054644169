// The rejected rows of an import, read page by page (never all at once) for the page, the CSV
// download and the CLI: line, column, reason, and the row's cells as the file had them.
import type { DomainDeps } from '../deps.ts';
import { IMPORT_COLUMNS } from './columns.ts';
import { csvLine } from './csv-out.ts';

type Deps = Pick<DomainDeps, 'db'>;

export interface RejectedRow {
  id: number;
  line: number;
  column: string;
  reason: string;
  cells: Record<string, string>;
}

export async function rejectedRowsPage(
  deps: Deps,
  importId: number,
  afterId = 0,
  limit = 500,
): Promise<RejectedRow[]> {
  const rows = await deps.db
    .selectFrom('import_rejections')
    .select(['id', 'line', 'column_name', 'reason', 'cells'])
    .where('import_id', '=', importId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    line: r.line,
    column: r.column_name,
    reason: r.reason,
    cells: readCells(r.cells),
  }));
}

function readCells(json: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  try {
    const parsed = JSON.parse(json) as unknown;
    if (typeof parsed === 'object' && parsed !== null) {
      for (const column of IMPORT_COLUMNS) {
        const value = (parsed as Record<string, unknown>)[column];
        if (typeof value === 'string') out[column] = value;
      }
    }
  } catch {
    // A row whose cells could not be read keeps its line, column and reason.
  }
  return out;
}

/**
 * The rejected rows as CSV: `baris, kolom, alasan`, then the documented columns, so an officer
 * can correct the cells and import the file again. `reasonText` turns a reason code into words.
 */
export async function* rejectedRowsCsv(
  deps: Deps,
  importId: number,
  reasonText: (reason: string) => string,
  /** Which rows the reader may have (import-access.ts); every row when left out. */
  keep: (row: RejectedRow) => boolean = () => true,
  /** Told each page's rows as they go out (the viewer log names the people in them). */
  onRows: (rows: RejectedRow[]) => Promise<void> = async () => {},
): AsyncGenerator<string> {
  yield `\uFEFF${csvLine(['baris', 'kolom', 'alasan', ...IMPORT_COLUMNS])}`;
  let after = 0;
  for (;;) {
    const page = await rejectedRowsPage(deps, importId, after);
    if (page.length === 0) return;
    const kept = page.filter(keep);
    await onRows(kept);
    for (const row of kept) {
      yield csvLine([
        row.line,
        row.column,
        reasonText(row.reason),
        ...IMPORT_COLUMNS.map((c) => row.cells[c] ?? ''),
      ]);
    }
    after = page[page.length - 1]?.id ?? after;
  }
}
