// The few things that differ between SQLite and PostgreSQL once the schema exists. The domain
// asks these instead of matching a driver's message text or writing engine-specific SQL.
import { type RawBuilder, sql } from 'kysely';

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
