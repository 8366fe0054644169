// Many rows into one table in as few statements as the engines allow: SQLite binds at most
// 32,766 parameters per statement, PostgreSQL 65,535, so no statement here binds more than 30,000.
import type { Insertable, Kysely } from 'kysely';
import type { Database } from './schema.ts';

export const MAX_BOUND_PARAMETERS = 30_000;

type Table = keyof Database & string;
type TableWithId = { [T in Table]: 'id' extends keyof Database[T] ? T : never }[Table];

/** Rows per statement for rows of `columns` columns. */
export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.floor(MAX_BOUND_PARAMETERS / Math.max(1, columns)));
}

/**
 * Inserts `rows` in statements of at most MAX_BOUND_PARAMETERS parameters. With
 * `{ returning: 'id' }` it answers the ids the database assigned, in the order of `rows`.
 */
export async function insertInBatches<T extends Table>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<undefined>;
export async function insertInBatches<T extends TableWithId>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  options: { returning: 'id' },
): Promise<number[]>;
export async function insertInBatches(
  db: Kysely<Database>,
  table: Table,
  rows: readonly object[],
  options?: { returning: 'id' },
): Promise<number[] | undefined> {
  // A multi-row INSERT binds every column any row names, for every row.
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  const size = rowsPerStatement(columns.size);
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    if (!options) {
      await db
        .insertInto(table)
        .values(chunk as never)
        .execute();
      continue;
    }
    // Both engines number the rows of one INSERT in the order of its VALUES (SQLite: max rowid
    // + 1, PostgreSQL: nextval per row, which only rises), but neither promises RETURNING in
    // that order; sorting the ids gives them back in row order.
    const returned = (await (db as unknown as Kysely<Record<string, { id: number }>>)
      .insertInto(table)
      .values(chunk as never)
      .returning('id')
      .execute()) as { id: number | bigint }[];
    if (returned.length !== chunk.length)
      throw new Error(`${table}: ${chunk.length} rows inserted, ${returned.length} ids returned`);
    ids.push(...returned.map((r) => Number(r.id)).sort((a, b) => a - b));
  }
  return options ? ids : undefined;
}
