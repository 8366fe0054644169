// The few things that differ between SQLite and PostgreSQL once the schema exists. The domain
// asks these instead of matching a driver's message text or writing engine-specific SQL.
import { type Expression, type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';

export type EngineName = 'sqlite' | 'postgres';

/**
 * True when a statement broke a UNIQUE constraint or unique index: SQLite's
 * `SQLITE_CONSTRAINT_UNIQUE` / `SQLITE_CONSTRAINT_PRIMARYKEY`, PostgreSQL's SQLSTATE 23505.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const { code } = error as { code: unknown };
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** `LIKE … ESCAPE` reads `%`, `_` and the escape itself literally once escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column` contains `text` literally. Both sides are upper-cased by the caller: SQLite's LIKE
 * folds ASCII case and PostgreSQL's folds none, so only pre-folded text compares the same on both.
 */
export function containsLiteral(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} LIKE ${`%${escapeLike(text)}%`} ESCAPE '\\'`;
}

/** `column` starts with `prefix` literally. */
export function startsWithLiteral(column: string, prefix: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} LIKE ${`${escapeLike(prefix)}%`} ESCAPE '\\'`;
}

/**
 * The engine a Kysely instance, or a transaction of one, talks to. `getExecutor()` is marked
 * internal in Kysely's types, but it is the one place a built query can learn its dialect.
 */
export function engineOf<DB>(db: Kysely<DB>): EngineName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * A JSON array as a query returns it: SQLite hands JSON over as text, PostgreSQL's driver has
 * already parsed it. Read it with `readJsonArray`.
 */
export type JsonArray<Row> = Row[] | string;

/** The type of one element of a `JsonArray` column. */
export type JsonArrayElement<Column> = Column extends readonly (infer Row)[] ? Row : never;

/**
 * The rows of `subquery` as one JSON array holding, per row, the array of its `columns` in that
 * order (`json_group_array(json_array(…))` on SQLite, `json_agg(json_build_array(…))` on
 * PostgreSQL): a parent's many rows in one value, so the parent's columns are not repeated on
 * each. Arrays, not objects: repeating the column names in every row made reading the JSON
 * cost as much as the query. The order of the rows is not promised.
 */
export function jsonRowsFrom<DB, Row, const Columns extends readonly (keyof Row & string)[]>(
  db: Kysely<DB>,
  subquery: Expression<Row>,
  columns: Columns,
): RawBuilder<JsonArray<{ -readonly [I in keyof Columns]: Row[Columns[I]] }>> {
  const values = sql.join(columns.map((column) => sql.ref(`agg.${column}`)));
  const aggregate =
    engineOf(db) === 'postgres'
      ? sql`json_agg(json_build_array(${values}))`
      : sql`json_group_array(json_array(${values}))`;
  return sql`(select coalesce(${aggregate}, '[]') from ${subquery} as agg)`;
}

/** JSON text a column holds (a form, a step's data, a list), parsed; null when empty or unreadable. */
export function readJsonText(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The same, when only an object (not a list or a scalar) is of use. */
export function readJsonObject(text: string | null): Record<string, unknown> | null {
  const value = readJsonText(text);
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

export function readJsonArray<Row>(value: JsonArray<Row>): Row[] {
  return typeof value === 'string' ? (JSON.parse(value) as Row[]) : value;
}

/**
 * PostgreSQL writes a timestamp into JSON with its offset; the code reads the ISO text SQLite
 * stores. In UTC (`2026-11-05T10:00:00.5+00:00`) the text is rewritten; parsing a hundred such
 * texts into Dates was a thirtieth of an inbox page's CPU. Any other offset is parsed.
 */
export function isoFromJson(text: string | null): string | null {
  if (text === null) return null;
  const utc = UTC_JSON_TIMESTAMP.exec(text);
  if (!utc) return new Date(text).toISOString();
  return `${utc[1]}.${(utc[2] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
}

const UTC_JSON_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?\+00:00$/;

/** The tables a recipient-list import fills and the data-quality report reads. */
export const REGISTER_TABLES = [
  'import_rows',
  'households',
  'household_members',
  'program_memberships',
  'membership_endings',
] as const;

/**
 * Fresh planner statistics after a bulk load. PostgreSQL plans from them: on a database whose
 * statistics predate the load (a fresh restore, a first import before autovacuum's turn), the
 * report's period-change query was planned as nested loops and took 36 s on the demo data
 * instead of a fraction of a second. SQLite plans these queries from its indexes alone
 * (measured up to 1,000,000 households), so there is nothing to refresh.
 */
export async function refreshPlannerStatistics<DB>(
  db: Kysely<DB>,
  tables: readonly string[],
  sample: 'full' | 'rough' = 'full',
): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  const analyze = sql`ANALYZE ${sql.join(tables.map((t) => sql.table(t)))}`;
  if (sample === 'full') {
    await analyze.execute(db);
    return;
  }
  // A tenth of the rows sampled: enough for the sizes and spreads that choose a join, for
  // statistics taken again while a write goes on (decision 0049).
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL default_statistics_target = ${sql.lit(ROUGH_STATISTICS_TARGET)}`.execute(trx);
    await analyze.execute(trx);
  });
}

/** PostgreSQL's default is 100 (300 rows sampled per unit). */
const ROUGH_STATISTICS_TARGET = 10;

/** WAL pages a bulk write lets gather before a checkpoint (64 MiB of 4 KiB pages). */
export const BULK_WAL_AUTOCHECKPOINT = 16_384;
/** SQLite's own default, which every other write keeps. */
const WAL_AUTOCHECKPOINT = 1000;
const bulkWritesUnderWay = new WeakMap<object, number>();

/**
 * Runs a bulk write (an import's staging or its write into the register) with SQLite's WAL
 * checkpointed every 64 MiB instead of every 4 MiB. A checkpoint copies every page the WAL holds
 * back into the database; an index page that a thousand batches touch was copied back once per
 * checkpoint, and a million staged lines spent 12–18 s of their 28–39 s in commits that
 * checkpointed (decision 0043). Durability is unchanged (`synchronous` stays FULL): only how often
 * the WAL is folded back. Residents' writes meanwhile share the setting until the last bulk write
 * ends. PostgreSQL checkpoints on its own schedule: nothing to change there.
 */
export async function duringBulkWrite<DB, T>(db: Kysely<DB>, work: () => Promise<T>): Promise<T> {
  if (engineOf(db) !== 'sqlite') return work();
  const underWay = bulkWritesUnderWay.get(db) ?? 0;
  bulkWritesUnderWay.set(db, underWay + 1);
  if (underWay === 0) await sql`PRAGMA wal_autocheckpoint = ${sql.lit(BULK_WAL_AUTOCHECKPOINT)}`.execute(db);
  try {
    return await work();
  } finally {
    const left = (bulkWritesUnderWay.get(db) ?? 1) - 1;
    bulkWritesUnderWay.set(db, left);
    if (left === 0) await sql`PRAGMA wal_autocheckpoint = ${sql.lit(WAL_AUTOCHECKPOINT)}`.execute(db);
  }
}
