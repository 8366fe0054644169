// Many rows into one table in as few statements as the engines allow. SQLite binds at most
// 32,766 parameters per statement, so its multi-row INSERTs bind no more than 30,000. On
// PostgreSQL a multi-row VALUES of that size is slow to plan and run (the demo's 172,064
// memberships took 7 s of server CPU in 3,750-row VALUES statements, 1 s as arrays): there a
// batch goes as one array per column, `INSERT … SELECT * FROM unnest($1::integer[], …)`.
import { CompiledQuery, type Insertable, type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from './schema.ts';

export const MAX_BOUND_PARAMETERS = 30_000;
/** Rows per PostgreSQL statement: large enough to amortise a round trip, small enough to stream. */
const POSTGRES_ROWS_PER_STATEMENT = 10_000;
const MIN_ROWS_AS_ARRAYS = 100;

type Table = keyof Database & string;
type TableWithId = { [T in Table]: 'id' extends keyof Database[T] ? T : never }[Table];

/** Rows per SQLite statement for rows of `columns` columns. */
export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.floor(MAX_BOUND_PARAMETERS / Math.max(1, columns)));
}

/**
 * Inserts `rows` in as few statements as may be. With `{ returning: 'id' }` it answers the ids
 * the database assigned, in the order of `rows`.
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
  // A multi-row INSERT names every column any row names; a row without one gets NULL.
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  // A few rows (one resident's submission) go as an ordinary INSERT: reading the column types
  // would cost a round trip more than the arrays save.
  const asArrays = db.getExecutor().adapter instanceof PostgresAdapter && rows.length >= MIN_ROWS_AS_ARRAYS;
  const types = asArrays ? await columnTypes(db, table) : new Map<string, string>();
  const size = asArrays ? POSTGRES_ROWS_PER_STATEMENT : rowsPerStatement(columns.size);
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    const returned = asArrays
      ? await insertArrays(db, table, [...columns], types, chunk, options !== undefined)
      : await insertValues(db, table, chunk, options !== undefined);
    if (!options) continue;
    if (returned.length !== chunk.length)
      throw new Error(`${table}: ${chunk.length} rows inserted, ${returned.length} ids returned`);
    // Both engines number the rows of one INSERT in the order they come (SQLite: max rowid + 1,
    // PostgreSQL: nextval per row, which only rises), but neither promises RETURNING in that
    // order; sorting the ids gives them back in row order.
    ids.push(...returned.map((r) => Number(r.id)).sort((a, b) => a - b));
  }
  return options ? ids : undefined;
}

type Returned = { id: number | bigint }[];

async function insertValues(
  db: Kysely<Database>,
  table: Table,
  chunk: readonly object[],
  returning: boolean,
): Promise<Returned> {
  const insert = db.insertInto(table).values(chunk as never);
  if (!returning) {
    await insert.execute();
    return [];
  }
  return (await (insert as unknown as ReturnType<Kysely<Record<string, { id: number }>>['insertInto']>)
    .returning('id')
    .execute()) as Returned;
}

/**
 * One statement per chunk with one array parameter per column: `unnest` turns the arrays back into
 * rows. The arrays need their element types spelled out, so the table's own column types are read
 * from the catalogue once per call.
 */
async function insertArrays(
  db: Kysely<Database>,
  table: Table,
  columns: readonly string[],
  types: ReadonlyMap<string, string>,
  chunk: readonly object[],
  returning: boolean,
): Promise<Returned> {
  const arrays = columns.map((column) => {
    const type = types.get(column);
    if (!type) throw new Error(`${table} has no column ${column}`);
    const values = chunk.map((row) => (row as Record<string, unknown>)[column] ?? null);
    return sql`${values}::${sql.raw(type)}[]`;
  });
  const { rows } = await sql<{
    id: number;
  }>`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    SELECT * FROM unnest(${sql.join(arrays)})
    ${returning ? sql`RETURNING id` : sql``}`.execute(db);
  return rows;
}

/** Each column's type as PostgreSQL spells it in a cast, e.g. `character varying` (the column applies its own length). */
async function columnTypes(db: Kysely<Database>, table: Table): Promise<Map<string, string>> {
  const { rows } = await sql<{ name: string; type: string }>`SELECT attname AS name,
      format_type(atttypid, NULL) AS type
    FROM pg_attribute WHERE attrelid = ${table}::regclass AND attnum > 0 AND NOT attisdropped`.execute(db);
  return new Map(rows.map((r) => [r.name, r.type]));
}

/** Longest statement text database.ts keeps prepared (its CACHEABLE_SQL_LENGTH), less the column list. */
const SQLITE_CACHED_TEXT = 3600;
const insertTexts = new Map<string, string>();

/**
 * Many rows given as arrays in `columns` order, for bulk loads. On SQLite the statement text for a
 * full chunk is built once and cached, so better-sqlite3 prepares it once (database.ts keeps
 * prepared statements by text) and Kysely builds no syntax tree per chunk: building and preparing
 * a new multi-row INSERT per batch cost a bulk load as much as SQLite's own work. PostgreSQL takes
 * the rows as arrays (`insertInBatches`).
 */
export async function insertRows(
  db: Kysely<Database>,
  table: Table,
  columns: readonly string[],
  rows: readonly unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // One JSON text per chunk, read into rows by PostgreSQL itself: node-postgres writes a text[]
    // parameter element by element in JavaScript, which cost a bulk load more than the insert.
    const names = sql.join(columns.map((c) => sql.ref(c)));
    for (let i = 0; i < rows.length; i += POSTGRES_ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + POSTGRES_ROWS_PER_STATEMENT);
      const json = JSON.stringify(chunk.map((row) => Object.fromEntries(columns.map((c, j) => [c, row[j]]))));
      await sql`INSERT INTO ${sql.table(table)} (${names})
        SELECT ${names} FROM json_populate_recordset(NULL::${sql.table(table)}, ${json}::json)`.execute(db);
    }
    return;
  }
  // As many rows as keep the text short enough to stay prepared: `(?, ?, …), ` is 3 characters a column.
  const size = Math.max(1, Math.floor(SQLITE_CACHED_TEXT / (3 * columns.length + 2)));
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    const key = `${table}\t${columns.join(',')}\t${chunk.length}`;
    let text = insertTexts.get(key);
    if (text === undefined) {
      const one = `(${columns.map(() => '?').join(', ')})`;
      text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${Array.from({ length: chunk.length }, () => one).join(', ')}`;
      insertTexts.set(key, text);
    }
    await db.executeQuery(CompiledQuery.raw(text, chunk.flat()));
  }
}
